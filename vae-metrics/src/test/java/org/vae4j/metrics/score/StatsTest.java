package org.vae4j.metrics.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import org.junit.jupiter.api.Test;

/** The statistics under the scores, against scipy's and numpy's values (computed once, quoted here). */
class StatsTest {
    private static final double[] A = {1, 2, 3, 4, 7};
    private static final double[] B = {2, 4, 5, 9, 3};

    @Test
    void momentsAndCorrelations() {
        assertThat(Stats.mean(A)).isEqualTo(3.4);
        assertThat(Stats.variance(A)).isCloseTo(4.24, offset(1e-12)); // numpy.var (population)
        assertThat(Stats.pearson(A, B)).isCloseTo(0.15272996084858914, offset(1e-12)); // scipy.stats.pearsonr
        assertThat(Stats.pearson(A, new double[] {5, 5, 5, 5, 5})).isZero(); // constant side: 0
        // pearson is invariant to shifting and scaling either side, and flips sign with a negation
        double[] shifted = new double[A.length];
        for (int i = 0; i < A.length; i++) {
            shifted[i] = -3 * A[i] + 100;
        }
        assertThat(Stats.pearson(shifted, B)).isCloseTo(-0.15272996084858914, offset(1e-12));
    }

    @Test
    void ranksAverageTiesAndSpearmanIsPearsonOfRanks() {
        assertThat(Stats.ranks(new double[] {3, 1, 3, 2, 3})).containsExactly(4, 1, 4, 2, 4); // scipy.stats.rankdata
        assertThat(Stats.ranks(new double[] {0.5, -1, 2})).containsExactly(2, 1, 3);
        assertThat(Stats.spearman(new double[] {3, 1, 3, 2, 3}, new double[] {1, 2, 3, 4, 5}))
                .isCloseTo(0.11180339887498948, offset(1e-12)); // scipy.stats.spearmanr
    }

    @Test
    void entropiesInNatsAndInAnyBase() {
        assertThat(Stats.entropy(new double[] {1, 1, 2}, 2)).isCloseTo(1.5, offset(1e-12));
        assertThat(Stats.entropy(new double[] {3, 0, 1}, 3)).isCloseTo(0.5118595071429148, offset(1e-12));
        assertThat(Stats.entropy(new double[] {0, 0}, 2)).isZero();
        assertThat(Stats.entropy(new int[] {0, 1, 1, 2})).isCloseTo(1.0397207708399179, offset(1e-12)); // nats
        assertThat(Stats.entropy(new int[] {4, 4, 4})).isZero();
        assertThat(Stats.mutualInformation(new int[] {0, 0, 1, 1}, new int[] {1, 1, 0, 0}))
                .isCloseTo(Math.log(2), offset(1e-12));
        assertThat(Stats.mutualInformation(new int[] {0, 1, 0, 1}, new int[] {0, 0, 1, 1}))
                .isCloseTo(0, offset(1e-12));
    }

    @Test
    void equalWidthBinsIncludeBothEnds() {
        assertThat(Stats.bin(new double[] {0, 0.49, 0.5, 0.99, 1}, 2)).containsExactly(0, 0, 1, 1, 1);
        assertThat(Stats.bin(new double[] {-2, -1, 0, 1, 2}, 4)).containsExactly(0, 1, 2, 3, 3);
        assertThat(Stats.bin(new double[] {7, 7, 7}, 20)).containsExactly(0, 0, 0);
    }
}
