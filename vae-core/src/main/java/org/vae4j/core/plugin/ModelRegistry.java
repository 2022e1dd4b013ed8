package org.vae4j.core.plugin;

import java.util.Collection;
import java.util.List;
import org.vae4j.spi.ModelProvider;

/**
 * Model providers keyed by their stable name. A duplicate name is an error naming both classes
 * (and the jars they came from); an unknown name lists the available ones. Immutable once built.
 */
public final class ModelRegistry {
    private final NamedRegistry<ModelProvider> providers;

    public ModelRegistry(Collection<ModelProvider> providers, List<PluginFailure> failures) {
        this(new NamedRegistry<>("model", contributions(providers), failures, true));
    }

    public ModelRegistry(NamedRegistry<ModelProvider> providers) {
        this.providers = providers;
    }

    private static List<Contribution<ModelProvider>> contributions(Collection<ModelProvider> providers) {
        return providers.stream()
                .map(p ->
                        new Contribution<>(p.name(), p, p.getClass().getName(), NamedRegistry.codeSource(p.getClass())))
                .toList();
    }

    public ModelProvider get(String name) {
        return providers.get(name);
    }

    /** The provider of {@code name} with the plugin and jar it came from. */
    public Contribution<ModelProvider> contribution(String name) {
        return providers.contribution(name);
    }

    public boolean contains(String name) {
        return providers.contains(name);
    }

    public List<ModelProvider> providers() {
        return providers.values();
    }

    public List<String> names() {
        return providers.names();
    }

    /** Plugins that threw while loading; the others still work. */
    public List<PluginFailure> failures() {
        return providers.failures();
    }
}
