package org.vae4j.metrics.morpho;

/**
 * Image-pyramid expansion as Morpho-MNIST does it (scikit-image {@code pyramid_expand} with
 * {@code order=3}): a cubic B-spline resize by an integer factor with pixel-area alignment and
 * mirror boundaries, clipped to the input's range, then a Gaussian blur with sigma = 2 * scale / 6 (kernel radius
 * {@code (int) (4 sigma + 0.5)}, reflect boundaries: scikit-image passes its mode "reflect" to the
 * resize as scipy's "mirror" but to the blur as scipy's "reflect"), then {@code 255 * value} truncated to an
 * integer in [0, 255]. One instance per thread: it reuses its buffers.
 */
final class Upscaler {
    private static final double POLE = Math.sqrt(3) - 2;
    private final int scale;
    private final double[] kernel;
    private double[] coefficients = new double[0];
    private double[] rowsDone = new double[0];
    private double[] resized = new double[0];
    private double[] blurred = new double[0];
    private boolean[] rowEmpty = new boolean[0];

    Upscaler(int scale) {
        this.scale = scale;
        this.kernel = pyramidKernel(scale);
    }

    /**
     * {@return the normalised Gaussian of scikit-image's pyramids, sigma = 2 * scale / 6, radius
     * {@code (int) (4 sigma + 0.5)} as scipy's {@code gaussian_filter} truncates it}
     */
    static double[] pyramidKernel(int scale) {
        double sigma = 2.0 * scale / 6.0;
        int radius = (int) (4 * sigma + 0.5);
        double[] kernel = new double[2 * radius + 1];
        double sum = 0;
        for (int i = -radius; i <= radius; i++) {
            kernel[i + radius] = Math.exp(-0.5 * i * i / (sigma * sigma));
            sum += kernel[i + radius];
        }
        for (int i = 0; i < kernel.length; i++) {
            kernel[i] /= sum;
        }
        return kernel;
    }

