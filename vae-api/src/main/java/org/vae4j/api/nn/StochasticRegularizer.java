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

    /**
     * The penalty's value on a batch, drawing from {@code random}.
     *
     * @param posterior q(z|x): means and log-variances, {@code [batch][latentDims]} each
     * @param z the sampled codes, same shape
     * @param progress where training stands
     * @param random the source of this step; the same state is passed to {@link #addGradient}
     * @return one estimate for the batch, on the scale of a per-example loss
     */
    double value(GaussianCode posterior, INDArray z, TrainingProgress progress, RandomGenerator random);

    /**
     * Adds {@code scale} times the penalty's gradient, drawing the same numbers as {@link #value}.
     *
     * @param posterior q(z|x): means and log-variances, {@code [batch][latentDims]} each
     * @param z the sampled codes, same shape
     * @param progress where training stands
     * @param scale the factor of the added gradient
     * @param gradMean receives the added gradient with respect to the means
     * @param gradLogVariance receives the added gradient with respect to the log-variances
     * @param gradZ receives the added gradient with respect to z
     * @param random the source of this step, in the state {@link #value} got
     */
    void addGradient(
            GaussianCode posterior,
            INDArray z,
            TrainingProgress progress,
            double scale,
            INDArray gradMean,
            INDArray gradLogVariance,
            INDArray gradZ,
            RandomGenerator random);

    /**
     * {@return the source for step {@code step} of a run seeded with {@code runSeed}: the same arguments give the same draws}
     *
     * @param runSeed the run's seed
     * @param step the step within the run, 0-based
     */
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
    default void addGradient(
            GaussianCode posterior,
            INDArray z,
            TrainingProgress progress,
            double scale,
            INDArray gradMean,
            INDArray gradLogVariance,
            INDArray gradZ) {
        addGradient(posterior, z, progress, scale, gradMean, gradLogVariance, gradZ, forStep(0, progress.step()));
    }
}
