package org.vae4j.api.nn;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Maps a batch of inputs {@code [batch, inputSize]} to the parameters of q(z|x).
 *
 * <p>Contract: {@link #encode} caches whatever {@link #backward} needs; {@code backward} is called
 * at most once per {@code encode}, with the gradients of the loss with respect to the mean and
 * the log-variance, and overwrites this encoder's gradient view (see {@link Parameterized}).
 * Implementations may reuse their output buffers between calls with the same batch size.
 */
public interface Encoder extends Parameterized {

    /** {@return the input values per example (plus the condition for a conditional model)} */
    int inputSize();

    /** {@return the latent dimensions} */
    int latentDims();

    /**
     * Forward pass; caches what {@link #backward} needs.
     *
     * @param input examples, {@code [batch][inputSize]}
     * @return the posterior's means and log-variances
     */
    GaussianCode encode(INDArray input);

    /**
     * Back-propagates through the last {@link #encode}: writes the parameter gradients into the bound gradient slice.
     *
     * @param gradMean the loss gradient with respect to the means
     * @param gradLogVariance the loss gradient with respect to the log-variances
     */
    void backward(INDArray gradMean, INDArray gradLogVariance);
}
