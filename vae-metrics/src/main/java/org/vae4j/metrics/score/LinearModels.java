package org.vae4j.metrics.score;

/**
 * The small linear predictors the scores fit: lasso regression (coordinate descent) and
 * multinomial logistic regression (gradient descent with momentum), on standardised features.
 */
public final class LinearModels {
    private LinearModels() {}

    /** Column means and standard deviations of a training matrix, to standardise any matrix with. */
    public record Standardizer(double[] mean, double[] std) {
        public static Standardizer fit(double[][] x) {
            int d = x[0].length;
            double[] mean = new double[d];
            double[] std = new double[d];
            for (int j = 0; j < d; j++) {
                double[] col = Stats.column(x, j);
                mean[j] = Stats.mean(col);
                double sd = Math.sqrt(Stats.variance(col));
                std[j] = sd > 1e-12 ? sd : 1;
            }
            return new Standardizer(mean, std);
        }

        public double[][] apply(double[][] x) {
            double[][] out = new double[x.length][mean.length];
            for (int i = 0; i < x.length; i++) {
                for (int j = 0; j < mean.length; j++) {
                    out[i][j] = (x[i][j] - mean[j]) / std[j];
                }
            }
            return out;
        }
    }

    /**
     * Lasso: minimises {@code (1/2n) |y - X w - b|^2 + alpha |w|_1} on standardised X; returns
     * {@code [w..., b]}.
     */
    public static double[] lasso(double[][] x, double[] y, double alpha) {
        int n = x.length;
        int d = x[0].length;
        double b = Stats.mean(y);
        double[] w = new double[d];
        double[] residual = new double[n];
        for (int i = 0; i < n; i++) {
            residual[i] = y[i] - b;
        }
        double[] norm = new double[d];
        for (int j = 0; j < d; j++) {
            for (int i = 0; i < n; i++) {
                norm[j] += x[i][j] * x[i][j] / n;
            }
        }
        for (int iteration = 0; iteration < 1000; iteration++) {
            double maxChange = 0;
            for (int j = 0; j < d; j++) {
                if (norm[j] == 0) {
                    continue;
                }
                double rho = 0;
                for (int i = 0; i < n; i++) {
                    rho += x[i][j] * (residual[i] + w[j] * x[i][j]) / n;
                }
                double updated = Math.signum(rho) * Math.max(0, Math.abs(rho) - alpha) / norm[j];
                double change = updated - w[j];
                if (change != 0) {
                    for (int i = 0; i < n; i++) {
                        residual[i] -= change * x[i][j];
                    }
                    w[j] = updated;
                }
                maxChange = Math.max(maxChange, Math.abs(change));
            }
            if (maxChange < 1e-7) {
                break;
            }
        }
        double[] out = java.util.Arrays.copyOf(w, d + 1);
        out[d] = b;
        return out;
    }

    public static double predict(double[] model, double[] x) {
        double v = model[x.length];
        for (int j = 0; j < x.length; j++) {
            v += model[j] * x[j];
        }
        return v;
    }

    /** A multinomial logistic regression: weights {@code [classes][d + 1]} (last column: bias). */
    public record Softmax(double[][] weights) {
        public double[] probabilities(double[] x) {
            int c = weights.length;
            double[] p = new double[c];
            double max = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < c; k++) {
                p[k] = predict(weights[k], x);
                max = Math.max(max, p[k]);
            }
            double sum = 0;
            for (int k = 0; k < c; k++) {
                p[k] = Math.exp(p[k] - max);
                sum += p[k];
            }
            for (int k = 0; k < c; k++) {
                p[k] /= sum;
            }
            return p;
        }

        public int classify(double[] x) {
            double[] p = probabilities(x);
            int best = 0;
            for (int k = 1; k < p.length; k++) {
                if (p[k] > p[best]) {
                    best = k;
                }
            }
            return best;
        }

        public double accuracy(double[][] x, int[] y) {
            int correct = 0;
            for (int i = 0; i < x.length; i++) {
                correct += classify(x[i]) == y[i] ? 1 : 0;
            }
            return (double) correct / x.length;
        }
    }

    /**
     * Fits a softmax classifier with a small L2 penalty ({@code l2 |W|^2 / 2}) by full-batch
     * gradient descent with Nesterov momentum on standardised features.
     */
    public static Softmax softmax(double[][] x, int[] y, int classes, double l2, int iterations) {
        int n = x.length;
        int d = x[0].length;
        double[][] w = new double[classes][d + 1];
        double[][] velocity = new double[classes][d + 1];
        double rate = 0.5;
        double momentum = 0.9;
        double[][] look = new double[classes][d + 1];
        double[][] grad = new double[classes][d + 1];
        Softmax model = new Softmax(look);
        for (int it = 0; it < iterations; it++) {
            for (int k = 0; k < classes; k++) {
                for (int j = 0; j <= d; j++) {
                    look[k][j] = w[k][j] + momentum * velocity[k][j];
                    grad[k][j] = j < d ? l2 * look[k][j] : 0;
                }
            }
            for (int i = 0; i < n; i++) {
                double[] p = model.probabilities(x[i]);
                for (int k = 0; k < classes; k++) {
                    double e = (p[k] - (y[i] == k ? 1 : 0)) / n;
                    for (int j = 0; j < d; j++) {
                        grad[k][j] += e * x[i][j];
                    }
                    grad[k][d] += e;
                }
            }
            for (int k = 0; k < classes; k++) {
                for (int j = 0; j <= d; j++) {
                    velocity[k][j] = momentum * velocity[k][j] - rate * grad[k][j];
                    w[k][j] += velocity[k][j];
                }
            }
        }
        return new Softmax(w);
    }

    /** Area under the ROC curve of scores for a binary labelling (Mann-Whitney, ties counted half). */
    public static double auc(double[] scores, boolean[] positive) {
        double[] r = Stats.ranks(scores);
        double sumPositive = 0;
        long np = 0;
        for (int i = 0; i < scores.length; i++) {
            if (positive[i]) {
                sumPositive += r[i];
                np++;
            }
        }
        long nn = scores.length - np;
        if (np == 0 || nn == 0) {
            return Double.NaN;
        }
        return (sumPositive - np * (np + 1) / 2.0) / ((double) np * nn);
    }

    /**
     * The mean over classes of the one-vs-rest ROC AUC of predicted class probabilities, leaving out
     * a class whose AUC is undefined (no positive or no negative example); 0 when none is defined.
     *
     * @param p per example, the probability of each class
     * @param y the true class of each example
     * @param labels the class of each probability column
     * @return the mean AUC
     */
    public static double meanAuc(double[][] p, int[] y, int[] labels) {
        double sum = 0;
        int count = 0;
        for (int c = 0; c < labels.length; c++) {
            double[] scores = new double[p.length];
            boolean[] positive = new boolean[p.length];
            for (int i = 0; i < p.length; i++) {
                scores[i] = p[i][c];
                positive[i] = y[i] == labels[c];
            }
            double auc = auc(scores, positive);
            if (!Double.isNaN(auc)) {
                sum += auc;
                count++;
            }
        }
        return count == 0 ? 0 : sum / count;
    }

    /** Equal-frequency classes 0..bins-1 of a continuous variable (by rank). */
    public static int[] quantileClasses(double[] a, int bins) {
        double[] r = Stats.ranks(a);
        int[] out = new int[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = Math.min(bins - 1, (int) ((r[i] - 1) / a.length * bins));
        }
        return out;
    }
}
