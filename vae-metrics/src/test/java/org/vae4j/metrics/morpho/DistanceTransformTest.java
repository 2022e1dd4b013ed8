package org.vae4j.metrics.morpho;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The distance transform against brute force (the distance from every foreground pixel to every
 * background pixel), exact to rounding, on random shapes of several sizes and densities that touch
 * the image's edges, with one instance reused from larger to smaller images and back.
 */
class DistanceTransformTest {
    private static double[] bruteForce(boolean[] fg, int h, int w) {
        double[] out = new double[h * w];
        for (int p = 0; p < h * w; p++) {
            if (!fg[p]) {
                continue;
            }
            double best = Double.POSITIVE_INFINITY;
            for (int q = 0; q < h * w; q++) {
                if (!fg[q]) {
                    int dy = p / w - q / w;
                    int dx = p % w - q % w;
                    best = Math.min(best, Math.sqrt(dy * dy + dx * dx));
                }
            }
            out[p] = best;
        }
        return out;
    }

    @Test
    void equalsBruteForceOnRandomShapesTouchingTheEdges() {
        DistanceTransform dt = new DistanceTransform();
        Random r = new Random(11);
        int[][] sizes = {{28, 28}, {9, 17}, {17, 9}, {1, 12}, {12, 1}, {40, 33}, {5, 5}, {28, 28}};
        for (int[] size : sizes) {
            for (double density : new double[] {0.2, 0.6, 0.95}) {
                int h = size[0];
                int w = size[1];
                boolean[] fg = new boolean[h * w];
                for (int i = 0; i < fg.length; i++) {
                    fg[i] = r.nextDouble() < density;
                }
                fg[r.nextInt(fg.length)] = false; // at least one background pixel
                fg[0] = true; // and a foreground corner
                double[] out = new double[h * w + 3];
                Arrays.fill(out, 7); // left over from an earlier image
                dt.transform(fg, h, w, out);
                double[] expected = bruteForce(fg, h, w);
                for (int p = 0; p < h * w; p++) {
                    assertThat(out[p])
                            .as("%dx%d at density %.2f, pixel (%d, %d)", h, w, density, p / w, p % w)
                            .isCloseTo(expected[p], offset(1e-9));
                }
                assertThat(out[h * w]).as("nothing written past the image").isEqualTo(7);
            }
        }
    }

    @Test
    void aBlankImageIsAllZero() {
        double[] out = {3, 3, 3, 3};
        new DistanceTransform().transform(new boolean[4], 2, 2, out);
        assertThat(out).containsOnly(0.0);
    }
}
