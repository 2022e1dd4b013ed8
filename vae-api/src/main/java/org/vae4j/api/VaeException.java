package org.vae4j.api;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A failure the user can act on: the message is one line naming the file, setting or model
 * involved and the fix. Command-line front ends print the message, not the stack trace.
 *
 * <p>A message names the settings it is about as {@code {key}}, the key being the setting's name in
 * the Java API ({@code {saveTo}}, {@code {learningRate}}, {@code {epochs}}): {@link #getMessage()}
 * reads {@code saveTo models/x already holds a model}, in the words of a program that called
 * {@code saveTo}, and a front end that took the setting as a flag renders the same message with its
 * own names through {@link #message(UnaryOperator)}, e.g. {@code --out models/x already holds a model}.
 * A reference may carry the library's words for it after a colon, {@code {train:a trainer}}: the
 * API reads them, a front end puts its own ({@code ./vae train}).
 */
public class VaeException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private static final Pattern SETTING = Pattern.compile("\\{([a-z][A-Za-z0-9]*)(?::([^{}]*))?}");

    /** The message with its {@code {key}} references. */
    private final String template;

    /**
     * A failure the user can act on.
     *
     * @param message one line naming the file, setting ({@code {key}}) or model and the fix
     */
    public VaeException(String message) {
        this(message, null);
    }

    /**
     * A failure the user can act on, with its cause.
     *
     * @param message one line naming the file, setting ({@code {key}}) or model and the fix
     * @param cause the underlying error
     */
    public VaeException(String message, Throwable cause) {
        super(render(message, key -> null), cause);
        this.template = message;
    }

    /**
     * {@return the message with each setting named as {@code names} calls it} ({@code getMessage()}
     * uses the API's own names)
     *
     * @param names the name of each setting key, e.g. {@code saveTo -> --out}; null keeps the API's words
     */
    public final String message(UnaryOperator<String> names) {
        return render(template, names);
    }

    /** {@return the keys of the settings the message names, in order (e.g. {@code [saveTo]})} */
    public final List<String> settings() {
        List<String> keys = new ArrayList<>();
        if (template != null) {
            Matcher m = SETTING.matcher(template);
            while (m.find()) {
                keys.add(m.group(1));
            }
        }
        return keys;
    }

    private static String render(String template, UnaryOperator<String> names) {
        if (template == null) {
            return null;
        }
        Matcher m = SETTING.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = names.apply(m.group(1));
            String words = name != null ? name : m.group(2) != null ? m.group(2) : m.group(1);
            m.appendReplacement(out, Matcher.quoteReplacement(words));
        }
        return m.appendTail(out).toString();
    }
}
