package org.vae4j.core.nn;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Exp;
import org.nd4j.linalg.factory.Nd4j;
import org.vae4j.api.nn.Divergence;
import org.vae4j.api.nn.GaussianCode;
import org.vae4j.api.nn.Views;

/**
 * KL(N(mu, diag(exp(lv))) || N(0, I)) = 0.5 * sum(mu^2 + exp(lv) - 1 - lv), in closed form; it does
 * not depend on the sample z. Single-precision row-major inputs take a Java pass over heap copies
 * (the arrays are only [batch, latent]); others, and double precision, ND4J's ops.
 */
public final class GaussianKl implements Divergence {
    public static final String NAME = "gaussian-kl";
    private BatchBuffers scratch;
    /** Heap copies for the single-precision path. */
    private float[] mean;

    private float[] logVar;
    private float[] gm;
    private float[] gv;
    private float[] rows;

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
        if (Views.allRowMajorFloat(q.mean(), q.logVariance(), out) && out.length() == q.batchSize()) {
            // The [batch, latent] arrays are small: one Java pass instead of eight ND4J calls.
            int n = (int) q.batchSize();
            int k = q.latentDims();
            mean = Views.readFloats(q.mean(), mean);
            logVar = Views.readFloats(q.logVariance(), logVar);
            rows = Views.atLeast(rows, n);
            for (int i = 0; i < n; i++) {
                double sum = 0;
                for (int d = i * k; d < (i + 1) * k; d++) {
                    sum += (double) mean[d] * mean[d] + Math.exp(logVar[d]) - 1 - logVar[d];
                }
                rows[i] = (float) (0.5 * sum);
            }
            Views.writeFloats(rows, out);
            return;
        }
        INDArray terms = expLogVar(q);
        INDArray sq = scratch.scratch(q.batchSize(), q.mean().dataType());
        sq.assign(q.mean()).muli(q.mean());
        terms.addi(sq).subi(q.logVariance()).subi(1.0);
        terms.sum(out, 1).muli(0.5);
    }

    @Override
    public void addGradient(
            GaussianCode q, INDArray z, double scale, INDArray gradMean, INDArray gradLogVariance, INDArray gradZ) {
        if (Views.allRowMajorFloat(q.mean(), q.logVariance(), gradMean, gradLogVariance)) {
            int n = (int) (q.batchSize() * q.latentDims());
            mean = Views.readFloats(q.mean(), mean);
            logVar = Views.readFloats(q.logVariance(), logVar);
            gm = Views.readFloats(gradMean, gm);
            gv = Views.readFloats(gradLogVariance, gv);
            for (int i = 0; i < n; i++) {
                gm[i] += (float) (scale * mean[i]);
                gv[i] += (float) (0.5 * scale * (Math.exp(logVar[i]) - 1));
            }
            Views.writeFloats(gm, gradMean);
            Views.writeFloats(gv, gradLogVariance);
            return;
        }
        INDArray e = expLogVar(q);
        INDArray m = scratch.scratch(q.batchSize(), q.mean().dataType());
        m.assign(q.mean()).muli(scale);
        gradMean.addi(m);
        e.subi(1.0).muli(0.5 * scale);
        gradLogVariance.addi(e);
    }
}
