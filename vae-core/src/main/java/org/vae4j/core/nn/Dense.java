package org.vae4j.core.nn;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.random.impl.UniformDistribution;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;
import org.vae4j.api.nn.Activation;
import org.vae4j.api.nn.Views;

/**
 * A fully connected layer {@code y = act(x W + b)} computed with BLAS into buffers that are
 * allocated once per batch size. W is a view of the owner's flat parameter vector, column-major
 * except in a layer that reads the data, where it is row-major.
 * Large products are shared between two threads by {@link Products} (the forward product in row
 * halves; the weight gradient beside the input gradient); a layer that reads the data
 * computes its forward product and weight gradient over the input's non-zero entries
 * ({@link SparseInput}).
 */
final class Dense {
    final int in;
    final int out;
    final Activation activation;
    private INDArray w;
    private INDArray b;
    private INDArray dw;
    private INDArray db;
    private INDArray input;
    private final BatchBuffers buffers;
    private final FloatKernels kernels = new FloatKernels();
    private final Products.Split forwardProduct = new Products.Split();
    /** The products over the input's non-zero entries, for a layer that reads the data; else null. */
    final SparseInput sparse;

    Dense(int in, int out, Activation activation) {
        this(in, out, activation, false);
    }

    /**
     * @param readsData true for a layer whose input is the data (mostly zeros, such as MNIST
     *     pixels): its forward product and weight gradient then skip the input's zeros
     */
    Dense(int in, int out, Activation activation, boolean readsData) {
        this.in = in;
        this.out = out;
        this.activation = activation;
        this.buffers = new BatchBuffers(out);
        this.sparse = readsData ? new SparseInput(in, out) : null;
    }

    long numParams() {
        return (long) in * out + out;
    }

    void bind(INDArray params, INDArray grads, long offset, boolean initialize, Random rng) {
        w = weightView(params, offset);
        b = Views.row(params, offset + (long) in * out, out);
        dw = weightView(grads, offset);
        db = Views.vector(grads, offset + (long) in * out, out);
        if (initialize) {
            // Uniform(-1/sqrt(in), 1/sqrt(in)) for weights and biases: PyTorch's nn.Linear default,
            // so side-by-side comparisons start from the same distribution. The draws are read as a
            // column-major W whatever the layout, so a seed gives the same layer in both.
            double bound = 1.0 / Math.sqrt(in);
            INDArray tmp = Nd4j.create(DataType.DOUBLE, numParams());
            Nd4j.getExecutioner().exec(new UniformDistribution(tmp, -bound, bound), rng);
            w.assign(Views.matrix(tmp, 0, in, out));
            b.assign(Views.row(tmp, (long) in * out, out));
        }
    }

    /**
     * W's view: row-major for a layer that reads the data (its sparse products read W's rows), else
     * column-major (BLAS reads either in place). Checkpoints of format 1 stored every W column-major
     * ({@link MlpEncoder#fromFormat1}).
     */
    private INDArray weightView(INDArray flat, long offset) {
        return sparse != null ? Views.rowMajorMatrix(flat, offset, in, out) : Views.matrix(flat, offset, in, out);
    }

    /** Returns the layer's output buffer (owned by this layer) for {@code x}. */
    INDArray forward(INDArray x) {
        input = x;
        INDArray y = buffers.output(x.size(0), x.dataType());
        if (sparse == null || !sparse.forward(x, w, y)) {
            forwardProduct.gemm(x, w, y, 1.0, 0.0);
        }
        if (FloatKernels.applies(y, b)) {
            kernels.addBiasActivate(y, b, activation);
        } else {
            y.addiRowVector(b);
            Activations.applyInPlace(activation, y);
        }
        return y;
    }

    /**
     * Given dL/dy in {@code delta} (overwritten), writes dW and db and, when {@code gradInput} is not
     * null, dL/dx into it ({@code accumulate} adds instead of overwriting).
     */
    void backward(INDArray delta, INDArray gradInput, boolean accumulate) {
        INDArray y = buffers.output(delta.size(0), delta.dataType());
        if (FloatKernels.applies(y, delta, db) && y.equalShapes(delta) && db.length() == out) {
            kernels.backpropAndBiasGradient(y, delta, activation, db);
        } else {
            Activations.backpropInPlace(activation, y, delta, buffers.scratch(delta.size(0), delta.dataType()));
            delta.sum(db, 0);
        }
        double keep = accumulate ? 1.0 : 0.0;
        boolean sparseGradient = sparse != null && sparse.active();
        if (!sparseGradient && gradInput != null && Products.worthSharing(delta.size(0) * (long) in * out)) {
            // dW and dL/dx need only delta, x and W: one call on each core
            INDArray x = input;
            Products.inParallel(
                    () -> Products.product(x, delta, dw, true, false, 1.0, 0.0),
                    () -> Products.product(delta, w, gradInput, false, true, 1.0, keep));
            return;
        }
        if (sparseGradient) {
            sparse.weightGradient(delta, dw);
        } else {
            Products.product(input, delta, dw, true, false, 1.0, 0.0);
        }
        if (gradInput != null) {
            Products.product(delta, w, gradInput, false, true, 1.0, keep);
        }
    }

    /** A buffer of this layer's output shape for the gradient flowing into its output. */
    INDArray gradientBuffer(long batch, org.nd4j.linalg.api.buffer.DataType type) {
        return buffers.gradient(batch, type);
    }

    INDArray weights() {
        return w;
    }
}
