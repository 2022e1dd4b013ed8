package org.vae4j.models.beta;

import org.vae4j.api.ConfigurationException;

/**
 * How long the capacity ramp of {@link CapacityObjective} lasts: a number of epochs ({@code 20},
 * {@code 7.5}) or a percentage of the run ({@code 50%}).
 */
public record CapacityRamp(double value, boolean percent) {

    public static CapacityRamp parse(String option, String text) {
        String t = text.trim();
        boolean percent = t.endsWith("%");
        String number = percent ? t.substring(0, t.length() - 1).trim() : t;
        double v;
        try {
            v = Double.parseDouble(number);
        } catch (NumberFormatException e) {
            throw new ConfigurationException("option " + option + "=" + text
                    + " is invalid: give a number of epochs (e.g. 20) or a share of the run (e.g. 50%)");
        }
        if (!Double.isFinite(v) || v < 0 || (percent && v > 100)) {
            throw new ConfigurationException("option " + option + "=" + text
                    + " is invalid: must be >= 0 epochs or a percentage between 0% and 100%");
        }
        return new CapacityRamp(v, percent);
    }

    /** The ramp length in epochs for a run of {@code totalEpochs} epochs. */
    public double epochs(int totalEpochs) {
        return percent ? value / 100.0 * totalEpochs : value;
    }

    @Override
    public String toString() {
        return percent ? value + "% of the epochs" : value + " epochs";
    }
}
