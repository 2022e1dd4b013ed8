package org.vae4j.metrics.morpho;

import java.util.List;
import org.vae4j.spi.DatasetSource;

/** The dataset sources derived from MNIST with Morpho-MNIST's perturbations: their factors are set, not measured. */
public final class MorphoDatasets {
    private MorphoDatasets() {}

    /** {@return {@code morpho-global}, {@code morpho-local} and {@code mnist-factors}} */
    public static List<DatasetSource> sources() {
        return List.of(new MorphoSets(true), new MorphoSets(false), new MnistFactors());
    }
}
