package org.vae4j.metrics.score;

import java.util.LinkedHashMap;
import java.util.Map;
import org.vae4j.api.metrics.DisentanglementMetric;
import org.vae4j.api.metrics.Factors;
import org.vae4j.api.metrics.MetricContext;
import org.vae4j.api.metrics.MetricResult;

/**
 * DCI (Eastwood and Williams 2018) with linear predictors: per factor, lasso regression
 * (continuous) or a softmax classifier (discrete) from all standardised codes, fitted on the
 * train split. Importances R[j][k] are the absolute standardised weights (for a classifier, their
 * mean over classes). Disentanglement = sum_j rho_j (1 - H_K(R[j][.])) with rho_j the code's
 * share of all importance; completeness = mean_k (1 - H_D(R[.][k])); informativeness = test R^2
 * (continuous) or test accuracy (discrete), averaged. The value is the disentanglement.
 */
public final class Dci implements DisentanglementMetric {
    public static final double LASSO_ALPHA = 0.01;

    @Override
    public String name() {
        return "dci";
    }

    @Override
    public String description() {
        return "DCI disentanglement, completeness, informativeness (Eastwood & Williams 2018), linear predictors";
    }

    @Override
    public MetricResult compute(double[][] codes, Factors factors, MetricContext context) {
        int[][] split = context.split(codes.length);
        int d = codes[0].length;
        int kf = factors.count();
        double[][] trainX = Stats.rows(codes, split[0]);
        LinearModels.Standardizer s = LinearModels.Standardizer.fit(trainX);
        double[][] xTrain = s.apply(trainX);
        double[][] xTest = s.apply(Stats.rows(codes, split[1]));
        double[][] importance = new double[d][kf];
        double[] informativeness = new double[kf];
        for (int k = 0; k < kf; k++) {
            if (factors.discrete()[k]) {
                int[] y = factors.classes(k);
                int classes = java.util.Arrays.stream(y).max().orElse(0) + 1;
                LinearModels.Softmax m = LinearModels.softmax(xTrain, Stats.select(y, split[0]), classes, 1e-4, 300);
                for (int j = 0; j < d; j++) {
                    double sum = 0;
                    for (double[] w : m.weights()) {
                        sum += Math.abs(w[j]);
                    }
                    importance[j][k] = sum / classes;
                }
                informativeness[k] = m.accuracy(xTest, Stats.select(y, split[1]));
            } else {
                double[] v = factors.column(k);
                double[] vTrain = Stats.select(v, split[0]);
                double mean = Stats.mean(vTrain);
                double sd = Math.sqrt(Stats.variance(vTrain));
                double scale = sd > 0 ? sd : 1;
                double[] target = new double[vTrain.length];
                for (int i = 0; i < target.length; i++) {
                    target[i] = (vTrain[i] - mean) / scale;
                }
                double[] model = LinearModels.lasso(xTrain, target, LASSO_ALPHA);
                for (int j = 0; j < d; j++) {
                    importance[j][k] = Math.abs(model[j]);
                }
                double[] vTest = Stats.select(v, split[1]);
                double sse = 0;
                double sst = 0;
                double testMean = Stats.mean(vTest);
                for (int i = 0; i < vTest.length; i++) {
                    double predicted = LinearModels.predict(model, xTest[i]) * scale + mean;
                    sse += (vTest[i] - predicted) * (vTest[i] - predicted);
                    sst += (vTest[i] - testMean) * (vTest[i] - testMean);
                }
                informativeness[k] = sst > 0 ? 1 - sse / sst : 0;
            }
        }
        double total = 0;
        for (double[] row : importance) {
            for (double v : row) {
                total += v;
            }
        }
        double disentanglement = 0;
        for (int j = 0; j < d; j++) {
            double rowSum = java.util.Arrays.stream(importance[j]).sum();
            if (total > 0 && rowSum > 0) {
                double dj = kf > 1 ? 1 - Stats.entropy(importance[j], kf) : 1;
                disentanglement += rowSum / total * dj;
            }
        }
        double completeness = 0;
        for (int k = 0; k < kf; k++) {
            double[] col = Stats.column(importance, k);
            completeness += (d > 1 ? 1 - Stats.entropy(col, d) : 1) / kf;
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("disentanglement", disentanglement);
        details.put("completeness", completeness);
        details.put("informativeness", Stats.mean(informativeness));
        Map<String, Double> perFactor = new LinkedHashMap<>();
        for (int k = 0; k < kf; k++) {
            perFactor.put(factors.names().get(k), informativeness[k]);
        }
        details.put("informativenessPerFactor", perFactor);
        details.put("importance", importance);
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("continuousPredictor", "lasso, alpha " + LASSO_ALPHA + " on standardised codes and factor");
        parameters.put("discretePredictor", "softmax regression, L2 1e-4");
        parameters.put("informativeness", "test R^2 (continuous), test accuracy (discrete)");
        parameters.put("train", split[0].length);
        parameters.put("test", split[1].length);
        parameters.put("seed", context.seed());
        return new MetricResult(name(), disentanglement, parameters, details);
    }
}
