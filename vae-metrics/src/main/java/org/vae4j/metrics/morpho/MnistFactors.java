package org.vae4j.metrics.morpho;

import java.nio.file.Path;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.vae4j.api.data.Dataset;
import org.vae4j.api.data.DatasetPair;
import org.vae4j.api.data.Factor;
import org.vae4j.api.data.FactorSampler;
import org.vae4j.api.data.FactorSpace;
import org.vae4j.api.data.GroundTruth;
import org.vae4j.spi.DatasetRequest;
import org.vae4j.spi.DatasetSource;

/**
 * {@code mnist-factors}: every MNIST digit at a grid of set levels of the paper's three properties,
 * plus its class. Line weight: Morpho-MNIST's thinning by 0.6 or 0.3, the plain digit, or its
 * thickening by 0.5 or 1.0 of the stroke's thickness (vae4j's port, at 4x). Tilt: a horizontal shear
 * of -20, -10, 0, 10 or 20 degrees about the digit's centre of mass ({@code x' = x + tan(angle)
 * (cy - y)}: positive leans the top right). Width: a horizontal scale by 0.75, 0.875, 1, 1.125 or 1.25
 * about the same centre. Shear and scale are applied to the 28x28 line-weight image with bilinear
 * interpolation (zero outside).
 *
 * <p>The training split is the full grid of the 60,000 training digits (7,500,000 images) in a
 * fixed shuffled order, so {@code --limit N} is a uniform sample; the test split is 10,000 drawn
 * combinations of test digits and levels. Both carry the four factors; the sampler draws any
 * combination with a test digit of the class, chosen by the generator it is given. The line-weight
 * images are computed once (the five levels of 70,000 digits, a few minutes on two cores) and cached;
 * the rest is drawn on demand.
 */
