package org.vae4j.cli;

import java.util.Collection;
import java.util.List;
import org.vae4j.models.vanilla.VanillaVaeProvider;
import org.vae4j.spi.ModelProvider;
import org.vae4j.spi.VaePlugin;

/** A plugin that (wrongly) registers a second model named "vae"; loaded only from a test jar. */
public final class DuplicateVaePlugin implements VaePlugin {
    @Override
    public Collection<ModelProvider> modelProviders() {
        return List.of(new ModelProvider() {
            private final VanillaVaeProvider delegate = new VanillaVaeProvider();

            @Override
            public String name() {
                return "vae";
            }

            @Override
            public String description() {
                return "an impostor";
            }

            @Override
            public org.vae4j.spi.OptionSchema optionSchema() {
                return delegate.optionSchema();
            }

            @Override
            public org.vae4j.api.VaeModel create(org.vae4j.spi.ModelContext context) {
                return delegate.create(context);
            }
        });
    }
}
