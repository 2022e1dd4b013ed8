package org.vae4j.metrics.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.vae4j.api.data.Factor;
import org.vae4j.api.data.FactorSampler;
import org.vae4j.api.data.FactorSpace;
import org.vae4j.api.metrics.MetricContext;
import org.vae4j.api.metrics.MetricResult;
import org.vae4j.api.metrics.RepresentationFunction;

/**
 * The BetaVAE and FactorVAE scores held to disentanglement_lib's own functions, run by
 * {@code reference/intervention_reference.py} on the same data (the observation is the vector of
 * factor levels) and the same representations, with the same seeds: the accuracies are fractions
 * of 10,000 or 5,000 points and must be equal, not close. BetaVAE's classifier is held to the
 * optimum of scikit-learn's {@code LogisticRegression()} (the reference's {@code betaVaeConverged});
 * disentanglement_lib's lbfgs stops at 100 iterations before it, a few points in 5,000 away.
 */
class InterventionReferenceTest {
    private static final JsonNode REFERENCE = ReferenceCsv.json("/reference/intervention-reference.json");

    /** The data of the reference: each image is one row holding the factor levels. */
    static FactorSampler levels(int... sizes) {
        List<Factor> factors = new ArrayList<>();
        for (int k = 0; k < sizes.length; k++) {
            factors.add(Factor.levels("f" + k, sizes[k]));
        }
        FactorSpace space = new FactorSpace(factors);
        return new FactorSampler() {
            @Override
            public FactorSpace space() {
                return space;
            }

            @Override
            public int height() {
                return 1;
            }

            @Override
            public int width() {
                return sizes.length;
            }

            @Override
            public void render(int[] levels, RandomGenerator random, float[] dst, int offset) {
                space.check(levels);
                for (int k = 0; k < levels.length; k++) {
                    dst[offset + k] = levels[k];
                }
            }
        };
    }

    /** The representations of intervention_reference.py's {@code representation(spec)}. */
    static RepresentationFunction representation(String spec) {
        String[] parts = spec.split(":", -1);
        int arg = parts.length > 1 ? Integer.parseInt(parts[1]) : -1;
        return images -> {
            double[][] out = new double[images.length][];
            for (int i = 0; i < images.length; i++) {
                float[] x = images[i];
                int k = x.length;
                double[] z;
                switch (parts[0]) {
                    case "identity" -> {
                        z = new double[k];
                        for (int j = 0; j < k; j++) {
                            z[j] = x[j];
                        }
                    }
                    case "drop" -> {
                        z = new double[k - 1];
                        for (int j = 0, c = 0; j < k; j++) {
                            if (j != arg) {
                                z[c++] = x[j];
                            }
                        }
                    }
                    case "drop-two" -> {
                        z = new double[k - 2];
                        for (int j = 0, c = 0; j < k; j++) {
                            if (j != 1 && j != 2) {
                                z[c++] = x[j];
                            }
                        }
                    }
                    case "copy" -> {
                        z = new double[k + 1];
                        for (int j = 0; j < k; j++) {
                            z[j] = x[j];
                        }
                        z[k] = x[arg];
                    }
                    case "mix" -> {
                        z = new double[k];
                        for (int j = 0; j < k; j++) {
                            z[j] = x[j] + 0.25 * x[(j + 1) % k];
                        }
                    }
                    case "constant-first" -> {
                        z = new double[k + 1];
                        for (int j = 0; j < k; j++) {
                            z[j + 1] = x[j];
                        }
                    }
                    default -> throw new IllegalArgumentException(spec);
                }
                out[i] = z;
            }
            return out;
        };
    }

    static java.util.stream.Stream<String> cases() {
        List<String> names = new ArrayList<>();
        REFERENCE.get("cases").fieldNames().forEachRemaining(names::add);
        return names.stream();
    }

    private static JsonNode reference(String name) {
        return REFERENCE.get("cases").get(name);
    }

    private static FactorSampler data(JsonNode c) {
        int[] sizes = new int[c.get("factorSizes").size()];
        for (int k = 0; k < sizes.length; k++) {
            sizes[k] = c.get("factorSizes").get(k).asInt();
        }
        return levels(sizes);
    }

