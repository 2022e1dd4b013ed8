package org.vae4j.metrics.morpho;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vae4j.api.data.Dataset;
import org.vae4j.api.data.DatasetPair;
import org.vae4j.api.data.FactorSampler;
import org.vae4j.api.data.GroundTruth;
import org.vae4j.spi.DatasetRequest;

/**
 * The sets derived from MNIST, built here from MNIST test digits 0-99 (standing in for both splits):
 * Morpho-MNIST's global and local sets against the reference code's images of the same digits, and
 * mnist-factors' drawing against scikit-image's warp.
 */
class MorphoDatasetsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path cache;

    private final List<String> log = new ArrayList<>();

    /** The 100 committed digits and labels as an MNIST-like pair. */
    static DatasetPair fixture() {
        int[][] images = PerturbationReferenceTest.images("original");
        float[] pixels = new float[images.length * 784];
        for (int i = 0; i < images.length; i++) {
            for (int j = 0; j < 784; j++) {
                pixels[i * 784 + j] = images[i][j] / 255f;
            }
        }
        int[] labels = new int[images.length];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = Integer.parseInt(
                    PerturbationReferenceTest.csv("perturb_params.csv").get(i)[1]);
        }
        Dataset d = new Dataset("mnist", images.length, 28, 28, pixels, labels, 10);
        return new DatasetPair("mnist", d, d, "fixture", Map.of("train-images-idx3-ubyte", "0123456789abcdef"));
    }

    private DatasetRequest request() {
        DatasetPair mnist = fixture();
        return new DatasetRequest(Optional.empty(), cache, log::add, (name, dir) -> {
            assertThat(name).isEqualTo("mnist");
            return mnist;
        });
    }

    private static int[] bytes(Dataset d, int i) {
        float[] image = d.image(i);
        int[] out = new int[image.length];
        for (int j = 0; j < out.length; j++) {
            out[j] = Math.round(image[j] * 255);
        }
        return out;
    }

    @Test
    void morphoGlobalPerturbsEachDigitAsTheReferenceCodeDoesAndIsCached() {
        DatasetPair global = new MorphoSets(true).load(request());
        Dataset test = global.test();
        GroundTruth truth = test.groundTruth().orElseThrow();
        assertThat(truth.space().names()).containsExactly("perturbation", "digit");
        // the sampler draws one of the split's images with the levels asked for, and refuses levels no image has
        FactorSampler sampler = truth.sampler().orElseThrow();
        float[] drawn = new float[784];
        java.util.SplittableRandom random = new java.util.SplittableRandom(1);
        for (int draw = 0; draw < 20; draw++) {
            int[] levels = {truth.level(draw * 5, 0), truth.level(draw * 5, 1)};
            sampler.render(levels, random, drawn, 0);
            boolean found = false;
            for (int i = 0; i < test.size() && !found; i++) {
                found = truth.level(i, 0) == levels[0]
                        && truth.level(i, 1) == levels[1]
                        && java.util.Arrays.equals(test.image(i), drawn);
            }
            assertThat(found)
                    .as("draw %d is an image with levels %s", draw, java.util.Arrays.toString(levels))
                    .isTrue();
        }
        // the test split's choices are numpy.random.RandomState(1).randint(3, size=30)
        int[] numpy = {1, 0, 0, 1, 1, 0, 0, 1, 0, 1, 0, 2, 1, 2, 0, 2, 1, 2, 0, 0, 2, 0, 1, 2, 2, 0, 1, 1, 2, 0};
        for (int i = 0; i < numpy.length; i++) {
            assertThat(truth.level(i, 0)).as("image %d", i).isEqualTo(numpy[i]);
        }
        String[] sets = {"plain", "thin07", "thick10"};
        int[][][] reference = new int[3][][];
        for (int k = 0; k < 3; k++) {
            reference[k] = PerturbationReferenceTest.images(sets[k]);
        }
        int[][] ours = new int[100][];
        int[][] theirs = new int[100][];
        for (int i = 0; i < 100; i++) {
            ours[i] = bytes(test, i);
            theirs[i] = reference[truth.level(i, 0)][i];
            assertThat(test.labels().orElseThrow()[i]).isEqualTo(truth.level(i, 1));
        }
        double[] a = PerturbationReferenceTest.agreement(ours, theirs);
        assertThat(a[0]).isGreaterThanOrEqualTo(0.99);
        assertThat(a[1]).isLessThan(0.5);
        // the second load reads the cache and gives the same images
        log.clear();
        DatasetPair again = new MorphoSets(true).load(request());
        assertThat(log).anyMatch(l -> l.contains("from cache"));
        assertThat(again.test().pixels()).isEqualTo(test.pixels());
    }

    @Test
    void morphoLocalHasMorphoMnistsLabelsAndPlainDigitsWhereItChosePlain() {
        DatasetPair local = new MorphoSets(false).load(request());
        GroundTruth truth = local.train().groundTruth().orElseThrow();
        assertThat(truth.space().factor(0).values()).containsExactly(0, 3, 4);
        int[][] plain = PerturbationReferenceTest.images("plain");
        int[] counts = new int[3];
        for (int i = 0; i < 100; i++) {
            counts[truth.level(i, 0)]++;
            if (truth.level(i, 0) == 0) {
                assertThat(bytes(local.train(), i)).isEqualTo(plain[i]);
            }
        }
        for (int c : counts) {
            assertThat(c).isBetween(20, 47);
        }
    }

    @Test
    void mnistFactorsDrawsTiltAndWidthAsScikitImageWarps() throws IOException {
        int[][] plain = PerturbationReferenceTest.images("plain");
        int[][] thick = PerturbationReferenceTest.images("thick10");
        byte[] weights = new byte[10 * 5 * 784];
        for (int d = 0; d < 10; d++) {
            for (int j = 0; j < 784; j++) {
                weights[(d * 5 + 2) * 784 + j] = (byte) plain[d][j];
                weights[(d * 5 + 4) * 784 + j] = (byte) thick[d][j];
            }
        }
        JsonNode cases;
        try (InputStream in = getClass().getResourceAsStream("/reference/mnist-factors/mnist-factors-reference.json")) {
            cases = JSON.readTree(in).get("cases");
        }
        assertThat(cases.size()).isEqualTo(80);
        for (JsonNode c : cases) {
            int tilt = indexOf(MnistFactors.TILT_DEGREES, c.get("tilt").asDouble());
            int width = indexOf(MnistFactors.WIDTH, c.get("width").asDouble());
            int level = c.get("lineWeight").asText().equals("plain") ? 2 : 4;
            float[] ours = new float[784];
            MnistFactors.render(weights, c.get("digit").asInt(), level, tilt, width, ours, 0);
            for (int j = 0; j < 784; j++) {
                assertThat((double) ours[j])
                        .as(
                                "digit %d %s tilt %s width %s pixel %d",
                                c.get("digit").asInt(), c.get("lineWeight"), c.get("tilt"), c.get("width"), j)
                        .isCloseTo(c.get("image").get(j).asDouble(), offset(1e-6));
            }
        }
    }

    private static int indexOf(double[] values, double v) {
        for (int i = 0; i < values.length; i++) {
            if (values[i] == v) {
                return i;
            }
        }
        throw new IllegalArgumentException(v + " is no level");
    }

    @Test
    void mnistFactorsCarriesItsFourFactorsAndDrawsAnyCombinationOnADigitOfTheClass() {
        DatasetPair pair = new MnistFactors().load(request());
        assertThat(pair.train().size()).isEqualTo(100 * 125);
        assertThat(pair.test().size()).isEqualTo(10_000);
        GroundTruth truth = pair.test().groundTruth().orElseThrow();
        assertThat(truth.space().names()).containsExactly("thickness", "tilt", "width", "digit");
        assertThat(truth.space().sizes()).containsExactly(5, 5, 5, 10);
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int i = 0; i < pair.test().size(); i++) {
            assertThat(pair.test().labels().orElseThrow()[i]).isEqualTo(truth.level(i, 3));
            seen.add(java.util.Arrays.toString(pair.test().image(i))
                    + truth.level(i, 0)
                    + truth.level(i, 1)
                    + truth.level(i, 2));
        }
        assertThat(seen).as("distinct combinations of digit and levels").hasSize(10_000);
        // line weight: the plain level is Morpho-MNIST's plain digit, bit for bit
        FactorSampler sampler = truth.sampler().orElseThrow();
        int[][] plain = PerturbationReferenceTest.images("plain");
        float[] image = new float[784];
        // draw class 2 at the middle levels until test digit 1 (a 2) comes up
        java.util.SplittableRandom random = new java.util.SplittableRandom(3);
        boolean found = false;
        for (int attempt = 0; attempt < 200 && !found; attempt++) {
            sampler.render(new int[] {2, 2, 2, 2}, random, image, 0);
            int[] b = new int[784];
            for (int j = 0; j < 784; j++) {
                b[j] = Math.round(image[j] * 255);
            }
            found = java.util.Arrays.equals(b, plain[1]);
        }
        assertThat(found)
                .as("a class-2 draw at the middle levels is the plain digit 1")
                .isTrue();
    }

    @Test
    void eachLevelMovesItsOwnMorphometricOneWay() {
        FactorSampler sampler = new MnistFactors()
                .load(request())
                .test()
                .groundTruth()
                .orElseThrow()
                .sampler()
                .orElseThrow();
        Morphometrics m = new Morphometrics();
        // thickness level -> thickness, tilt -> slant, width -> width
        int[] measured = {2, 3, 4};
        for (int k = 0; k < 3; k++) {
            double previous = Double.NEGATIVE_INFINITY;
            for (int level = 0; level < 5; level++) {
                java.util.SplittableRandom random = new java.util.SplittableRandom(0);
                double sum = 0;
                float[] image = new float[784];
                int[] px = new int[784];
                for (int i = 0; i < 100; i++) {
                    int[] levels = {2, 2, 2, random.nextInt(10)};
                    levels[k] = level;
                    sampler.render(levels, random, image, 0);
                    for (int j = 0; j < 784; j++) {
                        px[j] = Math.round(image[j] * 255);
                    }
                    sum += m.measure(px, 28, 28).get(measured[k]);
                }
                double mean = sum / 100;
                assertThat(mean).as("factor %d level %d", k, level).isGreaterThan(previous);
                previous = mean;
            }
        }
    }
}
