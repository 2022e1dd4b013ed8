package org.vae4j.core.nn;

import org.nd4j.autodiff.loss.LossReduce;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.loss.SigmoidCrossEntropyLoss;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Sigmoid;
import org.nd4j.linalg.factory.Nd4j;
import org.vae4j.api.nn.ReconstructionLikelihood;

/**
 * Bernoulli likelihood on logits l: -log p(x|l) = softplus(l) - x l. Single-precision batches use
 * {@link FloatKernels} (vectorised Java, 10x faster here); double precision uses ND4J's fused,
 * numerically stable sigmoid cross-entropy. Grayscale pixels in [0, 1] are used as the targets,
 * as in the paper's code and PyTorch's VAE example.
 */
public final class BernoulliLikelihood implements ReconstructionLikelihood {
    public static final String NAME = "bernoulli";
    private BatchBuffers scratch;
    private INDArray one;
    private final FloatKernels kernels = new FloatKernels();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int paramsPerValue() {
        return 1;
    }

    @Override
    public void negLogLikelihood(INDArray data, INDArray distributionParams, INDArray out) {
        if (FloatKernels.applies(data, distributionParams, out)
                && out.length() == data.size(0)
                && data.equalShapes(distributionParams)) {
            kernels.bernoulliNegLogLikelihood(data, distributionParams, out);
            return;
        }
        scratch = BatchBuffers.ofWidth(scratch, data.size(1));
        if (one == null || one.dataType() != data.dataType()) {
            one = Nd4j.scalar(data.dataType(), 1.0);
        }
        INDArray perValue = scratch.output(data.size(0), data.dataType());
        SigmoidCrossEntropyLoss op = new SigmoidCrossEntropyLoss(data, distributionParams, one, LossReduce.NONE, 0.0);
        op.addOutputArgument(perValue);
        Nd4j.exec(op);
        perValue.sum(out, 1);
    }

    @Override
    public void gradient(INDArray data, INDArray distributionParams, double scale, INDArray gradOut) {
        if (FloatKernels.applies(data, distributionParams, gradOut)
                && data.equalShapes(distributionParams)
                && data.equalShapes(gradOut)) {
            kernels.bernoulliGradient(data, distributionParams, (float) scale, gradOut);
            return;
        }
        Nd4j.exec(new Sigmoid(distributionParams, gradOut));
        gradOut.subi(data);
        if (scale != 1.0) {
            gradOut.muli(scale);
        }
    }

    @Override
    public void mean(INDArray distributionParams, INDArray out) {
        Nd4j.exec(new Sigmoid(distributionParams, out));
    }
}
