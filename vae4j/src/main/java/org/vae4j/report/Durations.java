package org.vae4j.report;

import java.util.Locale;

/** How vae4j writes elapsed and remaining times in progress lines and study logs. */
public final class Durations {

    private Durations() {}

    /**
     * A duration rounded to whole seconds: {@code "m:ss"} below an hour, {@code "h:mm:ss"} from an
     * hour on, and {@code "?"} when it is not known (negative, NaN or infinite, as an ETA is before
     * the first measurement).
     *
     * @param seconds the duration in seconds
     * @return the formatted duration
     */
    public static String format(double seconds) {
        if (!Double.isFinite(seconds) || seconds < 0) {
            return "?";
        }
        long t = Math.round(seconds);
        return t >= 3600
                ? String.format(Locale.ROOT, "%d:%02d:%02d", t / 3600, t / 60 % 60, t % 60)
                : String.format(Locale.ROOT, "%d:%02d", t / 60, t % 60);
    }
}
