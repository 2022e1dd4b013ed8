package org.vae4j.api.metrics;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A score with what it was computed with: its value, the parameters (bins, split sizes, seed,
 * predictor) and details such as per-factor gaps, so numbers can be compared with the literature.
 */
public record MetricResult(String metric, double value, Map<String, Object> parameters, Map<String, Object> details) {
    public MetricResult {
        parameters = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        details = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }
}
