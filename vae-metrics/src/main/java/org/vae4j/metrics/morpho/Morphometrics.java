package org.vae4j.metrics.morpho;

/**
 * Morpho-MNIST morphometrics of a grayscale digit (Castro et al., JMLR 2019): area, stroke length,
 * thickness (line weight), slant (tilt), width and height, in the units of the original image.
 *
 * <p>The protocol (see docs/metrics.md): upscale by {@code scale} (cubic spline and Gaussian blur,
 * 8-bit), binarise at {@code min + threshold * (max - min)}, take the medial axis and the Euclidean
 * distance map; area = foreground pixels / scale^2; length = skeleton links (1 for right/down,
 * sqrt 2 for the lower diagonals) / scale; thickness = 2 * mean distance on the skeleton / scale;
 * slant = atan(-mu11 / mu02) from central moments of the upscaled grayscale image (positive leans
 * right); width and height of the bounding parallelogram sheared by the slant that leaves
 * {@code boundFraction / 2} of the mass outside on each side, / scale.
 *
 * <p>Not thread-safe (it reuses buffers): use one instance per thread.
 */
public final class Morphometrics {
    public static final double DEFAULT_THRESHOLD = 0.5;
    public static final int DEFAULT_SCALE = 4;
    public static final double DEFAULT_BOUND_FRACTION = 0.02;
    private static final double SQRT2 = Math.sqrt(2);

    private final double threshold;
    private final int scale;
    private final double boundFraction;
    private final Upscaler upscaler;
    private final DistanceTransform edt = new DistanceTransform();
    private final MedialAxis medialAxis = new MedialAxis();
    private double[] input = new double[0];
    private int[] hires = new int[0];
    private boolean[] binary = new boolean[0];
    private double[] distance = new double[0];
    private boolean[] skeleton = new boolean[0];
    private double[] cumulative = new double[0];

    public Morphometrics(double threshold, int scale, double boundFraction) {
        if (!(threshold > 0 && threshold < 1) || scale < 1 || !(boundFraction > 0 && boundFraction < 1)) {
            throw new IllegalArgumentException("need 0 < threshold < 1, scale >= 1 and 0 < bound fraction < 1");
        }
        this.threshold = threshold;
        this.scale = scale;
        this.boundFraction = boundFraction;
        this.upscaler = new Upscaler(scale);
    }

    public Morphometrics() {
        this(DEFAULT_THRESHOLD, DEFAULT_SCALE, DEFAULT_BOUND_FRACTION);
    }

    /** The six measurements of one digit. */
    public record Measurement(double area, double length, double thickness, double slant, double width, double height) {
        public static final java.util.List<String> NAMES =
                java.util.List.of("area", "length", "thickness", "slant", "width", "height");

        public double get(int i) {
            return switch (i) {
                case 0 -> area;
                case 1 -> length;
                case 2 -> thickness;
                case 3 -> slant;
                case 4 -> width;
                case 5 -> height;
                default -> throw new IndexOutOfBoundsException(i);
            };
        }
    }

    /**
     * The high-resolution analysis Morpho-MNIST's {@code ImageMorphology} holds, which its
     * perturbations start from: the binarised up-scaled digit, its distance map and medial axis.
     *
     * @param image {@code h x w} values 0..255
     * @param h rows
     * @param w columns
     * @return a copy of the analysis, independent of this instance
     */
    public DigitMorphology morphology(int[] image, int h, int w) {
        analyse(image, h, w);
        int m = h * scale * w * scale;
        return new DigitMorphology(
                scale,
                h * scale,
                w * scale,
                java.util.Arrays.copyOf(binary, m),
                java.util.Arrays.copyOf(distance, m),
                java.util.Arrays.copyOf(skeleton, m));
    }

    /** Up-scales, binarises and skeletonises into the buffers; returns the foreground pixels. */
    private int analyse(int[] image, int h, int w) {
        int n = h * w;
        if (input.length < n) {
            input = new double[n];
        }
        for (int i = 0; i < n; i++) {
            input[i] = image[i] / 255.0;
        }
        int oh = h * scale;
        int ow = w * scale;
        int m = oh * ow;
        if (hires.length < m) {
            hires = new int[m];
            binary = new boolean[m];
            distance = new double[m];
            skeleton = new boolean[m];
        }
        if (scale > 1) {
            upscaler.upscale(input, h, w, hires);
        } else {
            System.arraycopy(image, 0, hires, 0, n);
        }
        int min = Integer.MAX_VALUE;
        int max = Integer.MIN_VALUE;
        for (int i = 0; i < m; i++) {
            min = Math.min(min, hires[i]);
            max = Math.max(max, hires[i]);
        }
        double cut = min + (max - min) * threshold;
        int area = 0;
        for (int i = 0; i < m; i++) {
            binary[i] = hires[i] >= cut;
            area += binary[i] ? 1 : 0;
        }
        edt.transform(binary, oh, ow, distance);
        medialAxis.compute(binary, distance, oh, ow, skeleton);
        return area;
    }

