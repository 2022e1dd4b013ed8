package org.vae4j.spi;

/** The value types a provider option may have. */
public enum OptionType {
    INT, DOUBLE, STRING, BOOLEAN, INT_LIST
}
