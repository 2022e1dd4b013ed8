package org.vae4j.internal;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.vae4j.core.engine.ModelRunner;

/**
 * What a trained model's inference takes on plain Java arrays, checked against its shapes: images
 * as {@code [n][pixels]} or {@code [n][height][width]}, codes, class labels. Every wrong shape is an
 * {@link IllegalArgumentException} saying which shape was expected.
 */
public final class ArrayInputs {
    private final String modelName;
    private final int dataSize;
    private final int imageHeight;
    private final int imageWidth;
    private final int latentDims;
    private final int conditionSize;
    private final DataType dataType;

    /**
     * The inputs of a model.
     *
     * @param handle the model's engine side
     */
    public ArrayInputs(ModelHandle handle) {
        this.modelName = handle.state().provider();
        this.dataSize = handle.state().spec().dataSize();
        this.imageHeight = handle.state().spec().imageHeight();
        this.imageWidth = handle.state().spec().imageWidth();
        this.latentDims = handle.state().spec().latentDims();
        this.conditionSize = handle.model().conditionSize();
        this.dataType = handle.dataType();
    }

    /** {@return the image shapes the model takes, for messages} */
    public String imageShape() {
        return "[n][" + dataSize + "] or [n][" + imageHeight + "][" + imageWidth + "]";
    }

    /** Fails unless {@code code} is one code of the model's size. */
    public void checkCode(float[] code, String what) {
        if (code == null || code.length != latentDims) {
            throw new IllegalArgumentException(what + " must be a code of " + latentDims + " values; got "
                    + (code == null ? "null" : code.length));
        }
    }

    /** {@return {@code label} for {@code n} rows of a conditional model; null (and -1 required) for another} */
    public int[] repeatLabel(int label, int n) {
        if (conditionSize == 0) {
            if (label != -1) {
                throw new IllegalArgumentException("model " + modelName + " is not conditional; pass label -1");
            }
            return null;
        }
        int[] labels = new int[n];
        Arrays.fill(labels, label);
        return labels;
    }

    /** {@return the one-hot condition of {@code n} rows, checked; null for an unconditional model} */
    public INDArray condition(int[] labels, int n, String what) {
        int k = conditionSize;
        if (k == 0) {
            if (labels != null) {
                throw new IllegalArgumentException("model " + modelName + " is not conditional; pass no labels");
            }
            return null;
        }
        if (labels == null || labels.length != n) {
            throw new IllegalArgumentException("model " + modelName + " is conditioned on " + k + " classes: give one"
                    + " label in 0.." + (k - 1) + " per row of " + what + "; got "
                    + (labels == null ? "none" : labels.length + " labels for " + n + " rows"));
        }
        for (int label : labels) {
            if (label < 0 || label >= k) {
                throw new IllegalArgumentException("labels must be in 0.." + (k - 1) + "; got " + label);
            }
        }
        return ModelRunner.oneHot(labels, k, dataType);
    }

    /** {@return rows of {@code width} values as a matrix in the model's precision, shape-checked} */
    public INDArray matrix(float[][] rows, int width, String what, String expected) {
        if (rows == null || rows.length == 0) {
            throw new IllegalArgumentException(
                    what + " must be " + expected + " with n >= 1; got " + (rows == null ? "null" : "[0]"));
        }
        float[] flat = new float[rows.length * width];
        for (int i = 0; i < rows.length; i++) {
            if (rows[i] == null || rows[i].length != width) {
                throw new IllegalArgumentException(what + " must be " + expected + "; got [" + rows.length + "]["
                        + (rows[i] == null ? "null" : rows[i].length) + "]"
                        + (rows[i] == null || i == 0 ? "" : " at row " + i));
            }
            System.arraycopy(rows[i], 0, flat, i * width, width);
        }
        return Nd4j.createFromArray(flat).reshape(rows.length, width).castTo(dataType);
    }

    /** {@return {@code [n][height][width]} images as {@code [n][pixels]}, shape-checked} */
    public float[][] flatten(float[][][] images) {
        if (images == null || images.length == 0) {
            throw new IllegalArgumentException("images must be " + imageShape() + " with n >= 1");
        }
        float[][] out = new float[images.length][];
        for (int i = 0; i < images.length; i++) {
            float[][] img = images[i];
            boolean ok = img != null && img.length == imageHeight;
            for (int r = 0; ok && r < img.length; r++) {
                ok = img[r] != null && img[r].length == imageWidth;
            }
            if (!ok) {
                throw new IllegalArgumentException("images must be " + imageShape() + "; got [" + images.length + "]["
                        + (img == null ? "null" : img.length) + "]["
                        + (img == null || img.length == 0 || img[0] == null ? "?" : img[0].length) + "]"
                        + (i == 0 ? "" : " at image " + i));
            }
            out[i] = new float[dataSize];
            for (int r = 0; r < imageHeight; r++) {
                System.arraycopy(img[r], 0, out[i], r * imageWidth, imageWidth);
            }
        }
        return out;
    }

    /** {@return a matrix as float rows} */
    public static float[][] toFloats(INDArray a) {
        return a.castTo(DataType.FLOAT).toFloatMatrix();
    }

    /** {@return double rows as float rows} */
    public static float[][] toFloats(double[][] a) {
        float[][] out = new float[a.length][];
        for (int i = 0; i < a.length; i++) {
            out[i] = new float[a[i].length];
            for (int j = 0; j < a[i].length; j++) {
                out[i][j] = (float) a[i][j];
            }
        }
        return out;
    }

    /** {@return the codes of a traversal: {@code base} with dimension {@code dim} swept from low to high} */
    public float[][] traversal(float[] base, int dim, double low, double high, int steps) {
        checkCode(base, "base");
        if (dim < 0 || dim >= latentDims) {
            throw new IllegalArgumentException("dim must be in 0.." + (latentDims - 1) + ", got " + dim);
        }
        if (steps < 2 || !(low < high)) {
            throw new IllegalArgumentException("a traversal needs steps >= 2 and low < high");
        }
        float[][] z = new float[steps][];
        for (int s = 0; s < steps; s++) {
            z[s] = base.clone();
            z[s][dim] = (float) (low + (high - low) * s / (steps - 1));
        }
        return z;
    }

    /** {@return the codes of the straight line from {@code from} to {@code to}, both included} */
    public float[][] interpolation(float[] from, float[] to, int steps) {
        checkCode(from, "from");
        checkCode(to, "to");
        if (steps < 2) {
            throw new IllegalArgumentException("an interpolation needs steps >= 2, got " + steps);
        }
        float[][] z = new float[steps][latentDims];
        for (int s = 0; s < steps; s++) {
            double t = (double) s / (steps - 1);
            for (int j = 0; j < latentDims; j++) {
                z[s][j] = (float) ((1 - t) * from[j] + t * to[j]);
            }
        }
        return z;
    }
}
