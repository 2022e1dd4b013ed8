package org.vae4j.core.engine;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.vae4j.api.VaeModel;
import org.vae4j.api.nn.GaussianCode;

/**
 * Inference with a trained model outside training: posterior parameters of images and mean
 * images decoded from codes, with the condition appended for conditional models. Results are
 * fresh arrays (safe to keep); it is not meant for the training hot path.
 */
public final class ModelRunner {
    private final VaeModel model;
    private final DataType type;

    public ModelRunner(VaeModel model, DataType type) {
        this.model = model;
        this.type = type;
    }

    public VaeModel model() {
        return model;
    }

    /** One-hot rows {@code [labels.length, classes]}. */
    public static INDArray oneHot(int[] labels, int classes, DataType type) {
        INDArray out = Nd4j.zeros(type, labels.length, classes);
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= classes) {
                throw new IllegalArgumentException("label " + labels[i] + " is outside [0, " + classes + ")");
            }
            out.putScalar(i, labels[i], 1.0);
        }
        return out;
    }

    /** {@code [a, condition]}, or {@code a} itself for an unconditional model. */
    public INDArray withCondition(INDArray a, INDArray condition) {
        if (!model.isConditional()) {
            return a;
        }
        if (condition == null || condition.size(0) != a.size(0) || condition.size(1) != model.conditionSize()) {
            throw new IllegalArgumentException("the model is conditioned on " + model.conditionSize()
                    + " classes: give a one-hot condition of shape [" + a.size(0) + ", " + model.conditionSize() + "]");
        }
        return Nd4j.hstack(a, condition.castTo(a.dataType()));
    }

    /** q(z|x) for a batch of images ({@code condition} one-hot, or null for an unconditional model). */
    public GaussianCode encode(INDArray x, INDArray condition) {
        GaussianCode q = model.encoder().encode(withCondition(x.castTo(type), condition));
        return new GaussianCode(q.mean().dup('c'), q.logVariance().dup('c'));
    }

    /** The decoder's distribution parameters for codes z. */
    public INDArray decodeParams(INDArray z, INDArray condition) {
        return model.decoder().decode(withCondition(z.castTo(type), condition)).dup('c');
    }

    /** The mean image E[x|z] for codes z, {@code [n, dataSize]}. */
    public INDArray decodeMean(INDArray z, INDArray condition) {
        INDArray params = decodeParams(z, condition);
        INDArray out = Nd4j.create(type, z.size(0), model.dataSize());
        model.likelihood().mean(params, out);
        return out;
    }
}
