package org.vae4j.models.conditional;

import java.util.Collection;
import java.util.List;
import org.vae4j.spi.ModelProvider;
import org.vae4j.spi.VaePlugin;

/** Contributes the conditional VAE as model {@code cvae}. */
public final class ConditionalVaePlugin implements VaePlugin {
    @Override
    public Collection<ModelProvider> modelProviders() {
        return List.of(new ConditionalVaeProvider());
    }
}
