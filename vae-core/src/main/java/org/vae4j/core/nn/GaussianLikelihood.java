package org.vae4j.core.nn;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Exp;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.vae4j.api.nn.ReconstructionLikelihood;

/**
 * Diagonal Gaussian likelihood with a learned mean and log-variance per value: the decoder emits
 * {@code [mean_1..mean_D, logvar_1..logvar_D]}.
 * -log p(x) = 0.5 * sum(log(2 pi) + lv + (x - mu)^2 exp(-lv)). Single-precision row-major batches
 * use a Java pass per row ({@link FloatKernels}); others, and double precision, ND4J's ops on the
 * two column halves.
 */
public final class GaussianLikelihood implements ReconstructionLikelihood {
    public static final String NAME = "gaussian";
    private static final double LOG_2PI = Math.log(2 * Math.PI);
    private BatchBuffers scratch;
    private final FloatKernels kernels = new FloatKernels();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int paramsPerValue() {
        return 2;
    }

    private INDArray[] split(INDArray params, long d) {
        return new INDArray[] {
            params.get(NDArrayIndex.all(), NDArrayIndex.interval(0, d)),
            params.get(NDArrayIndex.all(), NDArrayIndex.interval(d, 2 * d)),
        };
    }

    /** Writes (x - mu)^2 * exp(-lv) into the first scratch buffer and exp(-lv) into the second. */
    private INDArray[] standardised(INDArray data, INDArray params) {
        long d = data.size(1);
        scratch = BatchBuffers.ofWidth(scratch, d);
        INDArray[] p = split(params, d);
        INDArray sq = scratch.output(data.size(0), data.dataType());
        INDArray precision = scratch.scratch(data.size(0), data.dataType());
        precision.assign(p[1]).negi();
        Nd4j.exec(new Exp(precision, precision));
        sq.assign(data).subi(p[0]);
        sq.muli(sq).muli(precision);
        return new INDArray[] {sq, precision, p[0], p[1]};
    }

    /** The single-precision path applies to row-major FLOAT arrays of matching shapes. */
    private static boolean fast(INDArray data, INDArray params, INDArray other) {
        return FloatKernels.applies(data, params, other)
                && params.rank() == 2
                && data.rank() == 2
                && params.size(0) == data.size(0)
                && params.size(1) == 2 * data.size(1);
    }

    @Override
    public void negLogLikelihood(INDArray data, INDArray distributionParams, INDArray out) {
        if (fast(data, distributionParams, out) && out.length() == data.size(0)) {
            kernels.gaussianNegLogLikelihood(data, distributionParams, out);
            return;
        }
        INDArray[] s = standardised(data, distributionParams);
        INDArray sq = s[0];
        sq.addi(s[3]).addi(LOG_2PI).muli(0.5);
        sq.sum(out, 1);
    }

    @Override
    public void gradient(INDArray data, INDArray distributionParams, double scale, INDArray gradOut) {
        if (fast(data, distributionParams, gradOut) && gradOut.equalShapes(distributionParams)) {
            kernels.gaussianGradient(data, distributionParams, scale, gradOut);
            return;
        }
        long d = data.size(1);
        INDArray[] s = standardised(data, distributionParams);
        INDArray[] g = split(gradOut, d);
        // d/dmu = (mu - x) exp(-lv); d/dlv = 0.5 (1 - (x - mu)^2 exp(-lv))
        g[0].assign(s[2]).subi(data).muli(s[1]).muli(scale);
        g[1].assign(s[0]).rsubi(1.0).muli(0.5 * scale);
    }

    @Override
    public void mean(INDArray distributionParams, INDArray out) {
        out.assign(distributionParams.get(NDArrayIndex.all(), NDArrayIndex.interval(0, out.size(1))));
    }
}
