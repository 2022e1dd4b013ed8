package org.vae4j.api.nn;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Maps latent codes {@code [batch, inputSize]} to the parameters of the reconstruction
 * distribution {@code [batch, outputSize]} (e.g. Bernoulli logits).
 *
 * <p>Contract as for {@link Encoder}: {@link #decode} caches, {@link #backward} overwrites this
 * decoder's parameter gradients and returns the gradient with respect to its input. The returned
 * arrays belong to the decoder and stay valid until its next call.
 */
public interface Decoder extends Parameterized {

    int inputSize();

    int outputSize();

    INDArray decode(INDArray latent);

    INDArray backward(INDArray gradOutput);
}
