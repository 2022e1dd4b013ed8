package org.vae4j.api;

import java.util.Locale;

/** The optimizers the engine provides. */
public enum OptimizerKind {
    /** Adam (Kingma and Ba 2015), with PyTorch's update rule. */
    ADAM,
    /** Adagrad (Duchi et al. 2011), with PyTorch's update rule. */
    ADAGRAD;

    /** {@return the lower-case name used on the command line} */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * {@return the optimizer named {@code value}; a ConfigurationException otherwise}
     *
     * @param value {@code adam} or {@code adagrad}
     */
    public static OptimizerKind parse(String value) {
        for (OptimizerKind k : values()) {
            if (k.id().equalsIgnoreCase(value.trim())) {
                return k;
            }
        }
        throw new ConfigurationException("unknown optimizer '" + value + "'; use adam or adagrad");
    }
}
