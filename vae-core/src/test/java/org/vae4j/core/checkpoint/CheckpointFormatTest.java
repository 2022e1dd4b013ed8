package org.vae4j.core.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vae4j.api.Loss;
import org.vae4j.api.ModelSpec;
import org.vae4j.api.OptimizerKind;
import org.vae4j.api.TrainingConfig;
import org.vae4j.api.VaeException;
import org.vae4j.core.testkit.CheckpointFiles;

/**
 * The checkpoint format at its edges: every size and count check holds exactly at its limit and
 * refuses one past it, a structural problem in a file whose checksum is right is reported as that
 * problem (not as corruption), and everything written is read back, including arrays longer than
 * the reader's 64 KiB chunk.
 */
class CheckpointFormatTest {
    private static final String NOT_A_CHECKPOINT = " is not a vae4j checkpoint (bad magic or too short)";

    @TempDir
    Path dir;

    private Path craft(int declaredLength, String header, int bodyBytes) throws IOException {
        return CheckpointFiles.craft(dir.resolve("c.vae4j"), declaredLength, header, bodyBytes);
    }

    private static String message(Path f) {
        try {
            CheckpointIO.read(f);
        } catch (VaeException e) {
            return e.getMessage();
        }
        throw new AssertionError(f + " was read");
    }

    @Test
    void theShortestFileIsMagicLengthAndChecksum() throws IOException {
        // 44 bytes (8 magic + 4 length + 32 checksum) get past the magic; 43 do not
        Path f = craft(0, "", 0);
        assertThat(Files.size(f)).isEqualTo(44);
        assertThat(message(f)).isEqualTo("checkpoint " + f + " has an invalid header length 0");
        byte[] b = Files.readAllBytes(f);
        Files.write(f, java.util.Arrays.copyOf(b, 43));
        assertThat(message(f))
                .isEqualTo(f + NOT_A_CHECKPOINT + "; point modelDir at a directory written by" + " a trainer");
    }

    @Test
    void theHeaderLengthMustFitTheFile() throws IOException {
        Path f = craft(2, "{}", 0); // the shortest header, filling the file exactly
        assertThat(message(f)).contains("has an invalid header (numParams -1, optimizerStateArrays -1)");
        assertThat(message(craft(1, "{}", 0))).endsWith("has an invalid header length 1");
        assertThat(message(craft(3, "{}", 0))).endsWith("has an invalid header length 3");
    }

    @Test
    void aStructuralProblemUnderABadChecksumIsCorruption() throws IOException {
        Path f = craft(3, "{}", 0);
        byte[] b = Files.readAllBytes(f);
        b[b.length - 1] ^= 1;
        Files.write(f, b);
        assertThat(message(f)).contains("is corrupt or truncated (checksum mismatch)");
    }

    @Test
    void parameterAndOptimizerArrayCountsHoldAtTheirLimits() throws IOException {
        String version = "; this vae4j reads version";
        assertThat(message(craft(42, header(1, 0), 4)))
                .as("1 parameter, no optimizer arrays")
                .contains(version);
        assertThat(message(craft(42, header(1, 8), 36)))
                .as("8 optimizer arrays")
                .contains(version);
        assertThat(message(craft(42, header(0, 0), 0)))
                .contains("invalid header (numParams 0, optimizerStateArrays 0)");
        assertThat(message(craft(42, header(1, 9), 40)))
                .contains("invalid header (numParams 1, optimizerStateArrays 9)");
        assertThat(message(craft(43, header(1, -1), 0))).contains("optimizerStateArrays -1)");
        assertThat(message(craft(42, header(2, 0), 4)))
                .contains("declares 2 parameters and 0 optimizer arrays but its" + " size does not match");
    }

    /** A 42- or 43-character header declaring the counts. */
    private static String header(int p, int k) {
        return String.format("{\"numParams\":%d,\"optimizerStateArrays\":%d}   ", p, k)
                .substring(0, k < 0 ? 43 : 42);
    }

    private static Checkpoint sample(int params, List<Checkpoint.EpochRecord> history, long[] noise, int trainImages) {
        float[] p = new float[params];
        float[][] state = {new float[params], new float[params]};
        for (int i = 0; i < params; i++) {
            p[i] = i * 0.5f - 3;
            state[0][i] = -i;
            state[1][i] = i * 0.25f;
        }
        return new Checkpoint(
                "beta-vae",
                Map.of("beta", "4"),
                ModelSpec.mnist(3),
                new TrainingConfig(5, 100, 1e-3, OptimizerKind.ADAGRAD, -9, 2),
                5,
                3000,
                p,
                state,
                null,
                trainImages,
                Map.of("vae4jVersion", "0.1.0"),
                noise,
                history);
    }

