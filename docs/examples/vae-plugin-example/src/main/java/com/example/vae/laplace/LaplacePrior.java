package com.example.vae.laplace;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.random.impl.UniformDistribution;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.vae4j.api.nn.Prior;

/** p(z) = prod_d Laplace(z_d; 0, b): heavier tails than N(0, I), log p = -L log(2b) - |z|_1 / b. */
public final class LaplacePrior implements Prior {
    private final int latentDims;
    private final double scale;

    public LaplacePrior(int latentDims, double scale) {
        if (latentDims < 1 || !(scale > 0)) {
            throw new IllegalArgumentException("need latentDims >= 1 and scale > 0, got " + latentDims + ", " + scale);
        }
        this.latentDims = latentDims;
        this.scale = scale;
    }

    @Override
    public String name() {
        return "laplace";
    }

    @Override
    public int latentDims() {
        return latentDims;
    }

    @Override
    public void logDensity(INDArray z, INDArray out) {
        INDArray l1 = Transforms.abs(z, true).sum(1);
        out.assign(l1.divi(-scale).subi(latentDims * Math.log(2 * scale)).reshape(out.shape()));
    }

    @Override
    public void gradLogDensity(INDArray z, INDArray out) {
        out.assign(Transforms.sign(z, true).divi(-scale));
    }

    /** Inverse CDF: z = -b sign(u) log(1 - 2|u|) for u uniform on (-1/2, 1/2). */
    @Override
    public void sample(INDArray out, Random rng) {
        INDArray u = out.ulike();
        Nd4j.getExecutioner().exec(new UniformDistribution(u, -0.5, 0.5), rng);
        // 1 - 2|u| is 0 when the generator returns exactly +-1/2; clamp so log stays finite
        INDArray tail = Transforms.max(Transforms.abs(u, true).muli(-2).addi(1), 1e-30, false);
        INDArray magnitude = Transforms.log(tail, false).muli(-scale);
        out.assign(magnitude.muli(Transforms.sign(u, true)));
    }
}
