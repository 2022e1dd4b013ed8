package org.vae4j.api.data;

import java.util.Objects;
import java.util.Optional;

/**
 * The factors that generated each image of a {@link Dataset}: the factor space, each image's level
 * of every factor, and, when the data can produce an image for any combination of levels, its
 * {@link FactorSampler}.
 */
public final class GroundTruth {
    /** Each image's level of a factor. */
    @FunctionalInterface
    public interface Levels {
        /**
         * {@return the level of factor {@code k} in image {@code image}}
         *
         * @param image the image
         * @param k the factor
         */
        int level(int image, int k);
    }

    private final FactorSpace space;
    private final Levels levels;
    private final FactorSampler sampler;

    private GroundTruth(FactorSpace space, Levels levels, FactorSampler sampler) {
        this.space = Objects.requireNonNull(space, "space");
        this.levels = Objects.requireNonNull(levels, "levels");
        this.sampler = sampler;
    }

    /**
     * Ground truth held as a table, one row of levels per image (kept, not copied).
     *
     * @param space the factors
     * @param levels {@code [images][factors]} levels
     * @return the ground truth
     * @throws IllegalArgumentException if a row does not fit the space
     */
    public static GroundTruth of(FactorSpace space, int[][] levels) {
        for (int[] row : levels) {
            space.check(row);
        }
        return new GroundTruth(space, (i, k) -> levels[i][k], null);
    }

    /**
     * Ground truth computed from the image index, e.g. a full grid in mixed-radix order.
     *
     * @param space the factors
     * @param levels each image's levels
     * @return the ground truth
     */
    public static GroundTruth computed(FactorSpace space, Levels levels) {
        return new GroundTruth(space, levels, null);
    }

    /**
     * {@return this ground truth with a sampler that produces an image for any combination of levels}
     *
     * @param sampler the sampler; its factor space must be this one
     */
    public GroundTruth withSampler(FactorSampler sampler) {
        if (!sampler.space().equals(space)) {
            throw new IllegalArgumentException(
                    "the sampler's factors " + sampler.space().names() + " differ from the data's " + space.names());
        }
        return new GroundTruth(space, levels, sampler);
    }

    /** {@return the factors} */
    public FactorSpace space() {
        return space;
    }

    /** {@return the sampler, when the data can produce an image for any combination of levels} */
    public Optional<FactorSampler> sampler() {
        return Optional.ofNullable(sampler);
    }

    /**
     * {@return the level of factor {@code k} in image {@code image}}
     *
     * @param image the image
     * @param k the factor
     */
    public int level(int image, int k) {
        return levels.level(image, k);
    }

    /**
     * {@return the levels of images {@code [from, from + count)}, {@code [count][factors]}, as doubles for the metrics}
     *
     * @param from the first image
     * @param count how many
     */
    public double[][] values(int from, int count) {
        double[][] out = new double[count][space.count()];
        for (int i = 0; i < count; i++) {
            for (int k = 0; k < out[i].length; k++) {
                out[i][k] = levels.level(from + i, k);
            }
        }
        return out;
    }

    /**
     * {@return the ground truth of the images a view selects}
     *
     * @param indices the images of this ground truth that the view's images are, in order
     */
    GroundTruth select(int[] indices) {
        Levels inner = levels;
        return new GroundTruth(space, (i, k) -> inner.level(indices[i], k), sampler);
    }
}
