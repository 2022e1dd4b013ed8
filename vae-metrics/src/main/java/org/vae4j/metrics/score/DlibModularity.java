package org.vae4j.metrics.score;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.vae4j.api.metrics.DisentanglementMetric;
import org.vae4j.api.metrics.Factors;
import org.vae4j.api.metrics.MetricContext;
import org.vae4j.api.metrics.MetricResult;

/**
 * Modularity as disentanglement_lib computes it ({@code modularity_explicitness.py}): the same
 * per-code definition as {@link Modularity}, from the mutual information of the codes (20
 * equal-width bins) with the factors on the <em>train</em> rows only, averaged over all codes with
 * 0 for a code that carries no information about any factor, so that a collapsed latent dimension
 * lowers the score where vae4j's {@code modularity} leaves it out. Continuous factors are cut into
 * the same bins.
 */
public final class DlibModularity implements DisentanglementMetric {
    @Override
    public String name() {
        return "dlib-modularity";
    }

    @Override
    public String description() {
        return "modularity as disentanglement_lib defines it: train rows, uninformative codes count 0";
    }

    @Override
    public MetricResult compute(double[][] codes, Factors factors, MetricContext context) {
        int[] train = context.split(codes.length)[0];
        Factors trainFactors = new Factors(factors.names(), Stats.rows(factors.values(), train), factors.discrete());
        double[] perCode = Modularity.perCode(
                Stats.mutualInformation(Stats.rows(codes, train), trainFactors, context.bins()), factors.count());
        double value = Arrays.stream(perCode)
                .map(m -> Double.isNaN(m) ? 0 : m)
                .average()
                .orElse(0);
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("bins", context.bins());
        parameters.put("train", train.length);
        parameters.put("trainRows", context.trainRows());
        return new MetricResult(name(), value, parameters, Map.of("perCode", perCode));
    }
}