final class MnistFactors implements DatasetSource {
    static final String NAME = "mnist-factors";
    static final double[] THICKNESS = {-0.6, -0.3, 0, 0.5, 1.0};
    static final double[] TILT_DEGREES = {-20, -10, 0, 10, 20};
    static final double[] WIDTH = {0.75, 0.875, 1, 1.125, 1.25};
    static final FactorSpace SPACE = FactorSpace.of(
            new Factor("thickness", THICKNESS),
            new Factor("tilt", TILT_DEGREES),
            new Factor("width", WIDTH),
            Factor.levels("digit", 10));
    private static final int COMBOS = 125;
    private static final int PIXELS = 784;
    private static final int TEST_IMAGES = 10_000;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "MNIST digits at set levels of line weight, tilt and width (5 x 5 x 5) and their class;"
                + " vae4j's Morpho-MNIST thinning/thickening, shear and scale; computed from MNIST";
    }

    @Override
    public String sizes() {
        return "7,500,000 train (every training digit at every level) + 10,000 test, 28x28";
    }

    @Override
    public Optional<FactorSpace> factors() {
        return Optional.of(SPACE);
    }

    /** The five line-weight images (level-major, 784 bytes each) of one digit. */
    static byte[] lineWeights(Morphometrics morpho, Perturbations p, int[] image) {
        DigitMorphology m = morpho.morphology(image, 28, 28);
        byte[] out = new byte[5 * PIXELS];
        for (int level = 0; level < 5; level++) {
            double amount = THICKNESS[level];
            int[] img = amount < 0 ? p.thin(m, -amount) : amount == 0 ? p.plain(m) : p.thicken(m, amount);
            System.arraycopy(DerivedMnist.toBytes(img), 0, out, level * PIXELS, PIXELS);
        }
        return out;
    }

    /**
     * Draws the image of a digit's line-weight image under a tilt and width level, as [0, 1] floats.
     *
     * @param weights the digit's five line-weight images
     * @param thickness the line-weight level
     * @param tilt the tilt level
     * @param width the width level
     */
    static void render(byte[] weights, int digit, int thickness, int tilt, int width, float[] dst, int offset) {
        int base = (digit * 5 + thickness) * PIXELS;
        int plain = (digit * 5 + 2) * PIXELS;
        // centre of mass of the plain digit, so that every line weight turns about the same point
        double m = 0;
        double sx = 0;
        double sy = 0;
        for (int r = 0; r < 28; r++) {
            for (int c = 0; c < 28; c++) {
                double v = weights[plain + r * 28 + c] & 0xFF;
                m += v;
                sx += v * c;
                sy += v * r;
            }
        }
        double cx = m == 0 ? 13.5 : sx / m;
        double cy = m == 0 ? 13.5 : sy / m;
        double shear = Math.tan(Math.toRadians(TILT_DEGREES[tilt]));
        double scale = WIDTH[width];
        for (int r = 0; r < 28; r++) {
            for (int c = 0; c < 28; c++) {
                // inverse of x' = cx + scale (x - cx) + shear (cy - y), y' = y
                double x = cx + (c - cx - shear * (cy - r)) / scale;
                int x0 = (int) Math.floor(x);
                double t = x - x0;
                double a = x0 >= 0 && x0 < 28 ? weights[base + r * 28 + x0] & 0xFF : 0;
                double b = x0 + 1 >= 0 && x0 + 1 < 28 ? weights[base + r * 28 + x0 + 1] & 0xFF : 0;
                dst[offset + r * 28 + c] = (float) (((1 - t) * a + t * b) / 255.0);
            }
        }
    }

    @Override
    public DatasetPair load(DatasetRequest request) {
        DerivedMnist mnist = DerivedMnist.load(request);
        int threads = Runtime.getRuntime().availableProcessors();
        Path folder = mnist.cacheFolder(request.cacheDirectory(), NAME);
        ThreadLocal<Morphometrics> morpho = ThreadLocal.withInitial(Morphometrics::new);
        ThreadLocal<Perturbations> perturb = ThreadLocal.withInitial(Perturbations::new);
        byte[] trainWeights = DerivedMnist.cached(
                folder.resolve("train-line-weights.bin"),
                mnist.train.length,
                5 * PIXELS,
                i -> lineWeights(morpho.get(), perturb.get(), mnist.train[i]),
                threads,
                request.log(),
                NAME + " train line weights");
        byte[] testWeights = DerivedMnist.cached(
                folder.resolve("t10k-line-weights.bin"),
                mnist.test.length,
                5 * PIXELS,
                i -> lineWeights(morpho.get(), perturb.get(), mnist.test[i]),
                threads,
                request.log(),
                NAME + " test line weights");
        int[] trainDigits = mnist.mnist.train().labels().orElseThrow();
        int[] testDigits = mnist.mnist.test().labels().orElseThrow();
        Sampler sampler = new Sampler(testWeights, testDigits);
        int trainSize = trainDigits.length * COMBOS;
        int[] order = permutation(trainSize, 0);
        Dataset train = grid(trainWeights, trainDigits, order, sampler);
        int[] testOrder = java.util.Arrays.copyOf(permutation(testDigits.length * COMBOS, 1), TEST_IMAGES);
        Dataset test = grid(testWeights, testDigits, testOrder, sampler);
        return new DatasetPair(
                NAME, train, test, "MNIST (" + mnist.mnist.source() + ") at set levels by vae4j", mnist.mnist.sha256());
    }

    private static int[] permutation(int n, long seed) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    /** Images {@code order[i]} of the grid digit-major, then thickness, tilt and width (width fastest). */
    private static Dataset grid(byte[] weights, int[] digits, int[] order, Sampler sampler) {
        int[] labels = new int[order.length];
        for (int i = 0; i < order.length; i++) {
            labels[i] = digits[order[i] / COMBOS];
        }
        GroundTruth truth = GroundTruth.computed(SPACE, (i, k) -> {
                    int g = order[i];
                    return switch (k) {
                        case 0 -> g % COMBOS / 25;
                        case 1 -> g % 25 / 5;
                        case 2 -> g % 5;
                        default -> digits[g / COMBOS];
                    };
                })
                .withSampler(sampler);
        return Dataset.builder(NAME, order.length, 28, 28)
                .images((i, dst, off) -> {
                    int g = order[i];
                    render(weights, g / COMBOS, g % COMBOS / 25, g % 25 / 5, g % 5, dst, off);
                })
                .labels(labels, 10)
                .groundTruth(truth)
                .build();
    }

    /** Any combination of levels, drawn on a test digit of the class. */
    static final class Sampler implements FactorSampler {
        private final byte[] weights;
        private final int[][] byClass = new int[10][];

        Sampler(byte[] weights, int[] digits) {
            this.weights = weights;
            for (int c = 0; c < 10; c++) {
                final int cls = c;
                byClass[c] = java.util.stream.IntStream.range(0, digits.length)
                        .filter(i -> digits[i] == cls)
                        .toArray();
            }
        }

        @Override
        public FactorSpace space() {
            return SPACE;
        }

        @Override
        public int height() {
            return 28;
        }

        @Override
        public int width() {
            return 28;
        }

        @Override
        public void render(int[] levels, RandomGenerator random, float[] dst, int offset) {
            SPACE.check(levels);
            int[] pool = byClass[levels[3]];
            int digit = pool[random.nextInt(pool.length)];
            MnistFactors.render(weights, digit, levels[0], levels[1], levels[2], dst, offset);
        }
    }
}
