package org.vae4j.spi;

import java.util.Optional;
import org.vae4j.api.data.DatasetPair;
import org.vae4j.api.data.FactorSpace;

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
     * The ground-truth factors the images carry, for listings ({@code ./vae datasets}); the loaded
     * splits then carry each image's levels ({@link org.vae4j.api.data.Dataset#groundTruth()}).
     *
     * @return the factors, or empty when the data has none (the default)
     */
    default Optional<FactorSpace> factors() {
        return Optional.empty();
    }

    /**
     * The images per split and their shape, for listings, e.g. {@code 60,000 train + 10,000 test, 28x28}.
     *
     * @return the sizes, or empty when they depend on the files given (the default)
     */
    default String sizes() {
        return "";
    }

    /**
     * Loads the pair, verifying what can be verified (checksums of known files).
     *
     * @throws org.vae4j.api.VaeException with a one-line message naming what is missing and how to supply it
     * @param request the data folder, cache and log
     * @return the train and test splits with their provenance
     */
    DatasetPair load(DatasetRequest request);
}
