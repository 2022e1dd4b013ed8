package org.vae4j.metrics.score;

import java.util.Arrays;

/**
 * A linear support vector classifier with the definitions of scikit-learn's
 * {@code LinearSVC(C, class_weight="balanced")} (liblinear, squared hinge loss, L2 penalty on the
 * weights and on the intercept, which is a weight on a constant feature 1), fitted to the exact
 * optimum by a generalised Newton method rather than liblinear's approximate dual coordinate
 * descent. Two classes give one problem in which each class's examples carry their own balanced
 * weight; more give one-vs-rest problems in which class k's examples carry its weight and the others
 * plain {@code C}, as liblinear does. Classes are the sorted distinct labels of the fit; prediction
 * is the class with the largest decision value (the first on a tie).
 */
final class LinearSvc {
    private final int[] classes;
    private final double[][] weights; // per problem: features then the intercept

    private LinearSvc(int[] classes, double[][] weights) {
        this.classes = classes;
        this.weights = weights;
    }

    /**
     * Fits the classifier.
     *
     * @param x examples by features
     * @param y the class of each example
     * @param c the penalty parameter C
     * @return the fitted classifier
     */
    static LinearSvc fit(double[][] x, int[] y, double c) {
        int[] classes = Arrays.stream(y).distinct().sorted().toArray();
        if (classes.length < 2) {
            throw new IllegalArgumentException("a classifier needs at least two classes, got " + classes.length);
        }
        double[] balanced = new double[classes.length];
        int[] index = new int[y.length];
        for (int i = 0; i < y.length; i++) {
            index[i] = Arrays.binarySearch(classes, y[i]);
            balanced[index[i]]++;
        }
        for (int k = 0; k < classes.length; k++) {
            balanced[k] = y.length / (classes.length * balanced[k]);
        }
        int problems = classes.length == 2 ? 1 : classes.length;
        double[][] weights = new double[problems][];
        double[] sign = new double[y.length];
        double[] cost = new double[y.length];
        for (int p = 0; p < problems; p++) {
            int positive = classes.length == 2 ? 1 : p;
            for (int i = 0; i < y.length; i++) {
                boolean pos = index[i] == positive;
                sign[i] = pos ? 1 : -1;
                cost[i] = c * (pos || classes.length == 2 ? balanced[index[i]] : 1);
            }
            weights[p] = solve(x, sign, cost);
        }
        return new LinearSvc(classes, weights);
    }

    /** {@return the weights and intercept of problem p: the features' weights then the intercept} */
    double[] coefficients(int p) {
        return weights[p].clone();
    }

    /** {@return the predicted class of one example} */
    int predict(double[] x) {
        if (weights.length == 1) {
            return classes[decision(weights[0], x) > 0 ? 1 : 0];
        }
        int best = 0;
        double bestValue = Double.NEGATIVE_INFINITY;
        for (int p = 0; p < weights.length; p++) {
            double v = decision(weights[p], x);
            if (v > bestValue) {
                bestValue = v;
                best = p;
            }
        }
        return classes[best];
    }

    /** {@return the fraction of examples whose predicted class is their label} */
    double accuracy(double[][] x, int[] y) {
        int right = 0;
        for (int i = 0; i < y.length; i++) {
            right += predict(x[i]) == y[i] ? 1 : 0;
        }
        return (double) right / y.length;
    }

    private static double decision(double[] w, double[] x) {
        double v = w[x.length];
        for (int j = 0; j < x.length; j++) {
            v += w[j] * x[j];
        }
        return v;
    }

    /**
     * Minimises 0.5 |w|^2 + sum_i cost_i max(0, 1 - sign_i w.(x_i, 1))^2: the objective is convex,
     * piecewise quadratic and continuously differentiable, so Newton steps on the generalised
     * Hessian with a backtracking line search reach the optimum in a few iterations.
     */
    private static double[] solve(double[][] x, double[] sign, double[] cost) {
        return Newton.minimize(
                problem(x, sign, cost), x[0].length + 1, 200, w -> 1e-12 * Math.max(1, Math.sqrt(Newton.dot(w, w))));
    }

    /** {@return the squared-hinge objective of {@link #solve} with its gradient and generalised Hessian} */
    static Newton.Objective problem(double[][] x, double[] sign, double[] cost) {
        return new Newton.Objective() {
            @Override
            public double value(double[] w) {
                return objective(x, sign, cost, w);
            }

            @Override
            public void derivatives(double[] w, double[] g, double[][] h) {
                int d = w.length;
                double[] a = new double[d];
                for (int j = 0; j < d; j++) {
                    g[j] = w[j];
                    h[j][j] = 1;
                }
                for (int i = 0; i < sign.length; i++) {
                    augmented(x[i], a);
                    double slack = 1 - sign[i] * Newton.dot(w, a);
                    if (slack > 0) {
                        for (int j = 0; j < d; j++) {
                            g[j] -= 2 * cost[i] * sign[i] * slack * a[j];
                            for (int l = 0; l < d; l++) {
                                h[j][l] += 2 * cost[i] * a[j] * a[l];
                            }
                        }
                    }
                }
            }
        };
    }

    private static double objective(double[][] x, double[] sign, double[] cost, double[] w) {
        double[] a = new double[w.length];
        double f = 0.5 * Newton.dot(w, w);
        for (int i = 0; i < sign.length; i++) {
            augmented(x[i], a);
            double slack = 1 - sign[i] * Newton.dot(w, a);
            if (slack > 0) {
                f += cost[i] * slack * slack;
            }
        }
        return f;
    }

    private static void augmented(double[] x, double[] a) {
        System.arraycopy(x, 0, a, 0, x.length);
        a[x.length] = 1;
    }
}
