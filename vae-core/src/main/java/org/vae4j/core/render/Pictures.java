package org.vae4j.core.render;

import java.util.Locale;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.vae4j.api.VaeModel;
import org.vae4j.api.data.Dataset;
import org.vae4j.api.nn.GaussianCode;
import org.vae4j.core.engine.ModelRunner;

/**
 * The pictures users judge a VAE by, as {@link ImageGrid}s: latent traversals (the paper's central
 * figures), samples from the prior, reconstructions and interpolations. Conditional models take a
 * label (a digit class) wherever they decode.
 */
public final class Pictures {
    public static final int ZOOM = 2;
    private final ModelRunner runner;
    private final int height;
    private final int width;

    public Pictures(ModelRunner runner, int imageHeight, int imageWidth) {
        this.runner = runner;
        this.height = imageHeight;
        this.width = imageWidth;
    }

    private VaeModel model() {
        return runner.model();
    }

    /** One-hot rows for {@code n} copies of {@code label}, or null for an unconditional model. */
    private INDArray condition(int n, int label) {
        if (!model().isConditional()) {
            return null;
        }
        int[] labels = new int[n];
        java.util.Arrays.fill(labels, label);
        return ModelRunner.oneHot(labels, model().conditionSize(), DataType.FLOAT);
    }

    private float[][] decode(double[][] z, INDArray condition) {
        INDArray mean = runner.decodeMean(Nd4j.createFromArray(z).castTo(DataType.FLOAT), condition);
        float[][] out = new float[z.length][];
        for (int i = 0; i < z.length; i++) {
            out[i] = mean.getRow(i).toFloatVector();
        }
        return out;
    }

    /**
     * One row per latent dimension in {@code dims}: the dimension swept over [lo, hi] in
     * {@code steps} steps, the others held at {@code base}.
     *
     * @param rowLabels labels of the rows (same length as dims)
     * @param label the class for a conditional model (ignored otherwise)
     */
    public ImageGrid traversal(
            double[] base, int[] dims, String[] rowLabels, double lo, double hi, int steps, int label, String title) {
        if (steps < 2) {
            throw new IllegalArgumentException("a traversal needs at least 2 steps");
        }
        double[][] z = new double[dims.length * steps][];
        for (int r = 0; r < dims.length; r++) {
            for (int s = 0; s < steps; s++) {
                double[] code = base.clone();
                code[dims[r]] = lo + (hi - lo) * s / (steps - 1);
                z[r * steps + s] = code;
            }
        }
        float[][] images = decode(z, condition(z.length, label));
        ImageGrid grid = new ImageGrid(dims.length, steps, height, width, ZOOM).title(title);
        for (int r = 0; r < dims.length; r++) {
            grid.rowLabel(r, rowLabels[r]);
            for (int s = 0; s < steps; s++) {
                grid.set(r, s, images[r * steps + s]);
            }
        }
        for (int s = 0; s < steps; s++) {
            double v = lo + (hi - lo) * s / (steps - 1);
            if (s == 0 || s == steps - 1 || Math.abs(v) < 1e-9) {
                grid.colLabel(
                        s,
                        String.format(Locale.ROOT, "%+.1f", v)
                                .replace("+0.0", "0")
                                .replace("-0.0", "0"));
            }
        }
        return grid;
    }

    /**
     * {@code rows x cols} samples from the prior, decoded to mean images. For a conditional model
     * {@code labels[r]} is the class of row r.
     */
    public ImageGrid samples(int rows, int cols, int[] labels, long seed, String title) {
        int n = rows * cols;
        INDArray z = Nd4j.create(DataType.FLOAT, n, model().latentDims());
        model().prior().sample(z, Nd4j.getRandomFactory().getNewRandomInstance(seed));
        INDArray condition = null;
        if (model().isConditional()) {
            int[] perImage = new int[n];
            for (int i = 0; i < n; i++) {
                perImage[i] = labels[i / cols];
            }
            condition = ModelRunner.oneHot(perImage, model().conditionSize(), DataType.FLOAT);
        }
        INDArray mean = runner.decodeMean(z, condition);
        ImageGrid grid = new ImageGrid(rows, cols, height, width, ZOOM).title(title);
        for (int i = 0; i < n; i++) {
            grid.set(i / cols, i % cols, mean.getRow(i).toFloatVector());
        }
        if (model().isConditional()) {
            for (int r = 0; r < rows; r++) {
                grid.rowLabel(r, "y=" + labels[r]);
            }
        }
        return grid;
    }

