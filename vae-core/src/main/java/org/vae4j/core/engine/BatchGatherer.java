package org.vae4j.core.engine;

import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.vae4j.api.ConfigurationException;
import org.vae4j.api.data.Dataset;

/**
 * Copies chosen examples of a heap dataset into a reused native batch array, and for conditional
 * models their labels as one-hot rows ({@link #condition()}).
 */
public final class BatchGatherer {
    private final Dataset data;
    private final DataType type;
    private final int conditionSize;
    private INDArray full;
    private INDArray partial;
    private INDArray condition;
    private float[] rows;

    public BatchGatherer(Dataset data, DataType type) {
        this(data, type, 0);
    }

    /**
     * @param conditionSize classes of a conditional model (0 for none); the dataset must then carry
     *     labels for exactly that many classes
     */
    public BatchGatherer(Dataset data, DataType type, int conditionSize) {
        this.data = data;
        this.type = type;
        this.conditionSize = conditionSize;
        requireLabels(data, conditionSize);
    }

    /** Fails with a ConfigurationException unless {@code data} has labels of {@code conditionSize} classes. */
    public static void requireLabels(Dataset data, int conditionSize) {
        if (conditionSize == 0) {
            return;
        }
        if (data.labels().isEmpty()) {
            throw new ConfigurationException("the model is conditioned on the class label, but dataset '"
                    + data.name() + "' has no labels; use a labelled dataset ({dataset} mnist, or IDX files with"
                    + " label files)");
        }
        if (data.numClasses() != conditionSize) {
            throw new ConfigurationException("the model is conditioned on " + conditionSize + " classes, but dataset '"
                    + data.name() + "' has " + data.numClasses() + "; train and evaluate on the same kind of data");
        }
    }

    /** The one-hot labels {@code [count, classes]} of the last gathered batch, or null for an unconditional model. */
    public INDArray condition() {
        return condition;
    }

    private void fillCondition(int[] indices, int from, int count) {
        if (conditionSize == 0) {
            return;
        }
        if (condition == null || condition.size(0) != count) {
            condition = Nd4j.create(type, new long[] {count, conditionSize}, 'c');
        }
        // filled in place: no per-batch allocation on the training path
        condition.assign(0);
        int[] labels = data.labels().orElseThrow();
        for (int i = 0; i < count; i++) {
            int example = indices == null ? from + i : indices[from + i];
            condition.putScalar(i, labels[example], 1.0);
        }
    }

    /** Returns a {@code [count, dataSize]} array holding examples {@code indices[from, from + count)}. */
    public INDArray gather(int[] indices, int from, int count) {
        INDArray batch = buffer(count);
        int d = data.dataSize();
        if (type == DataType.FLOAT && data.hasPixelArray()) {
            float[] pixels = data.pixels();
            FloatBuffer out = batch.data().asNioFloat();
            out.position((int) batch.offset());
            for (int i = 0; i < count; i++) {
                out.put(pixels, indices[from + i] * d, d);
            }
        } else {
            float[] rows = scratch(count);
            for (int i = 0; i < count; i++) {
                data.copyImages(indices[from + i], 1, rows, i * d);
            }
            put(batch, rows, count * d);
        }
        fillCondition(indices, from, count);
        return batch;
    }

    /** Returns examples {@code [from, from + count)} in dataset order. */
    public INDArray range(int from, int count) {
        INDArray batch = buffer(count);
        int d = data.dataSize();
        if (type == DataType.FLOAT && data.hasPixelArray()) {
            FloatBuffer out = batch.data().asNioFloat();
            out.position((int) batch.offset());
            out.put(data.pixels(), from * d, count * d);
        } else {
            float[] rows = scratch(count);
            data.copyImages(from, count, rows, 0);
            put(batch, rows, count * d);
        }
        fillCondition(null, from, count);
        return batch;
    }

    /** A reused heap buffer for {@code count} images of a dataset without a pixel array. */
    private float[] scratch(int count) {
        int need = count * data.dataSize();
        if (rows == null || rows.length < need) {
            rows = new float[need];
        }
        return rows;
    }

    /** Copies {@code length} values into the batch, which is float or double. */
    private void put(INDArray batch, float[] values, int length) {
        if (type == DataType.FLOAT) {
            FloatBuffer out = batch.data().asNioFloat();
            out.position((int) batch.offset());
            out.put(values, 0, length);
            return;
        }
        java.nio.DoubleBuffer out = batch.data().asNioDouble();
        out.position((int) batch.offset());
        for (int i = 0; i < length; i++) {
            out.put(values[i]);
        }
    }

    private INDArray buffer(int count) {
        if (full == null || full.size(0) == count) {
            if (full == null) {
                full = Nd4j.create(type, new long[] {count, data.dataSize()}, 'c');
            }
            return full;
        }
        if (partial == null || partial.size(0) != count) {
            partial = Nd4j.create(type, new long[] {count, data.dataSize()}, 'c');
        }
        return partial;
    }
}
