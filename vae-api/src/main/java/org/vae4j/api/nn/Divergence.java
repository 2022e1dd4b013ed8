package org.vae4j.api.nn;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The rate term R: a divergence between q(z|x) and the prior, per example, in nats.
 *
 * <p>It sees both the posterior parameters and the reparameterised sample {@code z}
 * (z = mean + exp(logVariance / 2) * eps), so both analytic divergences and sampled estimators
 * (e.g. total-correlation or MMD penalties) fit. The gradients are <em>added</em> into the three
 * gradient arrays, scaled by {@code scale}; the engine carries the {@code z} gradient back through
 * the reparameterisation.
 */
public interface Divergence {

    /** {@return a stable name, e.g. {@code gaussian-kl}} */
    String name();

    /**
     * Writes the divergence of each example into {@code out} ({@code [batch, 1]}).
     *
     * @param posterior q(z|x): means and log-variances, {@code [batch][latentDims]} each
     * @param z the sampled codes, {@code [batch][latentDims]}
     * @param out receives R per example, {@code [batch][1]}
     */
    void value(GaussianCode posterior, INDArray z, INDArray out);

    /**
     * Adds {@code scale * dR/dmean}, {@code dR/dlogVariance} and {@code dR/dz}, summed over the batch.
     *
     * @param posterior q(z|x): means and log-variances, {@code [batch][latentDims]} each
     * @param z the sampled codes, {@code [batch][latentDims]}
     * @param scale the factor of the added gradient
     * @param gradMean receives the added gradient with respect to the means
     * @param gradLogVariance receives the added gradient with respect to the log-variances
     * @param gradZ receives the added gradient with respect to z
     */
    void addGradient(
            GaussianCode posterior,
            INDArray z,
            double scale,
            INDArray gradMean,
            INDArray gradLogVariance,
            INDArray gradZ);
}
