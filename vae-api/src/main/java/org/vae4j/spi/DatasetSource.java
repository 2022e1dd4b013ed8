package org.vae4j.spi;

import org.vae4j.api.data.DatasetPair;

/**
 * A named source of a train/test pair of images, e.g. {@code mnist}: what {@code --dataset NAME}
 * and {@code Vae4j.dataset(name)} select. Contributed by a {@link VaePlugin}; names are unique.
 */
public interface DatasetSource {

    /** {@return a stable, unique, lower-case name, e.g. {@code mnist}} */
    String name();

    /** {@return one line for help texts} */
    String description();

    /**
     * Loads the pair, verifying what can be verified (checksums of known files).
     *
     * @throws org.vae4j.api.VaeException with a one-line message naming what is missing and how to supply it
     * @param request the data folder, cache and log
     * @return the train and test splits with their provenance
     */
    DatasetPair load(DatasetRequest request);
}
