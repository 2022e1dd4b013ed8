package org.vae4j.metrics.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.vae4j.api.metrics.Factors;
import org.vae4j.api.metrics.MetricContext;
import org.vae4j.api.metrics.MetricResult;

/**
 * The scores and their helpers at the edges real codes reach: a constant factor, a single code,
 * a code whose variance is at disentanglement_lib's 1e-12 cut-off, a constant column to
 * standardise, and the exact values of the small helpers (worked out by hand).
 */
class ScoreEdgeCasesTest {
    private static double[][] column(double... v) {
        double[][] m = new double[v.length][];
        for (int i = 0; i < v.length; i++) {
            m[i] = new double[] {v[i]};
        }
        return m;
    }

    @Test
    void entropyIsInTheGivenBaseAndZeroForNothing() {
        assertThat(Stats.entropy(new double[] {1, 1}, 2)).isCloseTo(1, offset(1e-12));
        assertThat(Stats.entropy(new double[] {2, 2, 2}, 3)).isCloseTo(1, offset(1e-12));
        assertThat(Stats.entropy(new double[] {1, 3}, 2))
                .isCloseTo(-(0.25 * Math.log(0.25) + 0.75 * Math.log(0.75)) / Math.log(2), offset(1e-12));
        assertThat(Stats.entropy(new double[] {0, 0}, 3)).isZero();
    }

    @Test
    void quantileClassesAreEqualFrequencyInRankOrder() {
        assertThat(LinearModels.quantileClasses(new double[] {9, 0, 8, 1, 7, 2, 6, 3, 5, 4}, 5))
                .containsExactly(4, 0, 4, 0, 3, 1, 3, 1, 2, 2);
    }

    @Test
    void standardisingDividesByTheSpreadAndLeavesAConstantColumnAtZero() {
        LinearModels.Standardizer s = LinearModels.Standardizer.fit(new double[][] {{0, 5}, {4, 5}});
        assertThat(s.apply(new double[][] {{0, 5}, {4, 5}, {6, 7}})).isDeepEqualTo(new double[][] {
            {-1, 0}, {1, 0}, {2, 2}
        });
    }

    @Test
    void softmaxAccuracyIsTheFractionRight() {
        double[][] x = column(-3, -2, -1, 1, 2, 3);
        int[] y = {0, 0, 0, 1, 1, 1};
        LinearModels.Softmax m = LinearModels.softmax(x, y, 2, 1e-4, 300);
        assertThat(m.accuracy(x, y)).isEqualTo(1.0);
        assertThat(m.accuracy(x, new int[] {0, 0, 0, 1, 1, 0})).isCloseTo(5 / 6.0, offset(1e-12));
    }

    @Test
    void aConstantFactorHasNoGapAndIsLeftOutOfMig() {
        double[][] codes = new double[40][];
        double[][] values = new double[40][];
        for (int i = 0; i < 40; i++) {
            codes[i] = new double[] {i % 4, (i * 7) % 5};
            values[i] = new double[] {3, i % 4};
        }
        Factors f = new Factors(List.of("constant", "digit"), values, new boolean[] {true, true});
        MetricResult r = new Mig().compute(codes, f, MetricContext.DEFAULT);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> perFactor =
                (List<Map<String, Object>>) r.details().get("perFactor");
        assertThat((double) perFactor.get(0).get("gap")).isZero();
        // z0 copies the digit: MI = H(digit) = log 4; z1 is independent of it over a full cycle of 20
        double gap = (double) perFactor.get(1).get("gap");
        assertThat(gap).isCloseTo(1, offset(1e-12));
        assertThat(r.value()).isEqualTo(gap);
    }

    @Test
    void oneCodeHasTheWholeScoreAsItsGap() {
        double[][] codes = column(0.1, 0.9, 0.2, 0.8, 0.3, 0.7, 0.4, 0.6, 0.05, 0.95);
        double[][] values = column(0.1, 0.9, 0.2, 0.8, 0.3, 0.7, 0.4, 0.6, 0.05, 0.95);
        Factors f = new Factors(List.of("width"), values, new boolean[] {false});
        assertThat(new Sap().compute(codes, f, MetricContext.DEFAULT).value()).isCloseTo(1, offset(1e-12));
    }

    @Test
    void dlibSapScoresACodeOnlyAboveTheVarianceCutOffWithTheSampleVariance() {
        // train rows 0-2: z0 has sample variance 1.5e-12 (population 1.0e-12), z1 0.75e-12 (0.5e-12)
        double a = Math.sqrt(4.5e-12);
        double b = Math.sqrt(2.25e-12);
        double[][] codes = {{0, 0}, {0, 0}, {a, b}, {0, 0}, {a, b}};
        double[][] values = column(0, 0, 1, 0, 1);
        Factors f = new Factors(List.of("width"), values, new boolean[] {false});
        MetricResult r = new DlibSap().compute(codes, f, MetricContext.DEFAULT.withTrainRows(3));
        double[][] score = (double[][]) r.details().get("scoreMatrix");
        assertThat(score[0][0])
                .as("z0, above the cut-off: r^2 of a perfect line")
                .isCloseTo(1, offset(1e-9));
        assertThat(score[1][0]).as("z1, below it").isZero();
    }
}
