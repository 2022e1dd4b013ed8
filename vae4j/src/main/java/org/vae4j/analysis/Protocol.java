package org.vae4j.analysis;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.vae4j.api.ConfigurationException;
import org.vae4j.api.metrics.Factors;
import org.vae4j.api.metrics.MetricContext;
import org.vae4j.api.metrics.MetricResult;
import org.vae4j.internal.Session;
import org.vae4j.metrics.score.LinearModels;

/**
 * Whose definitions the disentanglement scores follow (docs/metrics.md sets them side by side).
 * {@link #VAE4J}: vae4j's own, with linear predictors on standardised codes. {@link #DLIB}:
 * disentanglement_lib's ({@code evaluation/metrics/*.py}), so that values can be set beside
 * published tables: {@code mig}, {@code sap}, {@code dci}, {@code modularity} and {@code explicitness}
 * run as {@code dlib-mig} (MIG on the train rows only, as {@code compute_mig} scores its
 * {@code num_train} points), {@code dlib-sap}, {@code dlib-dci}, {@code dlib-modularity} and
 * {@code dlib-explicitness}. Other names, such as a plugin's metrics, run as they are under either
 * protocol.
 */
public enum Protocol {
    /** vae4j's definitions (the default). */
    VAE4J,
    /** disentanglement_lib's definitions. */
    DLIB;

    /**
     * How many equal-frequency classes a model's continuous attributes are cut into under
     * {@link #DLIB}, whose scores classify factors as disentanglement_lib does with dSprites' factors.
     */
    public static final int ATTRIBUTE_CLASSES = 10;

    private static final Map<String, String> DLIB_METRICS = Map.of(
            "mig",
            "dlib-mig",
            "sap",
            "dlib-sap",
            "dci",
            "dlib-dci",
            "modularity",
            "dlib-modularity",
            "explicitness",
            "dlib-explicitness");

    /**
     * The protocol named {@code vae4j} or {@code dlib}.
     *
     * @param name the name, as {@code --protocol} takes it
     * @return the protocol
     * @throws ConfigurationException naming the choices for any other name
     */
    public static Protocol parse(String name) {
        return switch (name) {
            case "vae4j" -> VAE4J;
            case "dlib" -> DLIB;
            default -> throw new ConfigurationException("{protocol} must be vae4j or dlib, got '" + name + "'");
        };
    }

    /** {@return the name {@code --protocol} takes} */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The registered metric that computes {@code name} under this protocol.
     *
     * @param name a metric name as asked for
     * @return the metric to run
     */
    public String metric(String name) {
        return this == DLIB ? DLIB_METRICS.getOrDefault(name, name) : name;
    }

    /**
     * Computes the metrics asked for by name, each as this protocol defines it ({@link #metric}).
     *
     * @return each result under the name asked for, in the order asked
     */
    Map<String, MetricResult> compute(
            Session session, List<String> names, double[][] codes, Factors factors, MetricContext context) {
        Map<String, MetricResult> results = new LinkedHashMap<>();
        for (String name : names) {
            results.put(name, session.metric(metric(name)).compute(codes, factors, context));
        }
        return results;
    }

    /**
     * The factors as this protocol scores a model's attributes: unchanged under {@link #VAE4J};
     * under {@link #DLIB} every continuous attribute cut into {@link #ATTRIBUTE_CLASSES}
     * equal-frequency classes (deciles), so that all factors are discrete as disentanglement_lib's are.
     *
     * @param factors the measured attributes
     * @return the factors to score against
     */
    public Factors attributeFactors(Factors factors) {
        if (this == VAE4J) {
            return factors;
        }
        double[][] values = new double[factors.values().length][];
        for (int i = 0; i < values.length; i++) {
            values[i] = factors.values()[i].clone();
        }
        boolean[] discrete = new boolean[factors.count()];
        for (int k = 0; k < factors.count(); k++) {
            discrete[k] = true;
            if (!factors.discrete()[k]) {
                int[] classes = LinearModels.quantileClasses(factors.column(k), ATTRIBUTE_CLASSES);
                for (int i = 0; i < values.length; i++) {
                    values[i][k] = classes[i];
                }
            }
        }
        return new Factors(factors.names(), values, discrete);
    }
}
