package org.vae4j.core.render;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A small line chart as inline SVG (no scripts, no network): for loss curves and study plots in
 * self-contained HTML reports. Points with a NaN y are skipped.
 */
public final class LineChart {
    private static final String[] COLOURS = {"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b"};
    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final List<Series> series = new ArrayList<>();

    private record Series(String name, double[] x, double[] y, boolean dashed, boolean markersOnly) {}

    public LineChart(String title, String xLabel, String yLabel) {
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
    }

    public LineChart add(String name, double[] x, double[] y, boolean dashed) {
        if (x.length != y.length) {
            throw new IllegalArgumentException(
                    "series " + name + " has " + x.length + " x and " + y.length + " y values");
        }
        series.add(new Series(name, x.clone(), y.clone(), dashed, false));
        return this;
    }

    /** A series drawn as points only (a scatter). */
    public LineChart scatter(String name, double[] x, double[] y) {
        if (x.length != y.length) {
            throw new IllegalArgumentException(
                    "series " + name + " has " + x.length + " x and " + y.length + " y values");
        }
        series.add(new Series(name, x.clone(), y.clone(), false, true));
        return this;
    }

    /** [minX, maxX, minY, maxY] over all finite points, padded in y; a unit box when there are none. */
    private double[] bounds() {
        double minX = Double.POSITIVE_INFINITY;
        double maxX = Double.NEGATIVE_INFINITY;
        double minY = Double.POSITIVE_INFINITY;
        double maxY = Double.NEGATIVE_INFINITY;
        for (Series s : series) {
            for (int i = 0; i < s.x.length; i++) {
                if (Double.isNaN(s.y[i])) {
                    continue;
                }
                minX = Math.min(minX, s.x[i]);
                maxX = Math.max(maxX, s.x[i]);
                minY = Math.min(minY, s.y[i]);
                maxY = Math.max(maxY, s.y[i]);
            }
        }
        if (!Double.isFinite(minX)) {
            return new double[] {0, 1, 0, 1};
        }
        if (maxX == minX) {
            maxX = minX + 1;
        }
        double pad = (maxY - minY) * 0.05;
        if (pad == 0) {
            pad = Math.max(1e-6, Math.abs(maxY) * 0.05);
        }
        return new double[] {minX, maxX, minY - pad, maxY + pad};
    }

