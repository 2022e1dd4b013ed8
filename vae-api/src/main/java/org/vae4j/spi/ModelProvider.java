package org.vae4j.spi;

import org.vae4j.api.VaeModel;

/**
 * A named model variant: what {@code ./vae train --model NAME} selects.
 *
 * <p>{@link #name()} is stable: it is written into checkpoints and used to find the provider again
 * when a model is loaded. The factory must be deterministic: the same context (spec, options)
 * builds a model with the same parameter layout.
 */
public interface ModelProvider {

    /** Stable, unique, lower-case name, e.g. {@code vae} or {@code beta-vae}. */
    String name();

    /** One line for {@code ./vae models}. */
    String description();

    /** The options this variant accepts, with defaults. */
    OptionSchema optionSchema();

    /** Builds an untrained model; parameters are bound and initialised by the engine. */
    VaeModel create(ModelContext context);
}
