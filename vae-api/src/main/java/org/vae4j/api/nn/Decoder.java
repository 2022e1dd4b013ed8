package org.vae4j.api.nn;

import java.util.Optional;
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

    /** {@return the input values per example (latent dimensions, plus the condition for a conditional model)} */
    int inputSize();

    /** {@return the output values per example} */
    int outputSize();

    /**
     * Forward pass; caches what {@link #backward} needs.
     *
     * @param latent codes, {@code [batch][inputSize]}
     * @return the outputs, {@code [batch][outputSize]}
     */
    INDArray decode(INDArray latent);

    /**
     * Back-propagates through the last {@link #decode}: writes the parameter gradients into the bound gradient slice.
     *
     * @param gradOutput the loss gradient with respect to the outputs
     * @return the loss gradient with respect to the inputs (the codes)
     */
    INDArray backward(INDArray gradOutput);

    /**
     * {@return this decoder as a stack of dense layers, when it is one} Exporters that recompute the
     * decoder elsewhere (the latent explorer) read its layers from here and its parameters from its
     * bound slice, in the layout {@link DenseLayers} documents; a decoder that is not such a stack
     * keeps the default, empty, and those exporters say so.
     */
    default Optional<DenseLayers> denseLayers() {
        return Optional.empty();
    }
}
