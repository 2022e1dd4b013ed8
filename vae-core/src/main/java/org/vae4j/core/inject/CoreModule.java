package org.vae4j.core.inject;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import java.nio.file.Path;
import org.vae4j.core.nn.BuiltinComponents;
import org.vae4j.core.plugin.ModelRegistry;
import org.vae4j.core.plugin.PluginLoader;
import org.vae4j.spi.Components;

/**
 * Wires the engine: the model registry discovered through ServiceLoader (application class path
 * plus an optional plugin directory) and the built-in components. The SPI never sees Guice.
 */
public final class CoreModule extends AbstractModule {
    private final Path pluginDir;

    /** @param pluginDir a directory of extra plugin jars, or null */
    public CoreModule(Path pluginDir) {
        this.pluginDir = pluginDir;
    }

    @Override
    protected void configure() {
        bind(Components.class).to(BuiltinComponents.class).in(Singleton.class);
    }

    @Provides
    @Singleton
    ModelRegistry registry() {
        return PluginLoader.load(PluginLoader.classLoader(CoreModule.class.getClassLoader(), pluginDir));
    }
}
