package org.vae4j.core.inject;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.MapBinder;
import java.util.Map;
import org.vae4j.api.metrics.DisentanglementMetric;
import org.vae4j.core.nn.BuiltinComponents;
import org.vae4j.core.plugin.Contribution;
import org.vae4j.core.plugin.ModelRegistry;
import org.vae4j.core.plugin.NamedRegistry;
import org.vae4j.core.plugin.Plugins;
import org.vae4j.spi.Components;
import org.vae4j.spi.DatasetSource;
import org.vae4j.spi.ModelProvider;

/**
 * The composition root's engine part: every model provider, metric and dataset source the plugins
 * contribute is bound by name into a {@link MapBinder} (Druid style), the plugins' own Guice
 * modules are installed, and the registries the rest of vae4j uses are built from those maps, so
 * a binding a plugin module adds is found like a ServiceLoader one. The SPI never sees Guice.
 */
public final class CoreModule extends AbstractModule {
    private final Plugins plugins;

    public CoreModule(Plugins plugins) {
        this.plugins = plugins;
    }

    @Override
    protected void configure() {
        bind(Components.class).to(BuiltinComponents.class).in(Singleton.class);
        bind(Plugins.class).toInstance(plugins);
        MapBinder<String, ModelProvider> models = MapBinder.newMapBinder(binder(), String.class, ModelProvider.class);
        plugins.models().asMap().forEach((name, p) -> models.addBinding(name).toInstance(p));
        MapBinder<String, DisentanglementMetric> metrics =
                MapBinder.newMapBinder(binder(), String.class, DisentanglementMetric.class);
        plugins.metrics().asMap().forEach((name, m) -> metrics.addBinding(name).toInstance(m));
        MapBinder<String, DatasetSource> datasets = MapBinder.newMapBinder(binder(), String.class, DatasetSource.class);
        plugins.datasets()
                .asMap()
                .forEach((name, d) -> datasets.addBinding(name).toInstance(d));
        for (Contribution<Object> module : plugins.modules()) {
            install((Module) module.value());
        }
    }

    @Provides
    @Singleton
    ModelRegistry models(Map<String, ModelProvider> bound) {
        return new ModelRegistry(registry("model", bound, plugins.models(), true));
    }

    @Provides
    @Singleton
    NamedRegistry<DisentanglementMetric> metrics(Map<String, DisentanglementMetric> bound) {
        return registry("metric", bound, plugins.metrics(), false);
    }

    @Provides
    @Singleton
    NamedRegistry<DatasetSource> datasets(Map<String, DatasetSource> bound) {
        return registry("dataset", bound, plugins.datasets(), true);
    }

    /** The injected map as a registry, keeping the ServiceLoader origins and naming module-added entries. */
    private static <T> NamedRegistry<T> registry(
            String kind, Map<String, T> bound, NamedRegistry<T> discovered, boolean sorted) {
        java.util.List<Contribution<T>> all = new java.util.ArrayList<>();
        bound.forEach((name, value) -> all.add(
                discovered.contains(name)
                        ? discovered.contribution(name)
                        : new Contribution<>(
                                name, value, "a Guice module", NamedRegistry.codeSource(value.getClass()))));
        return new NamedRegistry<>(kind, all, discovered.failures(), sorted);
    }
}
