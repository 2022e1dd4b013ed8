package org.vae4j.core.engine;

import org.nd4j.linalg.api.ndarray.INDArray;

/** Fills the reparameterisation noise eps ~ N(0, I); replaced by fixed noise in gradient checks. */
@FunctionalInterface
public interface NoiseSource {
    void fill(INDArray eps);

    static NoiseSource seeded(long seed) {
        return new Seeded(seed);
    }

    /** Seeded Gaussian noise whose generator state can be saved and restored (to resume a run bit for bit). */
    final class Seeded implements NoiseSource {
        private final org.nd4j.linalg.api.rng.Random rng;

        public Seeded(long seed) {
            this.rng = org.nd4j.linalg.factory.Nd4j.getRandomFactory().getNewRandomInstance(seed);
        }

        @Override
        public void fill(INDArray eps) {
            org.nd4j.linalg.factory.Nd4j.getExecutioner()
                    .exec(new org.nd4j.linalg.api.ops.random.impl.GaussianDistribution(eps, 0.0, 1.0), rng);
        }

        /** {@return the generator's state: root and node} */
        public long[] state() {
            return new long[] {rng.rootState(), rng.nodeState()};
        }

        /**
         * Continues from a saved state.
         *
         * @param state what {@link #state()} returned
         */
        public void restore(long[] state) {
            rng.setStates(state[0], state[1]);
        }
    }
}
