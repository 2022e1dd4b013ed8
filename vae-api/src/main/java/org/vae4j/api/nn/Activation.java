package org.vae4j.api.nn;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Hidden-layer activations the built-in MLP components support. */
public enum Activation {
    TANH, RELU, SIGMOID, IDENTITY;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

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
