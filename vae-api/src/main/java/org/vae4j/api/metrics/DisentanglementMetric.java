package org.vae4j.api.metrics;

/**
 * A disentanglement score of codes z ({@code [N][D]}, usually posterior means) against labelled
 * factors. Implementations are discovered with {@link java.util.ServiceLoader} (list them in
 * {@code META-INF/services/org.vae4j.metrics.score.DisentanglementMetric}), so a plugin can add one;
 * {@link Metrics} looks them up by name.
 */
public interface DisentanglementMetric {

    /** A stable lower-case name, e.g. {@code mig}. */
    String name();

    /** One line for help texts. */
    String description();

    MetricResult compute(double[][] codes, Factors factors, MetricContext context);
}
