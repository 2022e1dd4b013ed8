package org.vae4j.models.vanilla;

import java.util.Collection;
import java.util.List;
import org.vae4j.spi.ModelProvider;
import org.vae4j.spi.VaePlugin;

/** Contributes the vanilla VAE (Kingma and Welling, 2014) as model {@code vae}. */
public final class VanillaVaePlugin implements VaePlugin {
    @Override
    public Collection<ModelProvider> modelProviders() {
        return List.of(new VanillaVaeProvider());
    }
}
