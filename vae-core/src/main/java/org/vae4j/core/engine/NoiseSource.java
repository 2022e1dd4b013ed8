package org.vae4j.core.engine;

import org.nd4j.linalg.api.ndarray.INDArray;

/** Fills the reparameterisation noise eps ~ N(0, I); replaced by fixed noise in gradient checks. */
@FunctionalInterface
public interface NoiseSource {
    void fill(INDArray eps);

    static NoiseSource seeded(long seed) {
        org.nd4j.linalg.api.rng.Random rng = org.nd4j.linalg.factory.Nd4j.getRandomFactory().getNewRandomInstance(seed);
        return eps -> org.nd4j.linalg.factory.Nd4j.getExecutioner()
                .exec(new org.nd4j.linalg.api.ops.random.impl.GaussianDistribution(eps, 0.0, 1.0), rng);
    }
}
