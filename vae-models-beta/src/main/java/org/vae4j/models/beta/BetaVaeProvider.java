package org.vae4j.models.beta;

import org.vae4j.api.Objective;
import org.vae4j.api.VaeModel;
import org.vae4j.spi.MlpOptions;
import org.vae4j.spi.ModelContext;
import org.vae4j.spi.ModelProvider;
import org.vae4j.spi.ObjectiveOptions;
import org.vae4j.spi.OptionSchema;

/**
 * beta-VAE (Higgins et al. 2017): the vanilla architecture trained on D + beta * KL. With beta > 1
 * the objective is not the negative ELBO; vae4j reports D, KL and -ELBO = D + KL beside it.
 */
public final class BetaVaeProvider implements ModelProvider {
    public static final String NAME = "beta-vae";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "beta-VAE (Higgins et al. 2017): trained on D + beta * KL, beta = 4 by default";
    }

    @Override
    public OptionSchema optionSchema() {
        return MlpOptions.schema().with(ObjectiveOptions.beta("4"));
    }

    @Override
    public VaeModel create(ModelContext context) {
        return MlpOptions.standardModel(
                context, Objective.weighted(context.options().getDouble(ObjectiveOptions.BETA)));
    }
}
