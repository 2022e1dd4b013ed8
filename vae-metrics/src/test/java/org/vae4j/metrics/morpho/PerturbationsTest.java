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
    void aBlankImageHasNowhereToPlaceACentre() {
        DigitMorphology blank = new DigitMorphology(4, 8, 8, new boolean[64], new double[64], new boolean[64]);
        assertThatThrownBy(() -> Perturbations.swellCentre(blank, new SplittableRandom(0)))
                .hasMessageContaining("no skeleton");
    }
}
