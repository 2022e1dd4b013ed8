package org.vae4j.spi;

import org.vae4j.api.Objective;
import org.vae4j.api.VaeModel;
import org.vae4j.api.nn.Activation;
import org.vae4j.api.nn.ReconstructionLikelihood;

/**
 * The options shared by the MLP model families (the paper's architecture), and a helper that builds
 * the standard encoder/decoder pair from them. Providers add their own options with
 * {@link OptionSchema#with}.
 */
public final class MlpOptions {
    /** The option listing the hidden layer sizes. */
    public static final String HIDDEN = "hidden";
    /** The option naming the hidden layers' activation. */
    public static final String ACTIVATION = "activation";
    /** The option naming the reconstruction likelihood. */
    public static final String LIKELIHOOD = "likelihood";

    private MlpOptions() {}

    /** {@return the MLP options every built-in model takes: hidden, activation, likelihood} */
    public static OptionSchema schema() {
        return OptionSchema.of(
                OptionSpec.checked(
                        HIDDEN,
                        OptionType.INT_LIST,
                        "500",
                        "hidden layer sizes of encoder and decoder (the decoder mirrors them), comma-separated",
                        v -> !((java.util.List<?>) v).isEmpty()
                                && ((java.util.List<?>) v).stream().allMatch(i -> (Integer) i > 0),
                        "one or more positive integers, e.g. 500 or 500,250"),
                OptionSpec.checked(
                        ACTIVATION,
                        OptionType.STRING,
                        "tanh",
                        "hidden activation: tanh, relu, sigmoid",
                        v -> java.util.Set.of("tanh", "relu", "sigmoid").contains(v),
                        "one of tanh, relu, sigmoid"),
                OptionSpec.checked(
                        LIKELIHOOD,
                        OptionType.STRING,
                        "bernoulli",
                        "reconstruction likelihood: bernoulli (grayscale pixels as probabilities) or gaussian",
                        v -> java.util.Set.of("bernoulli", "gaussian").contains(v),
                        "bernoulli or gaussian"));
    }

    /**
     * {@return a model of encoder, decoder (mirrored hidden sizes), likelihood, standard normal prior and analytic KL}
     *
     * @param context the spec, validated options and built-in components
     * @param objective how D and R are combined into the training objective
     */
    public static VaeModel standardModel(ModelContext context, Objective objective) {
        return standardModel(context, objective, 0, null);
    }

    /**
     * The standard model conditioned on {@code conditionSize} classes (0 for none) and with an
     * optional training penalty: the encoder reads {@code [x, y]}, the decoder {@code [z, y]}.
     *
     * @param context the spec, validated options and built-in components
     * @param objective how D and R are combined into the training objective
     * @param conditionSize classes the model is conditioned on (0: unconditional)
     * @param regularizer a batch-level penalty on the code, or null
     * @return the model
     */
    public static VaeModel standardModel(
            ModelContext context, Objective objective, int conditionSize, org.vae4j.api.nn.Regularizer regularizer) {
        Options o = context.options();
        Components c = context.components();
        int latent = context.spec().latentDims();
        int data = context.spec().dataSize();
        java.util.List<Integer> hidden = o.getIntList(HIDDEN);
        java.util.List<Integer> mirrored = new java.util.ArrayList<>(hidden);
        java.util.Collections.reverse(mirrored);
        Activation act = Activation.parse(o.getString(ACTIVATION));
        ReconstructionLikelihood likelihood = c.likelihood(o.getString(LIKELIHOOD));
        return new VaeModel(
                c.mlpEncoder(data + conditionSize, hidden, latent, act),
                c.mlpDecoder(latent + conditionSize, mirrored, data * likelihood.paramsPerValue(), act),
                likelihood,
                c.standardNormalPrior(latent),
                c.gaussianKl(),
                objective,
                conditionSize,
                regularizer);
    }
}
