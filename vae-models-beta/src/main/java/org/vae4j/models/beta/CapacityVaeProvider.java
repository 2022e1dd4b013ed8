package org.vae4j.models.beta;

import org.vae4j.api.ConfigurationException;
import org.vae4j.api.VaeModel;
import org.vae4j.spi.MlpOptions;
import org.vae4j.spi.ModelContext;
import org.vae4j.spi.ModelProvider;
import org.vae4j.spi.ObjectiveOptions;
import org.vae4j.spi.OptionSchema;
import org.vae4j.spi.OptionSpec;
import org.vae4j.spi.OptionType;
import org.vae4j.spi.Options;

/**
 * beta-VAE with controlled capacity increase (Burgess et al. 2018): D + gamma * |KL - C| with C
 * raised linearly. gamma = 1000 follows the paper. On MNIST (10 epochs, Adam) every gamma from 10
 * to 1000 holds the KL within 0.3 nats of C, but gamma = 1000 slows reconstruction badly (D 122.5
 * against 89.3 with gamma = 10); docs/models.md has the measurements.
 */
public final class CapacityVaeProvider implements ModelProvider {
    public static final String NAME = "beta-vae-capacity";
    public static final String GAMMA = "gamma";
    public static final String CAPACITY_START = "capacity-start";
    public static final String CAPACITY_MAX = "capacity-max";
    public static final String CAPACITY_EPOCHS = "capacity-epochs";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "beta-VAE with capacity annealing (Burgess et al. 2018): D + gamma * |KL - C|, C raised linearly";
    }

    @Override
    public OptionSchema optionSchema() {
        return MlpOptions.schema()
                .with(
                        OptionSpec.checked(
                                GAMMA,
                                OptionType.DOUBLE,
                                "1000",
                                "weight of the capacity penalty |KL - C|",
                                v -> Double.isFinite((Double) v) && (Double) v > 0,
                                "a finite number > 0"),
                        ObjectiveOptions.weight(CAPACITY_START, "0", "capacity C in nats at the start of training"),
                        ObjectiveOptions.weight(CAPACITY_MAX, "25", "capacity C in nats at the end of the ramp"),
                        OptionSpec.checked(
                                CAPACITY_EPOCHS,
                                OptionType.STRING,
                                "50%",
                                "length of the linear ramp of C: epochs (e.g. 20) or a share of the run (e.g. 50%)",
                                v -> {
                                    CapacityRamp.parse(CAPACITY_EPOCHS, (String) v);
                                    return true;
                                },
                                "epochs or a percentage"));
    }

    @Override
    public VaeModel create(ModelContext context) {
        Options o = context.options();
        double start = o.getDouble(CAPACITY_START);
        double max = o.getDouble(CAPACITY_MAX);
        if (max < start) {
            throw new ConfigurationException("option " + CAPACITY_MAX + "=" + max + " is below " + CAPACITY_START + "="
                    + start + "; the capacity must not decrease");
        }
        CapacityRamp ramp = CapacityRamp.parse(CAPACITY_EPOCHS, o.getString(CAPACITY_EPOCHS));
        return MlpOptions.standardModel(context, new CapacityObjective(o.getDouble(GAMMA), start, max, ramp));
    }
}
