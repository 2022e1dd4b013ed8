package org.vae4j.api.metrics;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A score with what it was computed with: its value, the parameters (bins, split sizes, seed,
 * predictor) and details such as per-factor gaps, so numbers can be compared with the literature.
 */
public record MetricResult(String metric, double value, Map<String, Object> parameters, Map<String, Object> details) {
    /**
     * Copies the maps, keeping their order.
     *
     * @param metric the metric's name
     * @param value the value
     * @param parameters what it was computed with
     * @param details per-factor values and other details
     */
    public MetricResult {
        parameters = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        details = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }
}
