package org.vae4j.api;

/**
 * Invalid configuration supplied by the user: an unknown model or option, a value out of range.
 * Command-line front ends map it to the usage exit code (2). The message names the setting by its
 * API key as {@code {key}} (see {@link VaeException}); {@link #setting()} is the first one.
 */
public class ConfigurationException extends VaeException {
    private static final long serialVersionUID = 1L;

    /**
     * An invalid configuration.
     *
     * @param message one line naming the setting ({@code {key}}) or name and what is accepted
     */
    public ConfigurationException(String message) {
        super(message);
    }

    /** {@return the key of the setting the error is about, e.g. {@code learningRate}, or null when it names none} */
    public String setting() {
        return settings().isEmpty() ? null : settings().get(0);
    }
}
