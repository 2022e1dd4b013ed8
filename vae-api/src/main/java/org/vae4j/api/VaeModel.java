package org.vae4j.api;

import java.util.Objects;
import org.vae4j.api.nn.Decoder;
import org.vae4j.api.nn.Divergence;
import org.vae4j.api.nn.Encoder;
import org.vae4j.api.nn.Prior;
import org.vae4j.api.nn.ReconstructionLikelihood;
import org.vae4j.api.nn.Regularizer;

/**
 * A VAE as a set of components and the objective it is trained on. Providers assemble one; the
 * engine trains, evaluates and checkpoints it. Shapes are checked on construction.
 *
 * <p>A <em>conditional</em> model ({@link #conditionSize()} {@code > 0}) also sees the example's
 * class as a one-hot vector of that size: the engine appends it to the encoder's input
 * ({@code [x, y]}) and to the decoder's input ({@code [z, y]}), so the encoder's input size is
 * {@code dataSize + conditionSize} and the decoder's is {@code latentDims + conditionSize}. Such a
 * model can only be trained and evaluated on labelled data.
 *
 * <p>An optional {@link Regularizer} adds a penalty to the training objective only.
 */
public final class VaeModel {
    private final Encoder encoder;
    private final Decoder decoder;
    private final ReconstructionLikelihood likelihood;
    private final Prior prior;
    private final Divergence divergence;
    private final Objective objective;
    private final int conditionSize;
    private final Regularizer regularizer;

    /**
     * Assembles a model from its parts.
     *
     * @param encoder q(z|x)'s network
     * @param decoder p(x|z)'s network
     * @param likelihood the reconstruction likelihood
     * @param prior the prior p(z)
     * @param divergence the rate term R
     * @param objective how D and R are combined
     */
    public VaeModel(
            Encoder encoder,
            Decoder decoder,
            ReconstructionLikelihood likelihood,
            Prior prior,
            Divergence divergence,
            Objective objective) {
        this(encoder, decoder, likelihood, prior, divergence, objective, 0, null);
    }

    /**
     * @param conditionSize number of classes the model is conditioned on (0 for an unconditional model)
     * @param regularizer a penalty added to the training objective, or null
     * @param encoder q(z|x)
     * @param decoder p(x|z)'s network
     * @param likelihood the reconstruction likelihood p(x|z)
     * @param prior the prior p(z)
     * @param divergence the rate term R
     * @param objective how D and R are combined into the training objective
     */
    public VaeModel(
            Encoder encoder,
            Decoder decoder,
            ReconstructionLikelihood likelihood,
            Prior prior,
            Divergence divergence,
            Objective objective,
            int conditionSize,
            Regularizer regularizer) {
        this.encoder = Objects.requireNonNull(encoder, "encoder");
        this.decoder = Objects.requireNonNull(decoder, "decoder");
        this.likelihood = Objects.requireNonNull(likelihood, "likelihood");
        this.prior = Objects.requireNonNull(prior, "prior");
        this.divergence = Objects.requireNonNull(divergence, "divergence");
        this.objective = Objects.requireNonNull(objective, "objective");
        this.conditionSize = conditionSize;
        this.regularizer = regularizer;
        if (conditionSize < 0) {
            throw new IllegalArgumentException("condition size must be >= 0, got " + conditionSize);
        }
        if (decoder.outputSize() % likelihood.paramsPerValue() != 0) {
            throw new IllegalArgumentException("decoder output " + decoder.outputSize() + " is not a multiple of "
                    + likelihood.paramsPerValue() + " parameters per value of likelihood " + likelihood.name());
        }
        int dataSize = decoder.outputSize() / likelihood.paramsPerValue();
        if (encoder.inputSize() != dataSize + conditionSize) {
            throw new IllegalArgumentException("encoder input " + encoder.inputSize() + " must be data size " + dataSize
                    + " + condition size " + conditionSize);
        }
        if (decoder.inputSize() != encoder.latentDims() + conditionSize) {
            throw new IllegalArgumentException("decoder input " + decoder.inputSize()
                    + " does not match encoder latent size " + encoder.latentDims() + " + condition size "
                    + conditionSize);
        }
        if (prior.latentDims() != encoder.latentDims()) {
            throw new IllegalArgumentException("prior dimension " + prior.latentDims()
                    + " does not match encoder latent size " + encoder.latentDims());
        }
    }

    /** {@return the encoder} */
    public Encoder encoder() {
        return encoder;
    }

    /** {@return the decoder} */
    public Decoder decoder() {
        return decoder;
    }

    /** {@return the reconstruction likelihood} */
    public ReconstructionLikelihood likelihood() {
        return likelihood;
    }

    /** {@return the prior} */
    public Prior prior() {
        return prior;
    }

    /** {@return the divergence (rate term)} */
    public Divergence divergence() {
        return divergence;
    }

    /** {@return the training objective} */
    public Objective objective() {
        return objective;
    }

    /** {@return the values per example (the likelihood's data width, without the condition)} */
    public int dataSize() {
        return encoder.inputSize() - conditionSize;
    }

    /** {@return number of classes the model is conditioned on; 0 for an unconditional model} */
    public int conditionSize() {
        return conditionSize;
    }

    /** {@return true when the model is conditioned on a class} */
    public boolean isConditional() {
        return conditionSize > 0;
    }

    /** {@return the training objective as a formula, including the regularizer, e.g. {@code D + 4.0 * R}} */
    public String describeObjective() {
        return regularizer == null
                ? objective.description()
                : objective.description() + " + " + regularizer.description();
    }

    /** {@return the penalty added to the training objective, if any} */
    public java.util.Optional<Regularizer> regularizer() {
        return java.util.Optional.ofNullable(regularizer);
    }

    /** {@return the latent dimensions} */
    public int latentDims() {
        return encoder.latentDims();
    }

    /** {@return the number of parameters, encoder's and decoder's} */
    public long numParams() {
        return encoder.numParams() + decoder.numParams();
    }
}
