package org.vae4j.metrics.score;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.vae4j.api.metrics.DisentanglementMetric;
import org.vae4j.api.metrics.Factors;
import org.vae4j.api.metrics.MetricContext;
import org.vae4j.api.metrics.MetricResult;

/**
 * DCI as disentanglement_lib computes it ({@code evaluation/metrics/dci.py}), so that values can be
 * set beside published tables: per factor, {@link GradientBoosting} (scikit-learn's
 * {@code GradientBoostingClassifier()} at its defaults) fitted on the raw codes of the train rows;
 * importance R[j][k] is the trees' impurity-based importance of code j for factor k. Disentanglement
 * = sum_j rho_j (1 - H_K(R[j][.] + 1e-11)) with rho_j code j's share of all importance; completeness
 * = sum_k rho_k (1 - H_D(R[.][k] + 1e-11)) with rho_k factor k's share; informativeness = the mean
 * train and test accuracy. The value is the disentanglement. Continuous factors are first cut into
 * the context's equal-width bins (20 by default), since the trees classify; a factor with one class
 * in the train rows (where disentanglement_lib fails) gets no importance and is predicted as that class.
 */
public final class DlibDci implements DisentanglementMetric {
    private static final double ENTROPY_FLOOR = 1e-11;

    @Override
    public String name() {
        return "dlib-dci";
    }

    @Override
    public String description() {
        return "DCI as disentanglement_lib defines it: gradient-boosted trees' importances, train and test accuracy";
    }

    @Override
    public MetricResult compute(double[][] codes, Factors factors, MetricContext context) {
        int[][] split = context.split(codes.length);
        int d = codes[0].length;
        int kf = factors.count();
        double[][] xTrain = Stats.rows(codes, split[0]);
        double[][] xTest = Stats.rows(codes, split[1]);
        double[][] importance = new double[d][kf];
        Map<String, Double> trainPerFactor = new LinkedHashMap<>();
        Map<String, Double> testPerFactor = new LinkedHashMap<>();
        double train = 0;
        double test = 0;
        for (int k = 0; k < kf; k++) {
            int[] y = Stats.discretise(factors, k, context.bins());
            int[] yTrain = Stats.select(y, split[0]);
            int[] yTest = Stats.select(y, split[1]);
            double trainAccuracy;
            double testAccuracy;
            if (Arrays.stream(yTrain).distinct().count() < 2) {
                trainAccuracy = 1;
                testAccuracy = Arrays.stream(yTest).filter(v -> v == yTrain[0]).count() / (double) yTest.length;
            } else {
                GradientBoosting model = GradientBoosting.fit(xTrain, yTrain, context.seed());
                double[] r = model.importances();
                for (int j = 0; j < d; j++) {
                    importance[j][k] = r[j];
                }
                trainAccuracy = model.accuracy(xTrain, yTrain);
                testAccuracy = model.accuracy(xTest, yTest);
            }
            trainPerFactor.put(factors.names().get(k), trainAccuracy);
            testPerFactor.put(factors.names().get(k), testAccuracy);
            train += trainAccuracy / kf;
            test += testAccuracy / kf;
        }
        double[][] transposed = new double[kf][];
        for (int k = 0; k < kf; k++) {
            transposed[k] = Stats.column(importance, k);
        }
        double disentanglement = weightedOneMinusEntropy(importance, kf);
        double completeness = weightedOneMinusEntropy(transposed, d);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("disentanglement", disentanglement);
        details.put("completeness", completeness);
        details.put("informativenessTrain", train);
        details.put("informativenessTest", test);
        details.put("trainAccuracyPerFactor", trainPerFactor);
        details.put("testAccuracyPerFactor", testPerFactor);
        details.put("importance", importance);
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put(
                "classifier",
                "GradientBoostingClassifier(): " + GradientBoosting.STAGES + " stages, depth "
                        + GradientBoosting.MAX_DEPTH + ", learning rate " + GradientBoosting.LEARNING_RATE
                        + ", log-loss");
        parameters.put("continuousFactors", context.bins() + " equal-width bins");
        parameters.put("train", split[0].length);
        parameters.put("test", split[1].length);
        parameters.put("trainRows", context.trainRows());
        return new MetricResult(name(), disentanglement, parameters, details);
    }

    /**
     * disentanglement_lib's weighting: sum over rows of the row's share of the total times one minus
     * the row's entropy (base {@code base}, every entry raised by 1e-11; 0 in base 1); 0 when the total is 0.
     */
    static double weightedOneMinusEntropy(double[][] rows, int base) {
        double total = Arrays.stream(rows).flatMapToDouble(Arrays::stream).sum();
        double value = 0;
        for (double[] row : rows) {
            // with nothing important every row is uniform, 1 - H = 0, whatever the (equal) shares
            double share = total > 0 ? Arrays.stream(row).sum() / total : 0;
            double[] floored = Arrays.stream(row).map(v -> v + ENTROPY_FLOOR).toArray();
            value += share * (1 - Stats.entropy(floored, base)); // entropy 0 in base 1 (one factor)
        }
        return value;
    }
}
