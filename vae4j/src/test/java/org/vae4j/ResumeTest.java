package org.vae4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vae4j.api.ConfigurationException;
import org.vae4j.api.TrainingListener;
import org.vae4j.api.data.DatasetPair;
import org.vae4j.core.checkpoint.CheckpointIO;

/** A crashed run continues from its checkpoint to exactly where an uninterrupted one gets. */
class ResumeTest {
    @TempDir
    Path dir;

    private final DatasetPair data = Vae4jTest.synthetic(300, 60, 6);

    private static ModelTrainer trainer(Vae4j vae, Path out) {
        return vae.trainer("beta-vae")
                .option("beta", 2)
                .option("hidden", 16)
                .latentDims(3)
                .epochs(3)
                .batchSize(50)
                .seed(9)
                .threads(1)
                .saveTo(out);
    }

    @Test
    void anInterruptedRunResumedGivesBitIdenticalParameters() throws Exception {
        try (Vae4j vae = Vae4j.builder().threads(1).build()) {
            Path whole = dir.resolve("whole");
            trainer(vae, whole).train(data);

            Path crashed = dir.resolve("crashed");
            assertThatThrownBy(() -> trainer(vae, crashed)
                            .listener(new TrainingListener() {
                                @Override
                                public void onEpochStart(int epoch) {
                                    if (epoch == 2) {
                                        throw new IllegalStateException("killed");
                                    }
                                }
                            })
                            .train(data))
                    .hasMessage("killed");
            assertThat(CheckpointIO.read(crashed.resolve("model.vae4j")).epochsCompleted())
                    .isEqualTo(2);
            assertThat(crashed.resolve("metrics.json")).doesNotExist();

            // the crashed directory is refused as a fresh --out, and continued with resume
            assertThatThrownBy(() -> trainer(vae, crashed).validate()).hasMessageContaining("resume");
            TrainedVae resumed = vae.resume(crashed).train(data);
            assertThat(resumed.epochsCompleted()).isEqualTo(3);

            float[] a = CheckpointIO.read(whole.resolve("model.vae4j")).params();
            float[] b = CheckpointIO.read(crashed.resolve("model.vae4j")).params();
            assertThat(b).isEqualTo(a);
            assertThat(CheckpointIO.read(crashed.resolve("model.vae4j")).optimizerState()[1])
                    .isEqualTo(CheckpointIO.read(whole.resolve("model.vae4j")).optimizerState()[1]);

            // the history carries on: three epochs, the first two as the crashed run trained them
            ObjectMapper json = new ObjectMapper();
            JsonNode h1 = json.readTree(whole.resolve("metrics.json").toFile()).get("history");
            JsonNode h2 =
                    json.readTree(crashed.resolve("metrics.json").toFile()).get("history");
            assertThat(h2).hasSize(3);
            for (int e = 0; e < 3; e++) {
                assertThat(h2.get(e).get("train")).isEqualTo(h1.get(e).get("train"));
                assertThat(h2.get(e).get("test")).isEqualTo(h1.get(e).get("test"));
            }
            assertThat(json.readTree(crashed.resolve("metrics.json").toFile()).get("test"))
                    .isEqualTo(json.readTree(whole.resolve("metrics.json").toFile())
                            .get("test"));
        }
    }

    @Test
    void aFinishedRunTrainsFurtherOnlyToMoreEpochsAndOnlyOnItsData() throws Exception {
        try (Vae4j vae = Vae4j.builder().threads(1).build()) {
            Path out = dir.resolve("finished");
            trainer(vae, out).train(data);
            assertThatThrownBy(() -> vae.resume(out).train(data))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessage("resume: " + out + " holds 3 epochs already; pass epochs N with N > 3 to train"
                            + " further");
            assertThatThrownBy(() -> vae.resume(out).epochs(4).train(Vae4jTest.synthetic(200, 60, 6)))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("was trained on 300 training images");
            byte[] before = Files.readAllBytes(out.resolve("model.vae4j"));
            TrainedVae more = vae.resume(out).epochs(4).train(data);
            assertThat(more.epochsCompleted()).isEqualTo(4);
            assertThat(Files.readAllBytes(out.resolve("model.vae4j"))).isNotEqualTo(before);
            assertThat(new ObjectMapper()
                            .readTree(out.resolve("metrics.json").toFile())
                            .get("history"))
                    .hasSize(4);
        }
    }

    @Test
    void aRunThatBlowsUpWarnsAndKeepsItsBestEpoch() throws Exception {
        DatasetPair d = Vae4jTest.synthetic(400, 100, 1);
        try (Vae4j vae = Vae4j.builder().threads(1).build()) {
            Path calm = dir.resolve("calm");
            TrainedVae ok = vae.trainer("vae")
                    .option("hidden", 16)
                    .latentDims(2)
                    .epochs(6)
                    .batchSize(50)
                    .learningRate(0.05)
                    .saveTo(calm)
                    .train(d);
            assertThat(ok.summary().orElseThrow().warning()).isNull();
            assertThat(calm.resolve("best.vae4j")).doesNotExist();

            Path wild = dir.resolve("wild");
            TrainedVae blown = vae.trainer("vae")
                    .option("hidden", 16)
                    .latentDims(2)
                    .epochs(6)
                    .batchSize(50)
                    .learningRate(1.5)
                    .saveTo(wild)
                    .train(d);
            TrainingSummary s = blown.summary().orElseThrow();
            double best = s.history().stream()
                    .mapToDouble(e -> e.test().negElbo())
                    .min()
                    .orElseThrow();
            int bestEpoch = s.history().stream()
                    .filter(e -> e.test().negElbo() == best)
                    .findFirst()
                    .orElseThrow()
                    .epoch();
            assertThat(s.test().negElbo()).isGreaterThan(best * 1.1);
            assertThat(s.warning())
                    .startsWith(String.format(
                            java.util.Locale.ROOT,
                            "the test -ELBO ended at %.2f nats," + " far above its best, %.2f after epoch %d",
                            s.test().negElbo(),
                            best,
                            bestEpoch))
                    .contains("and resume the run in " + wild);
            assertThat(new ObjectMapper()
                            .readTree(wild.resolve("metrics.json").toFile())
                            .get("warning")
                            .asText())
                    .isEqualTo(s.warning());
            // the kept epoch is the best one, with everything needed to continue from it
            var kept = CheckpointIO.read(wild.resolve("best.vae4j"));
            assertThat(kept.epochsCompleted()).isEqualTo(bestEpoch);
            assertThat(kept.history()).hasSize(bestEpoch);
            Path restored = Files.createDirectories(dir.resolve("restored"));
            Files.copy(wild.resolve("best.vae4j"), restored.resolve("model.vae4j"));
            assertThat(vae.load(restored).evaluate(d.test(), 0).test().negElbo())
                    .isCloseTo(best, org.assertj.core.data.Offset.offset(1e-6));
        }
    }
}
