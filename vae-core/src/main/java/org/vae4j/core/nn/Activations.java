package org.vae4j.core.nn;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.MulOp;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.vae4j.api.nn.Activation;

/** In-place activations and their derivatives, expressed through the activation's output. */
final class Activations {
    private Activations() {}

    static void applyInPlace(Activation activation, INDArray x) {
        switch (activation) {
            case TANH -> Transforms.tanh(x, false);
            case RELU -> Transforms.relu(x, false);
            case SIGMOID -> Transforms.sigmoid(x, false);
            case IDENTITY -> {}
        }
    }

    /**
     * Turns {@code delta} (dL/d output) into dL/d pre-activation, in place, given the activation's
     * output {@code y}; {@code scratch} has the shape of {@code y}.
     */
    static void backpropInPlace(Activation activation, INDArray y, INDArray delta, INDArray scratch) {
        switch (activation) {
            case TANH -> {
                // 1 - y^2
                Nd4j.exec(new MulOp(y, y, scratch));
                scratch.rsubi(1.0);
                delta.muli(scratch);
            }
            case SIGMOID -> {
                // y (1 - y)
                y.rsub(1.0, scratch);
                scratch.muli(y);
                delta.muli(scratch);
            }
            case RELU -> {
                scratch.assign(y);
                Transforms.step(scratch, false);
                delta.muli(scratch);
            }
            case IDENTITY -> {}
        }
    }
}
