package org.vae4j.api;

import java.util.Objects;
import org.vae4j.api.nn.Decoder;
import org.vae4j.api.nn.Divergence;
import org.vae4j.api.nn.Encoder;
import org.vae4j.api.nn.Prior;
import org.vae4j.api.nn.ReconstructionLikelihood;

/**
 * A VAE as a set of components and the objective it is trained on. Providers assemble one; the
 * engine trains, evaluates and checkpoints it. Shapes are checked on construction.
 */
public final class VaeModel {
    private final Encoder encoder;
    private final Decoder decoder;
    private final ReconstructionLikelihood likelihood;
    private final Prior prior;
    private final Divergence divergence;
    private final Objective objective;

    public VaeModel(Encoder encoder, Decoder decoder, ReconstructionLikelihood likelihood, Prior prior,
                    Divergence divergence, Objective objective) {
        this.encoder = Objects.requireNonNull(encoder, "encoder");
        this.decoder = Objects.requireNonNull(decoder, "decoder");
        this.likelihood = Objects.requireNonNull(likelihood, "likelihood");
        this.prior = Objects.requireNonNull(prior, "prior");
        this.divergence = Objects.requireNonNull(divergence, "divergence");
        this.objective = Objects.requireNonNull(objective, "objective");
        if (decoder.inputSize() != encoder.latentDims()) {
            throw new IllegalArgumentException("decoder input " + decoder.inputSize()
                    + " does not match encoder latent size " + encoder.latentDims());
        }
        if (prior.latentDims() != encoder.latentDims()) {
            throw new IllegalArgumentException("prior dimension " + prior.latentDims()
                    + " does not match encoder latent size " + encoder.latentDims());
        }
        if (decoder.outputSize() != encoder.inputSize() * likelihood.paramsPerValue()) {
            throw new IllegalArgumentException("decoder output " + decoder.outputSize() + " must be "
                    + encoder.inputSize() + " x " + likelihood.paramsPerValue() + " for likelihood "
                    + likelihood.name());
        }
    }

    public Encoder encoder() {
        return encoder;
    }

    public Decoder decoder() {
        return decoder;
    }

    public ReconstructionLikelihood likelihood() {
        return likelihood;
    }

    public Prior prior() {
        return prior;
    }

    public Divergence divergence() {
        return divergence;
    }

    public Objective objective() {
        return objective;
    }

    public int dataSize() {
        return encoder.inputSize();
    }

    public int latentDims() {
        return encoder.latentDims();
    }

    public long numParams() {
        return encoder.numParams() + decoder.numParams();
    }
}
