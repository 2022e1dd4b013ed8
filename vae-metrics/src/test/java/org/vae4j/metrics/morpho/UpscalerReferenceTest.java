package org.vae4j.metrics.morpho;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The upscaling of Morpho-MNIST held to scikit-image's own {@code pyramid_expand(image, upscale,
 * order=3)}: the committed cases and values come from {@code reference/upscale_reference.py}. Every
 * output pixel is {@code floor(255 * value)} of the reference, except where the reference lies
 * within 1e-6 of an integer, where rounding may put it on either side.
 */
class UpscalerReferenceTest {
    @Test
    void everyPixelIsScikitImagesPyramidExpand() throws IOException {
        String text;
        try (InputStream in = getClass().getResourceAsStream("/reference/upscale-reference.csv")) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Upscaler four = new Upscaler(4);
        int cases = 0;
        for (String line : text.split("\n")) {
            String[] f = line.split(",");
            String name = f[0];
            int scale = Integer.parseInt(f[1]);
            int h = Integer.parseInt(f[2]);
            int w = Integer.parseInt(f[3]);
            double[] image = Arrays.stream(f, 4, 4 + h * w)
                    .mapToDouble(Double::parseDouble)
                    .toArray();
            double[] expected = Arrays.stream(f, 4 + h * w, f.length)
                    .mapToDouble(Double::parseDouble)
                    .toArray();
            assertThat(expected).hasSize(h * scale * w * scale);
            int[] out = new int[expected.length + 2];
            Arrays.fill(out, -9);
            (scale == 4 ? four : new Upscaler(scale)).upscale(image, h, w, out); // one instance, two sizes
            for (int p = 0; p < expected.length; p++) {
                double e = expected[p];
                boolean onTheEdge = Math.abs(e - Math.rint(e)) < 1e-6;
                int floor = (int) Math.floor(e + (onTheEdge ? 1e-6 : 0));
                assertThat(out[p])
                        .as("%s pixel (%d, %d): 255 x %.6f", name, p / (w * scale), p % (w * scale), e / 255)
                        .isBetween(onTheEdge ? floor - 1 : floor, floor);
            }
            assertThat(out[expected.length])
                    .as("nothing written past the image")
                    .isEqualTo(-9);
            cases++;
        }
        assertThat(cases).isEqualTo(3);
    }
}
