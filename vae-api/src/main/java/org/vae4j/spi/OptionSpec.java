package org.vae4j.spi;

import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * One option of a model provider: a name (lower-case, dash-separated), a type, a default, a
 * description and a constraint on the parsed value, explained in {@code constraint}.
 */
public record OptionSpec(
        String name,
        OptionType type,
        String defaultValue,
        String description,
        Predicate<Object> check,
        String constraint) {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]*");

    /**
     * Checks the name and that the default parses and satisfies the constraint.
     *
     * @throws IllegalArgumentException otherwise
     * @param name lower-case, dash-separated
     * @param type how values parse
     * @param defaultValue its default, as text
     * @param description one line
     * @param check the constraint on parsed values, or null
     * @param constraint the constraint in words
     */
    public OptionSpec {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(defaultValue, "defaultValue");
        Objects.requireNonNull(description, "description");
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("option name '" + name + "' must match " + NAME);
        }
        if (check == null) {
            check = v -> true;
            constraint = "";
        }
        Object parsed = parse(name, type, defaultValue);
        if (!check.test(parsed)) {
            throw new IllegalArgumentException("default of option " + name + " violates " + constraint);
        }
    }

    /**
     * {@return an option without a constraint}
     *
     * @param name lower-case, dash-separated
     * @param type how values parse
     * @param defaultValue its default, as text
     * @param description one line
     */
    public static OptionSpec of(String name, OptionType type, String defaultValue, String description) {
        return new OptionSpec(name, type, defaultValue, description, null, "");
    }

    /**
     * {@return an option whose parsed values must satisfy {@code check}}
     *
     * @param name lower-case, dash-separated
     * @param type how values parse
     * @param defaultValue its default, as text
     * @param description one line
     * @param check the constraint on parsed values
     * @param constraint the constraint in words, for messages (e.g. {@code >= 0})
     */
    public static OptionSpec checked(
            String name,
            OptionType type,
            String defaultValue,
            String description,
            Predicate<Object> check,
            String constraint) {
        return new OptionSpec(name, type, defaultValue, description, check, constraint);
    }

    /**
     * Parses and validates a textual value, failing with a message naming the option.
     *
     * @param text the value as given
     * @return the parsed value
     */
    public Object parse(String text) {
        Object value = parse(name, type, text);
        if (!check.test(value)) {
            throw new org.vae4j.api.ConfigurationException(
                    "option " + name + "=" + text + " is invalid: must be " + constraint);
        }
        return value;
    }

    private static Object parse(String name, OptionType type, String text) {
        String t = text.trim();
        try {
            return switch (type) {
                case INT -> Integer.parseInt(t);
                case DOUBLE -> {
                    double d = Double.parseDouble(t);
                    if (!Double.isFinite(d)) {
                        throw new NumberFormatException();
                    }
                    yield d;
                }
                case STRING -> t;
                case BOOLEAN -> {
                    if (!t.equalsIgnoreCase("true") && !t.equalsIgnoreCase("false")) {
                        throw new NumberFormatException();
                    }
                    yield Boolean.parseBoolean(t);
                }
                case INT_LIST ->
                    t.isEmpty()
                            ? List.<Integer>of()
                            : java.util.Arrays.stream(t.split(","))
                                    .map(s -> Integer.parseInt(s.trim()))
                                    .toList();
            };
        } catch (NumberFormatException e) {
            throw new org.vae4j.api.ConfigurationException("option " + name + "=" + text + " is not "
                    + switch (type) {
                        case INT -> "an integer";
                        case DOUBLE -> "a finite number";
                        case BOOLEAN -> "true or false";
                        case INT_LIST -> "a comma-separated list of integers";
                        case STRING -> "a string";
                    });
        }
    }
}
