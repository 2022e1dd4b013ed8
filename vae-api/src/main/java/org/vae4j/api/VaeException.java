package org.vae4j.api;

/**
 * A failure the user can act on: the message is one line naming the file, option or model
 * involved and the fix. Command-line front ends print the message, not the stack trace.
 */
public class VaeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * A failure the user can act on.
     *
     * @param message one line naming the file, option or model and the fix
     */
    public VaeException(String message) {
        super(message);
    }

    /**
     * A failure the user can act on, with its cause.
     *
     * @param message one line naming the file, option or model and the fix
     * @param cause the underlying error
     */
    public VaeException(String message, Throwable cause) {
        super(message, cause);
    }
}
