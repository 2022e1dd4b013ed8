package org.vae4j.api.metrics;

/**
 * Settings shared by the scores: the seed of the train/test split, the share of examples used to
 * fit predictors, and the number of equal-width bins used to discretise continuous values.
 */
public record MetricContext(long seed, double trainFraction, int bins) {
    /** Seed 0, 80% of the examples to fit predictors, 20 bins. */
    public static final MetricContext DEFAULT = new MetricContext(0, 0.8, 20);

    /**
     * Checks the values.
     *
     * @throws IllegalArgumentException unless 0 &lt; trainFraction &lt; 1 and bins &gt;= 2
     * @param seed the seed
     * @param trainFraction the share of examples used to fit predictors, in (0, 1)
     * @param bins equal-width bins for continuous values, at least 2
     */
    public MetricContext {
        if (!(trainFraction > 0 && trainFraction < 1) || bins < 2) {
            throw new IllegalArgumentException("need 0 < trainFraction < 1 and bins >= 2");
        }
    }

    /**
     * {@return a seeded permutation split into train and test indices}
     *
     * @param n the number of examples
     */
    public int[][] split(int n) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        java.util.Random r = new java.util.Random(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        int train = Math.max(1, Math.min(n - 1, (int) Math.round(n * trainFraction)));
        return new int[][] {java.util.Arrays.copyOfRange(order, 0, train), java.util.Arrays.copyOfRange(order, train, n)};
    }
}
