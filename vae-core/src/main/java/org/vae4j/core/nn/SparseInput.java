package org.vae4j.core.nn;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The two products of a layer that reads the data, over the input's non-zero entries only: the
 * forward product {@code y = x W} and the weight gradient {@code dW = x^T delta}. MNIST pixels are
 * 81% zeros, so these do a fifth of the dense products' multiply-adds.
 *
 * <p>The input batch is compressed to its non-zero entries by rows (for {@code y}, row b is the sum
 * of W's rows j over the non-zero x[b, j]) and by columns (for {@code dW}, row j is the sum of
 * delta's rows b over the same entries). Both sums run along whole rows of heap arrays, a loop C2
 * vectorises. W and dW are row-major in the parameter and gradient vectors (the layer's layout
 * since checkpoint format 2), so their rows are copied between ND4J's buffers and the heap without
 * transposing. With two threads ({@link Products#threads()}) each thread compresses half the
 * batch, copies half of W and sums half of y's rows, then half of dW's rows: splitting by rows
 * keeps each sum as long as on one thread (split by columns, each entry's loop was half as long
 * for the same overhead, and two threads were barely faster than one).
 *
 * <p>Measured on the reference machine inside a training step (one thread, 100 MNIST images x 784
 * x 500, float), with one entry per pass over a row: compressing 0.08 ms, the forward sums with the
 * copy of W 0.69 ms and the weight gradient with its copy 0.62 ms, plus 0.06 ms to sort the entries
 * by columns, against about 1.0 and 0.87 ms for the two BLAS products. Adding four entries per pass
 * (one load and store of the sum for four multiply-adds) took the encoder's forward phase from
 * 0.92-0.93 to 0.72-0.77 ms and its backward phase from 0.95-1.01 to 0.82-0.84 ms.
 *
 * <p>Results equal the dense products' up to float rounding (sums in another order). A batch whose
 * density exceeds {@link #maxDensity} or with more than {@link #MAX_ROWS} rows takes the dense
 * products, and so does double precision,
 * where BLAS is faster than these sums. For tests, {@link #inDouble} runs the same compressed sums
 * in double precision by direct loops over ND4J's buffers, so that finite-difference checks cover
 * the compression; the float kernels are held to those double results.
 */
final class SparseInput {
    /** Batches with a larger fraction of non-zero inputs take the dense products (tests may change it). */
    static volatile double maxDensity = 0.5;
    /** Whether double-precision batches take the compressed sums too (for gradient checks; slower than BLAS). */
    static volatile boolean inDouble;
    /**
     * Larger batches (evaluation's) take the dense products, which BLAS runs efficiently at that size:
     * the heap copies grow with the batch (12 bytes per input value), and 10,000 rows would hold 110 MB.
     */
    static final int MAX_ROWS = 1024;

    private final int in;
    private final int out;
    private int batch;
    private boolean active;
    // the input's non-zero entries by rows: row b's are entries rowStart[b] .. rowEnd[b]-1 of
    // column/value; row b's entries start at b * in at the latest, so halves compress independently
    private int[] rowStart = new int[0];
    private int[] rowEnd = new int[0];
    private int[] column = new int[0];
    private float[] value = new float[0];
    private double[] valueD = new double[0];
    private final int[] nonZero = new int[2];
    // the same entries by columns, made for the weight gradient
    private int[] columnStart = new int[0];
    private int[] row = new int[0];
    private float[] columnValue = new float[0];
    private double[] columnValueD = new double[0];
    private int[] next = new int[0];
    // heap rows of W (in rows of out) and delta (batch rows of out), and each thread's running sum
    private float[][] wRows;
    private float[][] deltaRows = new float[0][];
    private float[][] sums;
    private float[] x = new float[0];
    private double[] xD = new double[0];
    private long used;

    SparseInput(int in, int out) {
        this.in = in;
        this.out = out;
    }

    /** {@return how many forward products took this path (for tests)} */
    long used() {
        return used;
    }

    /** True when the last {@link #forward} computed {@code y}; {@link #weightGradient} then applies. */
    boolean active() {
        return active;
    }

    /**
     * Computes {@code y = x w} over x's non-zero entries when the arrays allow it and x is sparse
     * enough; returns false (y untouched) when the dense product must be used.
     *
     * @param x the input, batch x in, row-major
     * @param w the weights, in x out, a row-major view
     * @param y the output, batch x out, row-major
     */
    boolean forward(INDArray x, INDArray w, INDArray y) {
        active = false;
        DataType type = x.dataType();
        if ((type != DataType.FLOAT && (type != DataType.DOUBLE || !inDouble))
                || w.dataType() != type
                || y.dataType() != type
                || !org.vae4j.api.nn.Views.isRowMajor(x)
                || !org.vae4j.api.nn.Views.isRowMajor(y)
                || w.stride(0) != out
                || w.stride(1) != 1
                || x.size(0) > MAX_ROWS
                || x.size(0) * in > Integer.MAX_VALUE) {
            return false;
        }
        batch = (int) x.size(0);
        int size = batch * in;
        if (rowStart.length < batch) {
            rowStart = new int[batch];
            rowEnd = new int[batch];
        }
        if (column.length < size) {
            column = new int[size];
        }
        boolean single = type == DataType.FLOAT;
        if (single) {
            if (this.x.length < size) {
                this.x = new float[size];
                value = new float[size];
            }
            if (wRows == null) {
                wRows = new float[in][out];
                // 16 floats (a cache line) beyond each sum, so that the two threads' sums share none
                sums = new float[2][out + 16];
            }
            FloatBuffer xb = x.data().asNioFloat();
            FloatBuffer wb = w.data().asNioFloat();
            int xOffset = (int) x.offset();
            int wOffset = (int) w.offset();
            int half = batch / 2;
            Products.inParallel(
                    () -> {
                        compressFloat(xb, xOffset, 0, half, 0);
                        copyRows(wb, wOffset, 0, in / 2);
                    },
                    () -> {
                        compressFloat(xb, xOffset, half, batch, 1);
                        copyRows(wb, wOffset, in / 2, in);
                    });
        } else {
            if (xD.length < size) {
                xD = new double[size];
                valueD = new double[size];
            }
            compressDouble(x.data().asNioDouble(), (int) x.offset());
        }
        if (nonZero[0] + nonZero[1] > maxDensity * size) {
            return false;
        }
        used++;
        active = true;
        if (!single) {
            forwardDouble(w, y);
            return true;
        }
        FloatBuffer yb = y.data().asNioFloat();
        int yOffset = (int) y.offset();
        int half = batch / 2;
        Products.inParallel(
                () -> forwardRows(sums[0], yb, yOffset, 0, half), () -> forwardRows(sums[1], yb, yOffset, half, batch));
        return true;
    }

    /**
     * Writes {@code dw = x^T delta} for the x of the last {@link #forward} (which must have returned
     * true) over its non-zero entries.
     *
     * @param delta dL/dy, batch x out, row-major
     * @param dw the weight gradient, in x out, a row-major view
     */
    void weightGradient(INDArray delta, INDArray dw) {
        if (!active
                || delta.size(0) != batch
                || !org.vae4j.api.nn.Views.isRowMajor(delta)
                || dw.stride(0) != out
                || dw.stride(1) != 1
                || delta.dataType() != dw.dataType()) {
            throw new IllegalStateException("weight gradient without a matching sparse forward pass");
        }
        boolean single = delta.dataType() == DataType.FLOAT;
        int n = byColumns(single);
        if (!single) {
            weightGradientDouble(delta, dw);
            return;
        }
        if (deltaRows.length < batch) {
            deltaRows = new float[batch][out];
        }
        FloatBuffer db = delta.data().asNioFloat();
        int dOffset = (int) delta.offset();
        for (int b = 0; b < batch; b++) {
            db.get(dOffset + b * out, deltaRows[b], 0, out);
        }
        FloatBuffer gb = dw.data().asNioFloat();
        int gOffset = (int) dw.offset();
        // split where half the entries are (the digits' pixels gather in the middle rows)
        int split = 0;
        while (split < in && columnStart[split + 1] <= n / 2) {
            split++;
        }
        int middle = split;
        Products.inParallel(
                () -> gradientRows(sums[0], gb, gOffset, 0, middle),
                () -> gradientRows(sums[1], gb, gOffset, middle, in));
    }

    private void copyRows(FloatBuffer wb, int offset, int from, int to) {
        for (int j = from; j < to; j++) {
            wb.get(offset + j * out, wRows[j], 0, out);
        }
    }

    private void forwardRows(float[] sum, FloatBuffer yb, int offset, int from, int to) {
        sumRows(sum, rowStart, rowEnd, 0, column, value, wRows, yb, offset, from, to);
    }

    private void gradientRows(float[] sum, FloatBuffer gb, int offset, int from, int to) {
        sumRows(sum, columnStart, columnStart, 1, row, columnValue, deltaRows, gb, offset, from, to);
    }

    /**
     * Rows i in [from, to) of a compressed product: the sum of {@code values[p] * src[index[p]]} over
     * the entries p from {@code starts[i]} to {@code ends[i + shift]} (exclusive), accumulated in
     * {@code a} (the calling thread's) and written to {@code dst} at {@code offset + i * out}.
     */
    private void sumRows(
            float[] a,
            int[] starts,
            int[] ends,
            int shift,
            int[] index,
            float[] values,
            float[][] src,
            FloatBuffer dst,
            int offset,
            int from,
            int to) {
        for (int i = from; i < to; i++) {
            int p0 = starts[i];
            int p1 = ends[i + shift];
            if (p0 == p1) {
                Arrays.fill(a, 0f);
            } else {
                scaled(a, values[p0], src[index[p0]], out);
                int p = p0 + 1;
                // four entries per pass: one load and store of the sum for four multiply-adds
                for (; p + 4 <= p1; p += 4) {
                    addScaled4(
                            a,
                            values[p],
                            src[index[p]],
                            values[p + 1],
                            src[index[p + 1]],
                            values[p + 2],
                            src[index[p + 2]],
                            values[p + 3],
                            src[index[p + 3]],
                            out);
                }
                for (; p < p1; p++) {
                    addScaled(a, values[p], src[index[p]], out);
                }
            }
            dst.put(offset + i * out, a, 0, out);
        }
    }

    /** Compresses rows [from, to) of x; their entries start at from * in. */
    private void compressFloat(FloatBuffer data, int offset, int from, int to, int part) {
        data.get(offset + from * in, x, from * in, (to - from) * in);
        int start = from * in;
        int n = start;
        for (int b = from; b < to; b++) {
            rowStart[b] = n;
            int base = b * in;
            for (int j = 0; j < in; j++) {
                float v = x[base + j];
                column[n] = j;
                value[n] = v;
                n += v != 0f ? 1 : 0; // no branch to mispredict: the slot is overwritten when v is 0
            }
            rowEnd[b] = n;
        }
        nonZero[part] = n - start;
    }

    private void compressDouble(DoubleBuffer data, int offset) {
        data.get(offset, xD, 0, batch * in);
        int n = 0;
        for (int b = 0; b < batch; b++) {
            rowStart[b] = n;
            for (int j = 0; j < in; j++) {
                double v = xD[b * in + j];
                if (v != 0) {
                    column[n] = j;
                    valueD[n++] = v;
                }
            }
            rowEnd[b] = n;
        }
        nonZero[0] = n;
        nonZero[1] = 0;
    }

    /** Sorts the entries by column (a counting sort; rows stay in order within a column); returns their count. */
    private int byColumns(boolean single) {
        int n = nonZero[0] + nonZero[1];
        if (columnStart.length < in + 1) {
            columnStart = new int[in + 1];
            next = new int[in];
        }
        if (row.length < n) {
            row = new int[n];
        }
        if (single && columnValue.length < n) {
            columnValue = new float[n];
        }
        if (!single && columnValueD.length < n) {
            columnValueD = new double[n];
        }
        Arrays.fill(columnStart, 0, in + 1, 0);
        for (int b = 0; b < batch; b++) {
            for (int p = rowStart[b]; p < rowEnd[b]; p++) {
                columnStart[column[p] + 1]++;
            }
        }
        for (int j = 0; j < in; j++) {
            columnStart[j + 1] += columnStart[j];
        }
        System.arraycopy(columnStart, 0, next, 0, in);
        for (int b = 0; b < batch; b++) {
            for (int p = rowStart[b]; p < rowEnd[b]; p++) {
                int q = next[column[p]]++;
                row[q] = b;
                if (single) {
                    columnValue[q] = value[p];
                } else {
                    columnValueD[q] = valueD[p];
                }
            }
        }
        return n;
    }

    /** acc[k] = v * src[k] for k < n: one index for both arrays, so C2 vectorises it. */
    private static void scaled(float[] acc, float v, float[] src, int n) {
        for (int k = 0; k < n; k++) {
            acc[k] = v * src[k];
        }
    }

    /** acc[k] += (v0 s0[k] + v1 s1[k]) + (v2 s2[k] + v3 s3[k]) for k < n. */
    private static void addScaled4(
            float[] acc,
            float v0,
            float[] s0,
            float v1,
            float[] s1,
            float v2,
            float[] s2,
            float v3,
            float[] s3,
            int n) {
        for (int k = 0; k < n; k++) {
            acc[k] += (v0 * s0[k] + v1 * s1[k]) + (v2 * s2[k] + v3 * s3[k]);
        }
    }

    /** acc[k] += v * src[k] for k < n. */
    private static void addScaled(float[] acc, float v, float[] src, int n) {
        for (int k = 0; k < n; k++) {
            acc[k] += v * src[k];
        }
    }

    /** Double precision: the same sums read straight from ND4J's buffers (for gradient checks). */
    private void forwardDouble(INDArray w, INDArray y) {
        sumDouble(batch, rowStart, rowEnd, 0, column, valueD, w, y);
    }

    private void weightGradientDouble(INDArray delta, INDArray dw) {
        sumDouble(in, columnStart, columnStart, 1, row, columnValueD, delta, dw);
    }

    /** As {@link #sumRows}, over row-major double arrays: row i of dst from the rows of src. */
    private void sumDouble(
            int rows, int[] starts, int[] ends, int shift, int[] index, double[] values, INDArray src, INDArray dst) {
        DoubleBuffer sb = src.data().asNioDouble();
        DoubleBuffer db = dst.data().asNioDouble();
        int srcOffset = (int) src.offset();
        int dstOffset = (int) dst.offset();
        for (int i = 0; i < rows; i++) {
            for (int k = 0; k < out; k++) {
                double s = 0;
                for (int p = starts[i]; p < ends[i + shift]; p++) {
                    s += values[p] * sb.get(srcOffset + index[p] * out + k);
                }
                db.put(dstOffset + i * out + k, s);
            }
        }
    }
}
