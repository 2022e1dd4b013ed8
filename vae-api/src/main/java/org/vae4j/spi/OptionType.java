package org.vae4j.spi;

/** The value types a provider option may have. */
public enum OptionType {
    /** An integer. */
    INT,
    /** A finite number. */
    DOUBLE,
    /** Text. */
    STRING,
    /** {@code true} or {@code false}. */
    BOOLEAN,
    /** Comma-separated integers, possibly none. */
    INT_LIST
}
