package org.vae4j.metrics.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.vae4j.api.metrics.DisentanglementMetric;
import org.vae4j.api.metrics.Factors;
import org.vae4j.api.metrics.MetricContext;
import org.vae4j.core.plugin.NamedRegistry;
import org.vae4j.core.plugin.PluginLoader;

/**
 * vae4j's scores held to exact values from an independent implementation: the committed cases and
 * values come from {@code reference/score_reference.py} (numpy, scipy and scikit-learn's own mutual
 * information, entropy, correlations and assignment). Where the arithmetic is exact (MIG,
 * modularity, SAP's continuous branch, correlations, the alignment) the values agree to 1e-9; a
 * wrong sign, scale, normalisation or gap fails.
 */
class ReferenceScoresTest {
    private static final double EXACT = 1e-9;
    private static final JsonNode REFERENCE = ReferenceCsv.json("/reference/reference.json");
    private final NamedRegistry<DisentanglementMetric> metrics =
            PluginLoader.discover(ReferenceScoresTest.class.getClassLoader()).metrics();

    private static double[][] csv(String name) {
        return ReferenceCsv.read("/reference/cases/" + name + ".csv");
    }

    private static Factors factors(String name, JsonNode ref) {
        return ReferenceCsv.factors(csv(name + "-factors"), ref.get("discrete"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"aligned", "rotated", "noisy", "mixed", "narrow"})
    void scoresEqualTheIndependentReference(String name) throws IOException {
        JsonNode ref = REFERENCE.get("cases").get(name);
        double[][] codes = csv(name + "-codes");
        Factors f = factors(name, ref);
        MetricContext context =
                MetricContext.DEFAULT.withTrainRows(REFERENCE.get("trainRows").asInt());
        assertThat(metrics.get("mig").compute(codes, f, context).value())
                .as("MIG")
                .isCloseTo(ref.get("mig").asDouble(), offset(EXACT));
        assertThat(metrics.get("modularity").compute(codes, f, context).value())
                .as("modularity")
                .isCloseTo(ref.get("modularity").asDouble(), offset(EXACT));
        if (ref.has("sap")) {
            assertThat(metrics.get("sap").compute(codes, f, context).value())
                    .as("SAP")
                    .isCloseTo(ref.get("sap").asDouble(), offset(EXACT));
        }
        double[][] pearson = Correlations.pearson(codes, f);
        double[][] spearman = Correlations.spearman(codes, f);
        for (int j = 0; j < codes[0].length; j++) {
            for (int k = 0; k < f.count(); k++) {
                assertThat(pearson[j][k])
                        .as("Pearson z%d f%d", j, k)
                        .isCloseTo(ref.get("pearson").get(j).get(k).asDouble(), offset(EXACT));
                assertThat(spearman[j][k])
                        .as("Spearman z%d f%d", j, k)
                        .isCloseTo(ref.get("spearman").get(j).get(k).asDouble(), offset(EXACT));
            }
        }
        List<Alignment.Assignment> aligned = Alignment.align(codes, f, Alignment.Measure.SPEARMAN, 20);
        for (JsonNode a : ref.get("alignment")) {
            int k = a.get("factor").asInt();
            Alignment.Assignment mine = aligned.get(k);
            assertThat(mine.dimension())
                    .as("dimension of f%d", k)
                    .isEqualTo(a.get("dimension").asInt());
            assertThat(mine.runnerUpDimension())
                    .as("runner-up of f%d", k)
                    .isEqualTo(a.get("runnerUpDimension").asInt());
            assertThat(mine.runnerUpStrength())
                    .isCloseTo(a.get("runnerUpStrength").asDouble(), offset(EXACT));
            if (a.has("strength")) {
                assertThat(mine.strength()).isCloseTo(a.get("strength").asDouble(), offset(EXACT));
                assertThat(mine.competingAttribute())
                        .as("competitor of f%d", k)
                        .isEqualTo("f" + a.get("competingFactor").asInt());
                assertThat(mine.competingStrength())
                        .isCloseTo(a.get("competingStrength").asDouble(), offset(EXACT));
            } else {
                assertThat(mine.strength()).isNaN();
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"aligned", "noisy"})
    void theSplitOfTrainRowsIsTheFirstRowsInOrder(String name) throws IOException {
        MetricContext context = MetricContext.DEFAULT.withTrainRows(320);
        int[][] split = context.split(400);
        assertThat(split[0]).hasSize(320).startsWith(0, 1, 2).endsWith(319);
        assertThat(split[1]).hasSize(80).startsWith(320).endsWith(399);
        Map<String, Object> params = metrics.get("sap")
                .compute(
                        csv(name + "-codes"),
                        factors(name, REFERENCE.get("cases").get(name)),
                        context)
                .parameters();
        assertThat(params).containsEntry("train", 320).containsEntry("test", 80);
    }
}
