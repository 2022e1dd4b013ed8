package org.vae4j.api;

/**
 * A failure the user can act on: the message is one line naming the file, option or model
 * involved and the fix. Command-line front ends print the message, not the stack trace.
 */
public class VaeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public VaeException(String message) {
        super(message);
    }

    public VaeException(String message, Throwable cause) {
        super(message, cause);
    }
}
