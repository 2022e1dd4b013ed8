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

    /**
     * A sampler that draws, for given levels, one of a dataset's images with exactly those levels
     * (uniformly, by the generator it is given): how data with recorded factors, where every
     * combination occurs, serves the intervention scores.
     *
     * @param data a dataset with {@link GroundTruth}
     * @return the sampler
     * @throws IllegalArgumentException if the data has no ground truth
     */
    static FactorSampler matching(Dataset data) {
        GroundTruth truth = data.groundTruth()
                .orElseThrow(() -> new IllegalArgumentException("dataset " + data.name() + " has no factors"));
        FactorSpace space = truth.space();
        java.util.Map<Long, java.util.List<Integer>> cells = new java.util.HashMap<>();
        int[] levels = new int[space.count()];
        for (int i = 0; i < data.size(); i++) {
            for (int k = 0; k < levels.length; k++) {
                levels[k] = truth.level(i, k);
            }
            cells.computeIfAbsent(space.index(levels), c -> new java.util.ArrayList<>())
                    .add(i);
        }
        java.util.Map<Long, int[]> images = new java.util.HashMap<>();
        cells.forEach((cell, list) ->
                images.put(cell, list.stream().mapToInt(Integer::intValue).toArray()));
        return new FactorSampler() {
            @Override
            public FactorSpace space() {
                return space;
            }

            @Override
            public int height() {
                return data.height();
            }

            @Override
            public int width() {
                return data.width();
            }

            @Override
            public int channels() {
                return data.channels();
            }

            @Override
            public void render(int[] levels, RandomGenerator random, float[] dst, int offset) {
                int[] pool = images.get(space.index(levels));
                if (pool == null) {
                    throw new IllegalArgumentException("dataset " + data.name() + " has no image with the levels "
                            + java.util.Arrays.toString(levels) + " of " + space.names());
                }
                data.copyImages(pool[random.nextInt(pool.length)], 1, dst, offset);
            }
        };
    }
}
