package org.vae4j.spi;

/** Option specs for objective weights that several model families share. */
public final class ObjectiveOptions {
    /** The option holding the KL weight beta. */
    public static final String BETA = "beta";

    private ObjectiveOptions() {}

    /**
     * {@return a finite, non-negative weight named {@code name}}
     *
     * @param name the option's name
     * @param defaultValue its default, as text
     * @param description one line
     */
    public static OptionSpec weight(String name, String defaultValue, String description) {
        return OptionSpec.checked(
                name,
                OptionType.DOUBLE,
                defaultValue,
                description,
                v -> Double.isFinite((Double) v) && (Double) v >= 0,
                "a finite number >= 0");
    }

    /**
     * {@return the KL weight beta of a beta-VAE objective D + beta * R}
     *
     * @param defaultValue its default, as text
     */
    public static OptionSpec beta(String defaultValue) {
        return weight(
                BETA, defaultValue, "weight of the KL term: the objective is D + beta * KL (beta = 1 is the ELBO)");
    }
}
