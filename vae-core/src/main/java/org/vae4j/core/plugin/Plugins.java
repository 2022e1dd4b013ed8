package org.vae4j.core.plugin;

import java.util.List;
import org.vae4j.api.metrics.DisentanglementMetric;
import org.vae4j.spi.DatasetSource;
import org.vae4j.spi.ModelProvider;

/**
 * Everything the plugins on a class loader contribute, by name, with the plugins that failed to
 * load. Names are unique per kind (checked when this is built).
 *
 * @param modules the plugins' own Guice modules ({@code com.google.inject.Module} instances)
 */
public record Plugins(
        NamedRegistry<ModelProvider> models,
        NamedRegistry<DisentanglementMetric> metrics,
        NamedRegistry<DatasetSource> datasets,
        List<Contribution<Object>> modules,
        List<PluginFailure> failures) {
    public Plugins {
        modules = List.copyOf(modules);
        failures = List.copyOf(failures);
    }
}
