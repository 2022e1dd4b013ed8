package org.vae4j.api.metrics;

/**
 * A disentanglement score of codes z ({@code [N][D]}, usually posterior means) against labelled
 * factors. A plugin contributes metrics through {@link org.vae4j.spi.VaePlugin#metrics()}; they are
 * looked up by {@link #name()} ({@code Vae4j.metric(name)}, {@code --metrics NAME}).
 */
public interface DisentanglementMetric {

    /**
     * A stable lower-case name, e.g. {@code mig}.
     *
     * @return a stable lower-case name, e.g. {@code mig}
     */
    String name();

    /**
     * One line for help texts.
     *
     * @return one line for help texts
     */
    String description();

    /**
     * Computes the score.
     *
     * @param codes {@code [N][D]} codes, one row per example
     * @param factors the N examples' labelled factors
     * @param context the split seed, train share and bins
     * @return the value with its parameters and details
     */
    MetricResult compute(double[][] codes, Factors factors, MetricContext context);
}
