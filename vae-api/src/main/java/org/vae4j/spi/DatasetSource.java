package org.vae4j.spi;

import org.vae4j.api.data.DatasetPair;

/**
 * A named source of a train/test pair of images, e.g. {@code mnist}: what {@code --dataset NAME}
 * and {@code Vae4j.dataset(name)} select. Contributed by a {@link VaePlugin}; names are unique.
 */
public interface DatasetSource {

    /** Stable, unique, lower-case name, e.g. {@code mnist}. */
    String name();

    /** One line for help texts. */
    String description();

    /**
     * Loads the pair, verifying what can be verified (checksums of known files).
     *
     * @throws org.vae4j.api.VaeException with a one-line message naming what is missing and how to supply it
     */
    DatasetPair load(DatasetRequest request);
}
