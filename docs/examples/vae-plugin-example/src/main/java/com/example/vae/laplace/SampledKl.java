package com.example.vae.laplace;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.vae4j.api.nn.Divergence;
import org.vae4j.api.nn.GaussianCode;
import org.vae4j.api.nn.Prior;

/**
 * KL(q(z|x) || p(z)) for any prior, estimated with the reparameterised sample:
 * R = log q(z|x) - log p(z). Unbiased; its gradient reaches the encoder through {@code z} too
 * (the engine carries {@code dR/dz} through z = mean + std * eps).
 */
public final class SampledKl implements Divergence {
    private static final double LOG_2PI = Math.log(2 * Math.PI);
    private final Prior prior;

    public SampledKl(Prior prior) {
        this.prior = prior;
    }

    @Override
    public String name() {
        return "sampled-kl-" + prior.name();
    }

    @Override
    public void value(GaussianCode q, INDArray z, INDArray out) {
        // log q(z|x) = -1/2 sum_d [log 2pi + logVar + (z - mean)^2 / exp(logVar)]
        INDArray diff = z.sub(q.mean());
        INDArray logQ = diff.muli(diff).muli(Transforms.exp(q.logVariance().neg(), false))
                .addi(q.logVariance()).addi(LOG_2PI).sum(1).muli(-0.5);
        INDArray logP = out.ulike();
        prior.logDensity(z, logP);
        out.assign(logQ.reshape(out.shape()).subi(logP));
    }

    @Override
    public void addGradient(GaussianCode q, INDArray z, double scale, INDArray gradMean, INDArray gradLogVariance,
                            INDArray gradZ) {
        INDArray precision = Transforms.exp(q.logVariance().neg(), false);
        INDArray t = z.sub(q.mean()).muli(precision);            // (z - mean) / var
        gradMean.addi(t.mul(scale));                             // d log q / d mean = t
        gradLogVariance.addi(t.mul(z.sub(q.mean())).subi(1).muli(0.5 * scale));
        INDArray gradLogP = z.ulike();
        prior.gradLogDensity(z, gradLogP);
        gradZ.addi(t.negi().subi(gradLogP).muli(scale));          // d(log q - log p) / dz
    }
}
