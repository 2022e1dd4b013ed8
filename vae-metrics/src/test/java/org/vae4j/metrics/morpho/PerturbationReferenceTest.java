package org.vae4j.metrics.morpho;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.vae4j.core.data.IdxFile;
import org.vae4j.metrics.score.NumpyRandom;

/**
 * The perturbations held to Morpho-MNIST's own output for MNIST test digits 0-99
 * ({@code reference/morpho-perturb/}, made by its {@code gen.py} with the reference code at 3a20ed3):
 * images within 1/255 at 99% of pixels and a mean difference under 0.5/255, swelling and fracture
 * with the centres the reference drew.
 */
class PerturbationReferenceTest {
    private static final String DIR = "/reference/morpho-perturb/";
    private static final int N = 100;
    private static DigitMorphology[] digits;
    private static List<String[]> params;

    static int[][] images(String set) {
        try (InputStream in = PerturbationReferenceTest.class.getResourceAsStream(DIR + set + "-idx3-ubyte")) {
            Path file = Files.createTempFile("morpho-" + set, "-idx3-ubyte");
            try {
                Files.copy(in, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                IdxFile idx = IdxFile.read(file);
                int[][] out = new int[idx.dims()[0]][784];
                for (int i = 0; i < out.length; i++) {
                    for (int j = 0; j < 784; j++) {
                        out[i][j] = idx.data()[i * 784 + j] & 0xFF;
                    }
                }
                return out;
            } finally {
                Files.delete(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String[]> csv(String name) {
        try (InputStream in = PerturbationReferenceTest.class.getResourceAsStream(DIR + name)) {
            List<String> lines = new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .toList();
            // perturb_params.csv quotes JSON lists of centres: split on commas outside quotes
            return lines.subList(1, lines.size()).stream()
                    .map(l -> l.split(",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)"))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static int[][] centres(String json) {
        try {
            JsonNode node = new ObjectMapper().readTree(json.replace("\"", ""));
            int[][] out = new int[node.size()][2];
            for (int i = 0; i < out.length; i++) {
                out[i][0] = node.get(i).get(0).asInt();
                out[i][1] = node.get(i).get(1).asInt();
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @BeforeAll
    static void analyse() {
        int[][] original = images("original");
        Morphometrics m = new Morphometrics();
        digits = new DigitMorphology[N];
        for (int i = 0; i < N; i++) {
            digits[i] = m.morphology(original[i], 28, 28);
        }
        params = csv("perturb_params.csv");
    }

    /** The share of pixels within 1/255 and the mean absolute difference, in 1/255. */
    static double[] agreement(int[][] ours, int[][] reference) {
        long close = 0;
        long sum = 0;
        long all = 0;
        for (int i = 0; i < ours.length; i++) {
            for (int j = 0; j < ours[i].length; j++) {
                int d = Math.abs(ours[i][j] - reference[i][j]);
                close += d <= 1 ? 1 : 0;
                sum += d;
                all++;
            }
        }
        return new double[] {(double) close / all, (double) sum / all};
    }

    private static void assertAgrees(String set, int[][] ours) {
        double[] a = agreement(ours, images(set));
        System.out.printf(
                Locale.ROOT, "%s: %.4f of pixels within 1/255, mean |difference| %.4f/255%n", set, a[0], a[1]);
        assertThat(a[0]).as(set + ": share of pixels within 1/255").isGreaterThanOrEqualTo(0.99);
        assertThat(a[1]).as(set + ": mean absolute difference in 1/255").isLessThan(0.5);
    }

    @Test
    void theMeanThicknessGivesTheReferencesDiskRadii() {
        int same = 0;
        int total = 0;
        for (int i = 0; i < N; i++) {
            String[] row = params.get(i);
            double reference = Double.parseDouble(row[2]);
            assertThat(digits[i].meanThickness())
                    .as("digit %d", i)
                    .isCloseTo(reference, org.assertj.core.data.Offset.offset(0.05 * reference));
            double[] amounts = {0.7, 0.3, 1.0, 0.5};
            for (int k = 0; k < 4; k++) {
                total++;
                same += Perturbations.diskRadius(digits[i], amounts[k]) == Integer.parseInt(row[3 + k]) ? 1 : 0;
            }
        }
        System.out.printf(Locale.ROOT, "disk radii equal to the reference's: %d of %d%n", same, total);
        assertThat(same).isGreaterThanOrEqualTo((int) (0.95 * total));
    }

    @Test
    void plainMatchesTheReference() {
        Perturbations p = new Perturbations();
        int[][] ours = new int[N][];
        for (int i = 0; i < N; i++) {
            ours[i] = p.plain(digits[i]);
        }
        assertAgrees("plain", ours);
        // not only close: the binarised digit comes back exactly as the reference's downscale gives it
        assertThat(ours).isDeepEqualTo(images("plain"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"thin07", "thin03", "thick10", "thick05"})
    void thinningAndThickeningMatchTheReference(String set) {
        Perturbations p = new Perturbations();
        double amount = Integer.parseInt(set.replaceAll("\\D", "")) / 10.0;
        int[][] ours = new int[N][];
        for (int i = 0; i < N; i++) {
            ours[i] = set.startsWith("thin") ? p.thin(digits[i], amount) : p.thicken(digits[i], amount);
        }
        assertAgrees(set, ours);
    }

    @Test
    void swellingWithTheReferencesCentresMatchesIt() {
        Perturbations p = new Perturbations();
        int[][] ours = new int[N][];
        for (int i = 0; i < N; i++) {
            ours[i] = p.swell(digits[i], 3, 7, centres(params.get(i)[7])[0]);
        }
        assertAgrees("swell", ours);
    }

    @Test
    void fractureWithTheReferencesCentresMatchesIt() {
        Perturbations p = new Perturbations();
        int[][] ours = new int[N][];
        for (int i = 0; i < N; i++) {
            ours[i] = p.fracture(digits[i], 1.5, centres(params.get(i)[8]));
        }
        assertAgrees("fracture", ours);
    }

    /** The mean measured thickness of a set of images, by Morpho-MNIST's measurement. */
    private static double meanThickness(int[][] images) {
        Morphometrics m = new Morphometrics();
        double sum = 0;
        for (int[] image : images) {
            sum += m.measure(image, 28, 28).thickness();
        }
        return sum / images.length;
    }

    private static double referenceMeanThickness(String set) {
        return csv("measure_" + set + ".csv").stream()
                .mapToDouble(r -> Double.parseDouble(r[3]))
                .average()
                .orElseThrow();
    }

    @Test
    void ownCentresChangeThicknessByTheReferencesRatio() {
        Perturbations p = new Perturbations();
        int[][] swollen = new int[N][];
        int[][] fractured = new int[N][];
        for (int i = 0; i < N; i++) {
            swollen[i] = p.swell(digits[i], 3, 7, Perturbations.swellCentre(digits[i], new NumpyRandom(i)));
            fractured[i] =
                    p.fracture(digits[i], 1.5, Perturbations.fractureCentres(digits[i], 2, 3, new NumpyRandom(i)));
        }
        double original = referenceMeanThickness("original");
        for (String set : new String[] {"swell", "fracture"}) {
            double referenceRatio = referenceMeanThickness(set) / original;
            double ours = meanThickness(set.equals("swell") ? swollen : fractured) / meanThickness(images("original"));
            System.out.printf(
                    Locale.ROOT, "%s: thickness ratio %.4f, the reference's %.4f%n", set, ours, referenceRatio);
            assertThat(ours / referenceRatio).as(set).isCloseTo(1.0, org.assertj.core.data.Offset.offset(0.05));
        }
    }
}
