package org.vae4j.metrics.morpho;

/**
 * Exact Euclidean distance transform (Felzenszwalb and Huttenlocher 2012): for every foreground
 * pixel the distance to the nearest background pixel, 0 on the background, as
 * {@code scipy.ndimage.distance_transform_edt} computes it. Work is limited to the bounding box
 * of the foreground grown by one pixel (the nearest background pixel of any foreground pixel lies
 * inside it): a linear scan per column, then the lower envelope of parabolas per row. One
 * instance per thread.
 */
final class DistanceTransform {
    private static final double INF = 1e20;
    private double[] f = new double[0];
    private double[] d = new double[0];
    private double[] zs = new double[0];
    private int[] v = new int[0];
    private double[] squared = new double[0];

    /** Writes distances into {@code out} for a binary {@code h x w} image. */
    void transform(boolean[] foreground, int h, int w, double[] out) {
        int n = Math.max(h, w);
        if (f.length < n) {
            f = new double[n];
            d = new double[n];
            zs = new double[n + 1];
            v = new int[n];
        }
        if (squared.length < h * w) {
            squared = new double[h * w];
        }
        java.util.Arrays.fill(out, 0, h * w, 0.0);
        int top = h;
        int bottom = -1;
        int left = w;
        int right = -1;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if (foreground[y * w + x]) {
                    top = Math.min(top, y);
                    bottom = y;
                    left = Math.min(left, x);
                    right = Math.max(right, x);
                }
            }
        }
        if (bottom < 0) {
            return;
        }
        top = Math.max(0, top - 1);
        bottom = Math.min(h - 1, bottom + 1);
        left = Math.max(0, left - 1);
        right = Math.min(w - 1, right + 1);
        int bw = right - left + 1;
        // columns: squared distance to the nearest background pixel in the same column
        for (int x = left; x <= right; x++) {
            double last = INF;
            for (int y = top; y <= bottom; y++) {
                if (!foreground[y * w + x]) {
                    last = y;
                    squared[y * w + x] = 0;
                } else {
                    squared[y * w + x] = last == INF ? INF : (y - last) * (y - last);
                }
            }
            last = INF;
            for (int y = bottom; y >= top; y--) {
                if (!foreground[y * w + x]) {
                    last = y;
                } else if (last != INF) {
                    double dy = last - y;
                    squared[y * w + x] = Math.min(squared[y * w + x], dy * dy);
                }
            }
        }
        // rows: lower envelope over the column results
        for (int y = top; y <= bottom; y++) {
            boolean any = false;
            for (int x = 0; x < bw; x++) {
                f[x] = squared[y * w + left + x];
                any |= f[x] > 0;
            }
            if (!any) {
                continue;
            }
            pass(bw);
            for (int x = 0; x < bw; x++) {
                out[y * w + left + x] = Math.sqrt(d[x]);
            }
        }
    }

    /** 1-D squared distance transform of f[0, n) into d (lower envelope of parabolas). */
    private void pass(int n) {
        int k = 0;
        v[0] = 0;
        zs[0] = Double.NEGATIVE_INFINITY;
        zs[1] = Double.POSITIVE_INFINITY;
        for (int q = 1; q < n; q++) {
            double s = ((f[q] + (double) q * q) - (f[v[k]] + (double) v[k] * v[k])) / (2.0 * q - 2.0 * v[k]);
            while (s <= zs[k]) {
                k--;
                s = ((f[q] + (double) q * q) - (f[v[k]] + (double) v[k] * v[k])) / (2.0 * q - 2.0 * v[k]);
            }
            k++;
            v[k] = q;
            zs[k] = s;
            zs[k + 1] = Double.POSITIVE_INFINITY;
        }
        k = 0;
        for (int q = 0; q < n; q++) {
            while (zs[k + 1] < q) {
                k++;
            }
            double dq = q - v[k];
            d[q] = dq * dq + f[v[k]];
        }
    }
}
