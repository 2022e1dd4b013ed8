package org.vae4j.spi;

import java.util.List;
import org.vae4j.api.nn.Activation;
import org.vae4j.api.nn.Decoder;
import org.vae4j.api.nn.Divergence;
import org.vae4j.api.nn.Encoder;
import org.vae4j.api.nn.Prior;
import org.vae4j.api.nn.ReconstructionLikelihood;

/** The built-in components the engine offers to providers. */
public interface Components {

    /**
     * {@return an MLP from {@code inputSize} through {@code hidden} layers to a Gaussian mean and log-variance}
     *
     * @param inputSize input values
     * @param hidden hidden layer sizes
     * @param latentDims latent dimensions (the mean and log-variance each have as many)
     * @param activation the hidden layers' activation
     */
    Encoder mlpEncoder(int inputSize, List<Integer> hidden, int latentDims, Activation activation);

    /**
     * {@return an MLP from {@code latentDims} through {@code hidden} layers to {@code outputSize} linear outputs}
     *
     * @param latentDims latent dimensions (the input)
     * @param hidden hidden layer sizes
     * @param outputSize output values
     * @param activation the hidden layers' activation
     */
    Decoder mlpDecoder(int latentDims, List<Integer> hidden, int outputSize, Activation activation);

    /**
     * {@return a likelihood by name: {@code bernoulli} or {@code gaussian}}
     *
     * @param name {@code bernoulli} or {@code gaussian}
     */
    ReconstructionLikelihood likelihood(String name);

    /**
     * {@return the standard normal prior N(0, I)}
     *
     * @param latentDims latent dimensions
     */
    Prior standardNormalPrior(int latentDims);

    /** {@return the closed-form KL(q(z|x) || N(0, I)) for a diagonal Gaussian posterior} */
    Divergence gaussianKl();
}