    /** Measures an {@code h x w} image of 8-bit values (0..255). */
    public Measurement measure(int[] image, int h, int w) {
        int area = analyse(image, h, w);
        int oh = h * scale;
        int ow = w * scale;
        double length = 0;
        double distanceSum = 0;
        int skeletonPixels = 0;
        for (int y = 0; y < oh; y++) {
            for (int x = 0; x < ow; x++) {
                if (!skeleton[y * ow + x]) {
                    continue;
                }
                skeletonPixels++;
                distanceSum += distance[y * ow + x];
                if (x + 1 < ow && skeleton[y * ow + x + 1]) {
                    length += 1;
                }
                if (y + 1 < oh) {
                    if (skeleton[(y + 1) * ow + x]) {
                        length += 1;
                    }
                    if (x > 0 && skeleton[(y + 1) * ow + x - 1]) {
                        length += SQRT2;
                    }
                    if (x + 1 < ow && skeleton[(y + 1) * ow + x + 1]) {
                        length += SQRT2;
                    }
                }
            }
        }
        double thickness = skeletonPixels == 0 ? 0 : 2 * distanceSum / skeletonPixels / scale;

        // central moments of the upscaled grayscale image (x = column, y = row)
        double m00 = 0;
        double sx = 0;
        double sy = 0;
        for (int y = 0; y < oh; y++) {
            for (int x = 0; x < ow; x++) {
                double v = hires[y * ow + x];
                m00 += v;
                sx += x * v;
                sy += y * v;
            }
        }
        double cx = sx / m00;
        double cy = sy / m00;
        double mu11 = 0;
        double mu02 = 0;
        for (int y = 0; y < oh; y++) {
            for (int x = 0; x < ow; x++) {
                double v = hires[y * ow + x];
                mu11 += (x - cx) * (y - cy) * v;
                mu02 += (y - cy) * (y - cy) * v;
            }
        }
        double shear = mu11 / mu02;
        double slant = Math.atan(-shear);

        // bounding parallelogram: mass left of t along sheared columns, at integer t = 0..ow-1
        if (cumulative.length < Math.max(ow, oh) + 2) {
            cumulative = new double[Math.max(ow, oh) + 2];
        }
        java.util.Arrays.fill(cumulative, 0, ow + 1, 0);
        for (int y = 0; y < oh; y++) {
            double offset = shear * (y - cy);
            for (int x = 0; x < ow; x++) {
                double v = hires[y * ow + x];
                if (v == 0) {
                    continue;
                }
                // the pixel counts for every t > u, u = x + 0.5 - shear * (y - cy)
                double u = x + 0.5 - offset;
                int first = (int) Math.floor(u) + 1;
                if (first < 0) {
                    first = 0;
                }
                if (first < ow) {
                    cumulative[first] += v;
                }
            }
        }
        double[] horizontal = new double[ow];
        double running = 0;
        for (int t = 0; t < ow; t++) {
            running += cumulative[t];
            horizontal[t] = running / m00;
        }
        double[] vertical = new double[oh];
        running = 0;
        for (int t = 0; t < oh; t++) {
            vertical[t] = running / m00;
            for (int x = 0; x < ow; x++) {
                running += hires[t * ow + x];
            }
        }
        double frac = boundFraction / 2;
        double left = interp(frac, horizontal);
        double right = interp(1 - frac, horizontal);
        double top = interp(frac, vertical);
        double bottom = interp(1 - frac, vertical);
        return new Measurement(
                (double) area / (scale * scale),
                length / scale,
                thickness,
                slant,
                (right - left) / scale,
                (bottom - top) / scale);
    }

    /** numpy.interp(value, cdf, [0, 1, ..., n-1]) for a non-decreasing cdf. */
    static double interp(double value, double[] cdf) {
        int n = cdf.length;
        if (value < cdf[0]) {
            return 0;
        }
        if (value >= cdf[n - 1]) {
            return n - 1;
        }
        int lo = 0;
        int hi = n - 1;
        // largest j with cdf[j] <= value
        while (hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            if (cdf[mid] <= value) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        double slope = (value - cdf[lo]) / (cdf[lo + 1] - cdf[lo]);
        return lo + slope;
    }
}
