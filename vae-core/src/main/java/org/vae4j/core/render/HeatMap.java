package org.vae4j.core.render;

import java.awt.image.BufferedImage;
import java.util.Locale;

/**
 * A matrix of values in [0, 1] as a PNG heat map (white to dark blue), each cell printed with its
 * value, rows and columns labelled; headless, with the built-in bitmap font.
 */
public final class HeatMap {
    private static final int PAD = 8;
    private static final int MIN_cw = 72;
    private static final int CELL_H = 28;
    private static final int TEXT = 2;

    private HeatMap() {}

    public static BufferedImage render(String title, String[] rowLabels, String[] colLabels, double[][] values) {
        int labelW = 0;
        for (String r : rowLabels) {
            labelW = Math.max(labelW, BitmapFont.width(r, TEXT));
        }
        int cellW = MIN_cw;
        for (String c : colLabels) {
            cellW = Math.max(cellW, BitmapFont.width(c, TEXT) + 12);
        }
        final int cw = cellW;
        int th = BitmapFont.height(TEXT);
        int top = PAD + th + PAD + th + PAD;
        int left = PAD + labelW + PAD;
        int width = Math.max(left + colLabels.length * cw + PAD, PAD + BitmapFont.width(title, TEXT) + PAD);
        int height = top + rowLabels.length * CELL_H + PAD;
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        fill(image, 0, 0, width, height, 0xFFFFFF);
        BitmapFont.draw(image, title, PAD, PAD, TEXT, 0x202020);
        for (int c = 0; c < colLabels.length; c++) {
            String label = colLabels[c];
            int x = left + c * cw + (cw - BitmapFont.width(label, TEXT)) / 2;
            BitmapFont.draw(image, label, x, PAD + th + PAD, TEXT, 0x202020);
        }
        for (int r = 0; r < rowLabels.length; r++) {
            int y = top + r * CELL_H;
            BitmapFont.draw(image, rowLabels[r], PAD, y + (CELL_H - th) / 2, TEXT, 0x202020);
            for (int c = 0; c < colLabels.length; c++) {
                double v = Math.max(0, Math.min(1, values[r][c]));
                int red = (int) Math.round(255 - v * (255 - 8));
                int green = (int) Math.round(255 - v * (255 - 48));
                int blue = (int) Math.round(255 - v * (255 - 107));
                int x = left + c * cw;
                fill(image, x + 1, y + 1, cw - 2, CELL_H - 2, (red << 16) | (green << 8) | blue);
                String text = String.format(Locale.ROOT, "%.2f", values[r][c]);
                BitmapFont.draw(
                        image,
                        text,
                        x + (cw - BitmapFont.width(text, TEXT)) / 2,
                        y + (CELL_H - th) / 2,
                        TEXT,
                        v > 0.5 ? 0xFFFFFF : 0x202020);
            }
        }
        return image;
    }

    private static void fill(BufferedImage image, int x0, int y0, int w, int h, int rgb) {
        for (int y = y0; y < y0 + h; y++) {
            for (int x = x0; x < x0 + w; x++) {
                image.setRGB(x, y, rgb);
            }
        }
    }
}
