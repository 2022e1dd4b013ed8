package org.vae4j.api.nn;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Hidden-layer activations the built-in MLP components support. */
public enum Activation {
    /** Hyperbolic tangent. */
    TANH,
    /** Rectified linear, max(0, x). */
    RELU,
    /** Logistic sigmoid. */
    SIGMOID,
    /** No activation (linear). */
    IDENTITY;

    /** {@return the lower-case name used in options, e.g. {@code tanh}} */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * {@return the activation named {@code value}; a ConfigurationException listing the known ones otherwise}
     *
     * @param value {@code tanh}, {@code relu}, {@code sigmoid} or {@code identity}
     */
    public static Activation parse(String value) {
        for (Activation a : values()) {
            if (a.id().equals(value.trim().toLowerCase(Locale.ROOT))) {
                return a;
            }
        }
        throw new IllegalArgumentException("unknown activation '" + value + "'; use one of "
                + Arrays.stream(values()).map(Activation::id).collect(Collectors.joining(", ")));
    }
}
