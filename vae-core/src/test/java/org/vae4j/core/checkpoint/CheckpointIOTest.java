package org.vae4j.core.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vae4j.api.ModelSpec;
import org.vae4j.api.OptimizerKind;
import org.vae4j.api.TrainingConfig;
import org.vae4j.api.VaeException;

class CheckpointIOTest {
    @TempDir
    Path dir;

    private Checkpoint sample() {
        return new Checkpoint(
                "vae",
                Map.of("hidden", "500"),
                ModelSpec.mnist(4),
                new TrainingConfig(3, 100, 1e-3, OptimizerKind.ADAM, 9, 1),
                2,
                1200,
                new float[] {1, 2, 3},
                new float[][] {{4, 5, 6}, {7, 8, 9}},
                new Checkpoint.DatasetProvenance("mnist", "cache", Map.of("a", "b")));
    }

    @Test
    void roundTripsEveryField() {
        Path f = dir.resolve("m.vae4j");
        CheckpointIO.write(sample(), f);
        Checkpoint c = CheckpointIO.read(f);
        assertThat(c.provider()).isEqualTo("vae");
        assertThat(c.options()).containsEntry("hidden", "500");
        assertThat(c.spec()).isEqualTo(ModelSpec.mnist(4));
        assertThat(c.training()).isEqualTo(sample().training());
        assertThat(c.epochsCompleted()).isEqualTo(2);
        assertThat(c.optimizerIteration()).isEqualTo(1200);
        assertThat(c.params()).containsExactly(1, 2, 3);
        assertThat(c.optimizerState()[1]).containsExactly(7, 8, 9);
        assertThat(c.dataset().sha256()).containsEntry("a", "b");
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(f); // no temp file left behind
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void inferenceOnlyReadSkipsTheOptimizerStateButStillVerifiesIt() throws IOException {
        Path f = dir.resolve("m.vae4j");
        Checkpoint full = new Checkpoint(
                "vae",
                Map.of(),
                ModelSpec.mnist(4),
                sample().training(),
                2,
                1200,
                new float[] {1, 2, 3},
                new float[][] {{4, 5, 6}, {7, 8, 9}},
                null,
                600,
                Map.of("vae4jVersion", "0.1.0", "blas", "OPENBLAS"));
        CheckpointIO.write(full, f);
        Checkpoint c = CheckpointIO.read(f, false);
        assertThat(c.params()).containsExactly(1, 2, 3);
        assertThat(c.optimizerState()).isEmpty();
        assertThat(c.trainImages()).isEqualTo(600);
        assertThat(c.provenance()).containsEntry("blas", "OPENBLAS").containsEntry("vae4jVersion", "0.1.0");
        // a flipped bit in the skipped optimizer state is still caught (a skip must not bypass the digest)
        byte[] b = Files.readAllBytes(f);
        b[b.length - 32 - 2] ^= 1;
        Files.write(f, b);
        assertThatThrownBy(() -> CheckpointIO.read(f, false))
                .isInstanceOf(VaeException.class)
                .hasMessageContaining("corrupt or truncated");
    }

    @Test
    void aReaderNeverSeesCorruptionWhileAWriterReplacesTheCheckpoint() throws Exception {
        Path f = dir.resolve("live.vae4j");
        CheckpointIO.write(sample(), f);
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        Thread writer = new Thread(() -> {
            // each checkpoint's header is longer than the last (a growing history), so sizes differ
            java.util.List<Checkpoint.EpochRecord> history = new java.util.ArrayList<>();
            for (int e = 1; !stop.get(); e++) {
                history.add(new Checkpoint.EpochRecord(e, 0.5, new org.vae4j.api.Loss(1, 2, 3), null));
                Checkpoint c = sample();
                CheckpointIO.write(
                        new Checkpoint(
                                c.provider(),
                                c.options(),
                                c.spec(),
                                c.training(),
                                2,
                                e,
                                c.params(),
                                c.optimizerState(),
                                c.dataset(),
                                0,
                                Map.of(),
                                null,
                                history),
                        f);
            }
        });
        writer.start();
        int reads = 0;
        try {
            for (; reads < 400; reads++) {
                CheckpointIO.read(f); // must never see half of one file and half of another
            }
        } finally {
            stop.set(true);
            writer.join();
        }
        assertThat(reads).isEqualTo(400);
    }

    @Test
    void aHugeFileIsRefusedBeforeAnythingIsRead() throws IOException {
        Path f = dir.resolve("huge.vae4j");
        try (var raf = new java.io.RandomAccessFile(f.toFile(), "rw")) {
            raf.setLength(3L << 30); // sparse: no disk used
        }
        assertThatThrownBy(() -> CheckpointIO.read(f))
                .isInstanceOf(VaeException.class)
                .hasMessage(f + " is 3221225472 bytes, more than a vae4j checkpoint can be (2147483639); point"
                        + " modelDir at a directory written by a trainer");
        Path zero = dir.resolve("zero.vae4j");
        Files.createSymbolicLink(zero, Path.of("/dev/zero"));
        assertThatThrownBy(() -> CheckpointIO.read(zero))
                .isInstanceOf(VaeException.class)
                .hasMessageContaining(zero + " is not a vae4j checkpoint");
    }

    @Test
    void handEditedHeadersAreRefusedNamingTheFileAndTheField() throws IOException {
        Path f = dir.resolve("m.vae4j");
        java.util.Map<String, java.util.function.Consumer<com.fasterxml.jackson.databind.node.ObjectNode>> edits =
                new java.util.LinkedHashMap<>();
        edits.put(
                "spec.latentDims",
                h -> ((com.fasterxml.jackson.databind.node.ObjectNode) h.get("spec")).put("latentDims", 0));
        edits.put(
                "training.epochs",
                h -> ((com.fasterxml.jackson.databind.node.ObjectNode) h.get("training")).put("epochs", 0));
        edits.put(
                "training.optimizer",
                h -> ((com.fasterxml.jackson.databind.node.ObjectNode) h.get("training")).put("optimizer", "sgd"));
        edits.put(
                "training.learningRate",
                h -> ((com.fasterxml.jackson.databind.node.ObjectNode) h.get("training")).put("learningRate", "fast"));
        edits.put("epochsCompleted", h -> h.put("epochsCompleted", -7));
        edits.put("provider", h -> h.put("provider", ""));
        edits.put(
                "spec.dataSize",
                h -> ((com.fasterxml.jackson.databind.node.ObjectNode) h.get("spec")).put("dataSize", 100));
        for (var e : edits.entrySet()) {
            CheckpointIO.write(sample(), f);
            org.vae4j.core.testkit.CheckpointFiles.editHeader(f, e.getValue());
            assertThatThrownBy(() -> CheckpointIO.read(f))
                    .as(e.getKey())
                    .isInstanceOf(VaeException.class)
                    .hasMessageStartingWith("checkpoint " + f + " has an invalid header field " + e.getKey() + ": ")
                    .hasMessageNotContaining("\n")
                    .hasMessageNotContaining("--");
        }
        // the same edit without recomputing the checksum is reported as corruption
        CheckpointIO.write(sample(), f);
        byte[] b = Files.readAllBytes(f);
        b[30] ^= 1;
        Files.write(f, b);
        assertThatThrownBy(() -> CheckpointIO.read(f)).hasMessageContaining("corrupt");
    }

    @Test
    void corruptedByteIsDetected() throws IOException {
        Path f = dir.resolve("m.vae4j");
        CheckpointIO.write(sample(), f);
        byte[] b = Files.readAllBytes(f);
        b[b.length - 40] ^= 1;
        Files.write(f, b);
        assertThatThrownBy(() -> CheckpointIO.read(f))
                .isInstanceOf(VaeException.class)
                .hasMessageContaining("corrupt or truncated")
                .hasMessageContaining(f.toString());
    }

    @Test
    void truncatedFileIsDetected() throws IOException {
        Path f = dir.resolve("m.vae4j");
        CheckpointIO.write(sample(), f);
        byte[] b = Files.readAllBytes(f);
        Files.write(f, java.util.Arrays.copyOf(b, b.length / 2));
        assertThatThrownBy(() -> CheckpointIO.read(f))
                .isInstanceOf(VaeException.class)
                .hasMessageContaining("checksum");
    }

    @Test
    void foreignFileIsNotACheckpoint() throws IOException {
        Path f = dir.resolve("m.vae4j");
        Files.writeString(f, "hello, this is not a model at all, just some text of decent length");
        assertThatThrownBy(() -> CheckpointIO.read(f)).hasMessageContaining("is not a vae4j checkpoint");
    }

    @Test
    void missingFileSaysHowToMakeOne() {
        assertThatThrownBy(() -> CheckpointIO.read(dir.resolve("none")))
                .hasMessageContaining("train a model there first (a trainer with saveTo DIR)");
    }

    @Test
    void failedWriteLeavesTheOldCheckpointIntact() throws IOException {
        Path f = dir.resolve("m.vae4j");
        CheckpointIO.write(sample(), f);
        byte[] before = Files.readAllBytes(f);
        Checkpoint bad = new Checkpoint(
                "vae",
                Map.of(),
                ModelSpec.mnist(4),
                sample().training(),
                1,
                1,
                new float[] {1, 2, 3},
                new float[][] {{1}},
                null);
        assertThatThrownBy(() -> CheckpointIO.write(bad, f)).isInstanceOf(IllegalArgumentException.class);
        assertThat(Files.readAllBytes(f)).isEqualTo(before);
    }
}
