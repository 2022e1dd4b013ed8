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

    /** An MLP from {@code inputSize} through {@code hidden} layers to a Gaussian mean and log-variance. */
    Encoder mlpEncoder(int inputSize, List<Integer> hidden, int latentDims, Activation activation);

    /** An MLP from {@code latentDims} through {@code hidden} layers to {@code outputSize} linear outputs. */
    Decoder mlpDecoder(int latentDims, List<Integer> hidden, int outputSize, Activation activation);

    /** A likelihood by name: {@code bernoulli} or {@code gaussian}. */
    ReconstructionLikelihood likelihood(String name);

    Prior standardNormalPrior(int latentDims);

    /** The closed-form KL(q(z|x) || N(0, I)) for a diagonal Gaussian posterior. */
    Divergence gaussianKl();
}
