package org.vae4j.core.plugin;

/**
 * A plugin that could not be loaded: its class (as named in its service file; null when the jar
 * itself is unreadable), the jar it came from when known (else null), and why.
 */
public record PluginFailure(String pluginClass, String jar, String cause) {

    public PluginFailure(String pluginClass, String cause) {
        this(pluginClass, null, cause);
    }

    @Override
    public String toString() {
        if (pluginClass == null) {
            return "jar " + jar + ": " + cause;
        }
        return pluginClass + (jar == null ? "" : " (" + jar + ")") + ": " + cause;
    }
}
