package org.vae4j.core.nn;

import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Per-batch-size output and scratch buffers of a fixed width. Training uses one batch size, so
 * after the first step nothing is allocated; evaluation may add one or two more sizes (a bounded
 * number are kept).
 */
public final class BatchBuffers {
    private static final int MAX_SIZES = 4;
    private final long width;
    private final Map<Long, INDArray[]> bySize = new LinkedHashMap<>(8, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, INDArray[]> eldest) {
            return size() > MAX_SIZES;
        }
    };

    public BatchBuffers(long width) {
        this.width = width;
    }

    /**
     * {@code current} if it exists and has this width, else new buffers: for components whose width
     * is known only from their first input.
     */
    public static BatchBuffers ofWidth(BatchBuffers current, long width) {
        return current != null && current.width == width ? current : new BatchBuffers(width);
    }

    private INDArray[] get(long batch, DataType type) {
        INDArray[] arrays = bySize.get(batch);
        if (arrays == null || arrays[0].dataType() != type) {
            arrays = new INDArray[] {
                Nd4j.create(type, new long[] {batch, width}, 'c'),
                Nd4j.create(type, new long[] {batch, width}, 'c'),
                Nd4j.create(type, new long[] {batch, width}, 'c'),
            };
            bySize.put(batch, arrays);
        }
        return arrays;
    }

    public INDArray output(long batch, DataType type) {
        return get(batch, type)[0];
    }

    public INDArray scratch(long batch, DataType type) {
        return get(batch, type)[1];
    }

    public INDArray gradient(long batch, DataType type) {
        return get(batch, type)[2];
    }
}
