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

/**
 * One writer per model directory, nothing stale left behind, an unwritable --out found before
 * training, and checkpoints of the previous format converted on load.
 */
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
                    })
                    .train(data));
            assertThat(training.await(60, TimeUnit.SECONDS)).isTrue();
            // both were configured before either wrote anything: the lock, not the early check, refuses the second
            ModelTrainer second = trainer(vae, out).validate();
            assertThatThrownBy(() -> second.train(data))
                    .isInstanceOf(VaeException.class)
                    .hasMessage(out + " is being written by another vae4j run (PID "
                            + ProcessHandle.current().pid() + "); wait for it to finish, or choose another saveTo");
            release.countDown();
            TrainedVae model = first.get(60, TimeUnit.SECONDS);
            assertThat(model.summary()).isPresent();
            // the finished run's files are its own, and a third run is refused by the model it finds
            assertThatThrownBy(() -> trainer(vae, out).train(data))
                    .isInstanceOf(ConfigurationException.class)
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
            org.vae4j.core.testkit.CheckpointFiles.editHeader(
                    file, h -> ((com.fasterxml.jackson.databind.node.ObjectNode) h.get("options")).put("hidden", "9"));
            assertThatThrownBy(() -> vae.load(out))
                    .isInstanceOf(VaeException.class)
                    .hasMessageStartingWith("checkpoint " + file + " does not fit model 'vae': model vae needs")
                    .hasMessageNotContaining("\n");
            org.vae4j.core.testkit.CheckpointFiles.editHeader(
                    file,
                    h -> ((com.fasterxml.jackson.databind.node.ObjectNode) h.get("options"))
                            .put("hidden", "8")
                            .put("depth", "2"));
            assertThatThrownBy(() -> vae.load(out))
                    .isInstanceOf(VaeException.class)
                    .isNotInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("unknown option 'depth'");
        }
    }

    @Test
    void imagesOfAnotherShapeWithTheSamePixelCountAreRefused() {
        try (Vae4j vae = Vae4j.builder().threads(1).build()) {
            TrainedVae m = trainer(vae, dir.resolve("shape")).train(data);
            var flat = new org.vae4j.api.data.Dataset("flat", 10, 1, 784, new float[7840], null, 0);
            assertThatThrownBy(() -> m.evaluate(flat, 0))
                    .isInstanceOf(VaeException.class)
                    .hasMessage(
                            "the model expects 28x28 images but flat has 1x784; pass the dataset it was trained on");
        }
    }

    @Test
    void anEmptyHiddenLayerListIsRefusedNotTrainedAsALinearModel() {
        try (Vae4j vae = Vae4j.builder().threads(1).build()) {
            assertThatThrownBy(() -> vae.trainer("vae").option("hidden", "").validate())
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessage(
                            "option hidden= is invalid: must be one or more positive integers, e.g. 500 or 500,250");
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
            assertThatThrownBy(() ->
                            trainer(vae, file.resolve("model")).listener(spy).validate())
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessage("saveTo " + file.resolve("model") + " cannot be written (" + file
                            + " is not a directory); choose another directory");
            assertThatThrownBy(() -> trainer(vae, Path.of("")).validate())
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessage("saveTo is empty; name the model directory to create");
            assertThat(trained[0]).isNull();
        }
    }
    /** The parameters as checkpoint format 1 held them: the encoder's first-layer weights (in x out) column-major. */
    private static float[] inFormat1(float[] current, int in, int out) {
        float[] old = current.clone();
        for (int j = 0; j < in; j++) {
            for (int k = 0; k < out; k++) {
                old[j + k * in] = current[j * out + k];
            }
        }
        return old;
    }

    @Test
    void aCheckpointOfFormatOneIsConvertedOnLoadAndResumesAsItWould() throws Exception {
        Path current = dir.resolve("format2");
        Path old = dir.resolve("format1");
        String file = org.vae4j.core.checkpoint.CheckpointIO.FILE_NAME;
        try (Vae4j vae = Vae4j.builder().threads(1).build()) {
            trainer(vae, current).train(data);
            // the same run as vae4j wrote it before format 2 (784 inputs, 8 hidden units)
            Files.createDirectories(old);
            Files.copy(current.resolve("metrics.json"), old.resolve("metrics.json"));
            var c = org.vae4j.core.checkpoint.CheckpointIO.read(current.resolve(file));
            assertThat(c.formatVersion()).isEqualTo(2);
            float[][] moments = new float[c.optimizerState().length][];
            for (int i = 0; i < moments.length; i++) {
                moments[i] = inFormat1(c.optimizerState()[i], 784, 8);
            }
            assertThat(moments.length).as("Adam's two moments").isEqualTo(2);
            org.vae4j.core.checkpoint.CheckpointIO.write(
                    new org.vae4j.core.checkpoint.Checkpoint(
                            c.provider(),
                            c.options(),
                            c.spec(),
                            c.training(),
                            c.epochsCompleted(),
                            c.optimizerIteration(),
                            inFormat1(c.params(), 784, 8),
                            moments,
                            c.dataset(),
                            c.trainImages(),
                            c.provenance(),
                            c.noiseState(),
                            c.history()),
                    old.resolve(file));
            org.vae4j.core.testkit.CheckpointFiles.editHeader(old.resolve(file), h -> h.put("formatVersion", 1));
            assertThat(org.vae4j.core.checkpoint.CheckpointIO.read(old.resolve(file))
                            .formatVersion())
                    .isEqualTo(1);

            float[][] images = Vae4jTest.firstImages(data.test(), 5);
            float[][] codes = vae.load(current).encode(images);
            assertThat(vae.load(old).encode(images)).isDeepEqualTo(codes);
            // the optimizer's moments are converted too: another epoch from either gives the same model
            float[][] resumed = vae.resume(current).epochs(2).train(data).encode(images);
            assertThat(java.util.Arrays.deepEquals(resumed, codes))
                    .as("another epoch changed the model")
                    .isFalse();
            assertThat(vae.resume(old).epochs(2).train(data).encode(images)).isDeepEqualTo(resumed);
            // and the continued run is saved in the current format
            assertThat(org.vae4j.core.checkpoint.CheckpointIO.read(old.resolve(file))
                            .formatVersion())
                    .isEqualTo(2);
        }
    }
}
