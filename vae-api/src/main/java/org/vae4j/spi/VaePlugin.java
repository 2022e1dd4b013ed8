package org.vae4j.spi;

import java.util.Collection;
import java.util.List;
import org.vae4j.api.metrics.DisentanglementMetric;

/**
 * The entry point of a plugin jar, listed in {@code META-INF/services/org.vae4j.spi.VaePlugin} and
 * found with {@link java.util.ServiceLoader}. Every method has a default so the SPI can grow
 * without breaking existing plugins. Implementations need a public no-argument constructor.
 *
 * <p>What a plugin contributes is registered by name: model variants, disentanglement metrics and
 * dataset sources. A name that is already taken (by a built-in or another plugin) is an error
 * naming both jars.
 */
public interface VaePlugin {

    /** {@return the model variants this plugin contributes} */
    default Collection<ModelProvider> modelProviders() {
        return List.of();
    }

    /** {@return the disentanglement metrics this plugin contributes (looked up by {@link DisentanglementMetric#name()})} */
    default Collection<DisentanglementMetric> metrics() {
        return List.of();
    }

    /** {@return the dataset sources this plugin contributes (looked up by {@link DatasetSource#name()})} */
    default Collection<DatasetSource> datasetSources() {
        return List.of();
    }

    /**
     * A Guice module for the plugin's own wiring, installed into vae4j's injector, or null (the
     * default). It is typed {@code Object} so that the SPI does not depend on Guice: a plugin that
     * uses Guice returns a {@code com.google.inject.Module}; anything else is reported as a broken
     * plugin. The module may add to vae4j's by-name maps with
     * {@code MapBinder.newMapBinder(binder(), String.class, ModelProvider.class)} (likewise for
     * {@code DisentanglementMetric} and {@code DatasetSource}).
     *
     * @return a {@code com.google.inject.Module}, or null
     */
    default Object guiceModule() {
        return null;
    }
}