    @Test
    void everythingWrittenIsReadBackIncludingArraysLongerThanOneChunk() {
        Path f = dir.resolve("m.vae4j");
        List<Checkpoint.EpochRecord> history = List.of(
                new Checkpoint.EpochRecord(1, 2.5, new Loss(100, 10, 130, 0.5), new Loss(99, 11, 132)),
                new Checkpoint.EpochRecord(2, 2.25, new Loss(90, 12, 126), null));
        Checkpoint written = sample(40_000, history, new long[] {-5, 77}, 0);
        CheckpointIO.write(written, f);
        Checkpoint c = CheckpointIO.read(f);
        assertThat(c.params()).isEqualTo(written.params());
        assertThat(c.optimizerState()).isDeepEqualTo(written.optimizerState());
        assertThat(c.history()).isEqualTo(history);
        assertThat(c.noiseState()).containsExactly(-5, 77);
        assertThat(c.trainImages()).isZero();
        assertThat(c.training()).isEqualTo(written.training());
        assertThat(c.epochsCompleted()).isEqualTo(5);

        Checkpoint inference = CheckpointIO.read(f, false);
        assertThat(inference.params()).isEqualTo(written.params());
        assertThat(inference.optimizerState()).isEmpty();
        assertThat(inference.hasOptimizerState()).isFalse();

        CheckpointIO.write(sample(3, List.of(), null, 60_000), f);
        Checkpoint plain = CheckpointIO.read(f);
        assertThat(plain.noiseState()).isNull();
        assertThat(plain.history()).isEmpty();
        assertThat(plain.trainImages()).isEqualTo(60_000);
    }

    @Test
    void headerIntegersHoldAtBothEndsOfTheirRange() throws IOException {
        Path f = dir.resolve("m.vae4j");
        edited(f, h -> h.put("epochsCompleted", 0));
        assertThat(CheckpointIO.read(f).epochsCompleted()).isZero();
        edited(f, h -> h.put("epochsCompleted", 5)); // = training.epochs, the most
        assertThat(CheckpointIO.read(f).epochsCompleted()).isEqualTo(5);
        edited(f, h -> h.put("epochsCompleted", 6));
        assertThat(message(f)).contains("invalid header field epochsCompleted: 6 is not an integer in [0, 5]");
        edited(f, h -> h.put("epochsCompleted", -1));
        assertThat(message(f)).contains("invalid header field epochsCompleted: -1 is not an integer in [0, 5]");
        edited(f, h -> h.put("epochsCompleted", 2.5));
        assertThat(message(f)).contains("invalid header field epochsCompleted: 2.5 is not an integer");
        edited(f, h -> h.remove("epochsCompleted"));
        assertThat(message(f)).contains("invalid header field epochsCompleted: it is missing");
        edited(f, h -> ((ObjectNode) h.get("spec")).put("numClasses", 0));
        assertThat(CheckpointIO.read(f).spec().numClasses()).isZero();
        edited(f, h -> ((ObjectNode) h.get("spec")).put("numClasses", -1));
        assertThat(message(f)).contains("invalid header field spec.numClasses: -1 is not an integer in [0, 1048576]");
        edited(f, h -> h.put("optimizerIteration", -1));
        assertThat(message(f)).contains("invalid header field optimizerIteration: -1 is not an integer >= 0");
        edited(f, h -> h.put("optimizerIteration", 0));
        assertThat(CheckpointIO.read(f).optimizerIteration()).isZero();
        edited(f, h -> h.put("trainImages", -1));
        assertThat(message(f)).contains("invalid header field trainImages: -1 is not an integer in [0, ");
        edited(f, h -> ((ObjectNode) h.get("training")).put("seed", "x"));
        assertThat(message(f)).contains("invalid header field training.seed: \"x\" is not an integer");
        edited(f, h -> h.put("options", 3));
        assertThat(message(f)).contains("invalid header field options: it is not an object of option values");
        edited(f, h -> h.put("provider", "Beta VAE"));
        assertThat(message(f)).contains("invalid header field provider: 'Beta VAE' is not a model name");
    }

    private void edited(Path f, java.util.function.Consumer<ObjectNode> edit) throws IOException {
        CheckpointIO.write(sample(3, List.of(), null, 60_000), f);
        CheckpointFiles.editHeader(f, edit);
    }
}
