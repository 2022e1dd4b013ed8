package org.vae4j.core.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class ImageGridTest {
    private static float[] ramp() {
        float[] px = new float[4 * 3];
        for (int i = 0; i < px.length; i++) {
            px[i] = i / (float) (px.length - 1);
        }
        return px;
    }

    @Test
    void cellsAreMagnifiedPixelExactAndLaidOutInRowsAndColumns() throws IOException {
        ImageGrid grid = new ImageGrid(2, 3, 4, 3, 2);
        grid.set(1, 2, ramp());
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(ImageGrid.png(grid.render())));
        // no labels or title: 6 px padding, cells 6x8 px, 2 px gaps
        assertThat(image.getWidth()).isEqualTo(6 + 3 * 6 + 2 * 2 + 6);
        assertThat(image.getHeight()).isEqualTo(6 + 2 * 8 + 2 + 6);
        int x0 = 6 + 2 * (6 + 2);
        int y0 = 6 + (8 + 2);
        assertThat(image.getRGB(x0, y0) & 0xFF).isZero(); // first pixel: 0 = black
        assertThat(image.getRGB(x0 + 5, y0 + 7) & 0xFF).isEqualTo(255); // last pixel, magnified: white
        assertThat(image.getRGB(x0 + 2, y0) & 0xFF).isEqualTo(Math.round(255 * 1 / 11f));
        assertThat(image.getRGB(6, 6) & 0xFFFFFF).isEqualTo(0xFFFFFF); // an empty cell stays background
    }

    @Test
    void labelsWidenTheImageAndAreDrawnInInk() {
        BufferedImage plain = new ImageGrid(1, 1, 4, 3, 1).render();
        BufferedImage labelled = new ImageGrid(1, 1, 4, 3, 1)
                .rowLabel(0, "z3 KL 1.25")
                .title("T")
                .render();
        assertThat(labelled.getWidth()).isEqualTo(plain.getWidth() + BitmapFont.width("z3 KL 1.25", 2) + 6);
        assertThat(labelled.getHeight()).isEqualTo(plain.getHeight() + BitmapFont.height(2) + 6);
        int ink = 0;
        for (int y = 0; y < labelled.getHeight(); y++) {
            for (int x = 0; x < 6 + BitmapFont.width("z3 KL 1.25", 2); x++) {
                ink += (labelled.getRGB(x, y) & 0xFFFFFF) != 0xFFFFFF ? 1 : 0;
            }
        }
        assertThat(ink).isGreaterThan(50);
    }

    @Test
    void wrongCellSizeIsRejected() {
        assertThatThrownBy(() -> new ImageGrid(1, 1, 28, 28, 1).set(0, 0, new float[10]))
                .hasMessageContaining("784");
    }
}
