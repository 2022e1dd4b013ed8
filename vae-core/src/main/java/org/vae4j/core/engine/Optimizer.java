package org.vae4j.core.engine;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.AdaGrad;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.vae4j.api.OptimizerKind;

/**
 * A first-order optimizer over the model's whole flat parameter vector, one fused native update per
 * step. Its state (Adam's moments, Adagrad's accumulators) is one flat array, saved in checkpoints.
 */
public final class Optimizer {
    private final OptimizerKind kind;
    private final double learningRate;
    private final INDArray state;
    private final GradientUpdater<?> updater;
    private long iteration;

    public Optimizer(OptimizerKind kind, double learningRate, long numParams, org.nd4j.linalg.api.buffer.DataType type) {
        this(kind, learningRate, Nd4j.zeros(type, 1, stateSize(kind, learningRate, numParams)), 0, true);
    }

    private Optimizer(OptimizerKind kind, double learningRate, INDArray state, long iteration, boolean initialize) {
        this.kind = kind;
        this.learningRate = learningRate;
        this.state = state;
        this.iteration = iteration;
        this.updater = config(kind, learningRate).instantiate(state, initialize);
    }

    /** Restores an optimizer from a checkpoint's state array and iteration count. */
    public static Optimizer restore(OptimizerKind kind, double learningRate, INDArray state, long iteration) {
        return new Optimizer(kind, learningRate, state.reshape(1, state.length()), iteration, false);
    }

    private static IUpdater config(OptimizerKind kind, double lr) {
        return switch (kind) {
            // Same hyper-parameters as PyTorch's defaults: betas (0.9, 0.999), eps 1e-8.
            case ADAM -> new Adam(lr, 0.9, 0.999, 1e-8);
            case ADAGRAD -> new AdaGrad(lr, 1e-10);
        };
    }

    public static long stateSize(OptimizerKind kind, double lr, long numParams) {
        return config(kind, lr).stateSize(numParams);
    }

    /** Applies one step: {@code gradients} (a flat row vector) is turned into the update in place. */
    public void step(INDArray params, INDArray gradients, int epoch) {
        updater.applyUpdater(gradients, (int) iteration, epoch);
        params.subi(gradients);
        iteration++;
    }

    public OptimizerKind kind() {
        return kind;
    }

    public double learningRate() {
        return learningRate;
    }

    public INDArray state() {
        return state;
    }

    public long iteration() {
        return iteration;
    }
}
