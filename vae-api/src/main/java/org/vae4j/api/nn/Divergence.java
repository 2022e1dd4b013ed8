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

    /** A stable name, e.g. {@code gaussian-kl}. */
    String name();

    /** Writes the divergence of each example into {@code out} ({@code [batch, 1]}). */
    void value(GaussianCode posterior, INDArray z, INDArray out);

    /** Adds {@code scale * dR/dmean}, {@code dR/dlogVariance} and {@code dR/dz}, summed over the batch. */
    void addGradient(GaussianCode posterior, INDArray z, double scale,
                     INDArray gradMean, INDArray gradLogVariance, INDArray gradZ);
}
