package org.vae4j.models.conditional;

import org.vae4j.api.ConfigurationException;
import org.vae4j.api.Objective;
import org.vae4j.api.VaeModel;
import org.vae4j.spi.MlpOptions;
import org.vae4j.spi.ModelContext;
import org.vae4j.spi.ModelProvider;
import org.vae4j.spi.ObjectiveOptions;
import org.vae4j.spi.OptionSchema;

/**
 * Conditional VAE (Sohn et al. 2015), as in the paper's code: the one-hot class label joins the
 * encoder input, q(z | x, y), and the latent code, p(x | z, y). The prior stays N(0, I). Option
 * {@code beta} (default 1) makes it the conditional beta-VAE, D + beta * KL. It needs labelled data.
 */
public final class ConditionalVaeProvider implements ModelProvider {
    public static final String NAME = "cvae";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "conditional VAE: the one-hot class label joins encoder input and latent code; D + beta * KL (beta = 1)";
    }

    @Override
    public OptionSchema optionSchema() {
        return MlpOptions.schema().with(ObjectiveOptions.beta("1"));
    }

    @Override
    public VaeModel create(ModelContext context) {
        int classes = context.spec().numClasses();
        if (classes < 1) {
            throw new ConfigurationException("model " + NAME + " is conditioned on the class label, but the dataset has"
                    + " no labels; use a labelled dataset ({dataset} mnist, or IDX files with label files)");
        }
        Objective objective = Objective.weighted(context.options().getDouble(ObjectiveOptions.BETA));
        return MlpOptions.standardModel(context, objective, classes, null);
    }
}
