package org.vae4j.metrics.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.vae4j.api.metrics.DisentanglementMetric;
import org.vae4j.api.metrics.Factors;
import org.vae4j.api.metrics.MetricContext;
import org.vae4j.api.metrics.MetricResult;
import org.vae4j.core.plugin.PluginLoader;

/**
 * {@link LinearSvc}, {@link Logistic}, {@code dlib-sap} and {@code dlib-explicitness} held to
 * scikit-learn: the committed cases and values come
 * from {@code reference/svm_reference.py}. The fits are compared with LinearSVC run to tol=1e-12
 * (the exact optimum of the same problem: squared hinge, balanced class weights, a penalised
 * intercept, liblinear's one-vs-rest weighting), so a wrong loss, weight, sign or intercept fails;
 * dlib-sap with disentanglement_lib's own code and sklearn's default tolerance, within 1e-3. The
 * logistic models are compared by their probabilities with LogisticRegression run by newton-cg to tol=1e-10, and
 * dlib-explicitness with disentanglement_lib's own code and defaults, within 1e-3.
 */
class DlibReferenceTest {
    private static final JsonNode REFERENCE = ReferenceCsv.json("/reference/svm-reference.json");

    private static double[][] csv(String name) {
        return ReferenceCsv.read("/reference/svm-cases/" + name + ".csv");
    }

    @ParameterizedTest
    @ValueSource(strings = {"binary", "binary-imbalanced", "three", "five-imbalanced"})
    void fitsTheSameOptimumAsScikitLearn(String name) throws IOException {
        double[][] rows = csv(name);
        double[][] x = Arrays.stream(rows).map(r -> new double[] {r[0]}).toArray(double[][]::new);
        int[] y = Arrays.stream(rows).mapToInt(r -> (int) r[1]).toArray();
        LinearSvc svc = LinearSvc.fit(x, y, 0.01);
        JsonNode ref = REFERENCE.get("fits").get(name);
        for (int p = 0; p < ref.get("coef").size(); p++) {
            double[] w = svc.coefficients(p);
            assertThat(w[0])
                    .as("%s coefficient %d", name, p)
                    .isCloseTo(ref.get("coef").get(p).asDouble(), offset(1e-6));
            assertThat(w[1])
                    .as("%s intercept %d", name, p)
                    .isCloseTo(ref.get("intercept").get(p).asDouble(), offset(1e-6));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"binary", "binary-imbalanced", "three", "five-imbalanced"})
    void logisticRegressionGivesScikitLearnsProbabilities(String name) {
        double[][] rows = csv(name);
        double[][] x = Arrays.stream(rows).map(r -> new double[] {r[0]}).toArray(double[][]::new);
        int[] y = Arrays.stream(rows).mapToInt(r -> (int) r[1]).toArray();
        Logistic model = Logistic.fit(x, y, 1);
        JsonNode ref = REFERENCE.get("fits").get(name).get("logistic");
        for (int i = 0; i < ref.get("at").size(); i++) {
            double[] p = model.probabilities(new double[] {ref.get("at").get(i).asDouble()});
            for (int c = 0; c < p.length; c++) {
                assertThat(p[c])
                        .as("%s P(class %d | x = %s)", name, c, ref.get("at").get(i))
                        .isCloseTo(ref.get("probabilities").get(i).get(c).asDouble(), offset(1e-6));
            }
        }
    }

    @Test
    void dlibExplicitnessEqualsDisentanglementLibsOwnCode() {
        JsonNode ref = REFERENCE.get("explicitness");
        MetricResult r = metric("dlib-explicitness")
                .compute(
                        csv("sap-codes"),
                        sapFactors(),
                        MetricContext.DEFAULT.withTrainRows(
                                REFERENCE.get("sap").get("trainRows").asInt()));
        assertThat(r.value()).isCloseTo(ref.get("test").asDouble(), offset(1e-3));
        assertThat((double) r.details().get("train")).isCloseTo(ref.get("train").asDouble(), offset(1e-3));
        @SuppressWarnings("unchecked")
        Map<String, Double> perFactor = (Map<String, Double>) r.details().get("perFactor");
        assertThat(perFactor.values())
                .zipSatisfy(
                        List.of(
                                ref.get("testPerFactor").get(0).asDouble(),
                                ref.get("testPerFactor").get(1).asDouble(),
                                ref.get("testPerFactor").get(2).asDouble()),
                        (mine, theirs) -> assertThat(mine).isCloseTo(theirs, offset(1e-3)));
    }

    private static DisentanglementMetric metric(String name) {
        return PluginLoader.discover(DlibReferenceTest.class.getClassLoader())
                .metrics()
                .get(name);
    }

    private static Factors sapFactors() {
        double[][] values = csv("sap-factors");
        boolean[] discrete = new boolean[values[0].length];
        for (int k = 0; k < discrete.length; k++) {
            discrete[k] = REFERENCE.get("sap").get("discrete").get(k).asBoolean();
        }
        return new Factors(List.of("digit", "stroke", "width"), values, discrete);
    }

    @Test
    void predictsTheClassLabelsNotTheirIndices() throws IOException {
        double[][] rows = csv("three"); // classes 2, 3, 4
        double[][] x = Arrays.stream(rows).map(r -> new double[] {r[0]}).toArray(double[][]::new);
        int[] y = Arrays.stream(rows).mapToInt(r -> (int) r[1]).toArray();
        LinearSvc svc = LinearSvc.fit(x, y, 0.01);
        assertThat(svc.predict(new double[] {-5})).isEqualTo(2);
        assertThat(svc.predict(new double[] {10})).isEqualTo(4);
        assertThat(svc.accuracy(x, y)).isGreaterThan(0.5);
    }

    @Test
    void oneClassIsRefused() {
        assertThatThrownBy(() -> LinearSvc.fit(new double[][] {{1}, {2}}, new int[] {3, 3}, 0.01))
                .hasMessageContaining("at least two classes");
    }

    @Test
    void dlibSapEqualsDisentanglementLibsOwnCode() {
        JsonNode ref = REFERENCE.get("sap");
        double[][] codes = csv("sap-codes");
        Factors f = sapFactors();
        DisentanglementMetric metric = metric("dlib-sap");
        MetricResult r = metric.compute(
                codes,
                f,
                MetricContext.DEFAULT.withTrainRows(ref.get("trainRows").asInt()));
        double[][] matrix = (double[][]) r.details().get("scoreMatrix");
        for (int j = 0; j < codes[0].length; j++) {
            for (int k = 0; k < f.count(); k++) {
                assertThat(matrix[j][k])
                        .as("score of z%d for factor %d", j, k)
                        .isCloseTo(ref.get("matrix").get(j).get(k).asDouble(), offset(1e-3));
            }
        }
        assertThat(r.value()).isCloseTo(ref.get("value").asDouble(), offset(1e-3));
        assertThat(r.parameters())
                .containsEntry("C", 0.01)
                .containsEntry("train", 480)
                .containsEntry("test", 120);
    }
}
