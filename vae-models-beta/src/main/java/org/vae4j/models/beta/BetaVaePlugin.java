package org.vae4j.models.beta;

import java.util.Collection;
import java.util.List;
import org.vae4j.spi.ModelProvider;
import org.vae4j.spi.VaePlugin;

/** Contributes the beta-VAE family: {@code beta-vae}, {@code beta-vae-capacity} and {@code beta-tcvae}. */
public final class BetaVaePlugin implements VaePlugin {
    @Override
    public Collection<ModelProvider> modelProviders() {
        return List.of(new BetaVaeProvider(), new CapacityVaeProvider(), new BetaTcVaeProvider());
    }
}
