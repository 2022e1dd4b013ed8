package org.vae4j.metrics.score;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.vae4j.api.ConfigurationException;

/** The registered {@link DisentanglementMetric}s, by name. */
public final class Metrics {
    private final Map<String, DisentanglementMetric> byName = new LinkedHashMap<>();

    private Metrics(Iterable<DisentanglementMetric> metrics) {
        for (DisentanglementMetric m : metrics) {
            DisentanglementMetric previous = byName.putIfAbsent(m.name(), m);
            if (previous != null) {
                throw new ConfigurationException("metric '" + m.name() + "' is registered twice: by "
                        + previous.getClass().getName() + " and by " + m.getClass().getName());
            }
        }
    }

    public static Metrics load(ClassLoader loader) {
        return new Metrics(ServiceLoader.load(DisentanglementMetric.class, loader));
    }

    public static Metrics load() {
        return load(Metrics.class.getClassLoader());
    }

    public List<String> names() {
        return List.copyOf(byName.keySet());
    }

    public DisentanglementMetric get(String name) {
        DisentanglementMetric m = byName.get(name);
        if (m == null) {
            throw new ConfigurationException("unknown metric '" + name + "'; available metrics: "
                    + String.join(", ", byName.keySet()));
        }
        return m;
    }
}
