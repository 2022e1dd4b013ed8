package org.vae4j.models.beta;

import org.vae4j.api.Objective;
import org.vae4j.api.VaeModel;
import org.vae4j.spi.MlpOptions;
import org.vae4j.spi.ModelContext;
import org.vae4j.spi.ModelProvider;
import org.vae4j.spi.ObjectiveOptions;
import org.vae4j.spi.OptionSchema;
import org.vae4j.spi.Options;

/**
 * beta-TCVAE (Chen et al. 2018): D + alpha * MI + beta * TC + gamma * DWKL, with the decomposition
 * estimated by minibatch weighted sampling ({@link TcDecomposition}). Defaults alpha = gamma = 1,
 * beta = 6 (the paper's setting); with all three at 1 it is the vanilla VAE.
 */
public final class BetaTcVaeProvider implements ModelProvider {
    public static final String NAME = "beta-tcvae";
    public static final String ALPHA = "alpha";
    public static final String GAMMA = "gamma";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "beta-TCVAE (Chen et al. 2018): KL split into MI, total correlation (weight beta = 6) and"
                + " dimension-wise KL, minibatch weighted sampling";
    }

    @Override
    public OptionSchema optionSchema() {
        return MlpOptions.schema()
                .with(
                        ObjectiveOptions.weight(ALPHA, "1", "weight of the index-code mutual information"),
                        ObjectiveOptions.weight(ObjectiveOptions.BETA, "6", "weight of the total correlation"),
                        ObjectiveOptions.weight(GAMMA, "1", "weight of the dimension-wise KL"));
    }

    @Override
    public VaeModel create(ModelContext context) {
        Options o = context.options();
        TcDecomposition penalty =
                new TcDecomposition(o.getDouble(ALPHA), o.getDouble(ObjectiveOptions.BETA), o.getDouble(GAMMA));
        return MlpOptions.standardModel(context, Objective.negativeElbo(), 0, penalty);
    }
}
