package org.vae4j.core.plugin;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.vae4j.api.ConfigurationException;

/**
 * Contributions of one kind (models, metrics, dataset sources) by their stable names. A duplicate
 * name is an error naming both origins; an unknown name lists the available ones. Immutable.
 */
public final class NamedRegistry<T> {
    private final String kind;
    private final Map<String, Contribution<T>> byName;
    private final List<PluginFailure> failures;

    /**
     * @param kind "model", "metric" or "dataset", for messages
     */
    public NamedRegistry(String kind, Collection<Contribution<T>> contributions, List<PluginFailure> failures) {
        this(kind, contributions, failures, false);
    }

    /**
     * @param sorted list names alphabetically (else in the order they were contributed, e.g. the
     *               metrics in the order their plugin declares them)
     */
    public NamedRegistry(
            String kind, Collection<Contribution<T>> contributions, List<PluginFailure> failures, boolean sorted) {
        this.kind = kind;
        Map<String, Contribution<T>> map = sorted ? new TreeMap<>() : new LinkedHashMap<>();
        for (Contribution<T> c : contributions) {
            String name = c.name();
            if (name == null || !name.matches("[a-z][a-z0-9-]*")) {
                throw new ConfigurationException(
                        kind + " " + c.value().getClass().getName() + " from " + c.origin() + " has an invalid name '"
                                + name + "'; names are lower-case letters, digits and dashes");
            }
            Contribution<T> previous = map.putIfAbsent(name, c);
            if (previous != null) {
                throw new ConfigurationException(kind + " '" + name + "' is registered twice: by " + describe(previous)
                        + " and by " + describe(c) + "; remove one of the plugins");
            }
        }
        this.byName = Collections.unmodifiableMap(map);
        this.failures = List.copyOf(failures);
    }

    /** A registry of values named by {@code name}, all from one origin (e.g. built-ins in tests). */
    public static <T> NamedRegistry<T> of(String kind, Collection<T> values, Function<T, String> name) {
        List<Contribution<T>> list = new ArrayList<>();
        for (T v : values) {
            list.add(new Contribution<>(name.apply(v), v, v.getClass().getName(), codeSource(v.getClass())));
        }
        return new NamedRegistry<>(kind, list, List.of(), false);
    }

    private static String describe(Contribution<?> c) {
        String valueClass = c.value().getClass().getName();
        String where = c.jar() == null ? "" : " (" + c.jar() + ")";
        return valueClass.equals(c.pluginClass())
                ? valueClass + where
                : valueClass + where + " of plugin " + c.pluginClass();
    }

    /** The jar file name, or class folder path, that holds {@code c}; null when unknown. */
    public static String codeSource(Class<?> c) {
        var domain = c.getProtectionDomain();
        var source = domain == null ? null : domain.getCodeSource();
        if (source == null || source.getLocation() == null) {
            return null;
        }
        String path = source.getLocation().getPath();
        return path.endsWith(".jar") ? path.substring(path.lastIndexOf('/') + 1) : path;
    }

    public String kind() {
        return kind;
    }

    /** The value registered as {@code name}; a ConfigurationException listing the known names otherwise. */
    public T get(String name) {
        return contribution(name).value();
    }

    public Contribution<T> contribution(String name) {
        Contribution<T> c = byName.get(name);
        if (c == null) {
            throw new ConfigurationException("unknown " + kind + " '" + name + "'; available " + kind + "s: "
                    + (byName.isEmpty() ? "none (no plugins found)" : String.join(", ", byName.keySet()))
                    + (failures.isEmpty() ? "" : "; plugins that failed to load: " + failures));
        }
        return c;
    }

    public boolean contains(String name) {
        return byName.containsKey(name);
    }

    /** The names (sorted, or in contribution order). */
    public List<String> names() {
        return new ArrayList<>(byName.keySet());
    }

    /** The values in name order. */
    public List<T> values() {
        return byName.values().stream().map(Contribution::value).toList();
    }

    public Map<String, T> asMap() {
        Map<String, T> m = new LinkedHashMap<>();
        byName.forEach((k, v) -> m.put(k, v.value()));
        return m;
    }

    public List<PluginFailure> failures() {
        return failures;
    }
}
