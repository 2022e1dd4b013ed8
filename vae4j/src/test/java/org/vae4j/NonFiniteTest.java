package org.vae4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vae4j.api.Loss;
import org.vae4j.api.VaeException;
import org.vae4j.internal.Json;

/** NaN and infinity never become numbers, and never replace a good checkpoint. */
class NonFiniteTest {
    @TempDir
    Path dir;

    @Test
    void nonFiniteQuantitiesAreWrittenAsNullNotAsZero() throws IOException {
        Evaluation e = new Evaluation(
                new Evaluation.Subject("vae", 2, 1, "mnist", 10),
                new Loss(Double.NaN, 1.5, Double.NaN),
                new Evaluation.ImportanceWeighted(
                        new Evaluation.ImportanceWeighted.Estimate(10, Double.NEGATIVE_INFINITY, Double.NaN, false),
                        new Evaluation.ImportanceWeighted.Sampling(5, 1, 0.1),
                        3,
                        new double[10]),
                new Evaluation.Latent(
                        1, new double[] {Double.NaN, 0.5}, new double[] {Double.POSITIVE_INFINITY, 0.25}, new int[] {
                            0, 1
                        }),
                List.of());
        String line = e.summaryJson();
        assertThat(line)
                .contains(
                        "\"negElbo\":null",
                        "\"reconstruction\":null",
                        "\"kl\":1.5",
                        "\"objective\":null",
                        "\"logLikelihood\":null",
                        "\"standardError\":null",
                        "\"gapToElbo\":null")
                .doesNotContain("0.0,");
        String file = Files.readString(e.writeTo(dir));
        assertThat(file).contains("\"kl\" : null", "\"varianceOfMean\" : null", "\"varianceOfMean\" : 0.5");
        // and read back as NaN, not 0, by the study's analysis
        var node = new com.fasterxml.jackson.databind.ObjectMapper().readTree(file);
        assertThat(Json.number(node.path("test").get("negElbo"))).isNaN();
        assertThat(Json.number(node.path("test").get("kl"))).isEqualTo(1.5);
    }

    @Test
    void aSaveNeverReplacesAGoodCheckpointWithANonFiniteOne() throws IOException {
        Path modelDir = dir.resolve("m");
        try (Vae4j vae =
                Vae4j.builder().threads(1).cacheDirectory(dir.resolve("cache")).build()) {
            TrainedVae m = vae.trainer("vae")
                    .latentDims(2)
                    .epochs(1)
                    .option("hidden", 8)
                    .saveTo(modelDir)
                    .train(Vae4jTest.synthetic(200, 50, 3));
            byte[] good = Files.readAllBytes(modelDir.resolve("model.vae4j"));
            m.handle().state().params().putScalar(5, Double.NaN);
            assertThatThrownBy(() -> m.save(modelDir))
                    .isInstanceOf(VaeException.class)
                    .hasMessageContaining("1 of ")
                    .hasMessageContaining("NaN or infinite")
                    .hasMessageContaining("was not replaced (it keeps the last good epoch)");
            assertThat(Files.readAllBytes(modelDir.resolve("model.vae4j"))).isEqualTo(good);
            assertThat(vae.load(modelDir).encode(new float[1][784])[0]).doesNotContain(Float.NaN);
        }
    }
}
