package org.vae4j.api.metrics;

import org.vae4j.api.data.FactorSampler;

/**
 * A disentanglement score that intervenes on the factors: it draws images for chosen factor levels
 * (e.g. "64 images that share factor k") from a {@link FactorSampler} and encodes them, as the BetaVAE
 * and FactorVAE scores do. It is registered and looked up as a {@link DisentanglementMetric}, but it
 * cannot score codes of images drawn without control of the factors: {@link #compute(double[][],
 * Factors, MetricContext)} refuses.
 */
public interface InterventionMetric extends DisentanglementMetric {

    /**
     * Computes the score.
     *
     * @param data draws images for given factor levels
     * @param representation maps images to codes
     * @param seed seeds every draw (the same seed gives the same value)
     * @return the value with its parameters and details
     */
    MetricResult compute(FactorSampler data, RepresentationFunction representation, long seed);

    /**
     * This metric drawing other numbers of points, e.g. fewer for a quick look (values then vary more
     * from seed to seed than with the published settings).
     *
     * @param numTrain points (votes) that fit the classifier, at least 2
     * @param numEval points (votes) that test it, at least 1
     * @return a metric of the same definition with these sizes
     */
    InterventionMetric withPoints(int numTrain, int numEval);

    /**
     * Refuses: this metric needs a factor-sampling dataset and a representation.
     *
     * @throws IllegalArgumentException always, naming what the metric needs
     */
    @Override
    default MetricResult compute(double[][] codes, Factors factors, MetricContext context) {
        throw new IllegalArgumentException("metric " + name() + " intervenes on the factors: it needs a dataset that"
                + " can draw images for given factor levels (dsprites, mnist-factors) and a model, not a table of"
                + " codes");
    }
}
