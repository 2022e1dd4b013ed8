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

    int inputSize();

    int latentDims();

    GaussianCode encode(INDArray input);

    void backward(INDArray gradMean, INDArray gradLogVariance);
}
