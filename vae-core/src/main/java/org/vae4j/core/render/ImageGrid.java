package org.vae4j.core.render;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.vae4j.core.io.AtomicFiles;

/**
 * A grid of grayscale images with an optional title, row labels and column labels: the one
 * renderer behind traversals, samples, reconstructions and interpolations. Pixel values are in
 * [0, 1] (1 = white); cells are magnified by an integer factor. Rendering is headless (no AWT
 * toolkit, no fonts).
 */
public final class ImageGrid {
    private static final int GAP = 2;
    private static final int PAD = 6;
    private static final int TEXT_SCALE = 2;
    private static final int BACKGROUND = 0xFFFFFF;
    private static final int INK = 0x202020;
    private final int rows;
    private final int cols;
    private final int cellHeight;
    private final int cellWidth;
    private final int zoom;
    private final float[][][] cells;
    private final String[] rowLabels;
    private final String[] colLabels;
    private String title = "";

    public ImageGrid(int rows, int cols, int imageHeight, int imageWidth, int zoom) {
        if (rows < 1 || cols < 1 || zoom < 1) {
            throw new IllegalArgumentException("a grid needs rows, columns and zoom >= 1");
        }
        this.rows = rows;
        this.cols = cols;
        this.cellHeight = imageHeight;
        this.cellWidth = imageWidth;
        this.zoom = zoom;
        this.cells = new float[rows][cols][];
        this.rowLabels = new String[rows];
        this.colLabels = new String[cols];
    }

    public ImageGrid title(String text) {
        this.title = text == null ? "" : text;
        return this;
    }

    public ImageGrid rowLabel(int row, String text) {
        rowLabels[row] = text;
        return this;
    }

    public ImageGrid colLabel(int col, String text) {
        colLabels[col] = text;
        return this;
    }

    /** Sets a cell from {@code imageHeight * imageWidth} row-major values in [0, 1]. */
    public ImageGrid set(int row, int col, float[] pixels) {
        if (pixels.length != cellHeight * cellWidth) {
            throw new IllegalArgumentException(
                    "cell needs " + cellHeight * cellWidth + " pixels, got " + pixels.length);
        }
        cells[row][col] = pixels;
        return this;
    }

    public BufferedImage render() {
        int labelWidth = 0;
        for (String l : rowLabels) {
            if (l != null) {
                labelWidth = Math.max(labelWidth, BitmapFont.width(l, TEXT_SCALE) + PAD);
            }
        }
        int textHeight = BitmapFont.height(TEXT_SCALE);
        boolean hasColLabels = java.util.Arrays.stream(colLabels).anyMatch(java.util.Objects::nonNull);
        int top = PAD + (title.isEmpty() ? 0 : textHeight + PAD) + (hasColLabels ? textHeight + PAD / 2 : 0);
        int cw = cellWidth * zoom;
        int ch = cellHeight * zoom;
        int width = PAD + labelWidth + cols * (cw + GAP) - GAP + PAD;
        width = Math.max(width, PAD + BitmapFont.width(title, TEXT_SCALE) + PAD);
        int height = top + rows * (ch + GAP) - GAP + PAD;
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, BACKGROUND);
            }
        }
        if (!title.isEmpty()) {
            BitmapFont.draw(image, title, PAD, PAD, TEXT_SCALE, INK);
        }
        int left = PAD + labelWidth;
        for (int c = 0; c < cols; c++) {
            if (colLabels[c] != null) {
                int x = left + c * (cw + GAP) + (cw - BitmapFont.width(colLabels[c], TEXT_SCALE)) / 2;
                BitmapFont.draw(image, colLabels[c], x, top - textHeight - PAD / 2, TEXT_SCALE, INK);
            }
        }
        for (int r = 0; r < rows; r++) {
            int y0 = top + r * (ch + GAP);
            if (rowLabels[r] != null) {
                BitmapFont.draw(image, rowLabels[r], PAD, y0 + (ch - textHeight) / 2, TEXT_SCALE, INK);
            }
            for (int c = 0; c < cols; c++) {
                float[] px = cells[r][c];
                if (px == null) {
                    continue;
                }
                int x0 = left + c * (cw + GAP);
                for (int y = 0; y < ch; y++) {
                    for (int x = 0; x < cw; x++) {
                        float v = px[(y / zoom) * cellWidth + x / zoom];
                        int g = Math.round(255 * Math.max(0f, Math.min(1f, v)));
                        image.setRGB(x0 + x, y0 + y, (g << 16) | (g << 8) | g);
                    }
                }
            }
        }
        return image;
    }

    /** PNG bytes of an image. */
    public static byte[] png(BufferedImage image) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Writes a PNG atomically (a temporary file renamed into place). */
    public static void writePng(BufferedImage image, Path file) {
        AtomicFiles.write(file, png(image));
    }
}
