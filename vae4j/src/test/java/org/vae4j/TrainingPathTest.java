package org.vae4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vae4j.api.ConfigurationException;
import org.vae4j.api.OptimizerKind;
import org.vae4j.api.TrainingConfig;
import org.vae4j.api.VaeException;
import org.vae4j.api.data.DatasetPair;

/** One training path: a configuration goes into a trainer and comes back out; resume reads its checkpoint once. */
class TrainingPathTest {
    @TempDir
    Path dir;

    private final DatasetPair data = Vae4jTest.synthetic(200, 50, 4);

    @Test
    void aConfigurationGoesInAndComesBackOut() {
        TrainingConfig chosen = TrainingConfig.builder()
                .epochs(3)
                .batchSize(25)
                .learningRate(0.01)
                .optimizer(OptimizerKind.ADAGRAD)
                .seed(7)
                .threads(1)
                .build();
        assertThat(chosen).isEqualTo(new TrainingConfig(3, 25, 0.01, OptimizerKind.ADAGRAD, 7, 1));
        assertThat(chosen.toBuilder().epochs(5).build())
                .isEqualTo(new TrainingConfig(5, 25, 0.01, OptimizerKind.ADAGRAD, 7, 1));
        assertThat(TrainingConfig.builder().build()).isEqualTo(TrainingConfig.defaults());
        try (Vae4j vae = Vae4j.builder().threads(1).build()) {
            ModelTrainer trainer = vae.trainer("vae").config(chosen);
            assertThat(trainer.config()).isEqualTo(chosen);
            assertThat(trainer.epochs(4).config())
                    .isEqualTo(chosen.toBuilder().epochs(4).build());
            assertThat(trainer.resumedModel()).isEmpty();
        }
    }

    @Test
    void invalidValuesAreNamedByTheirApiKey() {
        assertThatThrownBy(() -> TrainingConfig.builder().learningRate(-1).build())
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("learningRate must be a finite number > 0, got -1.0")
                .extracting(e -> ((ConfigurationException) e).setting())
                .isEqualTo("learningRate");
        try (Vae4j vae = Vae4j.builder().threads(1).build()) {
            assertThatThrownBy(() -> vae.trainer("vae").epochs(0).validate()).hasMessage("epochs must be >= 1, got 0");
            assertThatThrownBy(() -> vae.trainer("vae").limit(0)).hasMessage("limit must be >= 1, got 0");
            assertThatThrownBy(() -> vae.load(dir.resolve("none")))
                    .isInstanceOf(VaeException.class)
                    .hasMessage("modelDir " + dir.resolve("none") + " does not exist; train a model with a trainer's"
                            + " saveTo " + dir.resolve("none"));
        }
    }

    @Test
    void resumeKnowsItsModelAndNoticesAnotherWriterWithoutReadingAgain() throws Exception {
        Path out = dir.resolve("m");
        try (Vae4j vae = Vae4j.builder().threads(1).build()) {
            vae.trainer("vae")
                    .option("hidden", 8)
                    .latentDims(2)
                    .epochs(1)
                    .batchSize(50)
                    .saveTo(out)
                    .train(data);
            ModelTrainer resumed = vae.resume(out).epochs(2);
            assertThat(resumed.resumedModel())
                    .get()
                    .extracting(TrainedVae::epochsCompleted)
                    .isEqualTo(1);
            assertThat(resumed.resumedModel().orElseThrow().datasetName()).hasValue(data.name());
            assertThat(resumed.config().batchSize()).isEqualTo(50);

            // another run writes the checkpoint between resume() and train(): refused, nothing trained
            Path file = out.resolve("model.vae4j");
            Files.setLastModifiedTime(
                    file, FileTime.fromMillis(Files.getLastModifiedTime(file).toMillis() + 5_000));
            byte[] before = Files.readAllBytes(file);
            assertThatThrownBy(() -> resumed.train(data))
                    .isInstanceOf(VaeException.class)
                    .hasMessage(
                            "resume: " + out + " changed since it was read (another run wrote to it); resume again");
            assertThat(Files.readAllBytes(file)).isEqualTo(before);
            assertThat(vae.resume(out).epochs(2).train(data).epochsCompleted()).isEqualTo(2);
        }
    }
}
