package org.vae4j.core.nn;

import java.util.List;
import org.vae4j.api.ConfigurationException;
import org.vae4j.api.nn.Activation;
import org.vae4j.api.nn.Decoder;
import org.vae4j.api.nn.Divergence;
import org.vae4j.api.nn.Encoder;
import org.vae4j.api.nn.Prior;
import org.vae4j.api.nn.ReconstructionLikelihood;
import org.vae4j.spi.Components;

/** The engine's components, offered to providers through {@link Components}. */
public final class BuiltinComponents implements Components {

    @Override
    public Encoder mlpEncoder(int inputSize, List<Integer> hidden, int latentDims, Activation activation) {
        return new MlpEncoder(inputSize, hidden, latentDims, activation);
    }

    @Override
    public Decoder mlpDecoder(int latentDims, List<Integer> hidden, int outputSize, Activation activation) {
        return new MlpDecoder(latentDims, hidden, outputSize, activation);
    }

    @Override
    public ReconstructionLikelihood likelihood(String name) {
        return switch (name) {
            case BernoulliLikelihood.NAME -> new BernoulliLikelihood();
            case GaussianLikelihood.NAME -> new GaussianLikelihood();
            default -> throw new ConfigurationException("unknown likelihood '" + name + "'; use bernoulli or gaussian");
        };
    }

    @Override
    public Prior standardNormalPrior(int latentDims) {
        return new StandardNormalPrior(latentDims);
    }

    @Override
    public Divergence gaussianKl() {
        return new GaussianKl();
    }
}
