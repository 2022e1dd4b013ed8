package org.vae4j.core.engine;

import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.vae4j.api.data.Dataset;

/** Copies chosen examples of a heap dataset into a reused native batch array. */
public final class BatchGatherer {
    private final Dataset data;
    private final DataType type;
    private INDArray full;
    private INDArray partial;

    public BatchGatherer(Dataset data, DataType type) {
        this.data = data;
        this.type = type;
    }

    /** Returns a {@code [count, dataSize]} array holding examples {@code indices[from, from + count)}. */
    public INDArray gather(int[] indices, int from, int count) {
        INDArray batch = buffer(count);
        int d = data.dataSize();
        float[] pixels = data.pixels();
        if (type == DataType.FLOAT) {
            FloatBuffer out = batch.data().asNioFloat();
            out.position((int) batch.offset());
            for (int i = 0; i < count; i++) {
                out.put(pixels, indices[from + i] * d, d);
            }
        } else {
            for (int i = 0; i < count; i++) {
                int base = indices[from + i] * d;
                for (int j = 0; j < d; j++) {
                    batch.putScalar(i, j, pixels[base + j]);
                }
            }
        }
        return batch;
    }

    /** Returns examples {@code [from, from + count)} in dataset order. */
    public INDArray range(int from, int count) {
        INDArray batch = buffer(count);
        int d = data.dataSize();
        if (type == DataType.FLOAT) {
            FloatBuffer out = batch.data().asNioFloat();
            out.position((int) batch.offset());
            out.put(data.pixels(), from * d, count * d);
        } else {
            for (int i = 0; i < count; i++) {
                for (int j = 0; j < d; j++) {
                    batch.putScalar(i, j, data.pixels()[(from + i) * d + j]);
                }
            }
        }
        return batch;
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
