package org.vae4j.metrics.morpho;

/**
 * The medial axis of a binary image as scikit-image's {@code medial_axis} computes it: foreground
 * pixels are visited once, in order of increasing distance to the background, then increasing
 * "cornerness" (background pixels in the 3x3 neighbourhood), and removed unless removing them
 * changes the 8-connectivity of their neighbourhood or they have fewer than two neighbours.
 * scikit-image breaks the remaining ties with a random permutation; here they are broken by a
 * fixed pseudo-random permutation of the pixel index (deterministic, and without the directional
 * bias of raster order, which shortened skeleton arms), so a few skeleton pixels may differ.
 */
final class MedialAxis {
    /** For each 3x3 configuration (bit 4 = centre): keep the centre pixel? */
    private static final boolean[] KEEP = new boolean[512];
    /** Background pixels in each 3x3 configuration. */
    private static final int[] CORNERNESS = new int[512];

    static {
        for (int index = 0; index < 512; index++) {
            boolean centre = (index & 16) != 0;
            boolean changesConnectivity = components(index) != components(index & ~16);
            boolean fewNeighbours = Integer.bitCount(index) < 3;
            KEEP[index] = centre && (changesConnectivity || fewNeighbours);
            CORNERNESS[index] = 9 - Integer.bitCount(index);
        }
    }

    /** 8-connected components of the foreground of a 3x3 pattern (bit r*3+c). */
    private static int components(int pattern) {
        int seen = 0;
        int count = 0;
        for (int start = 0; start < 9; start++) {
            if ((pattern & (1 << start)) == 0 || (seen & (1 << start)) != 0) {
                continue;
            }
            count++;
            int[] stack = new int[9];
            int top = 0;
            stack[top++] = start;
            seen |= 1 << start;
            while (top > 0) {
                int p = stack[--top];
                int r = p / 3;
                int c = p % 3;
                for (int dr = -1; dr <= 1; dr++) {
                    for (int dc = -1; dc <= 1; dc++) {
                        int rr = r + dr;
                        int cc = c + dc;
                        if (rr < 0 || rr > 2 || cc < 0 || cc > 2) {
                            continue;
                        }
                        int q = rr * 3 + cc;
                        if ((pattern & (1 << q)) != 0 && (seen & (1 << q)) == 0) {
                            seen |= 1 << q;
                            stack[top++] = q;
                        }
                    }
                }
            }
        }
        return count;
    }

    private static final long MASK = 0xFFFFFF;
    /** An odd multiplier: multiplication by it permutes the 24-bit integers. */
    private static final long MULTIPLIER = 2654435761L & MASK;

    private static final long INVERSE = inverse(MULTIPLIER);

    /** The multiplicative inverse of an odd number modulo 2^24 (Newton iteration). */
    private static long inverse(long a) {
        long x = a;
        for (int i = 0; i < 5; i++) {
            x = (x * (2 - a * x)) & MASK;
        }
        return x;
    }

    private static long scramble(int index) {
        return (index * MULTIPLIER) & MASK;
    }

    private static int unscramble(long scrambled) {
        return (int) ((scrambled * INVERSE) & MASK);
    }

    private long[] keys = new long[0];

    private boolean[] padded = new boolean[0];
    private boolean[] paddedResult = new boolean[0];

    /** The 3x3 configuration index at padded index p of an image padded with a background border. */
    private static int configuration(boolean[] image, int p, int stride) {
        int up = p - stride;
        int down = p + stride;
        return (image[up - 1] ? 1 : 0)
                | (image[up] ? 2 : 0)
                | (image[up + 1] ? 4 : 0)
                | (image[p - 1] ? 8 : 0)
                | (image[p] ? 16 : 0)
                | (image[p + 1] ? 32 : 0)
                | (image[down - 1] ? 64 : 0)
                | (image[down] ? 128 : 0)
                | (image[down + 1] ? 256 : 0);
    }

    /**
     * Writes the medial axis of {@code foreground} into {@code skeleton}, given the Euclidean
     * distance map of the foreground.
     */
    void compute(boolean[] foreground, double[] distance, int h, int w, boolean[] skeleton) {
        if ((long) h * w > MASK) {
            throw new IllegalArgumentException("image too large for the medial axis: " + h + "x" + w);
        }
        int stride = w + 2;
        int size = (h + 2) * stride;
        if (padded.length < size) {
            padded = new boolean[size];
            paddedResult = new boolean[size];
        }
        java.util.Arrays.fill(padded, 0, size, false);
        int n = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                boolean f = foreground[y * w + x];
                padded[(y + 1) * stride + x + 1] = f;
                n += f ? 1 : 0;
            }
        }
        System.arraycopy(padded, 0, paddedResult, 0, size);
        if (keys.length < n) {
            keys = new long[n];
        }
        // sort key: squared distance (an integer on the pixel grid), cornerness, scrambled index
        int k = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                if (!foreground[i]) {
                    continue;
                }
                long squared = Math.round(distance[i] * distance[i]);
                int corner = CORNERNESS[configuration(padded, (y + 1) * stride + x + 1, stride)];
                keys[k++] = (squared << 28) | ((long) corner << 24) | scramble(i);
            }
        }
        java.util.Arrays.sort(keys, 0, n);
        for (int j = 0; j < n; j++) {
            int i = unscramble(keys[j] & MASK);
            int p = (i / w + 1) * stride + i % w + 1;
            paddedResult[p] = KEEP[configuration(paddedResult, p, stride)];
        }
        for (int y = 0; y < h; y++) {
            System.arraycopy(paddedResult, (y + 1) * stride + 1, skeleton, y * w, w);
        }
    }
}
