package org.vae4j.metrics.morpho;

/**
 * A digit as Morpho-MNIST's {@code ImageMorphology} analyses it: up-scaled by {@link #scale()},
 * binarised, with its Euclidean distance map and medial axis (skeleton), all at the high resolution
 * ({@link #rows()} x {@link #cols()}, row-major). From {@link Morphometrics#morphology}; the
 * {@link Perturbations} start from it.
 */
public final class DigitMorphology {
    private final int scale;
    private final int rows;
    private final int cols;
    private final boolean[] binary;
    private final double[] distance;
    private final boolean[] skeleton;
    private final double meanThickness;

    DigitMorphology(int scale, int rows, int cols, boolean[] binary, double[] distance, boolean[] skeleton) {
        this.scale = scale;
        this.rows = rows;
        this.cols = cols;
        this.binary = binary;
        this.distance = distance;
        this.skeleton = skeleton;
        double sum = 0;
        int n = 0;
        for (int i = 0; i < skeleton.length; i++) {
            if (skeleton[i]) {
                sum += distance[i];
                n++;
            }
        }
        this.meanThickness = n == 0 ? 0 : 2 * sum / n / scale;
    }

    /** {@return the up-scaling factor} */
    public int scale() {
        return scale;
    }

    /** {@return the high-resolution rows} */
    public int rows() {
        return rows;
    }

    /** {@return the high-resolution columns} */
    public int cols() {
        return cols;
    }

    /** {@return the mean stroke thickness, 2 mean(distance on the skeleton) / scale, in low-resolution pixels} */
    public double meanThickness() {
        return meanThickness;
    }

    /** {@return a copy of the binarised high-resolution digit} */
    public boolean[] binary() {
        return binary.clone();
    }

    /** {@return a copy of the medial axis} */
    public boolean[] skeleton() {
        return skeleton.clone();
    }

    /**
     * {@return the distance of a foreground pixel to the background}
     *
     * @param row high-resolution row
     * @param col high-resolution column
     */
    public double distance(int row, int col) {
        return distance[row * cols + col];
    }

    boolean[] binaryView() {
        return binary;
    }

    boolean[] skeletonView() {
        return skeleton;
    }
}
