package org.vae4j.core.plugin;

import java.util.Collection;
import org.vae4j.core.data.BuiltinDatasets;
import org.vae4j.spi.DatasetSource;
import org.vae4j.spi.VaePlugin;

/** The engine's own contributions, found like any plugin's: the built-in dataset sources. */
public final class CorePlugin implements VaePlugin {
    @Override
    public Collection<DatasetSource> datasetSources() {
        return BuiltinDatasets.all();
    }
}
