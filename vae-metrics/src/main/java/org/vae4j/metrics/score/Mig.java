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
 * Mutual information gap (Chen et al. 2018): codes and continuous factors discretised into equal-
 * width bins; per factor, the gap between the largest and second-largest I(z_j; v_k), divided by
 * H(v_k); averaged over factors. 1 when each factor is captured by exactly one code.
 */
public final class Mig implements DisentanglementMetric {
    @Override
    public String name() {
        return "mig";
    }

    @Override
    public String description() {
        return "mutual information gap (Chen et al. 2018), binned";
    }

    @Override
    public MetricResult compute(double[][] codes, Factors factors, MetricContext context) {
        double[][] mi = Stats.mutualInformation(codes, factors, context.bins());
        List<Map<String, Object>> perFactor = new ArrayList<>();
        double sum = 0;
        int counted = 0;
        for (int k = 0; k < factors.count(); k++) {
            double h = Stats.entropy(Stats.discretise(factors, k, context.bins()));
            int best = -1;
            int second = -1;
            for (int j = 0; j < mi.length; j++) {
                if (best < 0 || mi[j][k] > mi[best][k]) {
                    second = best;
                    best = j;
                } else if (second < 0 || mi[j][k] > mi[second][k]) {
                    second = j;
                }
            }
            double gap = h > 0 ? (mi[best][k] - (second < 0 ? 0 : mi[second][k])) / h : 0;
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("factor", factors.names().get(k));
            d.put("gap", gap);
            d.put("bestCode", best);
            d.put("secondCode", second);
            d.put("entropy", h);
            perFactor.add(d);
            if (h > 0) {
                sum += gap;
                counted++;
            }
        }
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("bins", context.bins());
        parameters.put("binning", "equal-width, codes and continuous factors");
        parameters.put("examples", codes.length);
        return new MetricResult(name(), counted == 0 ? 0 : sum / counted, parameters, Map.of("perFactor", perFactor));
    }
}
