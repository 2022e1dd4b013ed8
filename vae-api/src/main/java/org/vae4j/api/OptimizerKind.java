package org.vae4j.api;

import java.util.Locale;

/** The optimizers the engine provides. */
public enum OptimizerKind {
    ADAM, ADAGRAD;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static OptimizerKind parse(String value) {
        for (OptimizerKind k : values()) {
            if (k.id().equalsIgnoreCase(value.trim())) {
                return k;
            }
        }
        throw new ConfigurationException("unknown optimizer '" + value + "'; use adam or adagrad");
    }
}
