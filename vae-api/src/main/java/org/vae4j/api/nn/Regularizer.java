package org.vae4j.api.nn;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.vae4j.api.TrainingProgress;

/**
 * An extra penalty on the latent code that is added to the training objective but is not part of
 * the ELBO, e.g. beta-TCVAE's weighted total-correlation terms. vae4j keeps the rate term R the
 * true divergence to the prior and reports the penalty only inside the training objective, so
 * D, R and -ELBO = D + R stay comparable across models.
 *
 * <p>The value is one estimate for the whole batch (it may couple examples, as minibatch
 * estimators of the aggregate posterior do), already averaged so that it is on the scale of a
 * per-example loss. Gradients are <em>added</em> into the three arrays, scaled by {@code scale};
 * the engine carries the {@code z} gradient back through the reparameterisation.
 */
public interface Regularizer {

    /** {@return a stable name, e.g. {@code tc-decomposition}} */
    String name();

    /** {@return a short formula for reports} */
    String description();

    /**
     * The penalty's value on a batch.
     *
     * @param posterior q(z|x): means and log-variances, {@code [batch][latentDims]} each
     * @param z the sampled codes, same shape
     * @param progress where training stands (epoch, step, dataset size)
     * @return one estimate for the batch, on the scale of a per-example loss
     */
    double value(GaussianCode posterior, INDArray z, TrainingProgress progress);

    /**
     * Adds {@code scale} times the penalty's gradient.
     *
     * @param posterior q(z|x): means and log-variances, {@code [batch][latentDims]} each
     * @param z the sampled codes, same shape
     * @param progress where training stands
     * @param scale the factor of the added gradient
     * @param gradMean receives the added gradient with respect to the means
     * @param gradLogVariance receives the added gradient with respect to the log-variances
     * @param gradZ receives the added gradient with respect to z
     */
    void addGradient(
            GaussianCode posterior,
            INDArray z,
            TrainingProgress progress,
            double scale,
            INDArray gradMean,
            INDArray gradLogVariance,
            INDArray gradZ);
}