    @ParameterizedTest
    @MethodSource("cases")
    void betaVaeScoreEqualsDisentanglementLibs(String name) {
        JsonNode c = reference(name);
        MetricResult r = new BetaVaeScore()
                .compute(
                        data(c),
                        representation(c.get("representation").asText()),
                        c.get("seed").asLong());
        // equal to the same draws classified by the optimum of LogisticRegression(C=1) ...
        JsonNode optimum = c.get("betaVaeConverged");
        assertThat(r.value()).as(name).isEqualTo(optimum.get("eval_accuracy").asDouble());
        assertThat(r.details().get("trainAccuracy"))
                .as(name)
                .isEqualTo(optimum.get("train_accuracy").asDouble());
        // ... and within a few points in 5,000 of disentanglement_lib's lbfgs, stopped at 100 iterations
        assertThat(r.value())
                .as(name)
                .isCloseTo(c.get("betaVae").get("eval_accuracy").asDouble(), offset(0.002));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void factorVaeScoreEqualsDisentanglementLibs(String name) {
        JsonNode c = reference(name);
        MetricResult r = new FactorVaeScore()
                .compute(
                        data(c),
                        representation(c.get("representation").asText()),
                        c.get("seed").asLong());
        JsonNode ref = c.get("factorVae");
        assertThat(r.value()).as(name).isEqualTo(ref.get("eval_accuracy").asDouble());
        assertThat(r.details().get("trainAccuracy"))
                .as(name)
                .isEqualTo(ref.get("train_accuracy").asDouble());
        assertThat(r.details().get("numActiveDims"))
                .as(name)
                .isEqualTo(ref.get("num_active_dims").asInt());
        int[] classifier = (int[]) r.details().get("dimensionFactor");
        for (int j = 0; j < classifier.length; j++) {
            assertThat(classifier[j])
                    .as("%s dimension %d", name, j)
                    .isEqualTo(ref.get("classifier").get(j).asInt());
        }
    }

    @Test
    void aPerfectRepresentationScoresOneAndADroppedFactorCostsItsShare() {
        // two factors without a code: BetaVAE cannot tell their points apart, about 2/5 of them a coin toss
        assertThat(reference("dsprites-drop-two")
                        .get("betaVae")
                        .get("eval_accuracy")
                        .asDouble())
                .isBetween(0.75, 0.85);
        assertThat(reference("dsprites-identity")
                        .get("betaVae")
                        .get("eval_accuracy")
                        .asDouble())
                .isEqualTo(1.0);
        assertThat(reference("dsprites-identity")
                        .get("factorVae")
                        .get("eval_accuracy")
                        .asDouble())
                .isEqualTo(1.0);
        // with scale dropped, one factor in five has no code of its own: about 4/5 of the points are right
        double dropped = reference("dsprites-drop-scale")
                .get("factorVae")
                .get("eval_accuracy")
                .asDouble();
        assertThat(dropped).isBetween(0.75, 0.85);
    }

    @Test
    void numpysRandomStateDrawsTheSameIntegers() {
        assertThat(cases()).as("the reference's cases").hasSize(7);
        NumpyRandom r = new NumpyRandom(42);
        JsonNode ref = REFERENCE.get("numpyRandint");
        for (int i = 0; i < ref.size(); i++) {
            assertThat(r.nextInt(40)).as("draw %d", i).isEqualTo(ref.get(i).asInt());
        }
        // randint(1) consumes nothing, as numpy's does
        NumpyRandom a = new NumpyRandom(7);
        NumpyRandom b = new NumpyRandom(7);
        a.nextInt(1);
        assertThat(a.nextInt(1000)).isEqualTo(b.nextInt(1000));
        assertThatThrownBy(() -> new NumpyRandom(-1)).hasMessageContaining("2^32");
    }

    @Test
    void interventionMetricsRefuseATableOfCodes() {
        assertThatThrownBy(() -> new BetaVaeScore().compute(new double[][] {{0}}, null, MetricContext.DEFAULT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("beta-vae-score")
                .hasMessageContaining("factor levels");
    }

    @Test
    void aRepresentationWithBrokenCodesIsRefusedByWhatIsWrong() {
        assertThatThrownBy(() -> new BetaVaeScore(4, 10, 5)
                        .compute(
                                levels(3, 4),
                                images -> {
                                    double[][] z = new double[images.length][2];
                                    z[1][0] = Double.NaN;
                                    return z;
                                },
                                0))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("non-finite code NaN");
        assertThatThrownBy(() -> new BetaVaeScore(4, 10, 5)
                        .compute(
                                levels(3, 4),
                                images -> {
                                    double[][] z = new double[images.length][];
                                    for (int i = 0; i < z.length; i++) {
                                        z[i] = new double[1 + i % 2];
                                    }
                                    return z;
                                },
                                0))
                .hasMessageContaining("codes of different or no length");
        assertThatThrownBy(
                        () -> new BetaVaeScore(4, 10, 5).compute(levels(5), images -> new double[images.length][2], 0))
                .hasMessageContaining("at least two factors");
    }

    @Test
    void aRepresentationThatLosesImagesIsRefused() {
        assertThatThrownBy(
                        () -> new FactorVaeScore().compute(levels(3, 4), images -> new double[images.length - 1][2], 0))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("codes for");
    }

    @Test
    void aRepresentationIsToldTheLevelsEachImageWasDrawnFor() {
        int[] calls = {0};
        RepresentationFunction checking = new RepresentationFunction() {
            @Override
            public double[][] apply(float[][] images) {
                throw new AssertionError("the levels must be passed");
            }

            @Override
            public double[][] apply(float[][] images, int[][] levels) {
                calls[0]++;
                double[][] out = new double[images.length][];
                for (int i = 0; i < images.length; i++) {
                    out[i] = new double[levels[i].length];
                    for (int k = 0; k < levels[i].length; k++) {
                        assertThat(images[i][k]).isEqualTo((float) levels[i][k]);
                        out[i][k] = levels[i][k];
                    }
                }
                return out;
            }
        };
        assertThat(new BetaVaeScore(8, 40, 20)
                        .compute(levels(3, 4, 5), checking, 0)
                        .value())
                .isEqualTo(1.0);
        assertThat(new FactorVaeScore(8, 40, 20, 100, 0.05)
                        .compute(levels(3, 4, 5), checking, 0)
                        .value())
                .isEqualTo(1.0);
        assertThat(calls[0]).isPositive();
    }
}
