package org.vae4j.models.vanilla;

import org.vae4j.api.Objective;
import org.vae4j.api.VaeModel;
import org.vae4j.spi.MlpOptions;
import org.vae4j.spi.ModelContext;
import org.vae4j.spi.ModelProvider;
import org.vae4j.spi.OptionSchema;

/**
 * The vanilla VAE: MLP encoder and decoder (the paper's 784-500-z, tanh), Bernoulli likelihood,
 * standard normal prior, trained on the negative ELBO D + KL.
 */
public final class VanillaVaeProvider implements ModelProvider {
    public static final String NAME = "vae";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "vanilla VAE (Kingma & Welling 2014): MLP encoder/decoder, trained on the negative ELBO D + KL";
    }

    @Override
    public OptionSchema optionSchema() {
        return MlpOptions.schema();
    }

    @Override
    public VaeModel create(ModelContext context) {
        return MlpOptions.standardModel(context, Objective.negativeElbo());
    }
}
