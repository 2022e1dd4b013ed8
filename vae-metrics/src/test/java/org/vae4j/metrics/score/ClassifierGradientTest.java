package org.vae4j.metrics.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Gradient checks of the two classifiers' objectives (double precision, central differences):
 * the gradient the Newton solver steps along must be the derivative of the value its line search
 * measures, and the Hessian the derivative of the gradient (where the squared hinge is twice
 * differentiable, away from its kinks).
 */
class ClassifierGradientTest {
    private static final double H = 1e-6;

    private static void check(Newton.Objective objective, double[] at, double tolerance, String name) {
        int n = at.length;
        double[] g = new double[n];
        double[][] hessian = new double[n][n];
        objective.derivatives(at, g, hessian);
        for (int p = 0; p < n; p++) {
            double[] up = at.clone();
            double[] down = at.clone();
            up[p] += H;
            down[p] -= H;
            double numeric = (objective.value(up) - objective.value(down)) / (2 * H);
            assertThat(g[p])
                    .as("%s gradient %d", name, p)
                    .isCloseTo(numeric, offset(tolerance * Math.max(1, Math.abs(numeric))));
            double[] gUp = new double[n];
            double[] gDown = new double[n];
            objective.derivatives(up, gUp, new double[n][n]);
            objective.derivatives(down, gDown, new double[n][n]);
            for (int q = 0; q < n; q++) {
                double second = (gUp[q] - gDown[q]) / (2 * H);
                assertThat(hessian[q][p])
                        .as("%s Hessian %d,%d", name, q, p)
                        .isCloseTo(second, offset(tolerance * Math.max(1, Math.abs(second))));
            }
        }
    }

    private static double[][] data(Random r, int n, int d) {
        double[][] x = new double[n][d];
        for (double[] row : x) {
            for (int j = 0; j < d; j++) {
                row[j] = r.nextGaussian();
            }
        }
        return x;
    }

    @Test
    void logisticLossGradientAndHessianMatchFiniteDifferences() {
        Random r = new Random(5);
        double[][] x = data(r, 40, 3);
        for (int classes : new int[] {2, 4}) {
            int[] y = new int[40];
            for (int i = 0; i < 40; i++) {
                y[i] = 3 + (i % classes); // labels that are not indices
            }
            Logistic.Problem problem = Logistic.Problem.of(x, y, 0.7);
            assertThat(problem.parameters()).isEqualTo(classes == 2 ? 4 : 4 * 3 + 3);
            double[] at = new double[problem.parameters()];
            for (int p = 0; p < at.length; p++) {
                at[p] = 0.3 * r.nextGaussian();
            }
            check(problem.objective(), at, 1e-6, classes + " classes");
        }
    }

    @Test
    void squaredHingeGradientAndHessianMatchFiniteDifferences() {
        Random r = new Random(8);
        double[][] x = data(r, 30, 2);
        double[] sign = new double[30];
        double[] cost = new double[30];
        for (int i = 0; i < 30; i++) {
            sign[i] = i % 3 == 0 ? 1 : -1;
            cost[i] = 0.01 * (1 + i % 4);
        }
        check(LinearSvc.problem(x, sign, cost), new double[] {0.4, -0.2, 0.1}, 1e-6, "squared hinge");
    }
}
