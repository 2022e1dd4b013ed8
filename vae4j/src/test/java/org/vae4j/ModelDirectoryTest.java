package org.vae4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vae4j.api.ConfigurationException;
import org.vae4j.api.Loss;
import org.vae4j.api.TrainingListener;
import org.vae4j.api.VaeException;
import org.vae4j.api.data.DatasetPair;

/** One writer per model directory, nothing stale left behind, and an unwritable --out found before training. */
class ModelDirectoryTest {
    @TempDir
    Path dir;

    private final DatasetPair data = Vae4jTest.synthetic(200, 50, 4);

    private ModelTrainer trainer(Vae4j vae, Path out) {
        return vae.trainer("vae").latentDims(2).epochs(1).option("hidden", 8).saveTo(out);
    }

    @Test
    void aSecondWriterIsRefusedNamingTheHoldersPid() throws Exception {
        Path out = dir.resolve("m");
        CountDownLatch training = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try (Vae4j vae = Vae4j.builder().threads(1).build()) {
            CompletableFuture<TrainedVae> first = CompletableFuture.supplyAsync(() -> trainer(vae, out)
                    .listener(new TrainingListener() {
                        @Override
                        public void onEpochStart(int epoch) {
                            training.countDown();
                            try {
                                release.await(60, TimeUnit.SECONDS);
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                        }
                    }).train(data));
            assertThat(training.await(60, TimeUnit.SECONDS)).isTrue();
            // both were configured before either wrote anything: the lock, not the early check, refuses the second
            ModelTrainer second = trainer(vae, out).validate();
            assertThatThrownBy(() -> second.train(data)).isInstanceOf(VaeException.class)
                    .hasMessage(out + " is being written by another vae4j run (PID " + ProcessHandle.current().pid()
                            + "); wait for it to finish, or choose another --out");
            release.countDown();
            TrainedVae model = first.get(60, TimeUnit.SECONDS);
            assertThat(model.summary()).isPresent();
            // the finished run's files are its own, and a third run is refused by the model it finds
            assertThatThrownBy(() -> trainer(vae, out).train(data)).isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("already holds a model");
            assertThat(vae.load(out).epochsCompleted()).isEqualTo(1);
        }
    }

    @Test
    void aCheckpointThatDoesNotFitItsModelIsRefusedNamingTheFile() throws Exception {
        Path out = dir.resolve("m");
        try (Vae4j vae = Vae4j.builder().threads(1).build()) {
            trainer(vae, out).train(data);
            Path file = out.resolve("model.vae4j");
            org.vae4j.core.testkit.CheckpointFiles.editHeader(file, h ->
                    ((com.fasterxml.jackson.databind.node.ObjectNode) h.get("options")).put("hidden", "9"));
            assertThatThrownBy(() -> vae.load(out)).isInstanceOf(VaeException.class)
                    .hasMessageStartingWith("checkpoint " + file + " does not fit model 'vae': model vae needs")
                    .hasMessageNotContaining("\n");
            org.vae4j.core.testkit.CheckpointFiles.editHeader(file, h ->
                    ((com.fasterxml.jackson.databind.node.ObjectNode) h.get("options")).put("hidden", "8").put("depth", "2"));
            assertThatThrownBy(() -> vae.load(out)).isInstanceOf(VaeException.class)
                    .isNotInstanceOf(ConfigurationException.class).hasMessageContaining("unknown option 'depth'");
        }
    }

    @Test
    void imagesOfAnotherShapeWithTheSamePixelCountAreRefused() {
        try (Vae4j vae = Vae4j.builder().threads(1).build()) {
            TrainedVae m = trainer(vae, dir.resolve("shape")).train(data);
            var flat = new org.vae4j.api.data.Dataset("flat", 10, 1, 784, new float[7840], null, 0);
            assertThatThrownBy(() -> m.evaluate(flat, 0)).isInstanceOf(VaeException.class)
                    .hasMessage("the model expects 28x28 images but flat has 1x784; pass the dataset it was trained on");
        }
    }

    @Test
    void anEmptyHiddenLayerListIsRefusedNotTrainedAsALinearModel() {
        try (Vae4j vae = Vae4j.builder().threads(1).build()) {
            assertThatThrownBy(() -> vae.trainer("vae").option("hidden", "").validate())
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessage("option hidden= is invalid: must be one or more positive integers, e.g. 500 or 500,250");
        }
    }

    @Test
    void temporaryFilesOfAKilledWriterAreRemovedByTheNextOne() throws Exception {
        Path out = Files.createDirectories(dir.resolve("m"));
        Path stale = Files.write(out.resolve(".model.vae4j12345.tmp"), new byte[1024]);
        Path keep = Files.write(out.resolve("notes.txt"), new byte[3]);
        try (Vae4j vae = Vae4j.builder().threads(1).build()) {
            trainer(vae, out).train(data);
        }
        assertThat(stale).doesNotExist();
        assertThat(keep).exists();
        try (var files = Files.list(out)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }
    }

    @Test
    void anUnwritableOrEmptyOutIsFoundBeforeAnythingTrains() throws Exception {
        Path file = Files.write(dir.resolve("a-file"), new byte[1]);
        try (Vae4j vae = Vae4j.builder().threads(1).build()) {
            Loss[] trained = {null};
            TrainingListener spy = new TrainingListener() {
                @Override
                public void onEpochEnd(int epoch, Loss loss, double seconds) {
                    trained[0] = loss;
                }
            };
            assertThatThrownBy(() -> trainer(vae, file.resolve("model")).listener(spy).validate())
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessage("--out " + file.resolve("model") + " cannot be written (" + file
                            + " is not a directory); choose another directory");
            assertThatThrownBy(() -> trainer(vae, Path.of("")).validate()).isInstanceOf(ConfigurationException.class)
                    .hasMessage("--out is empty; name the model directory to create");
            assertThat(trained[0]).isNull();
        }
    }
}
