package org.vae4j.spi;

import java.util.List;
import java.util.Map;

/** Validated option values with defaults filled in; also kept as text for checkpoints and reports. */
public final class Options {
    private final Map<String, Object> values;
    private final Map<String, String> texts;

    Options(Map<String, Object> values, Map<String, String> texts) {
        this.values = Map.copyOf(values);
        this.texts = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(texts));
    }

    private Object get(String name) {
        Object v = values.get(name);
        if (v == null) {
            throw new IllegalArgumentException("option " + name + " is not in this provider's schema");
        }
        return v;
    }

    /**
     * {@return the integer option {@code name}}
     *
     * @param name the option's name
     */
    public int getInt(String name) {
        return (Integer) get(name);
    }

    /**
     * {@return the number option {@code name}}
     *
     * @param name the option's name
     */
    public double getDouble(String name) {
        return (Double) get(name);
    }

    /**
     * {@return the text option {@code name}}
     *
     * @param name the option's name
     */
    public String getString(String name) {
        return (String) get(name);
    }

    /**
     * {@return the boolean option {@code name}}
     *
     * @param name the option's name
     */
    public boolean getBoolean(String name) {
        return (Boolean) get(name);
    }

    /**
     * {@return the integer-list option {@code name}}
     *
     * @param name the option's name
     */
    @SuppressWarnings("unchecked")
    public List<Integer> getIntList(String name) {
        return (List<Integer>) get(name);
    }

    /** {@return all values as the text they were given in (or their defaults), in schema order} */
    public Map<String, String> asText() {
        return texts;
    }
}
