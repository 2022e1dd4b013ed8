package org.vae4j.core.nn;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.random.impl.GaussianDistribution;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;
import org.vae4j.api.nn.Prior;

/** p(z) = N(0, I). */
public final class StandardNormalPrior implements Prior {
    public static final String NAME = "standard-normal";
    private static final double LOG_2PI = Math.log(2 * Math.PI);
    private final int latentDims;
    private BatchBuffers scratch;

    public StandardNormalPrior(int latentDims) {
        if (latentDims < 1) {
            throw new IllegalArgumentException("latent dimensions must be >= 1, got " + latentDims);
        }
        this.latentDims = latentDims;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int latentDims() {
        return latentDims;
    }

    @Override
    public void logDensity(INDArray z, INDArray out) {
        if (scratch == null) {
            scratch = new BatchBuffers(latentDims);
        }
        INDArray sq = scratch.output(z.size(0), z.dataType());
        sq.assign(z).muli(z);
        sq.sum(out, 1);
        out.addi(latentDims * LOG_2PI).muli(-0.5);
    }

    @Override
    public void gradLogDensity(INDArray z, INDArray out) {
        out.assign(z).negi();
    }

    @Override
    public void sample(INDArray out, Random rng) {
        Nd4j.getExecutioner().exec(new GaussianDistribution(out, 0.0, 1.0), rng);
    }
}
