package org.vae4j.metrics.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The assignment against brute force over every one-to-one assignment: the optimum is exact. */
class HungarianTest {

    /** The least total cost over all assignments of the n rows to distinct columns. */
    private static double bruteForce(double[][] cost, int row, boolean[] used) {
        if (row == cost.length) {
            return 0;
        }
        double best = Double.POSITIVE_INFINITY;
        for (int j = 0; j < cost[0].length; j++) {
            if (!used[j]) {
                used[j] = true;
                best = Math.min(best, cost[row][j] + bruteForce(cost, row + 1, used));
                used[j] = false;
            }
        }
        return best;
    }

    @Test
    void findsTheLeastTotalCostOnRandomMatrices() {
        Random r = new Random(17);
        for (int trial = 0; trial < 300; trial++) {
            int n = 1 + r.nextInt(5);
            int m = n + r.nextInt(3);
            double[][] cost = new double[n][m];
            for (double[] row : cost) {
                for (int j = 0; j < m; j++) {
                    // integer costs make ties likely, reals make them unlikely: both matter
                    row[j] = trial % 2 == 0 ? r.nextInt(7) - 3 : r.nextGaussian() * 10;
                }
            }
            int[] a = Hungarian.minimise(cost);
            assertThat(a).hasSize(n);
            boolean[] taken = new boolean[m];
            double total = 0;
            for (int i = 0; i < n; i++) {
                assertThat(a[i]).isBetween(0, m - 1);
                assertThat(taken[a[i]])
                        .as("column %d assigned twice in trial %d", a[i], trial)
                        .isFalse();
                taken[a[i]] = true;
                total += cost[i][a[i]];
            }
            assertThat(total).as("trial %d", trial).isCloseTo(bruteForce(cost, 0, new boolean[m]), offset(1e-9));
        }
    }

    @Test
    void aGreedyChoiceIsNotTheOptimum() {
        // greedy takes (0,0) = 1 and then must pay 100; the optimum pays 2 + 3
        double[][] cost = {{1, 2}, {3, 100}};
        assertThat(Hungarian.minimise(cost)).containsExactly(1, 0);
    }
}
