package org.vae4j.metrics.score;

import java.util.LinkedHashMap;
import java.util.Map;
import org.vae4j.api.metrics.DisentanglementMetric;
import org.vae4j.api.metrics.Factors;
import org.vae4j.api.metrics.MetricContext;
import org.vae4j.api.metrics.MetricResult;

/**
 * MIG as disentanglement_lib computes it ({@code mig.py}: {@code compute_mig} scores the
 * {@code num_train} points it draws, nothing else): {@link Mig}'s definition on the <em>train</em>
 * rows of the split only, the first {@link MetricContext#trainRows()} rows when they are given.
 */
public final class DlibMig implements DisentanglementMetric {
    @Override
    public String name() {
        return "dlib-mig";
    }

    @Override
    public String description() {
        return "MIG as disentanglement_lib defines it: on the train rows only";
    }

    @Override
    public MetricResult compute(double[][] codes, Factors factors, MetricContext context) {
        int[] train = context.split(codes.length)[0];
        Factors trainFactors = new Factors(factors.names(), Stats.rows(factors.values(), train), factors.discrete());
        MetricResult mig = new Mig().compute(Stats.rows(codes, train), trainFactors, context);
        Map<String, Object> parameters = new LinkedHashMap<>(mig.parameters());
        parameters.put("train", train.length);
        parameters.put("trainRows", context.trainRows());
        return new MetricResult(name(), mig.value(), parameters, mig.details());
    }
}
