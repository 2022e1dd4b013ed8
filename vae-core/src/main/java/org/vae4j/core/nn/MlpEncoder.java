package org.vae4j.core.nn;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.vae4j.api.nn.Activation;
import org.vae4j.api.nn.Encoder;
import org.vae4j.api.nn.GaussianCode;

/** Input -> hidden layers -> two linear heads: the posterior mean and log-variance. */
public final class MlpEncoder implements Encoder {
    private final int inputSize;
    private final int latentDims;
    private final List<Dense> hidden = new ArrayList<>();
    private final Dense meanHead;
    private final Dense logVarHead;

    public MlpEncoder(int inputSize, List<Integer> hiddenSizes, int latentDims, Activation activation) {
        if (inputSize < 1 || latentDims < 1) {
            throw new IllegalArgumentException(
                    "encoder sizes must be positive: input " + inputSize + ", latent " + latentDims);
        }
        this.inputSize = inputSize;
        this.latentDims = latentDims;
        int previous = inputSize;
        for (int h : hiddenSizes) {
            if (h < 1) {
                throw new IllegalArgumentException("hidden layer sizes must be positive, got " + hiddenSizes);
            }
            hidden.add(new Dense(previous, h, activation, hidden.isEmpty()));
            previous = h;
        }
        meanHead = new Dense(previous, latentDims, Activation.IDENTITY);
        logVarHead = new Dense(previous, latentDims, Activation.IDENTITY);
    }

    @Override
    public int inputSize() {
        return inputSize;
    }

    @Override
    public int latentDims() {
        return latentDims;
    }

    @Override
    public long numParams() {
        long n = meanHead.numParams() + logVarHead.numParams();
        for (Dense d : hidden) {
            n += d.numParams();
        }
        return n;
    }

    @Override
    public void bind(INDArray params, INDArray gradients, boolean initialize, Random rng) {
        long offset = 0;
        for (Dense d : hidden) {
            d.bind(params, gradients, offset, initialize, rng);
            offset += d.numParams();
        }
        meanHead.bind(params, gradients, offset, initialize, rng);
        offset += meanHead.numParams();
        logVarHead.bind(params, gradients, offset, initialize, rng);
    }

    /**
     * Converts parameters in the layout of checkpoint format 1, where every layer's W was
     * column-major, to this encoder's (the first hidden layer's W row-major, so that its products
     * can skip the input's zeros), in place.
     *
     * @param flat a model's parameter vector, or one of its optimizer arrays, as a format-1
     *     checkpoint holds it: the encoder's parameters first
     */
    public void fromFormat1(float[] flat) {
        if (hidden.isEmpty()) {
            return;
        }
        int in = hidden.get(0).in;
        int out = hidden.get(0).out;
        if (flat.length < numParams()) {
            throw new IllegalArgumentException("expected at least " + numParams() + " values, got " + flat.length);
        }
        float[] columnMajor = java.util.Arrays.copyOf(flat, in * out);
        for (int j = 0; j < in; j++) {
            for (int k = 0; k < out; k++) {
                flat[j * out + k] = columnMajor[j + k * in];
            }
        }
    }

    /** The first hidden layer (which reads the data), or null without hidden layers. */
    Dense inputLayer() {
        return hidden.isEmpty() ? null : hidden.get(0);
    }

    @Override
    public GaussianCode encode(INDArray input) {
        if (input.size(1) != inputSize) {
            throw new IllegalArgumentException("encoder expects " + inputSize + " inputs, got " + input.size(1));
        }
        INDArray h = input;
        for (Dense d : hidden) {
            h = d.forward(h);
        }
        return new GaussianCode(meanHead.forward(h), logVarHead.forward(h));
    }

    @Override
    public void backward(INDArray gradMean, INDArray gradLogVariance) {
        long batch = gradMean.size(0);
        INDArray gradHidden =
                hidden.isEmpty() ? null : hidden.get(hidden.size() - 1).gradientBuffer(batch, gradMean.dataType());
        meanHead.backward(gradMean, gradHidden, false);
        logVarHead.backward(gradLogVariance, gradHidden, true);
        for (int i = hidden.size() - 1; i >= 0; i--) {
            INDArray below = i == 0 ? null : hidden.get(i - 1).gradientBuffer(batch, gradMean.dataType());
            hidden.get(i).backward(gradHidden, below, false);
            gradHidden = below;
        }
    }
}
