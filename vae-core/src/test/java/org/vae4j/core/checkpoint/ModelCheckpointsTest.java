package org.vae4j.core.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.vae4j.api.Loss;
import org.vae4j.api.OptimizerKind;
import org.vae4j.api.TrainingConfig;
import org.vae4j.api.TrainingProgress;
import org.vae4j.api.data.Dataset;
import org.vae4j.core.engine.Evaluator;
import org.vae4j.core.engine.ModelFactory;
import org.vae4j.core.engine.ModelState;
import org.vae4j.core.engine.Trainer;
import org.vae4j.core.nn.BuiltinComponents;
import org.vae4j.core.plugin.ModelRegistry;
import org.vae4j.core.plugin.ModelRegistryTest;
import org.vae4j.core.testkit.CheckpointFiles;
import org.vae4j.core.testkit.ProviderConformance;

/**
 * Checkpoints of format 1 (every weight matrix column-major) are converted to format 2 (the
 * encoder's first layer row-major) on restore, parameters and optimizer moments alike.
 */
class ModelCheckpointsTest {
    private static final int HIDDEN = 8;

    @TempDir
    Path dir;

    private final ModelFactory factory = new ModelFactory(
            new ModelRegistry(List.of(new ModelRegistryTest.TestProvider("vae")), List.of()), new BuiltinComponents());
    private final TrainingConfig config = new TrainingConfig(1, 16, 1e-3, OptimizerKind.ADAM, 5, 1);
    private final Dataset data = ProviderConformance.syntheticImages(64, 5);

    private Trainer.Run trained() {
        ModelState state = factory.create(
                "vae", ProviderConformance.SPEC, Map.of("hidden", Integer.toString(HIDDEN)), DataType.FLOAT, 5);
        Trainer.Run run = Trainer.start(state, config);
        new Trainer(config, List.of()).train(run, data);
        return run;
    }

    /** Written independently of the code under test: format 1 held W[j][k] of the 36 x 8 first layer at j + 36 k. */
    private static float[] inFormat1(float[] current) {
        float[] old = current.clone();
        for (int j = 0; j < 36; j++) {
            for (int k = 0; k < HIDDEN; k++) {
                old[j + k * 36] = current[j * HIDDEN + k];
            }
        }
        return old;
    }

    private static Checkpoint asFormat1(Checkpoint c) {
        float[][] moments = new float[c.optimizerState().length][];
        for (int i = 0; i < moments.length; i++) {
            moments[i] = inFormat1(c.optimizerState()[i]);
        }
        return new Checkpoint(
                c.provider(),
                c.options(),
                c.spec(),
                c.training(),
                c.epochsCompleted(),
                c.optimizerIteration(),
                inFormat1(c.params()),
                moments,
                c.dataset(),
                c.trainImages(),
                c.provenance(),
                c.noiseState(),
                c.history(),
                1);
    }

    @Test
    void formatOneIsConvertedToTheCurrentLayoutParametersAndMoments() {
        Checkpoint current = ModelCheckpoints.of(trained(), config, null);
        assertThat(current.formatVersion()).isEqualTo(2);
        assertThat(ModelCheckpoints.upgraded(current, factory)).isSameAs(current);
        Checkpoint old = asFormat1(current);
        assertThat(old.params()).isNotEqualTo(current.params());
        Checkpoint upgraded = ModelCheckpoints.upgraded(old, factory);
        assertThat(upgraded.formatVersion()).isEqualTo(2);
        assertThat(upgraded.params()).containsExactly(current.params());
        assertThat(upgraded.optimizerState()).hasNumberOfRows(2);
        assertThat(upgraded.optimizerState()[0]).containsExactly(current.optimizerState()[0]);
        assertThat(upgraded.optimizerState()[1]).containsExactly(current.optimizerState()[1]);
        assertThat(upgraded.optimizerIteration()).isEqualTo(current.optimizerIteration());
        // the checkpoint as read is left as it was
        assertThat(old.params()).containsExactly(inFormat1(current.params()));
    }

    @Test
    void aFormatOneFileRestoresToTheModelItHeld() throws Exception {
        Trainer.Run run = trained();
        Checkpoint current = ModelCheckpoints.of(run, config, null);
        Path file = dir.resolve(CheckpointIO.FILE_NAME);
        Checkpoint old = asFormat1(current);
        // written as format 2 with the old arrays, then relabelled: what vae4j before format 2 wrote
        CheckpointIO.write(
                new Checkpoint(
                        old.provider(),
                        old.options(),
                        old.spec(),
                        old.training(),
                        old.epochsCompleted(),
                        old.optimizerIteration(),
                        old.params(),
                        old.optimizerState(),
                        null,
                        0,
                        Map.of()),
                file);
        CheckpointFiles.editHeader(file, h -> h.put("formatVersion", 1));
        Checkpoint read = CheckpointIO.read(file);
        assertThat(read.formatVersion()).isEqualTo(1);
        assertThatThrownBy(() -> CheckpointIO.write(read, dir.resolve("copy.vae4j")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("format 1");
        Trainer.Run restored = ModelCheckpoints.restore(read, factory, 1);
        TrainingProgress end = new TrainingProgress(0, 1, 0, 1);
        Loss expected = Evaluator.evaluate(run.model(), data, end);
        assertThat(Evaluator.evaluate(restored.model(), data, end)).isEqualTo(expected);
        assertThat(restored.optimizer().state()[0]).containsExactly(current.optimizerState()[0]);
    }

    @Test
    void formatsOutsideOneAndTwoAreRefused() throws Exception {
        Checkpoint current = ModelCheckpoints.of(trained(), config, null);
        for (int version : new int[] {0, 3}) {
            assertThatThrownBy(() -> new Checkpoint(
                            current.provider(),
                            current.options(),
                            current.spec(),
                            current.training(),
                            1,
                            1,
                            current.params(),
                            current.optimizerState(),
                            null,
                            0,
                            Map.of(),
                            null,
                            null,
                            version))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("format " + version);
            Path file = dir.resolve("v" + version + ".vae4j");
            CheckpointIO.write(current, file);
            CheckpointFiles.editHeader(file, h -> h.put("formatVersion", version));
            assertThatThrownBy(() -> CheckpointIO.read(file))
                    .isInstanceOf(org.vae4j.api.VaeException.class)
                    .hasMessage("checkpoint " + file + " has format version " + version
                            + "; this vae4j reads versions 1" + " to 2 (a newer vae4j wrote it? then use that one)");
        }
    }
}
