package org.vae4j.spi;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.vae4j.api.ConfigurationException;

/** The options a provider accepts, in display order. Unknown keys are rejected. */
public final class OptionSchema {
    private final Map<String, OptionSpec> specs = new LinkedHashMap<>();

    /**
     * A schema of these options, in this order.
     *
     * @param options the options; names must be unique
     */
    public OptionSchema(Collection<OptionSpec> options) {
        for (OptionSpec spec : options) {
            if (specs.putIfAbsent(spec.name(), spec) != null) {
                throw new IllegalArgumentException("option " + spec.name() + " is declared twice");
            }
        }
    }

    /**
     * {@return a schema of these options, in this order}
     *
     * @param options the options; names must be unique
     */
    public static OptionSchema of(OptionSpec... options) {
        return new OptionSchema(List.of(options));
    }

    /**
     * {@return this schema followed by {@code more}}
     *
     * @param more options to append
     */
    public OptionSchema with(OptionSpec... more) {
        List<OptionSpec> all = new ArrayList<>(specs.values());
        all.addAll(List.of(more));
        return new OptionSchema(all);
    }

    /** {@return the options, in display order} */
    public List<OptionSpec> options() {
        return List.copyOf(specs.values());
    }

    /**
     * Validates user-supplied {@code key=value} pairs against this schema and fills in defaults.
     *
     * @param model the provider name, for error messages
     * @param given the user's {@code key=value} pairs
     * @return the values with defaults filled in
     */
    public Options resolve(String model, Map<String, String> given) {
        Map<String, Object> values = new LinkedHashMap<>();
        Map<String, String> texts = new LinkedHashMap<>();
        for (String key : given.keySet()) {
            if (!specs.containsKey(key)) {
                throw new ConfigurationException("unknown option '" + key + "' for model " + model
                        + (specs.isEmpty()
                                ? "; it takes no options"
                                : "; known options: " + String.join(", ", specs.keySet())));
            }
        }
        for (OptionSpec spec : specs.values()) {
            String text = given.getOrDefault(spec.name(), spec.defaultValue());
            values.put(spec.name(), spec.parse(text));
            texts.put(spec.name(), text.trim());
        }
        return new Options(values, texts);
    }
}
