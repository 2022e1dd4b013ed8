package org.vae4j.metrics.score;

import java.util.LinkedHashMap;
import java.util.Map;
import org.vae4j.api.metrics.DisentanglementMetric;
import org.vae4j.api.metrics.Factors;
import org.vae4j.api.metrics.MetricContext;
import org.vae4j.api.metrics.MetricResult;

/**
 * Explicitness (Ridgeway and Mozer 2018): per factor, a softmax classifier from all standardised
 * codes fitted on the train split, scored by the mean one-versus-rest ROC AUC of its class
 * probabilities on the test split; averaged over factors. Continuous factors are first cut into
 * {@value #QUANTILES} equal-frequency classes. 1 when every factor value is linearly separable.
 */
public final class Explicitness implements DisentanglementMetric {
    public static final int QUANTILES = 5;

    @Override
    public String name() {
        return "explicitness";
    }

    @Override
    public String description() {
        return "explicitness (Ridgeway & Mozer 2018): linear classifier ROC AUC";
    }

    @Override
    public MetricResult compute(double[][] codes, Factors factors, MetricContext context) {
        int[][] split = context.split(codes.length);
        double[][] trainX = Stats.rows(codes, split[0]);
        LinearModels.Standardizer s = LinearModels.Standardizer.fit(trainX);
        double[][] xTrain = s.apply(trainX);
        double[][] xTest = s.apply(Stats.rows(codes, split[1]));
        Map<String, Double> perFactor = new LinkedHashMap<>();
        double sum = 0;
        for (int k = 0; k < factors.count(); k++) {
            int[] y = factors.discrete()[k]
                    ? factors.classes(k)
                    : LinearModels.quantileClasses(factors.column(k), QUANTILES);
            int classes = java.util.Arrays.stream(y).max().orElse(0) + 1;
            LinearModels.Softmax m = LinearModels.softmax(xTrain, Stats.select(y, split[0]), classes, 1e-4, 300);
            int[] yTest = Stats.select(y, split[1]);
            double[][] p = new double[xTest.length][];
            for (int i = 0; i < xTest.length; i++) {
                p[i] = m.probabilities(xTest[i]);
            }
            double e = LinearModels.meanAuc(
                    p, yTest, java.util.stream.IntStream.range(0, classes).toArray());
            perFactor.put(factors.names().get(k), e);
            sum += e;
        }
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("classifier", "softmax regression, L2 1e-4");
        parameters.put("continuousFactors", QUANTILES + " equal-frequency classes");
        parameters.put("train", split[0].length);
        parameters.put("test", split[1].length);
        parameters.put("seed", context.seed());
        return new MetricResult(name(), sum / factors.count(), parameters, Map.of("perFactor", perFactor));
    }
}
