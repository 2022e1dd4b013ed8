package org.vae4j.metrics.morpho;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The perturbations' building blocks against their plain definitions. */
class PerturbationsTest {

    /** scipy's grey erosion/dilation of a binary image with the disk, "reflect" boundaries, by brute force. */
    private static boolean[] bruteForce(boolean[] in, int h, int w, int r, boolean dilate) {
        boolean[] out = new boolean[h * w];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                boolean v = !dilate;
                for (int dy = -r; dy <= r; dy++) {
                    for (int dx = -r; dx <= r; dx++) {
                        if (dx * dx + dy * dy <= r * r
                                && in[Upscaler.reflect(y + dy, h) * w + Upscaler.reflect(x + dx, w)] == dilate) {
                            v = dilate;
                        }
                    }
                }
                out[y * w + x] = v;
            }
        }
        return out;
    }

    @Test
    void erosionAndDilationThroughDistancesEqualTheDiskDefinitionEvenAtTheBorder() {
        SplittableRandom random = new SplittableRandom(5);
        Perturbations p = new Perturbations();
        for (int trial = 0; trial < 30; trial++) {
            int h = 20 + random.nextInt(20);
            int w = 20 + random.nextInt(20);
            boolean[] image = new boolean[h * w];
            // blobs, some touching the border
            for (int b = 0; b < 4; b++) {
                int cy = random.nextInt(h);
                int cx = random.nextInt(w);
                int rr = 1 + random.nextInt(6);
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        image[y * w + x] |= (y - cy) * (y - cy) + (x - cx) * (x - cx) <= rr * rr;
                    }
                }
            }
            DigitMorphology m = new DigitMorphology(1, h, w, image, new double[h * w], new boolean[h * w]);
            for (int r = 0; r <= 5; r++) {
                assertThat(p.morph(m, r, false))
                        .as("erosion %d r=%d", trial, r)
                        .isEqualTo(bruteForce(image, h, w, r, false));
                assertThat(p.morph(m, r, true))
                        .as("dilation %d r=%d", trial, r)
                        .isEqualTo(bruteForce(image, h, w, r, true));
            }
        }
    }

    @Test
    void linesArePixelForPixelScikitImages() {
        // skimage.draw.line(1, 1, 4, 9) and line(8, 2, 0, 5), as scikit-image 0.19.3 draws them
        assertThat(Perturbations.line(1, 1, 4, 9))
                .isDeepEqualTo(new int[][] {{1, 1}, {1, 2}, {2, 3}, {2, 4}, {3, 5}, {3, 6}, {3, 7}, {4, 8}, {4, 9}});
        assertThat(Perturbations.line(8, 2, 0, 5))
                .isDeepEqualTo(new int[][] {{8, 2}, {7, 2}, {6, 3}, {5, 3}, {4, 4}, {3, 4}, {2, 4}, {1, 5}, {0, 5}});
    }

    @Test
    void randomLinesArePixelForPixelScikitImages() throws java.io.IOException {
        com.fasterxml.jackson.databind.JsonNode lines;
        try (java.io.InputStream in =
                getClass().getResourceAsStream("/reference/morpho-prune/pruning-reference.json")) {
            lines = new com.fasterxml.jackson.databind.ObjectMapper()
                    .readTree(in)
                    .get("lines");
        }
        assertThat(lines.size()).isEqualTo(40);
        for (com.fasterxml.jackson.databind.JsonNode l : lines) {
            int[][] ours = Perturbations.line(
                    l.get("from").get(0).asInt(),
                    l.get("from").get(1).asInt(),
                    l.get("to").get(0).asInt(),
                    l.get("to").get(1).asInt());
            assertThat(ours)
                    .as("line %s -> %s", l.get("from"), l.get("to"))
                    .hasNumberOfRows(l.get("pixels").size());
            for (int i = 0; i < ours.length; i++) {
                assertThat(ours[i])
                        .containsExactly(
                                l.get("pixels").get(i).get(0).asInt(),
                                l.get("pixels").get(i).get(1).asInt());
            }
        }
    }

    @Test
    void aBlankImageHasNowhereToPlaceACentre() {
        DigitMorphology blank = new DigitMorphology(4, 8, 8, new boolean[64], new double[64], new boolean[64]);
        assertThatThrownBy(() -> Perturbations.swellCentre(blank, new SplittableRandom(0)))
                .hasMessageContaining("no skeleton");
    }

    /** A generator that hands out 0, 1, 2, ... and checks the bound it is asked for. */
    private static java.util.random.RandomGenerator sequence(int expectedBound) {
        return new java.util.random.RandomGenerator() {
            private int next;

            @Override
            public long nextLong() {
                throw new UnsupportedOperationException();
            }

            @Override
            public int nextInt(int bound) {
                assertThat(bound).isEqualTo(expectedBound);
                return next++;
            }
        };
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"line", "tee", "curve", "short", "edge"})
    void fracturesAvoidTipsAndForksAsMorphoMnistsPruningDoes(String name) throws java.io.IOException {
        com.fasterxml.jackson.databind.JsonNode c;
        try (java.io.InputStream in =
                getClass().getResourceAsStream("/reference/morpho-prune/pruning-reference.json")) {
            c = new com.fasterxml.jackson.databind.ObjectMapper().readTree(in).get(name);
        }
        int h = c.get("shape").get(0).asInt();
        int w = c.get("shape").get(1).asInt();
        boolean[] skeleton = new boolean[h * w];
        for (com.fasterxml.jackson.databind.JsonNode p : c.get("skeleton")) {
            skeleton[p.get(0).asInt() * w + p.get(1).asInt()] = true;
        }
        // everything pruned away: the reference falls back to the whole skeleton
        com.fasterxml.jackson.databind.JsonNode expected =
                c.get("candidates").isEmpty() ? c.get("skeleton") : c.get("candidates");
        DigitMorphology m = new DigitMorphology(4, h, w, skeleton.clone(), new double[h * w], skeleton);
        // the stroke angle the cut is normal to, as skeleton.get_angle finds it
        for (com.fasterxml.jackson.databind.JsonNode a : c.get("angles")) {
            assertThat(Perturbations.skeletonAngle(m, a.get(0).asInt(), a.get(1).asInt(), 8))
                    .as("%s angle at (%d, %d)", name, a.get(0).asInt(), a.get(1).asInt())
                    .isCloseTo(a.get(2).asDouble(), org.assertj.core.data.Offset.offset(1e-12));
        }
        int[][] centres = Perturbations.fractureCentres(m, 2, expected.size(), sequence(expected.size()));
        assertThat(centres).hasNumberOfRows(expected.size());
        for (int i = 0; i < centres.length; i++) {
            assertThat(centres[i])
                    .as("%s candidate %d", name, i)
                    .containsExactly(
                            expected.get(i).get(0).asInt(),
                            expected.get(i).get(1).asInt());
        }
    }

    @Test
    void theMeanThicknessIsTheMeasuredOne() {
        int[][] digits = PerturbationReferenceTest.images("original");
        Morphometrics m = new Morphometrics();
        for (int i = 0; i < 20; i++) {
            double measured = m.measure(digits[i], 28, 28).thickness();
            assertThat(m.morphology(digits[i], 28, 28).meanThickness())
                    .as("digit %d", i)
                    .isEqualTo(measured);
        }
        DigitMorphology empty = new DigitMorphology(4, 8, 8, new boolean[64], new double[64], new boolean[64]);
        assertThat(empty.meanThickness()).isZero();
    }
}
