package org.vae4j.metrics.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import java.util.Random;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.vae4j.api.metrics.Factors;
import org.vae4j.api.metrics.MetricContext;
import org.vae4j.api.metrics.MetricResult;

/** Scores on codes whose relation to the factors is known by construction. */
class KnownAnswerTest {
    private static final int N = 3000;
    private static final MetricContext CONTEXT = MetricContext.DEFAULT;
    // through the real ServiceLoader path, as the library finds them
    private final org.vae4j.core.plugin.NamedRegistry<org.vae4j.api.metrics.DisentanglementMetric> metrics =
            org.vae4j.core.plugin.PluginLoader.discover(KnownAnswerTest.class.getClassLoader())
                    .metrics();

    /** Three independent continuous factors, uniform on [0, 1). */
    private static Factors continuous(long seed) {
        Random r = new Random(seed);
        double[][] v = new double[N][3];
        for (double[] row : v) {
            for (int k = 0; k < 3; k++) {
                row[k] = r.nextDouble();
            }
        }
        return new Factors(List.of("a", "b", "c"), v, new boolean[3]);
    }

    private static double[][] copy(double[][] v) {
        double[][] out = new double[v.length][];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i].clone();
        }
        return out;
    }

    /** Codes mixing the factors with a fixed rotation: every code depends on every factor. */
    private static double[][] rotated(double[][] v) {
        double a = Math.toRadians(40);
        double b = Math.toRadians(55);
        double[][] rx = {{1, 0, 0}, {0, Math.cos(a), -Math.sin(a)}, {0, Math.sin(a), Math.cos(a)}};
        double[][] rz = {{Math.cos(b), -Math.sin(b), 0}, {Math.sin(b), Math.cos(b), 0}, {0, 0, 1}};
        double[][] out = new double[v.length][3];
        for (int i = 0; i < v.length; i++) {
            double[] c = v[i];
            double[] t = new double[3];
            for (int r = 0; r < 3; r++) {
                for (int k = 0; k < 3; k++) {
                    t[r] += rx[r][k] * (c[k] - 0.5);
                }
            }
            for (int r = 0; r < 3; r++) {
                for (int k = 0; k < 3; k++) {
                    out[i][r] += rz[r][k] * t[k];
                }
            }
        }
        return out;
    }

    private static double[][] noise(int d, long seed) {
        Random r = new Random(seed);
        double[][] out = new double[N][d];
        for (double[] row : out) {
            for (int j = 0; j < d; j++) {
                row[j] = r.nextGaussian();
            }
        }
        return out;
    }

    private double score(String metric, double[][] codes, Factors f) {
        return metrics.get(metric).compute(codes, f, CONTEXT).value();
    }

    @Test
    void allScoresAreDiscoverableByName() {
        assertThat(metrics.names()).contains("mig", "sap", "dci", "modularity", "explicitness");
    }

    /**
     * The known-answer table of docs/metrics.md, to its three decimals: one row per case, the five
     * scores and DCI's completeness and informativeness.
     */
    private void holdsTheDocumentedRow(
            double[][] z,
            Factors f,
            double mig,
            double sap,
            double dci,
            double completeness,
            double informativeness,
            double modularity,
            double explicitness) {
        Offset<Double> table = within(0.0005 + 1e-9);
        assertThat(score("mig", z, f)).as("mig").isCloseTo(mig, table);
        assertThat(score("sap", z, f)).as("sap").isCloseTo(sap, table);
        MetricResult d = metrics.get("dci").compute(z, f, CONTEXT);
        assertThat(d.value()).as("dci").isCloseTo(dci, table);
        assertThat((Double) d.details().get("completeness")).as("completeness").isCloseTo(completeness, table);
        assertThat((Double) d.details().get("informativeness"))
                .as("informativeness")
                .isCloseTo(informativeness, table);
        assertThat(score("modularity", z, f)).as("modularity").isCloseTo(modularity, table);
        assertThat(score("explicitness", z, f)).as("explicitness").isCloseTo(explicitness, table);
    }

    @Test
    void anExactCopyOfTheFactorsScoresNearOne() {
        Factors f = continuous(1);
        holdsTheDocumentedRow(copy(f.values()), f, 0.978, 0.999, 1.000, 1.000, 1.000, 1.000, 1.000);
    }

    @Test
    void aRotationKeepsTheInformationButLosesTheGapsAndModularity() {
        Factors f = continuous(2);
        double[][] z = rotated(f.values());
        // a rotation is still linearly informative
        holdsTheDocumentedRow(z, f, 0.096, 0.258, 0.133, 0.147, 1.000, 0.648, 1.000);
        assertThat(score("mig", z, f)).isLessThan(score("mig", copy(f.values()), f) - 0.5);
    }

    @Test
    void pureNoiseScoresNearZero() {
        Factors f = continuous(3);
        holdsTheDocumentedRow(noise(5, 4), f, 0.001, 0.001, 0.428, 0.419, -0.003, 0.117, 0.501);
    }

    @Test
    void scoresDoNotDependOnTheOrderOfTheCodes() {
        Factors f = continuous(5);
        double[][] z = rotated(f.values());
        double[][] permuted = new double[N][];
        for (int i = 0; i < N; i++) {
            permuted[i] = new double[] {z[i][2], z[i][0], z[i][1]};
        }
        for (String m : List.of("mig", "sap", "dci", "modularity", "explicitness")) {
            assertThat(score(m, permuted, f)).as(m).isCloseTo(score(m, z, f), within(1e-3));
        }
    }

    @Test
    void discreteFactorsUseTheirClassesAndTheClassifierBranch() {
        Random r = new Random(6);
        double[][] v = new double[N][2];
        for (double[] row : v) {
            row[0] = r.nextInt(5); // a class 0..4
            row[1] = r.nextDouble(); // a continuous factor
        }
        Factors f = new Factors(List.of("class", "size"), v, new boolean[] {true, false});
        double[][] z = new double[N][3];
        for (int i = 0; i < N; i++) {
            z[i][0] = v[i][1];
            z[i][1] = v[i][0] + 0.1 * r.nextGaussian();
            z[i][2] = r.nextGaussian();
        }
        holdsTheDocumentedRow(z, f, 0.986, 0.903, 0.988, 0.985, 1.000, 0.982, 1.000);
        MetricResult sap = metrics.get("sap").compute(z, f, CONTEXT);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> perFactor =
                (List<Map<String, Object>>) sap.details().get("perFactor");
        assertThat(perFactor.get(0).get("bestCode")).isEqualTo(1);
        assertThat(perFactor.get(0).get("score")).asString().contains("accuracy");
        assertThat((Double) perFactor.get(0).get("gap")).isGreaterThan(0.6);
        assertThat(score("mig", z, f)).isGreaterThan(0.7);
        MetricResult dci = metrics.get("dci").compute(z, f, CONTEXT);
        @SuppressWarnings("unchecked")
        Map<String, Double> info = (Map<String, Double>) dci.details().get("informativenessPerFactor");
        assertThat(info.get("class")).as("test accuracy").isGreaterThan(0.95);
    }

    @Test
    void alignmentFindsEachAttributesDimensionAndItsSign() {
        Factors f = continuous(7);
        double[][] noise = noise(5, 8);
        double[][] z = new double[N][5];
        for (int i = 0; i < N; i++) {
            double[] v = f.values()[i];
            z[i] = new double[] {noise[i][0], 2 * v[2], noise[i][2], -v[0], v[1] + 0.3 * noise[i][4]};
        }
        List<Alignment.Assignment> a = Alignment.align(z, f, Alignment.Measure.SPEARMAN, 20);
        assertThat(a).extracting(Alignment.Assignment::dimension).containsExactly(3, 4, 1);
        assertThat(a.get(0).spearman()).isCloseTo(-1, within(1e-9));
        assertThat(a.get(2).strength()).isCloseTo(1, within(1e-9));
        assertThat(a.get(1).strength()).isBetween(0.5, 0.99);
        assertThat(a.get(0).competingStrength()).isLessThan(0.1);
        List<Alignment.Assignment> byMi = Alignment.align(z, f, Alignment.Measure.MUTUAL_INFORMATION, 20);
        assertThat(byMi).extracting(Alignment.Assignment::dimension).containsExactly(3, 4, 1);
    }

    @Test
    void withMoreAttributesThanDimensionsEachDimensionGetsItsBestAttribute() {
        Factors f = continuous(9);
        double[][] z = new double[N][2];
        for (int i = 0; i < N; i++) {
            z[i] = new double[] {f.values()[i][2], -f.values()[i][0]};
        }
        List<Alignment.Assignment> a = Alignment.align(z, f, Alignment.Measure.SPEARMAN, 20);
        assertThat(a).extracting(Alignment.Assignment::dimension).containsExactly(1, -1, 0);
        assertThat(a.get(1).strength()).isNaN();
    }

    @Test
    void hungarianFindsTheOptimalAssignmentNotTheGreedyOne() {
        // greedy would take 0 -> column 0 (cost 1) and force 1 -> column 1 (cost 10): 11; optimal is 2 + 3 = 5
        double[][] cost = {{1, 2, 9}, {3, 10, 9}};
        assertThat(Hungarian.minimise(cost)).containsExactly(1, 0);
    }
}
