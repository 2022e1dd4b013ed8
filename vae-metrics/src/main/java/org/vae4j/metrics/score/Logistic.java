package org.vae4j.metrics.score;

import java.util.Arrays;

/**
 * Logistic regression with the definitions of scikit-learn's default {@code LogisticRegression()}
 * (C = 1, L2 penalty on the weights but not the intercepts; two classes give one binary model, more
 * a multinomial one), fitted to the exact optimum by Newton steps rather than lbfgs' approximation.
 * Classes are the sorted distinct labels of the fit.
 */
final class Logistic {
    private final int[] classes;
    private final double[][] weights; // per class: features then the intercept

    private Logistic(int[] classes, double[][] weights) {
        this.classes = classes;
        this.weights = weights;
    }

    /**
     * The fit's optimisation problem: which parameters are free (the weights of every class, of
     * class 1 only for a binary model, and the intercepts of classes 1..k-1; class 0's intercept is
     * 0, which loses nothing because the probabilities do not change when the same constant is
     * added to every intercept), and the penalised log-loss over them.
     */
    record Problem(double[][] x, int[] classes, int[] label, int[][] index, int parameters, double lambda) {
        static Problem of(double[][] x, int[] y, double c) {
            int[] classes = Arrays.stream(y).distinct().sorted().toArray();
            int k = classes.length;
            if (k < 2) {
                throw new IllegalArgumentException("a classifier needs at least two classes, got " + k);
            }
            int d = x[0].length;
            int[][] index = new int[k][d + 1];
            int n = 0;
            for (int cl = 0; cl < k; cl++) {
                for (int j = 0; j <= d; j++) {
                    boolean free = j == d ? cl > 0 : k > 2 || cl == 1;
                    index[cl][j] = free ? n++ : -1;
                }
            }
            int[] label = new int[y.length];
            for (int i = 0; i < y.length; i++) {
                label[i] = Arrays.binarySearch(classes, y[i]);
            }
            return new Problem(x, classes, label, index, n, 1 / c);
        }

        /** {@return the penalised log-loss with its gradient and Hessian} */
        Newton.Objective objective() {
            int k = classes.length;
            int d = x[0].length;
            return new Newton.Objective() {
                @Override
                public double value(double[] t) {
                    return loss(x, label, index, t, lambda, k);
                }

                @Override
                public void derivatives(double[] t, double[] g, double[][] h) {
                    for (int cl = 0; cl < k; cl++) {
                        for (int j = 0; j < d; j++) {
                            int p = index[cl][j];
                            if (p >= 0) {
                                g[p] += lambda * t[p];
                                h[p][p] += lambda;
                            }
                        }
                    }
                    double[] a = new double[d + 1];
                    a[d] = 1;
                    for (int i = 0; i < x.length; i++) {
                        System.arraycopy(x[i], 0, a, 0, d);
                        double[] prob = softmax(logits(index, t, a, k));
                        for (int cl = 0; cl < k; cl++) {
                            double r = prob[cl] - (label[i] == cl ? 1 : 0);
                            for (int j = 0; j <= d; j++) {
                                int p = index[cl][j];
                                if (p < 0) {
                                    continue;
                                }
                                g[p] += r * a[j];
                                for (int cl2 = 0; cl2 < k; cl2++) {
                                    double w = (cl == cl2 ? prob[cl] : 0) - prob[cl] * prob[cl2];
                                    for (int j2 = 0; j2 <= d; j2++) {
                                        int q = index[cl2][j2];
                                        if (q >= 0) {
                                            h[p][q] += w * a[j] * a[j2];
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            };
        }
    }

    /**
     * Fits the model.
     *
     * @param x examples by features
     * @param y the class of each example
     * @param c the inverse penalty strength C
     * @return the fitted model
     */
    static Logistic fit(double[][] x, int[] y, double c) {
        Problem problem = Problem.of(x, y, c);
        int[] classes = problem.classes();
        int k = classes.length;
        int d = x[0].length;
        int[][] index = problem.index();
        double[] theta =
                Newton.minimize(problem.objective(), problem.parameters(), 100, t -> 1e-10 * Math.max(1, x.length));
        double[][] weights = new double[k][d + 1];
        for (int cl = 0; cl < k; cl++) {
            for (int j = 0; j <= d; j++) {
                weights[cl][j] = index[cl][j] >= 0 ? theta[index[cl][j]] : 0;
            }
        }
        return new Logistic(classes, weights);
    }

    /** {@return the classes, sorted} */
    int[] classes() {
        return classes.clone();
    }

    /** {@return the probability of each class (in {@link #classes()} order) for one example} */
    double[] probabilities(double[] x) {
        double[] z = new double[classes.length];
        for (int cl = 0; cl < z.length; cl++) {
            z[cl] = weights[cl][x.length];
            for (int j = 0; j < x.length; j++) {
                z[cl] += weights[cl][j] * x[j];
            }
        }
        return softmax(z);
    }

    /** {@return the weights (features then intercept) of a class; a binary model's class 0 is all 0} */
    double[] coefficients(int cl) {
        return weights[cl].clone();
    }

    /** The logits of every class for one augmented example (features then 1). */
    private static double[] logits(int[][] index, double[] theta, double[] a, int k) {
        double[] z = new double[k];
        for (int cl = 0; cl < k; cl++) {
            for (int j = 0; j < a.length; j++) {
                if (index[cl][j] >= 0) {
                    z[cl] += theta[index[cl][j]] * a[j];
                }
            }
        }
        return z;
    }

    private static double[] softmax(double[] z) {
        double max = Arrays.stream(z).max().orElse(0);
        double sum = 0;
        double[] p = new double[z.length];
        for (int cl = 0; cl < z.length; cl++) {
            p[cl] = Math.exp(z[cl] - max);
            sum += p[cl];
        }
        for (int cl = 0; cl < z.length; cl++) {
            p[cl] /= sum;
        }
        return p;
    }

    private static double loss(double[][] x, int[] label, int[][] index, double[] theta, double lambda, int k) {
        int d = x[0].length;
        double f = 0;
        for (int cl = 0; cl < k; cl++) {
            for (int j = 0; j < d; j++) {
                if (index[cl][j] >= 0) {
                    f += 0.5 * lambda * theta[index[cl][j]] * theta[index[cl][j]];
                }
            }
        }
        double[] a = new double[d + 1];
        a[d] = 1;
        for (int i = 0; i < x.length; i++) {
            System.arraycopy(x[i], 0, a, 0, d);
            double[] z = logits(index, theta, a, k);
            double max = Arrays.stream(z).max().orElse(0);
            double sum = 0;
            for (double v : z) {
                sum += Math.exp(v - max);
            }
            f += max + Math.log(sum) - z[label[i]];
        }
        return f;
    }
}
