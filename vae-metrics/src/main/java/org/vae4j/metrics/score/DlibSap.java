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
 * SAP as disentanglement_lib computes it ({@code evaluation/metrics/sap_score.py}), so that values
 * can be set beside published tables: for a discrete factor, the test accuracy of
 * {@code LinearSVC(C=0.01, class_weight="balanced")} fitted on one raw (unstandardised) code on the
 * train rows; for a continuous one, the squared correlation on the <em>train</em> rows, 0 when the
 * code's variance is at most 1e-12; per factor, the gap between the two best codes; the mean over
 * factors. Unlike disentanglement_lib, the kind is chosen per factor rather than for all, and a
 * constant factor scores 0 rather than NaN.
 */
public final class DlibSap implements DisentanglementMetric {
    private static final double C = 0.01;

    @Override
    public String name() {
        return "dlib-sap";
    }

    @Override
    public String description() {
        return "SAP as disentanglement_lib defines it: LinearSVC(C=0.01, balanced) accuracy, train-row correlation";
    }

    @Override
    public MetricResult compute(double[][] codes, Factors factors, MetricContext context) {
        int[][] split = context.split(codes.length);
        int d = codes[0].length;
        double[][] score = new double[d][factors.count()];
        for (int j = 0; j < d; j++) {
            double[] z = Stats.column(codes, j);
            double[] zTrain = Stats.select(z, split[0]);
            double[][] train = Sap.oneColumn(zTrain);
            double[][] test = Sap.oneColumn(Stats.select(z, split[1]));
            double variance = Stats.variance(zTrain) * zTrain.length / (zTrain.length - 1.0);
            for (int k = 0; k < factors.count(); k++) {
                if (factors.discrete()[k]) {
                    int[] y = factors.classes(k);
                    int[] yTrain = Stats.select(y, split[0]);
                    score[j][k] = java.util.Arrays.stream(yTrain).distinct().count() < 2
                            ? 0
                            : LinearSvc.fit(train, yTrain, C).accuracy(test, Stats.select(y, split[1]));
                } else if (variance > 1e-12) {
                    double r = Stats.pearson(zTrain, Stats.select(factors.column(k), split[0]));
                    score[j][k] = r * r;
                }
            }
        }
        List<Map<String, Object>> perFactor = new ArrayList<>();
        double mean = Sap.gaps(score, factors, "test accuracy of LinearSVC(C=0.01, class_weight=balanced)", perFactor);
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("C", C);
        parameters.put("train", split[0].length);
        parameters.put("test", split[1].length);
        parameters.put("trainRows", context.trainRows());
        return new MetricResult(name(), mean, parameters, Map.of("perFactor", perFactor, "scoreMatrix", score));
    }
}
