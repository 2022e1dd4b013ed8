package org.vae4j.core.nn;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.vae4j.api.nn.Activation;
import org.vae4j.api.nn.Decoder;
import org.vae4j.api.nn.DenseLayers;

/** Latent code -> hidden layers -> linear outputs (the likelihood's parameters). */
public final class MlpDecoder implements Decoder {
    private final int inputSize;
    private final int outputSize;
    private final List<Dense> layers = new ArrayList<>();
    private final BatchBuffers inputGradient;

    public MlpDecoder(int inputSize, List<Integer> hiddenSizes, int outputSize, Activation activation) {
        if (inputSize < 1 || outputSize < 1) {
            throw new IllegalArgumentException(
                    "decoder sizes must be positive: input " + inputSize + ", output " + outputSize);
        }
        this.inputSize = inputSize;
        this.outputSize = outputSize;
        int previous = inputSize;
        for (int h : hiddenSizes) {
            if (h < 1) {
                throw new IllegalArgumentException("hidden layer sizes must be positive, got " + hiddenSizes);
            }
            layers.add(new Dense(previous, h, activation));
            previous = h;
        }
        layers.add(new Dense(previous, outputSize, Activation.IDENTITY));
        inputGradient = new BatchBuffers(inputSize);
    }

    /** {@return the layer widths and activations; the parameters are in {@link DenseLayers}' layout} */
    @Override
    public Optional<DenseLayers> denseLayers() {
        List<Integer> widths = new ArrayList<>(List.of(inputSize));
        List<Activation> activations = new ArrayList<>();
        for (Dense d : layers) {
            widths.add(d.out);
            activations.add(d.activation);
        }
        return Optional.of(new DenseLayers(widths, activations));
    }

    @Override
    public int inputSize() {
        return inputSize;
    }

    @Override
    public int outputSize() {
        return outputSize;
    }

    @Override
    public long numParams() {
        long n = 0;
        for (Dense d : layers) {
            n += d.numParams();
        }
        return n;
    }

    @Override
    public void bind(INDArray params, INDArray gradients, boolean initialize, Random rng) {
        long offset = 0;
        for (Dense d : layers) {
            d.bind(params, gradients, offset, initialize, rng);
            offset += d.numParams();
        }
    }

    @Override
    public INDArray decode(INDArray latent) {
        if (latent.size(1) != inputSize) {
            throw new IllegalArgumentException("decoder expects " + inputSize + " inputs, got " + latent.size(1));
        }
        INDArray h = latent;
        for (Dense d : layers) {
            h = d.forward(h);
        }
        return h;
    }

    @Override
    public INDArray backward(INDArray gradOutput) {
        long batch = gradOutput.size(0);
        INDArray delta = gradOutput;
        for (int i = layers.size() - 1; i >= 0; i--) {
            INDArray below = i == 0
                    ? inputGradient.output(batch, gradOutput.dataType())
                    : layers.get(i - 1).gradientBuffer(batch, gradOutput.dataType());
            layers.get(i).backward(delta, below, false);
            delta = below;
        }
        return delta;
    }
}
