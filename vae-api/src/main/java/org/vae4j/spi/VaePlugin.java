package org.vae4j.spi;

import java.util.Collection;
import java.util.List;

/**
 * The entry point of a plugin jar, listed in {@code META-INF/services/org.vae4j.spi.VaePlugin} and
 * found with {@link java.util.ServiceLoader}. Every method has a default so the SPI can grow
 * without breaking existing plugins. Implementations need a public no-argument constructor.
 */
public interface VaePlugin {

    /** The model variants this plugin contributes. */
    default Collection<ModelProvider> modelProviders() {
        return List.of();
    }
}