    /** The first {@code count} images of {@code data}, each above its reconstruction from the posterior mean. */
    public ImageGrid reconstructions(Dataset data, int count, int perRow, String title) {
        int n = Math.min(count, data.size());
        Dataset head = data.head(n);
        float[] pixels = new float[n * head.dataSize()];
        head.copyImages(0, n, pixels, 0);
        INDArray x = Nd4j.createFromArray(pixels).reshape(n, head.dataSize());
        INDArray condition = model().isConditional()
                ? ModelRunner.oneHot(head.labels().orElseThrow(), model().conditionSize(), DataType.FLOAT)
                : null;
        GaussianCode q = runner.encode(x, condition);
        INDArray rec = runner.decodeMean(q.mean(), condition);
        int blocks = (n + perRow - 1) / perRow;
        ImageGrid grid = new ImageGrid(2 * blocks, Math.min(perRow, n), height, width, ZOOM).title(title);
        for (int i = 0; i < n; i++) {
            int block = i / perRow;
            grid.set(2 * block, i % perRow, x.getRow(i).toFloatVector());
            grid.set(2 * block + 1, i % perRow, rec.getRow(i).toFloatVector());
        }
        for (int b = 0; b < blocks; b++) {
            grid.rowLabel(2 * b, "data");
            grid.rowLabel(2 * b + 1, "recon");
        }
        return grid;
    }

    /**
     * Images {@code from} and {@code to} at the ends, and between them the decoded points of a
     * straight line between their posterior means (for a conditional model the one-hot labels are
     * interpolated too).
     */
    public ImageGrid interpolation(Dataset data, int from, int to, int steps, String title) {
        if (steps < 2) {
            throw new IllegalArgumentException("an interpolation needs at least 2 steps");
        }
        INDArray x = Nd4j.vstack(row(data, from), row(data, to));
        INDArray condition = null;
        if (model().isConditional()) {
            int[] labels = data.labels().orElseThrow();
            condition =
                    ModelRunner.oneHot(new int[] {labels[from], labels[to]}, model().conditionSize(), DataType.FLOAT);
        }
        GaussianCode q = runner.encode(x, condition);
        INDArray z = lerp(q.mean(), steps);
        INDArray c = condition == null ? null : lerp(condition, steps);
        INDArray images = runner.decodeMean(z, c);
        ImageGrid grid = new ImageGrid(1, steps + 2, height, width, ZOOM).title(title);
        grid.set(0, 0, x.getRow(0).toFloatVector());
        grid.colLabel(0, "#" + from);
        for (int s = 0; s < steps; s++) {
            grid.set(0, s + 1, images.getRow(s).toFloatVector());
        }
        grid.set(0, steps + 1, x.getRow(1).toFloatVector());
        grid.colLabel(steps + 1, "#" + to);
        return grid;
    }

    /** {@code steps} rows on the straight line from row 0 to row 1 of {@code ends}, both ends included. */
    private static INDArray lerp(INDArray ends, int steps) {
        double[][] e = ends.castTo(DataType.DOUBLE).toDoubleMatrix();
        double[][] out = new double[steps][e[0].length];
        for (int s = 0; s < steps; s++) {
            double t = (double) s / (steps - 1);
            for (int j = 0; j < e[0].length; j++) {
                out[s][j] = (1 - t) * e[0][j] + t * e[1][j];
            }
        }
        return Nd4j.createFromArray(out).castTo(DataType.FLOAT);
    }

    private static INDArray row(Dataset data, int index) {
        if (index < 0 || index >= data.size()) {
            throw new IllegalArgumentException("image " + index + " is outside [0, " + data.size() + ")");
        }
        float[] px = data.image(index);
        return Nd4j.createFromArray(px).reshape(1, data.dataSize());
    }
}
