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

    /** {@return a stable, unique, lower-case name, e.g. {@code vae} or {@code beta-vae}} */
    String name();

    /** {@return one line for {@code ./vae models}} */
    String description();

    /** {@return the options this variant accepts, with defaults} */
    OptionSchema optionSchema();

    /**
     * Builds an untrained model; parameters are bound and initialised by the engine.
     *
     * @param context the spec, validated options and built-in components
     * @return the model
     */
    VaeModel create(ModelContext context);
}
