package org.vae4j.core.data;

import java.util.Map;
import java.util.random.RandomGenerator;
import org.vae4j.api.data.Dataset;
import org.vae4j.api.data.DatasetPair;
import org.vae4j.api.data.Factor;
import org.vae4j.api.data.FactorSampler;
import org.vae4j.api.data.FactorSpace;
import org.vae4j.api.data.GroundTruth;

/**
 * dSprites-like images, generated: 64x64 binary images of a square, an ellipse or a heart at 6
 * scales, 40 orientations and 32 x 32 positions, 737,280 in all, in dSprites' factor order (shape,
 * scale, orientation, posX, posY; posY fastest). dSprites' own generator and shape sizes were never
 * published, so the geometry is this class's (below) and its pixels do not equal the published file;
 * the factors, their levels and their order do.
 *
 * <p>Geometry, on the unit canvas with pixel {@code (r, c)} sampled at its centre {@code ((c + 0.5) /
 * 64, (r + 0.5) / 64)} and no anti-aliasing: the shape's centre is {@code 0.15 + 0.7 pos} on each
 * axis; at scale 1 the square's side is 0.3, the ellipse's axes are 0.36 and 0.18 (horizontal at
 * orientation 0) and the heart (the curve {@code (x^2 + y^2 - 1)^3 = x^2 y^3}) is 0.3 wide; smaller
 * scales shrink all three about the centre; orientation turns the shape counter-clockwise about its
 * centre by {@code linspace(0, 2 pi, 40)} (so the first and last orientations coincide, as in dSprites).
 *
 * <p>Images are rendered when asked for (about a microsecond each), so the data takes no memory.
 */
public final class DSprites implements FactorSampler {
    /** The name of the built-in source. */
    public static final String NAME = "dsprites";
    /** Image rows and columns. */
    public static final int SIZE = 64;
    /** The held-out test images (the rest of the shuffled grid trains). */
    public static final int TEST_IMAGES = 10_000;

    private static final FactorSpace SPACE = FactorSpace.of(
            Factor.levels("shape", 3),
            Factor.linspace("scale", 0.5, 1, 6),
            Factor.linspace("orientation", 0, 2 * Math.PI, 40),
            Factor.linspace("posX", 0, 1, 32),
            Factor.linspace("posY", 0, 1, 32));
    private static final double HEART_HALF_WIDTH = 1.1390; // max |x| on (x^2+y^2-1)^3 = x^2 y^3
    private static final double HEART_TOP = 1.25; // heart spans y in [-1, 1.25]

    /** {@return dSprites' factors: shape (square, ellipse, heart), scale, orientation, posX, posY} */
    public static FactorSpace factorSpace() {
        return SPACE;
    }

    @Override
    public FactorSpace space() {
        return SPACE;
    }

    @Override
    public int height() {
        return SIZE;
    }

    @Override
    public int width() {
        return SIZE;
    }

    @Override
    public void render(int[] levels, RandomGenerator random, float[] dst, int offset) {
        SPACE.check(levels);
        renderLevels(levels, dst, offset);
    }

    /**
     * Renders image {@code index} of the full grid (the mixed-radix number of its levels, posY fastest).
     *
     * @param index in {@code [0, 737280)}
     * @param dst the destination, 4096 values from {@code offset}
     * @param offset where the first value goes
     */
    public static void render(long index, float[] dst, int offset) {
        renderLevels(SPACE.levels(index), dst, offset);
    }

    private static void renderLevels(int[] l, float[] dst, int offset) {
        render(
                l[0],
                SPACE.factor(1).value(l[1]),
                SPACE.factor(2).value(l[2]),
                SPACE.factor(3).value(l[3]),
                SPACE.factor(4).value(l[4]),
                dst,
                offset);
    }

    private static void render(
            int shape, double scale, double angle, double posX, double posY, float[] dst, int offset) {
        java.util.Arrays.fill(dst, offset, offset + SIZE * SIZE, 0f);
        double cx = 0.15 + 0.7 * posX;
        double cy = 0.15 + 0.7 * posY;
        double cos = Math.cos(angle);
        double sin = Math.sin(angle);
        double reach = 0.19 * scale + 1.0 / SIZE; // every shape lies within this of its centre
        int r0 = Math.max(0, (int) Math.floor((cy - reach) * SIZE));
        int r1 = Math.min(SIZE - 1, (int) Math.ceil((cy + reach) * SIZE));
        int c0 = Math.max(0, (int) Math.floor((cx - reach) * SIZE));
        int c1 = Math.min(SIZE - 1, (int) Math.ceil((cx + reach) * SIZE));
        for (int r = r0; r <= r1; r++) {
            double dy = (r + 0.5) / SIZE - cy;
            for (int c = c0; c <= c1; c++) {
                double dx = (c + 0.5) / SIZE - cx;
                // turn the pixel back by the angle (counter-clockwise on screen, whose y points down)
                double u = (cos * dx - sin * dy) / scale;
                double v = (sin * dx + cos * dy) / scale;
                if (inside(shape, u, v)) {
                    dst[offset + r * SIZE + c] = 1f;
                }
            }
        }
    }

    /** Whether the point {@code (u, v)} (shape units at scale 1, v pointing down) is inside the shape. */
    static boolean inside(int shape, double u, double v) {
        if (shape == 0) {
            return Math.abs(u) <= 0.15 && Math.abs(v) <= 0.15;
        }
        if (shape == 1) {
            return (u / 0.18) * (u / 0.18) + (v / 0.09) * (v / 0.09) <= 1;
        }
        double unit = 0.15 / HEART_HALF_WIDTH;
        double x = u / unit;
        double y = -v / unit + (HEART_TOP - 1) / 2; // the heart's box centred on the shape's centre
        double s = x * x + y * y - 1;
        return s * s * s - x * x * y * y * y <= 0;
    }

    /**
     * {@return the train and test split: the grid in a fixed shuffled order (seed 0), the last
     * {@value #TEST_IMAGES} held out for testing; labels are the shape, and both splits carry the
     * five factors and this sampler}
     */
    public static DatasetPair pair() {
        int n = (int) SPACE.combinations();
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        java.util.SplittableRandom random = new java.util.SplittableRandom(0);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        int[] shapes = new int[n];
        for (int i = 0; i < n; i++) {
            shapes[i] = i / (n / 3);
        }
        DSprites sampler = new DSprites();
        GroundTruth truth =
                GroundTruth.computed(SPACE, (i, k) -> SPACE.levels(i)[k]).withSampler(sampler);
        Dataset grid = Dataset.builder(NAME, n, SIZE, SIZE)
                .images((i, dst, off) -> render(i, dst, off))
                .labels(shapes, 3)
                .groundTruth(truth)
                .build();
        int train = n - TEST_IMAGES;
        return new DatasetPair(
                NAME,
                grid.select(java.util.Arrays.copyOfRange(order, 0, train)),
                grid.select(java.util.Arrays.copyOfRange(order, train, n)),
                "generated by vae4j (dSprites-like geometry; see DSprites)",
                Map.of());
    }
}
