package org.vae4j.spi;

import org.vae4j.api.VaeModel;
import org.vae4j.api.Objective;
import org.vae4j.api.nn.Activation;
import org.vae4j.api.nn.ReconstructionLikelihood;

/**
 * The options shared by the MLP model families (the paper's architecture), and a helper that builds
 * the standard encoder/decoder pair from them. Providers add their own options with
 * {@link OptionSchema#with}.
 */
public final class MlpOptions {
    public static final String HIDDEN = "hidden";
    public static final String ACTIVATION = "activation";
    public static final String LIKELIHOOD = "likelihood";

    private MlpOptions() {
    }

    public static OptionSchema schema() {
        return OptionSchema.of(
                OptionSpec.checked(HIDDEN, OptionType.INT_LIST, "500",
                        "hidden layer sizes of encoder and decoder (the decoder mirrors them), comma-separated",
                        v -> ((java.util.List<?>) v).stream().allMatch(i -> (Integer) i > 0), "positive integers"),
                OptionSpec.checked(ACTIVATION, OptionType.STRING, "tanh", "hidden activation: tanh, relu, sigmoid",
                        v -> java.util.Set.of("tanh", "relu", "sigmoid").contains(v), "one of tanh, relu, sigmoid"),
                OptionSpec.checked(LIKELIHOOD, OptionType.STRING, "bernoulli",
                        "reconstruction likelihood: bernoulli (grayscale pixels as probabilities) or gaussian",
                        v -> java.util.Set.of("bernoulli", "gaussian").contains(v), "bernoulli or gaussian"));
    }

    /** Encoder, decoder (mirrored hidden sizes), likelihood, standard normal prior and analytic KL. */
    public static VaeModel standardModel(ModelContext context, Objective objective) {
        return standardModel(context, objective, 0, null);
    }

    /**
     * The standard model conditioned on {@code conditionSize} classes (0 for none) and with an
     * optional training penalty: the encoder reads {@code [x, y]}, the decoder {@code [z, y]}.
     */
    public static VaeModel standardModel(ModelContext context, Objective objective, int conditionSize,
                                         org.vae4j.api.nn.Regularizer regularizer) {
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
