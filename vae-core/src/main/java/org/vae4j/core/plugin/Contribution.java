package org.vae4j.core.plugin;

/**
 * One thing a plugin contributes under a name: a model provider, a metric or a dataset source,
 * with where it came from ({@code origin}: the declaring plugin's class and its jar or folder),
 * for error messages and provenance.
 *
 * @param jar the file name of the jar (or the class folder) that holds the plugin class, or null
 */
public record Contribution<T>(String name, T value, String pluginClass, String jar) {

    /** "com.example.Plugin (example.jar)". */
    public String origin() {
        return pluginClass + (jar == null ? "" : " (" + jar + ")");
    }
}