    /** Upscales an {@code h x w} image of values in [0, 1] into {@code out} ({@code h*scale x w*scale}, 0..255). */
    void upscale(double[] image, int h, int w, int[] out) {
        int oh = h * scale;
        int ow = w * scale;
        if (coefficients.length < h * w) {
            coefficients = new double[h * w];
        }
        if (rowsDone.length < h * ow) {
            rowsDone = new double[h * ow];
            resized = new double[oh * ow];
            blurred = new double[oh * ow];
            rowEmpty = new boolean[oh];
        }
        java.util.Arrays.fill(rowEmpty, 0, oh, true);
        // B-spline coefficients: separable prefilter along rows then columns
        System.arraycopy(image, 0, coefficients, 0, h * w);
        double[] line = new double[Math.max(h, w)];
        for (int r = 0; r < h; r++) {
            System.arraycopy(coefficients, r * w, line, 0, w);
            prefilter(line, w);
            System.arraycopy(line, 0, coefficients, r * w, w);
        }
        for (int c = 0; c < w; c++) {
            for (int r = 0; r < h; r++) {
                line[r] = coefficients[r * w + c];
            }
            prefilter(line, h);
            for (int r = 0; r < h; r++) {
                coefficients[r * w + c] = line[r];
            }
        }
        // evaluate: along columns of each input row first, then along rows
        double[] weights = new double[4];
        for (int x = 0; x < ow; x++) {
            double pos = (x + 0.5) / scale - 0.5;
            int base = (int) Math.floor(pos);
            bsplineWeights(pos - base, weights);
            int c0 = mirror(base - 1, w);
            int c1 = mirror(base, w);
            int c2 = mirror(base + 1, w);
            int c3 = mirror(base + 2, w);
            for (int r = 0; r < h; r++) {
                int row = r * w;
                rowsDone[r * ow + x] = weights[0] * coefficients[row + c0]
                        + weights[1] * coefficients[row + c1]
                        + weights[2] * coefficients[row + c2]
                        + weights[3] * coefficients[row + c3];
            }
        }
        for (int y = 0; y < oh; y++) {
            double pos = (y + 0.5) / scale - 0.5;
            int base = (int) Math.floor(pos);
            bsplineWeights(pos - base, weights);
            int r0 = mirror(base - 1, h);
            int r1 = mirror(base, h);
            int r2 = mirror(base + 1, h);
            int r3 = mirror(base + 2, h);
            for (int x = 0; x < ow; x++) {
                resized[y * ow + x] = weights[0] * rowsDone[r0 * ow + x]
                        + weights[1] * rowsDone[r1 * ow + x]
                        + weights[2] * rowsDone[r2 * ow + x]
                        + weights[3] * rowsDone[r3 * ow + x];
            }
        }
        // clip to the input's range, as scikit-image's resize does (clip=True): no spline overshoot
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < h * w; i++) {
            lo = Math.min(lo, image[i]);
            hi = Math.max(hi, image[i]);
        }
        for (int i = 0; i < oh * ow; i++) {
            resized[i] = Math.max(lo, Math.min(hi, resized[i]));
        }
        // Gaussian blur, separable, reflect boundaries (scipy's gaussian_filter as scikit-image calls it);
        // all-zero rows (most of the margin) are skipped
        int radius = kernel.length / 2;
        java.util.Arrays.fill(blurred, 0, oh * ow, 0.0);
        for (int y = 0; y < oh; y++) {
            int row = y * ow;
            boolean empty = true;
            for (int x = 0; x < ow && empty; x++) {
                empty = resized[row + x] == 0;
            }
            if (empty) {
                continue;
            }
            for (int k = -radius; k <= radius; k++) {
                double weight = kernel[k + radius];
                int from = Math.max(0, -k);
                int to = Math.min(ow, ow - k);
                for (int x = from; x < to; x++) {
                    blurred[row + x] += weight * resized[row + x + k];
                }
                for (int x = 0; x < from; x++) {
                    blurred[row + x] += weight * resized[row + reflect(x + k, ow)];
                }
                for (int x = to; x < ow; x++) {
                    blurred[row + x] += weight * resized[row + reflect(x + k, ow)];
                }
            }
            rowEmpty[y] = false;
        }
        double[] acc = rowsDone.length >= ow ? rowsDone : new double[ow];
        for (int y = 0; y < oh; y++) {
            java.util.Arrays.fill(acc, 0, ow, 0.0);
            for (int k = -radius; k <= radius; k++) {
                int source = reflect(y + k, oh);
                if (rowEmpty[source]) {
                    continue;
                }
                double weight = kernel[k + radius];
                int row = source * ow;
                for (int x = 0; x < ow; x++) {
                    acc[x] += weight * blurred[row + x];
                }
            }
            for (int x = 0; x < ow; x++) {
                int value = (int) (255.0 * acc[x]);
                out[y * ow + x] = value < 0 ? 0 : Math.min(255, value);
            }
        }
    }

    /** Reflect (half-sample symmetric: d c b a | a b c d) index into [0, n), scipy.ndimage's "reflect". */
    static int reflect(int i, int n) {
        int period = 2 * n;
        int k = Math.floorMod(i, period);
        return k < n ? k : period - 1 - k;
    }

    /** Mirror (whole-sample symmetric: d c b | a b c d) index into [0, n), scipy.ndimage's "mirror". */
    static int mirror(int i, int n) {
        if (n == 1) {
            return 0;
        }
        int period = 2 * n - 2;
        int k = Math.floorMod(i, period);
        return k < n ? k : period - k;
    }

    /** Cubic B-spline weights of the four coefficients floor(x)-1 .. floor(x)+2, for t = x - floor(x). */
    static void bsplineWeights(double t, double[] w) {
        double t2 = t * t;
        double t3 = t2 * t;
        double u = 1 - t;
        w[0] = u * u * u / 6;
        w[1] = (3 * t3 - 6 * t2 + 4) / 6;
        w[2] = (-3 * t3 + 3 * t2 + 3 * t + 1) / 6;
        w[3] = t3 / 6;
    }

    /**
     * In-place cubic B-spline interpolation coefficients of {@code s[0, n)} with mirror boundaries
     * (Unser's recursive filter: gain 6, pole sqrt(3) - 2).
     */
    static void prefilter(double[] s, int n) {
        if (n == 1) {
            return;
        }
        double z = POLE;
        for (int i = 0; i < n; i++) {
            s[i] *= 6;
        }
        // causal initialisation over one period of the mirrored signal
        double zn = z;
        double sum = s[0];
        int period = 2 * n - 2;
        double zPeriod = Math.pow(z, period);
        for (int k = 1; k < period; k++) {
            sum += zn * s[mirror(k, n)];
            zn *= z;
        }
        s[0] = sum / (1 - zPeriod);
        for (int k = 1; k < n; k++) {
            s[k] += z * s[k - 1];
        }
        s[n - 1] = (z / (z * z - 1)) * (s[n - 1] + z * s[n - 2]);
        for (int k = n - 2; k >= 0; k--) {
            s[k] = z * (s[k + 1] - s[k]);
        }
    }
}
