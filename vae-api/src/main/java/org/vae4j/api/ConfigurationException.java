package org.vae4j.api;

/**
 * Invalid configuration supplied by the user: an unknown model or option, a value out of range.
 * Command-line front ends map it to the usage exit code (2).
 */
public class ConfigurationException extends VaeException {
    private static final long serialVersionUID = 1L;

    /**
     * An invalid configuration.
     *
     * @param message one line naming the option or name and what is accepted
     */
    public ConfigurationException(String message) {
        super(message);
    }
}
