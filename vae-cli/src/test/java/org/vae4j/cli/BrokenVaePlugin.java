package org.vae4j.cli;

import java.util.Collection;
import org.vae4j.spi.ModelProvider;
import org.vae4j.spi.VaePlugin;

/** A plugin whose constructor throws; loaded only from a test jar. */
public final class BrokenVaePlugin implements VaePlugin {
    public BrokenVaePlugin() {
        throw new IllegalStateException("license file missing");
    }

    @Override
    public Collection<ModelProvider> modelProviders() {
        throw new AssertionError("never constructed");
    }
}
