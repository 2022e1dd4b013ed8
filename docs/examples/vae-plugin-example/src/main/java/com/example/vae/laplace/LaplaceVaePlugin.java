package com.example.vae.laplace;

import java.util.Collection;
import java.util.List;
import org.vae4j.spi.ModelProvider;
import org.vae4j.spi.VaePlugin;

/** Registered in META-INF/services/org.vae4j.spi.VaePlugin; contributes model {@code laplace-vae}. */
public final class LaplaceVaePlugin implements VaePlugin {
    @Override
    public Collection<ModelProvider> modelProviders() {
        return List.of(new LaplaceVaeProvider());
    }
}