    /** The chart as a PNG-ready image: lines and points with Java2D, text with the bitmap font. */
    public java.awt.image.BufferedImage png(int width, int height) {
        double[] b = bounds();
        int left = 80;
        int right = 16;
        int top = 34;
        int bottom = 46;
        int pw = width - left - right;
        int ph = height - top - bottom;
        java.awt.image.BufferedImage image =
                new java.awt.image.BufferedImage(width, height, java.awt.image.BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = image.createGraphics();
        g.setRenderingHint(java.awt.RenderingHints.KEY_ANTIALIASING, java.awt.RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(java.awt.Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setColor(new java.awt.Color(0xEEEEEE));
        for (int t = 0; t <= 4; t++) {
            int y = top + ph - ph * t / 4;
            g.drawLine(left, y, left + pw, y);
            String label = tick(b[2] + (b[3] - b[2]) * t / 4);
            BitmapFont.draw(image, label, left - 6 - BitmapFont.width(label, 1), y - 3, 1, 0x333333);
        }
        for (int t = 0; t <= 4; t++) {
            int x = left + pw * t / 4;
            String label = tick(b[0] + (b[1] - b[0]) * t / 4);
            BitmapFont.draw(image, label, x - BitmapFont.width(label, 1) / 2, top + ph + 6, 1, 0x333333);
        }
        g.setColor(new java.awt.Color(0x999999));
        g.drawRect(left, top, pw, ph);
        int legendWidth = 0;
        for (Series se : series) {
            legendWidth = Math.max(legendWidth, 26 + BitmapFont.width(se.name, 1));
        }
        BitmapFont.draw(image, title, left, 8, 2, 0x202020);
        BitmapFont.draw(image, xLabel, left + pw / 2 - BitmapFont.width(xLabel, 1) / 2, height - 14, 1, 0x333333);
        BitmapFont.draw(image, yLabel, 6, top - 12, 1, 0x333333);
        for (int s = 0; s < series.size(); s++) {
            Series se = series.get(s);
            java.awt.Color colour = java.awt.Color.decode(COLOURS[s % COLOURS.length]);
            g.setColor(colour);
            g.setStroke(
                    se.dashed
                            ? new java.awt.BasicStroke(
                                    2f,
                                    java.awt.BasicStroke.CAP_BUTT,
                                    java.awt.BasicStroke.JOIN_ROUND,
                                    1f,
                                    new float[] {6f, 4f},
                                    0f)
                            : new java.awt.BasicStroke(2f));
            int px = -1;
            int py = -1;
            for (int i = 0; i < se.x.length; i++) {
                if (Double.isNaN(se.y[i])) {
                    continue;
                }
                int x = (int) Math.round(left + pw * (se.x[i] - b[0]) / (b[1] - b[0]));
                int y = (int) Math.round(top + ph - ph * (se.y[i] - b[2]) / (b[3] - b[2]));
                if (!se.markersOnly && px >= 0) {
                    g.drawLine(px, py, x, y);
                }
                g.fillOval(x - 3, y - 3, 7, 7);
                px = x;
                py = y;
            }
            int ly = top + 8 + 14 * s;
            int legend = left + pw - 8 - legendWidth;
            g.setStroke(new java.awt.BasicStroke(2f));
            g.drawLine(legend, ly + 3, legend + 20, ly + 3);
            BitmapFont.draw(image, se.name, legend + 26, ly, 1, 0x202020);
        }
        g.dispose();
        return image;
    }

    public String svg(int width, int height) {
        double[] bounds = bounds();
        double minX = bounds[0];
        double maxX = bounds[1];
        double minY = bounds[2];
        double maxY = bounds[3];
        int left = 60;
        int right = 12;
        int top = 28;
        int bottom = 40;
        int pw = width - left - right;
        int ph = height - top - bottom;
        StringBuilder b = new StringBuilder();
        b.append(String.format(
                Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                        + "viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"11\">",
                width,
                height,
                width,
                height));
        b.append(String.format(
                Locale.ROOT, "<rect x=\"0\" y=\"0\" width=\"%d\" height=\"%d\" fill=\"white\"/>", width, height));
        b.append(String.format(
                Locale.ROOT,
                "<text x=\"%d\" y=\"16\" font-size=\"13\" font-weight=\"bold\">%s</text>",
                left,
                escape(title)));
        b.append(String.format(
                Locale.ROOT,
                "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" " + "stroke=\"#999\"/>",
                left,
                top,
                pw,
                ph));
        for (int t = 0; t <= 4; t++) {
            double v = minY + (maxY - minY) * t / 4;
            double y = top + ph - ph * (v - minY) / (maxY - minY);
            b.append(String.format(
                    Locale.ROOT,
                    "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#eee\"/>",
                    left,
                    y,
                    left + pw,
                    y));
            b.append(String.format(
                    Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>", left - 4, y + 4, tick(v)));
        }
        for (int t = 0; t <= 4; t++) {
            double v = minX + (maxX - minX) * t / 4;
            double x = left + pw * (v - minX) / (maxX - minX);
            b.append(String.format(
                    Locale.ROOT,
                    "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>",
                    x,
                    top + ph + 14,
                    tick(v)));
        }
        b.append(String.format(
                Locale.ROOT,
                "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>",
                left + pw / 2,
                height - 6,
                escape(xLabel)));
        b.append(String.format(
                Locale.ROOT,
                "<text x=\"12\" y=\"%d\" text-anchor=\"middle\" " + "transform=\"rotate(-90 12 %d)\">%s</text>",
                top + ph / 2,
                top + ph / 2,
                escape(yLabel)));
        for (int s = 0; s < series.size(); s++) {
            Series se = series.get(s);
            String colour = COLOURS[s % COLOURS.length];
            StringBuilder points = new StringBuilder();
            for (int i = 0; i < se.x.length; i++) {
                if (Double.isNaN(se.y[i])) {
                    continue;
                }
                double x = left + pw * (se.x[i] - minX) / (maxX - minX);
                double y = top + ph - ph * (se.y[i] - minY) / (maxY - minY);
                points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
                b.append(String.format(
                        Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"2.5\" fill=\"%s\"/>", x, y, colour));
            }
            if (!se.markersOnly) {
                b.append(String.format(
                        Locale.ROOT,
                        "<polyline points=\"%s\" fill=\"none\" stroke=\"%s\" " + "stroke-width=\"2\"%s/>",
                        points.toString().trim(),
                        colour,
                        se.dashed ? " stroke-dasharray=\"5,3\"" : ""));
            }
            int ly = top + 14 + 14 * s;
            b.append(String.format(
                    Locale.ROOT,
                    "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" " + "stroke-width=\"2\"%s/>",
                    left + pw - 110,
                    ly - 4,
                    left + pw - 90,
                    ly - 4,
                    colour,
                    se.dashed ? " stroke-dasharray=\"5,3\"" : ""));
            b.append(String.format(
                    Locale.ROOT, "<text x=\"%d\" y=\"%d\">%s</text>", left + pw - 86, ly, escape(se.name)));
        }
        b.append("</svg>");
        return b.toString();
    }

    private static String tick(double v) {
        double a = Math.abs(v);
        return a != 0 && (a >= 1e5 || a < 1e-2)
                ? String.format(Locale.ROOT, "%.1e", v)
                : a >= 100 ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.2f", v);
    }

    public static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
