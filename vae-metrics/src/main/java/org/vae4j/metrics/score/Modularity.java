package org.vae4j.metrics.score;

import java.util.LinkedHashMap;
import java.util.Map;
import org.vae4j.api.metrics.DisentanglementMetric;
import org.vae4j.api.metrics.Factors;
import org.vae4j.api.metrics.MetricContext;
import org.vae4j.api.metrics.MetricResult;

/**
 * Modularity (Ridgeway and Mozer 2018) from the binned mutual-information matrix: per code, with
 * theta the MI of its best factor, 1 - sum over the other factors of MI^2 / (theta^2 (K - 1));
 * averaged over codes that carry any information. 1 when every code informs about one factor only.
 */
public final class Modularity implements DisentanglementMetric {
    @Override
    public String name() {
        return "modularity";
    }

    @Override
    public String description() {
        return "modularity (Ridgeway & Mozer 2018) from binned mutual information";
    }

    @Override
    public MetricResult compute(double[][] codes, Factors factors, MetricContext context) {
        double[] perCode = perCode(Stats.mutualInformation(codes, factors, context.bins()), factors.count());
        double sum = 0;
        int counted = 0;
        for (double m : perCode) {
            if (!Double.isNaN(m)) {
                sum += m;
                counted++;
            }
        }
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("bins", context.bins());
        parameters.put("examples", codes.length);
        return new MetricResult(name(), counted == 0 ? 0 : sum / counted, parameters, Map.of("perCode", perCode));
    }

    /**
     * Each code's modularity from the MI matrix {@code [codes][factors]}: 1 - sum over the factors
     * other than its best of MI^2 / (theta^2 (K - 1)), theta the best factor's MI; NaN for a code
     * with no information about any factor (or when there is one factor).
     */
    static double[] perCode(double[][] mi, int kf) {
        double[] perCode = new double[mi.length];
        for (int j = 0; j < mi.length; j++) {
            int best = 0;
            for (int k = 1; k < kf; k++) {
                if (mi[j][k] > mi[j][best]) {
                    best = k;
                }
            }
            double theta = mi[j][best];
            if (theta <= 0 || kf < 2) {
                perCode[j] = Double.NaN;
                continue;
            }
            double deviation = 0;
            for (int k = 0; k < kf; k++) {
                if (k != best) {
                    deviation += mi[j][k] * mi[j][k];
                }
            }
            perCode[j] = 1 - deviation / (theta * theta * (kf - 1));
        }
        return perCode;
    }
}
