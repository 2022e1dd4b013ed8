package org.vae4j.api.nn;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Array helpers for fast components: zero-copy views into a contiguous flat vector (how components
 * see their parameter slices), row-major checks, and bulk float copies between ND4J arrays and
 * reused heap buffers. Part of the API so that plugins compiled against vae-api alone can use them.
 */
public final class Views {
    private Views() {}

    /**
     * True when element (i, j, ...) lies at {@code offset + } its row-major index, so the array can be
     * read and written through its buffer in bulk (strides of dimensions of size 1 do not matter).
     *
     * @param a the array
     * @return true when bulk buffer access is valid
     */
    public static boolean isRowMajor(INDArray a) {
        long expected = 1;
        for (int d = a.rank() - 1; d >= 0; d--) {
            long size = a.size(d);
            if (size != 1 && a.stride(d) != expected) {
                return false;
            }
            expected *= size;
        }
        return true;
    }

    /**
     * {@return true when every array is FLOAT and row-major ({@link #isRowMajor}): bulk float copies are valid}
     *
     * @param arrays the arrays
     */
    public static boolean allRowMajorFloat(INDArray... arrays) {
        for (INDArray a : arrays) {
            if (a.dataType() != org.nd4j.linalg.api.buffer.DataType.FLOAT || !isRowMajor(a)) {
                return false;
            }
        }
        return true;
    }

    /**
     * {@return {@code current} when it holds at least {@code length} elements, else a new array of that length}
     *
     * @param current the buffer to reuse, or null
     * @param length the length needed
     */
    public static float[] atLeast(float[] current, int length) {
        return current != null && current.length >= length ? current : new float[length];
    }

    /**
     * Copies a row-major FLOAT array's elements into {@code dst} in one bulk copy; returns {@code dst},
     * or a new array when {@code dst} is null or too short.
     *
     * @param a the array
     * @param dst the heap array to fill
     * @return {@code dst}, or a larger array when it was too short
     */
    public static float[] readFloats(INDArray a, float[] dst) {
        int n = (int) a.length();
        float[] out = atLeast(dst, n);
        a.data().asNioFloat().get((int) a.offset(), out, 0, n);
        return out;
    }

    /**
     * Writes the first {@code a.length()} elements of {@code src} into a row-major FLOAT array.
     *
     * @param src the heap array to copy from
     * @param a the array to fill
     */
    public static void writeFloats(float[] src, INDArray a) {
        a.data().asNioFloat().put((int) a.offset(), src, 0, (int) a.length());
    }

    private static void requireFlat(INDArray flat) {
        if (flat.rank() != 1 && !(flat.rank() == 2 && flat.size(0) == 1)) {
            throw new IllegalArgumentException(
                    "expected a flat vector, got shape " + java.util.Arrays.toString(flat.shape()));
        }
        if (flat.length() > 1 && flat.stride(flat.rank() - 1) != 1) {
            throw new IllegalArgumentException("expected a contiguous vector (stride 1)");
        }
    }

    /**
     * {@return a column-major {@code rows x cols} matrix over {@code flat[offset, offset + rows * cols)}}
     *
     * @param flat the flat vector
     * @param offset the index of the first element in {@code flat}
     * @param rows the rows
     * @param cols the columns
     */
    public static INDArray matrix(INDArray flat, long offset, long rows, long cols) {
        requireFlat(flat);
        checkRange(flat, offset, rows * cols);
        return Nd4j.create(
                flat.data(),
                new long[] {rows, cols},
                new long[] {1, rows},
                flat.offset() + offset,
                'f',
                flat.dataType());
    }

    /**
     * {@return a row-major {@code rows x cols} matrix over {@code flat[offset, offset + rows * cols)}}
     *
     * @param flat the flat vector
     * @param offset the index of the first element in {@code flat}
     * @param rows the rows
     * @param cols the columns
     */
    public static INDArray rowMajorMatrix(INDArray flat, long offset, long rows, long cols) {
        requireFlat(flat);
        checkRange(flat, offset, rows * cols);
        return Nd4j.create(
                flat.data(),
                new long[] {rows, cols},
                new long[] {cols, 1},
                flat.offset() + offset,
                'c',
                flat.dataType());
    }

    /**
     * {@return a {@code 1 x length} row vector over {@code flat[offset, offset + length)}}
     *
     * @param flat the flat vector
     * @param offset the index of the first element in {@code flat}
     * @param length the number of elements
     */
    public static INDArray row(INDArray flat, long offset, long length) {
        requireFlat(flat);
        checkRange(flat, offset, length);
        return Nd4j.create(
                flat.data(),
                new long[] {1, length},
                new long[] {length, 1},
                flat.offset() + offset,
                'c',
                flat.dataType());
    }

    /**
     * {@return a rank-1 vector over {@code flat[offset, offset + length)}}
     *
     * @param flat the flat vector
     * @param offset the index of the first element in {@code flat}
     * @param length the number of elements
     */
    public static INDArray vector(INDArray flat, long offset, long length) {
        requireFlat(flat);
        checkRange(flat, offset, length);
        return Nd4j.create(
                flat.data(), new long[] {length}, new long[] {1}, flat.offset() + offset, 'c', flat.dataType());
    }

    private static void checkRange(INDArray flat, long offset, long length) {
        if (offset < 0 || offset + length > flat.length()) {
            throw new IllegalArgumentException(
                    "view [" + offset + ", " + (offset + length) + ") outside vector of length " + flat.length());
        }
    }
}
