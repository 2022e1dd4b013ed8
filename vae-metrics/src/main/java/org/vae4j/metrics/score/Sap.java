package org.vae4j.metrics.score;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.vae4j.api.metrics.DisentanglementMetric;
import org.vae4j.api.metrics.Factors;
import org.vae4j.api.metrics.MetricContext;
import org.vae4j.api.metrics.MetricResult;

/**
 * Separated attribute predictability (Kumar et al. 2018): a score per (code, factor), the squared
 * Pearson correlation on the test split for a continuous factor and the test accuracy of a 1-D
 * linear (softmax) classifier fitted on the train split for a discrete one; per factor, the gap
 * between the two best codes; averaged over factors.
 */
public final class Sap implements DisentanglementMetric {
    @Override
    public String name() {
        return "sap";
    }

    @Override
    public String description() {
        return "separated attribute predictability (Kumar et al. 2018): continuous and discrete branches";
    }

    @Override
    public MetricResult compute(double[][] codes, Factors factors, MetricContext context) {
        int[][] split = context.split(codes.length);
        int d = codes[0].length;
        double[][] score = new double[d][factors.count()];
        for (int j = 0; j < d; j++) {
            double[] z = Stats.column(codes, j);
            double[][] train = oneColumn(Stats.select(z, split[0]));
            double[][] test = oneColumn(Stats.select(z, split[1]));
            LinearModels.Standardizer s = LinearModels.Standardizer.fit(train);
            for (int k = 0; k < factors.count(); k++) {
                if (factors.discrete()[k]) {
                    int[] y = factors.classes(k);
                    int classes = java.util.Arrays.stream(y).max().orElse(0) + 1;
                    LinearModels.Softmax m =
                            LinearModels.softmax(s.apply(train), Stats.select(y, split[0]), classes, 1e-4, 150);
                    score[j][k] = m.accuracy(s.apply(test), Stats.select(y, split[1]));
                } else {
                    double r = Stats.pearson(Stats.select(z, split[1]), Stats.select(factors.column(k), split[1]));
                    score[j][k] = r * r;
                }
            }
        }
        List<Map<String, Object>> perFactor = new ArrayList<>();
        double mean = gaps(score, factors, "test accuracy of a 1-D softmax classifier", perFactor);
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("train", split[0].length);
        parameters.put("test", split[1].length);
        parameters.put("seed", context.seed());
        return new MetricResult(name(), mean, parameters, Map.of("perFactor", perFactor));
    }

    /**
     * Per factor, the gap between the two best codes' scores (the best alone with one code), each
     * factor's entry added to {@code perFactor}.
     *
     * @param score scores by code and factor
     * @param factors the factors
     * @param discreteScore how a discrete factor's scores were made, for the details
     * @param perFactor receives one entry per factor
     * @return the mean gap
     */
    static double gaps(double[][] score, Factors factors, String discreteScore, List<Map<String, Object>> perFactor) {
        int d = score.length;
        double sum = 0;
        for (int k = 0; k < factors.count(); k++) {
            double best = Double.NEGATIVE_INFINITY;
            double second = Double.NEGATIVE_INFINITY;
            int bestCode = -1;
            for (int j = 0; j < d; j++) {
                if (score[j][k] > best) {
                    second = best;
                    best = score[j][k];
                    bestCode = j;
                } else if (score[j][k] > second) {
                    second = score[j][k];
                }
            }
            double gap = best - (d > 1 ? second : 0);
            sum += gap;
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("factor", factors.names().get(k));
            m.put("gap", gap);
            m.put("bestCode", bestCode);
            m.put("score", factors.discrete()[k] ? discreteScore : "squared correlation");
            perFactor.add(m);
        }
        return sum / factors.count();
    }

    static double[][] oneColumn(double[] a) {
        double[][] out = new double[a.length][1];
        for (int i = 0; i < a.length; i++) {
            out[i][0] = a[i];
        }
        return out;
    }
}
