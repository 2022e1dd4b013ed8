package org.vae4j.metrics.score;

/**
 * Newton's method with a backtracking (Armijo) line search, for the smooth convex objectives of the
 * linear classifiers that reproduce scikit-learn's ({@link LinearSvc}, {@link Logistic}): their
 * Hessians, plus the L2 penalty, are positive definite, so each step solves by Cholesky, and the
 * optimum is reached to double precision in a few iterations.
 */
final class Newton {
    private Newton() {}

    /** An objective with its gradient and (generalised) Hessian. */
    interface Objective {
        /** {@return the objective at x} */
        double value(double[] x);

        /**
         * Writes the gradient and Hessian at x.
         *
         * @param x the point
         * @param g receives the gradient, zeroed by the caller
         * @param h receives the Hessian, zeroed by the caller
         */
        void derivatives(double[] x, double[] g, double[][] h);
    }

    /**
     * Minimises from 0.
     *
     * @param objective the objective
     * @param n the number of parameters
     * @param iterations at most this many Newton steps
     * @param tolerance stops when the gradient's norm at x is at most {@code tolerance.applyAsDouble(x)}
     * @return the minimiser
     */
    static double[] minimize(
            Objective objective, int n, int iterations, java.util.function.ToDoubleFunction<double[]> tolerance) {
        double[] x = new double[n];
        double f = objective.value(x);
        for (int iteration = 0; iteration < iterations; iteration++) {
            double[] g = new double[n];
            double[][] h = new double[n][n];
            objective.derivatives(x, g, h);
            if (Math.sqrt(dot(g, g)) <= tolerance.applyAsDouble(x)) {
                break;
            }
            double[] step = cholesky(h, g);
            double slope = -dot(g, step);
            double t = 1;
            double[] next = new double[n];
            double fNext;
            while (true) {
                for (int j = 0; j < n; j++) {
                    next[j] = x[j] - t * step[j];
                }
                fNext = objective.value(next);
                if (fNext <= f + 1e-4 * t * slope || t < 1e-12) {
                    break;
                }
                t /= 2;
            }
            if (!(fNext < f)) {
                break; // no further decrease in double precision: at the optimum
            }
            x = next;
            f = fNext;
        }
        return x;
    }

    /** Solves h s = g for a symmetric positive definite h . */
    private static double[] cholesky(double[][] h, double[] g) {
        int d = g.length;
        double[][] l = new double[d][d];
        for (int j = 0; j < d; j++) {
            for (int k = 0; k <= j; k++) {
                double s = h[j][k];
                for (int m = 0; m < k; m++) {
                    s -= l[j][m] * l[k][m];
                }
                l[j][k] = j == k ? Math.sqrt(s) : s / l[k][k];
            }
        }
        double[] z = new double[d];
        for (int j = 0; j < d; j++) {
            double s = g[j];
            for (int m = 0; m < j; m++) {
                s -= l[j][m] * z[m];
            }
            z[j] = s / l[j][j];
        }
        double[] out = new double[d];
        for (int j = d - 1; j >= 0; j--) {
            double s = z[j];
            for (int m = j + 1; m < d; m++) {
                s -= l[m][j] * out[m];
            }
            out[j] = s / l[j][j];
        }
        return out;
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int j = 0; j < a.length; j++) {
            s += a[j] * b[j];
        }
        return s;
    }
}
