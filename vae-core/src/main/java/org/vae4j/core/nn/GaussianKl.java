package org.vae4j.core.nn;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Exp;
import org.nd4j.linalg.factory.Nd4j;
import org.vae4j.api.nn.Divergence;
import org.vae4j.api.nn.GaussianCode;

/**
 * KL(N(mu, diag(exp(lv))) || N(0, I)) = 0.5 * sum(mu^2 + exp(lv) - 1 - lv), in closed form; it does
 * not depend on the sample z.
 */
public final class GaussianKl implements Divergence {
    public static final String NAME = "gaussian-kl";
    private BatchBuffers scratch;

    @Override
    public String name() {
        return NAME;
    }

    private INDArray expLogVar(GaussianCode q) {
        scratch = BatchBuffers.ofWidth(scratch, q.latentDims());
        INDArray e = scratch.output(q.batchSize(), q.mean().dataType());
        Nd4j.exec(new Exp(q.logVariance(), e));
        return e;
    }

    @Override
    public void value(GaussianCode q, INDArray z, INDArray out) {
        INDArray terms = expLogVar(q);
        INDArray sq = scratch.scratch(q.batchSize(), q.mean().dataType());
        sq.assign(q.mean()).muli(q.mean());
        terms.addi(sq).subi(q.logVariance()).subi(1.0);
        terms.sum(out, 1).muli(0.5);
    }

    @Override
    public void addGradient(GaussianCode q, INDArray z, double scale, INDArray gradMean, INDArray gradLogVariance,
                            INDArray gradZ) {
        INDArray e = expLogVar(q);
        INDArray m = scratch.scratch(q.batchSize(), q.mean().dataType());
        m.assign(q.mean()).muli(scale);
        gradMean.addi(m);
        e.subi(1.0).muli(0.5 * scale);
        gradLogVariance.addi(e);
    }
}
