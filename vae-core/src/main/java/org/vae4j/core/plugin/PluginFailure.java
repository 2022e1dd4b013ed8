package org.vae4j.core.plugin;

/** A plugin that could not be loaded: its class (as named in its service file) and why. */
public record PluginFailure(String pluginClass, String cause) {
    @Override
    public String toString() {
        return pluginClass + ": " + cause;
    }
}
