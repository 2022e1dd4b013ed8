package org.vae4j.core.plugin;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.vae4j.api.ConfigurationException;
import org.vae4j.spi.ModelProvider;

/**
 * Model providers keyed by their stable name. A duplicate name is an error naming both classes
 * (and the jars they came from); an unknown name lists the available ones. Immutable once built.
 */
public final class ModelRegistry {
    private final Map<String, ModelProvider> providers;
    private final List<PluginFailure> failures;

    public ModelRegistry(Collection<ModelProvider> providers, List<PluginFailure> failures) {
        Map<String, ModelProvider> byName = new TreeMap<>();
        for (ModelProvider p : providers) {
            String name = p.name();
            if (name == null || !name.matches("[a-z][a-z0-9-]*")) {
                throw new ConfigurationException("model provider " + p.getClass().getName() + " has an invalid name '"
                        + name + "'; names are lower-case letters, digits and dashes");
            }
            ModelProvider previous = byName.putIfAbsent(name, p);
            if (previous != null) {
                throw new ConfigurationException("model '" + name + "' is registered twice: by " + describe(previous)
                        + " and by " + describe(p) + "; remove one of the plugins");
            }
        }
        this.providers = Collections.unmodifiableMap(byName);
        this.failures = List.copyOf(failures);
    }

    static String describe(ModelProvider p) {
        Class<?> c = p.getClass();
        var source = c.getProtectionDomain() == null ? null : c.getProtectionDomain().getCodeSource();
        String where = source == null || source.getLocation() == null ? "" : " (" + source.getLocation().getPath() + ")";
        return c.getName() + where;
    }

    public ModelProvider get(String name) {
        ModelProvider p = providers.get(name);
        if (p == null) {
            throw new ConfigurationException("unknown model '" + name + "'; available models: "
                    + (providers.isEmpty() ? "none (no plugins found)" : String.join(", ", providers.keySet()))
                    + (failures.isEmpty() ? "" : "; plugins that failed to load: " + failures));
        }
        return p;
    }

    public List<ModelProvider> providers() {
        return new ArrayList<>(providers.values());
    }

    public List<String> names() {
        return new ArrayList<>(providers.keySet());
    }

    /** Plugins that threw while loading; the others still work. */
    public List<PluginFailure> failures() {
        return failures;
    }
}
