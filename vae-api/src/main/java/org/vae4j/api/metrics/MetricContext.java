package org.vae4j.api.metrics;

/**
 * Settings shared by the scores: how the examples are split into a part that fits predictors and a
 * part that tests them, and the number of equal-width bins used to discretise continuous values.
 *
 * @param seed the seed of the shuffled split
 * @param trainFraction the share of examples used to fit predictors, in (0, 1)
 * @param bins equal-width bins for continuous values, at least 2
 * @param trainRows when positive, the first {@code trainRows} examples fit and the rest test, in
 *                  order (disentanglement_lib's convention), instead of a shuffled split
 */
public record MetricContext(long seed, double trainFraction, int bins, int trainRows) {
    /** Seed 0, 80% of the examples to fit predictors, 20 bins. */
    public static final MetricContext DEFAULT = new MetricContext(0, 0.8, 20);

    /**
     * Checks the values.
     *
     * @throws IllegalArgumentException unless 0 &lt; trainFraction &lt; 1, bins &gt;= 2 and trainRows &gt;= 0
     */
    public MetricContext {
        if (!(trainFraction > 0 && trainFraction < 1) || bins < 2 || trainRows < 0) {
            throw new IllegalArgumentException("need 0 < trainFraction < 1, bins >= 2 and trainRows >= 0");
        }
    }

    /**
     * A shuffled split.
     *
     * @param seed the seed of the shuffled split
     * @param trainFraction the share of examples used to fit predictors, in (0, 1)
     * @param bins equal-width bins for continuous values, at least 2
     */
    public MetricContext(long seed, double trainFraction, int bins) {
        this(seed, trainFraction, bins, 0);
    }

    /**
     * {@return these settings with the first {@code rows} examples fitting and the rest testing}
     *
     * @param rows examples that fit the predictors, at least 1
     */
    public MetricContext withTrainRows(int rows) {
        if (rows < 1) {
            throw new IllegalArgumentException("trainRows must be >= 1, got " + rows);
        }
        return new MetricContext(seed, trainFraction, bins, rows);
    }

    /**
     * {@return the train and test indices: the first {@code trainRows} and the rest, or a seeded permutation split}
     *
     * @param n the number of examples
     * @throws IllegalArgumentException if {@code trainRows} leaves no example to test
     */
    public int[][] split(int n) {
        if (trainRows > 0) {
            if (trainRows >= n) {
                throw new IllegalArgumentException(
                        "trainRows " + trainRows + " leaves none of the " + n + " examples to test");
            }
            return new int[][] {
                java.util.stream.IntStream.range(0, trainRows).toArray(),
                java.util.stream.IntStream.range(trainRows, n).toArray()
            };
        }
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
        return new int[][] {java.util.Arrays.copyOfRange(order, 0, train), java.util.Arrays.copyOfRange(order, train, n)
        };
    }
}
