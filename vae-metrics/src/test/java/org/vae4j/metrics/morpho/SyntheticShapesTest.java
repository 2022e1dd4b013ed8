package org.vae4j.metrics.morpho;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Morphometrics of drawn bars whose true thickness, slant and width are known. */
class SyntheticShapesTest {
    private final Morphometrics morpho = new Morphometrics();

    /**
     * A bar {@code width} pixels wide from row 4 to row 23, its centre line passing through column
     * 14 at the middle row and shifted right by {@code lean} pixels per row upwards (anti-aliased
     * by 4x4 supersampling).
     */
    static int[] bar(double width, double lean) {
        int[] img = new int[784];
        for (int y = 0; y < 28; y++) {
            for (int x = 0; x < 28; x++) {
                int hits = 0;
                for (int sy = 0; sy < 4; sy++) {
                    for (int sx = 0; sx < 4; sx++) {
                        double py = y + (sy + 0.5) / 4;
                        double px = x + (sx + 0.5) / 4;
                        double centre = 14 + lean * (14 - py);
                        if (py >= 4 && py <= 24 && Math.abs(px - centre) <= width / 2) {
                            hits++;
                        }
                    }
                }
                img[y * 28 + x] = Math.round(255f * hits / 16);
            }
        }
        return img;
    }

    @Test
    void uprightBarHasItsWidthAsThicknessAndNoSlant() {
        Morphometrics.Measurement m = morpho.measure(bar(3, 0), 28, 28);
        assertThat(m.thickness()).isCloseTo(3, within(0.5));
        assertThat(m.slant()).isCloseTo(0, within(0.01));
        assertThat(m.height()).isCloseTo(20, within(1.0));
        // the protocol's width bounds 98% of the blurred grey mass, so it exceeds the ink width
        assertThat(m.width()).isBetween(3.0, 5.0);
        assertThat(m.length()).isCloseTo(20, within(3.0));
        assertThat(m.area()).isCloseTo(3 * 20, within(8.0));
    }

    @Test
    void thicknessGrowsWithTheDrawnWidth() {
        double previous = 0;
        for (double w : new double[] {1.5, 3, 4.5, 6}) {
            double t = morpho.measure(bar(w, 0), 28, 28).thickness();
            assertThat(t)
                    .as("thickness of a %s px bar", w)
                    .isCloseTo(w, within(0.6))
                    .isGreaterThan(previous);
            previous = t;
        }
    }

    @Test
    void slantIsTheAngleOfTheLeanAndChangesSignWhenMirrored() {
        for (double lean : new double[] {0.15, 0.3, 0.5}) {
            Morphometrics.Measurement right = morpho.measure(bar(3, lean), 28, 28);
            Morphometrics.Measurement left = morpho.measure(bar(3, -lean), 28, 28);
            assertThat(right.slant()).as("lean %s", lean).isCloseTo(Math.atan(lean), within(0.03));
            assertThat(left.slant()).isCloseTo(-right.slant(), within(1e-9));
            // the sheared bounding box sees the bar's own width, not its horizontal extent
            assertThat(right.width())
                    .isCloseTo(morpho.measure(bar(3, 0), 28, 28).width(), within(0.5));
            assertThat(right.thickness()).isCloseTo(3 * Math.cos(Math.atan(lean)), within(0.6));
        }
    }

    @Test
    void widthGrowsWithTheDrawnWidthAlsoWhenSheared() {
        // the 1%/99% mass bounds trim more of a wide bar than of a narrow one's blurred edges,
        // so the measured width grows by 80-100% of the drawn width
        double narrow = morpho.measure(bar(3, 0), 28, 28).width();
        assertThat(morpho.measure(bar(12, 0), 28, 28).width() - narrow).isBetween(0.8 * 9, 9.2);
        assertThat(morpho.measure(bar(7, 0.3), 28, 28).width()
                        - morpho.measure(bar(3, 0.3), 28, 28).width())
                .isBetween(0.8 * 4, 4.2);
    }
}
