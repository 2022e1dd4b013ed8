package org.vae4j.api.nn;

import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.vae4j.api.TrainingProgress;

/**
 * A {@link Regularizer} whose estimate draws random numbers, e.g. an MMD penalty against samples
 * of the prior. The engine passes a random source seeded from the run's seed and the step, and the
 * <em>same</em> source state to {@link #value} and {@link #addGradient} of one step, so the value
 * and its gradient agree, a run is reproducible, and the conformance kit's finite differences see
 * a deterministic function. Draw every random number from {@code random}, never from a generator
 * of your own.
 */
public interface StochasticRegularizer extends Regularizer {

    double value(GaussianCode posterior, INDArray z, TrainingProgress progress, RandomGenerator random);

    void addGradient(GaussianCode posterior, INDArray z, TrainingProgress progress, double scale,
                     INDArray gradMean, INDArray gradLogVariance, INDArray gradZ, RandomGenerator random);

    /** The source for step {@code step} of a run seeded with {@code runSeed}: the same arguments give the same draws. */
    static RandomGenerator forStep(long runSeed, long step) {
        return new SplittableRandom(runSeed * 0x9E3779B97F4A7C15L + step * 0xBF58476D1CE4E5B9L + 0x94D049BB133111EBL);
    }

    /** Without a run seed: the source of seed 0 at this step. */
    @Override
    default double value(GaussianCode posterior, INDArray z, TrainingProgress progress) {
        return value(posterior, z, progress, forStep(0, progress.step()));
    }

    /** Without a run seed: the source of seed 0 at this step. */
    @Override
    default void addGradient(GaussianCode posterior, INDArray z, TrainingProgress progress, double scale,
                             INDArray gradMean, INDArray gradLogVariance, INDArray gradZ) {
        addGradient(posterior, z, progress, scale, gradMean, gradLogVariance, gradZ, forStep(0, progress.step()));
    }
}
