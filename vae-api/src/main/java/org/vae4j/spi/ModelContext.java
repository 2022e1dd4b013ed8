package org.vae4j.spi;

import org.vae4j.api.ModelSpec;

/**
 * What the host gives a provider's factory: the problem shape, the validated options and the
 * host's built-in components, so a plugin depending only on {@code vae-api} can reuse the engine's
 * fast MLPs and likelihoods and replace just the part it is about.
 */
public interface ModelContext {

    /** {@return the problem shape} */
    ModelSpec spec();

    /** {@return the validated options, defaults filled in} */
    Options options();

    /** {@return the engine's built-in components} */
    Components components();
}
