package org.vae4j.api.data;

import java.util.random.RandomGenerator;

/**
 * A dataset that can produce an image for any combination of its factors' levels: what the
 * intervention scores (BetaVAE, FactorVAE) need to draw "64 images that share factor k". Safe to
 * call from several threads at once.
 */
public interface FactorSampler {

    /** {@return the factors and their levels} */
    FactorSpace space();

    /** {@return the image rows} */
    int height();

    /** {@return the image columns} */
    int width();

    /** {@return the colour channels (1 for grey images)} */
    default int channels() {
        return 1;
    }

    /** {@return the values per image, {@code channels * height * width}} */
    default int dataSize() {
        return channels() * height() * width();
    }

    /**
     * Writes an image of the given levels into {@code dst} from {@code offset}.
     *
     * @param levels one level per factor of {@link #space()}
     * @param random draws whatever the factors leave open (e.g. which source digit of a class is
     *               perturbed); unused when the factors fix the image
     * @param dst the destination, {@link #dataSize()} values from {@code offset}
     * @param offset where the first value goes
     * @throws IllegalArgumentException if a level is outside its factor's range
     */
    void render(int[] levels, RandomGenerator random, float[] dst, int offset);

    /**
     * {@return one image per row of {@code levels}}
     *
     * @param levels {@code [n][factors]} levels
     * @param random draws whatever the factors leave open
     */
    default float[][] render(int[][] levels, RandomGenerator random) {
        float[][] out = new float[levels.length][dataSize()];
        for (int i = 0; i < levels.length; i++) {
            render(levels[i], random, out[i], 0);
        }
        return out;
    }
}
