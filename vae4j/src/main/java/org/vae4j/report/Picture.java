package org.vae4j.report;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import org.vae4j.core.render.ImageGrid;

/** A rendered picture of a model (a grid of digits with labels), to keep or write as PNG. */
public final class Picture {
    private final BufferedImage image;

    Picture(ImageGrid grid) {
        this.image = grid.render();
    }

    Picture(BufferedImage image) {
        this.image = image;
    }

    /** {@return the image} */
    public BufferedImage image() {
        return image;
    }

    /** {@return the PNG encoding} */
    public byte[] png() {
        return ImageGrid.png(image);
    }

    /**
     * Writes the PNG atomically, creating the folder if needed.
     *
     * @param file the PNG file
     */
    public void writePng(Path file) {
        ImageGrid.writePng(image, file);
    }
}
