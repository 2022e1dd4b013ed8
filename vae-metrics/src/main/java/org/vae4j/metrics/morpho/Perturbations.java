package org.vae4j.metrics.morpho;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Morpho-MNIST's perturbations ({@code morphomnist/perturb.py} and {@code skeleton.py} at 3a20ed3),
 * each applied to a {@link DigitMorphology} at high resolution and brought back with
 * {@code ImageMorphology.downscale}: thinning and thickening (binary erosion or dilation with a disk
 * of radius {@code int(amount * scale * meanThickness / 2)}), swelling (a radial power warp about a
 * skeleton pixel) and fracture (stroke-normal cuts at skeleton pixels away from tips and forks).
 * Results are low-resolution images of 0..255. Swelling and fracture take their centres as
 * arguments, so that a run can be reproduced or held to the reference's; {@link #swellCentre} and
 * {@link #fractureCentres} draw them as the reference does. One instance per thread.
 */
public final class Perturbations {
    private static final double FRACTURE_EXTENSION = 0.5;
    private static final int ANGLE_WINDOW = 2;
    private final Downscaler downscaler;
    private final DistanceTransform edt = new DistanceTransform();
    private double[] distances = new double[0];

    /** Perturbations at Morpho-MNIST's scale of 4. */
    public Perturbations() {
        this(Morphometrics.DEFAULT_SCALE);
    }

    /**
     * Perturbations at another up-scaling factor (the digits' morphology must use the same).
     *
     * @param scale the up-scaling factor
     */
    public Perturbations(int scale) {
        this.downscaler = new Downscaler(scale);
    }

    /**
     * {@return the binarised digit brought back to low resolution (Morpho-MNIST's "plain")}
     *
     * @param m the digit
     */
    public int[] plain(DigitMorphology m) {
        return downscaler.downscale(m.binaryView(), m.rows(), m.cols());
    }

    /**
     * {@return the disk radius thinning or thickening by {@code amount} uses: {@code int(amount * scale * meanThickness / 2)}}
     *
     * @param m the digit
     * @param amount the share of the thickness, e.g. 0.7
     */
    public static int diskRadius(DigitMorphology m, double amount) {
        return (int) (amount * m.scale() * m.meanThickness() / 2.0);
    }

    /**
     * {@return the digit thinned by about {@code amount} of its thickness (erosion with a disk)}
     *
     * @param m the digit
     * @param amount e.g. 0.7 for 70% thinner, in [0, 1)
     */
    public int[] thin(DigitMorphology m, double amount) {
        return downscaler.downscale(morph(m, diskRadius(m, amount), false), m.rows(), m.cols());
    }

    /**
     * {@return the digit thickened by about {@code amount} of its thickness (dilation with a disk)}
     *
     * @param m the digit
     * @param amount e.g. 1.0 for twice as thick, at least 0
     */
    public int[] thicken(DigitMorphology m, double amount) {
        return downscaler.downscale(morph(m, diskRadius(m, amount), true), m.rows(), m.cols());
    }

    /**
     * Binary erosion (AND) or dilation (OR) with the disk {@code x^2 + y^2 <= r^2}, scipy's "reflect"
     * boundaries, through exact distance transforms: a pixel survives erosion when its nearest
     * background pixel is farther than r, and dilation sets it when its nearest foreground pixel is
     * within r. (A mirrored pixel is never nearer than the pixel it mirrors, so "reflect" boundaries
     * change neither.)
     */
    boolean[] morph(DigitMorphology m, int radius, boolean dilate) {
        int h = m.rows();
        int w = m.cols();
        boolean[] in = m.binaryView();
        if (distances.length < h * w) {
            distances = new double[h * w];
        }
        boolean[] source = in;
        if (dilate) {
            source = new boolean[h * w];
            for (int i = 0; i < source.length; i++) {
                source[i] = !in[i];
            }
        }
        edt.transform(source, h, w, distances);
        long r2 = (long) radius * radius;
        boolean[] out = new boolean[h * w];
        for (int i = 0; i < out.length; i++) {
            long d2 = Math.round(distances[i] * distances[i]);
            out[i] = dilate ? in[i] || d2 <= r2 : in[i] && d2 > r2;
        }
        return out;
    }

    /**
     * {@return the digit swollen about {@code centre}: pixels within {@code R = radius * sqrt(meanThickness) / 2 * scale}
     * of it are drawn from {@code centre + (d / R)^(strength - 1) * offset} (nearest pixel, as
     * scikit-image warps a binary image)}
     *
     * @param m the digit
     * @param strength the exponent of the radial power warp, above 1 (Morpho-MNIST's default 3)
     * @param radius the radius, in low-resolution pixels scaled by the square root of the thickness (default 7)
     * @param centre {row, col} at high resolution, usually a skeleton pixel ({@link #swellCentre})
     */
    public int[] swell(DigitMorphology m, double strength, double radius, int[] centre) {
        int h = m.rows();
        int w = m.cols();
        boolean[] in = m.binaryView();
        double r = radius * Math.sqrt(m.meanThickness()) / 2.0 * m.scale();
        double cx = centre[1];
        double cy = centre[0];
        boolean[] out = new boolean[h * w];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double ox = x - cx;
                double oy = y - cy;
                double d = Math.hypot(ox, oy);
                double weight = d > r ? 1 : Math.pow(d / r, strength - 1);
                long sx = (long) Math.floor(cx + weight * ox + 0.5);
                long sy = (long) Math.floor(cy + weight * oy + 0.5);
                out[y * w + x] = sx >= 0 && sx < w && sy >= 0 && sy < h && in[(int) sy * w + (int) sx];
            }
        }
        return downscaler.downscale(out, h, w);
    }

    /**
     * {@return the digit with a cut at each centre, normal to the stroke: the stroke's angle from the
     * second moments of the skeleton in a window of {@code 2 * ANGLE_WINDOW * scale + 1} pixels, the cut's
     * half-length the distance to the background plus half a pixel, drawn as a line of the
     * reference's Bresenham pixels stamped with a disk of radius {@code ceil((thickness * scale - 1) / 2)}}
     *
     * <p>As in the reference, each stamp lands {@code r} high-resolution pixels up and left of its
     * line pixel (the stamp's slice is taken in the padded image with unpadded coordinates), and a
     * stamp that would cross the padded image's edge is left out.
     *
     * @param m the digit
     * @param thickness the cut's thickness in low-resolution pixels (default 1.5)
     * @param centres {row, col} at high resolution, usually skeleton pixels ({@link #fractureCentres})
     */
    public int[] fracture(DigitMorphology m, double thickness, int[][] centres) {
        int h = m.rows();
        int w = m.cols();
        int r = (int) Math.ceil((thickness * m.scale() - 1) / 2.0);
        boolean[] out = m.binary();
        int side = 2 * r + 1;
        for (int[] c : centres) {
            double angle = skeletonAngle(m, c[0], c[1], ANGLE_WINDOW * m.scale()) + Math.PI / 2;
            double length = m.distance(c[0], c[1]) + FRACTURE_EXTENSION * m.scale();
            double nr = length * Math.sin(angle);
            double nc = length * Math.cos(angle);
            int[][] line = line((int) (c[0] + nr), (int) (c[1] + nc), (int) (c[0] - nr), (int) (c[1] - nc));
            for (int[] p : line) {
                if (p[0] - r < 0 || p[1] - r < 0 || p[0] + r + 1 > h + 2 * r || p[1] + r + 1 > w + 2 * r) {
                    continue;
                }
                for (int a = 0; a < side; a++) {
                    for (int b = 0; b < side; b++) {
                        int y = p[0] - 2 * r + a;
                        int x = p[1] - 2 * r + b;
                        int dy = a - r;
                        int dx = b - r;
                        if (dy * dy + dx * dx <= r * r && y >= 0 && y < h && x >= 0 && x < w) {
                            out[y * w + x] = false;
                        }
                    }
                }
            }
        }
        return downscaler.downscale(out, h, w);
    }

    /** {@code skeleton.get_angle}: the major axis of the skeleton pixels in a window of radius {@code r}. */
    static double skeletonAngle(DigitMorphology m, int row, int col, int r) {
        boolean[] skel = m.skeletonView();
        double m00 = 0;
        double m10 = 0;
        double m01 = 0;
        double m20 = 0;
        double m11 = 0;
        double m02 = 0;
        for (int a = 0; a <= 2 * r; a++) {
            int y = row - r + a;
            for (int b = 0; b <= 2 * r; b++) {
                int x = col - r + b;
                if (y < 0 || y >= m.rows() || x < 0 || x >= m.cols() || !skel[y * m.cols() + x]) {
                    continue;
                }
                m00 += 1;
                m10 += b;
                m01 += a;
                m20 += b * b;
                m11 += a * b;
                m02 += a * a;
            }
        }
        double cx = m10 / m00;
        double cy = m01 / m00;
        double u20 = m20 / m00 - cx * cx;
        double u11 = m11 / m00 - cx * cy;
        double u02 = m02 / m00 - cy * cy;
        return 0.5 * Math.atan2(2 * u11, u20 - u02);
    }

    /** scikit-image's {@code draw.line}: Bresenham's pixels from (r0, c0) to (r1, c1), both ends included. */
    static int[][] line(int r0, int c0, int r1, int c1) {
        int r = r0;
        int c = c0;
        int dr = Math.abs(r1 - r0);
        int dc = Math.abs(c1 - c0);
        int sc = c1 - c > 0 ? 1 : -1;
        int sr = r1 - r > 0 ? 1 : -1;
        boolean steep = dr > dc;
        if (steep) {
            int t = c;
            c = r;
            r = t;
            t = dc;
            dc = dr;
            dr = t;
            t = sc;
            sc = sr;
            sr = t;
        }
        int d = 2 * dr - dc;
        int[][] out = new int[dc + 1][];
        for (int i = 0; i < dc; i++) {
            out[i] = steep ? new int[] {c, r} : new int[] {r, c};
            while (d >= 0) {
                r += sr;
                d -= 2 * dc;
            }
            c += sc;
            d += 2 * dr;
        }
        out[dc] = new int[] {r1, c1};
        return out;
    }

    /**
     * {@return a swelling centre as the reference draws it: a skeleton pixel chosen uniformly
     * ({@code np.random.choice} over the pixels in row-major order)}, {row, col}
     *
     * @param m the digit
     * @param random numpy's generator for the reference's draws, or any
     * @throws IllegalArgumentException if the digit has no skeleton
     */
    public static int[] swellCentre(DigitMorphology m, RandomGenerator random) {
        return choose(skeletonPixels(m.skeletonView(), m.cols()), 1, random)[0];
    }

    /**
     * {@return {@code num} fracture centres as the reference draws them: skeleton pixels (with
     * replacement) after erasing disks of radius {@code int(prune * scale)} about its tips and then its
     * forks, or of the whole skeleton when pruning leaves nothing}, each {row, col}
     *
     * @param m the digit
     * @param prune the radius kept clear of tips and forks, in low-resolution pixels (default 2)
     * @param num how many (default 3)
     * @param random numpy's generator for the reference's draws, or any
     */
    public static int[][] fractureCentres(DigitMorphology m, double prune, int num, RandomGenerator random) {
        int r = (int) (prune * m.scale());
        boolean[] skel = erase(m.skeletonView(), m.rows(), m.cols(), 1, r);
        skel = erase(skel, m.rows(), m.cols(), 3, r);
        List<int[]> pixels = skeletonPixels(skel, m.cols());
        if (pixels.isEmpty()) {
            pixels = skeletonPixels(m.skeletonView(), m.cols());
        }
        return choose(pixels, num, random);
    }

    private static List<int[]> skeletonPixels(boolean[] skel, int w) {
        List<int[]> out = new ArrayList<>();
        for (int i = 0; i < skel.length; i++) {
            if (skel[i]) {
                out.add(new int[] {i / w, i % w});
            }
        }
        return out;
    }

    private static int[][] choose(List<int[]> pixels, int num, RandomGenerator random) {
        if (pixels.isEmpty()) {
            throw new IllegalArgumentException("the digit has no skeleton to place a perturbation on");
        }
        int[][] out = new int[num][];
        for (int i = 0; i < num; i++) {
            out[i] = pixels.get(random.nextInt(pixels.size())).clone();
        }
        return out;
    }

    /** {@code skeleton.erase} of the pixels with exactly {@code neighbours} 8-neighbours, disks of radius r. */
    private static boolean[] erase(boolean[] skel, int h, int w, int neighbours, int r) {
        boolean[] out = skel.clone();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if (!skel[y * w + x] || count(skel, h, w, y, x) != neighbours) {
                    continue;
                }
                for (int dy = -r; dy <= r; dy++) {
                    for (int dx = -r; dx <= r; dx++) {
                        int yy = y + dy;
                        int xx = x + dx;
                        if (dx * dx + dy * dy <= r * r && yy >= 0 && yy < h && xx >= 0 && xx < w) {
                            out[yy * w + xx] = false;
                        }
                    }
                }
            }
        }
        return out;
    }

    private static int count(boolean[] skel, int h, int w, int y, int x) {
        int n = 0;
        for (int dy = -1; dy <= 1; dy++) {
            for (int dx = -1; dx <= 1; dx++) {
                int yy = y + dy;
                int xx = x + dx;
                if ((dy != 0 || dx != 0) && yy >= 0 && yy < h && xx >= 0 && xx < w && skel[yy * w + xx]) {
                    n++;
                }
            }
        }
        return n;
    }
}
