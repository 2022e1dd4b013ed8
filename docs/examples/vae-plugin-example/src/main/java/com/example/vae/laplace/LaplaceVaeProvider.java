package com.example.vae.laplace;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.vae4j.api.Objective;
import org.vae4j.api.VaeModel;
import org.vae4j.api.nn.Activation;
import org.vae4j.api.nn.ReconstructionLikelihood;
import org.vae4j.spi.Components;
import org.vae4j.spi.MlpOptions;
import org.vae4j.spi.ModelContext;
import org.vae4j.spi.ModelProvider;
import org.vae4j.spi.OptionSchema;
import org.vae4j.spi.OptionSpec;
import org.vae4j.spi.OptionType;
import org.vae4j.spi.Options;

/**
 * A VAE with a Laplace prior: the host's MLPs and likelihood, this plugin's prior and divergence.
 * Default scale 1/sqrt(2) gives each latent dimension unit variance, like N(0, I).
 */
public final class LaplaceVaeProvider implements ModelProvider {
    public static final String NAME = "laplace-vae";
    public static final String SCALE = "scale";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "example plugin: VAE with a Laplace(0, b) prior and a sampled KL (docs/examples/vae-plugin-example)";
    }

    @Override
    public OptionSchema optionSchema() {
        return MlpOptions.schema().with(OptionSpec.checked(SCALE, OptionType.DOUBLE, "0.7071067811865476",
                "scale b of the Laplace prior (variance 2 b^2)", v -> (Double) v > 0 && Double.isFinite((Double) v),
                "a finite number > 0"));
    }

    @Override
    public VaeModel create(ModelContext context) {
        Options o = context.options();
        Components c = context.components();
        int latent = context.spec().latentDims();
        int data = context.spec().dataSize();
        List<Integer> hidden = o.getIntList(MlpOptions.HIDDEN);
        List<Integer> mirrored = new ArrayList<>(hidden);
        Collections.reverse(mirrored);
        Activation activation = Activation.parse(o.getString(MlpOptions.ACTIVATION));
        ReconstructionLikelihood likelihood = c.likelihood(o.getString(MlpOptions.LIKELIHOOD));
        LaplacePrior prior = new LaplacePrior(latent, o.getDouble(SCALE));
        return new VaeModel(
                c.mlpEncoder(data, hidden, latent, activation),
                c.mlpDecoder(latent, mirrored, data * likelihood.paramsPerValue(), activation),
                likelihood,
                prior,
                new SampledKl(prior),
                Objective.negativeElbo());
    }
}
