package org.vae4j.core.engine;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Exp;
import org.nd4j.linalg.factory.Nd4j;
import org.vae4j.api.Loss;
import org.vae4j.api.ObjectiveTerms;
import org.vae4j.api.TrainingProgress;
import org.vae4j.api.VaeModel;
import org.vae4j.api.nn.GaussianCode;
import org.vae4j.core.nn.BatchBuffers;

/**
 * One forward (and optionally backward) pass of a VAE on a batch, with the reparameterisation
 * z = mean + exp(logVar / 2) * eps. The batch loss terms are means over the batch; the gradient
 * written to the model's gradient vector is that of the objective's batch mean.
 *
 * <p>Buffers are allocated once per batch size; a training step allocates nothing else of size.
 */
public final class VaeStep {
    private final ModelState state;
    private final VaeModel model;
    private final BatchBuffers latent;
    private final BatchBuffers latentGrad;
    private final BatchBuffers decoded;
    private final BatchBuffers perExample;
    private INDArray lastD;
    private INDArray lastR;

    public VaeStep(ModelState state) {
        this.state = state;
        this.model = state.model();
        this.latent = new BatchBuffers(model.latentDims());
        this.latentGrad = new BatchBuffers(model.latentDims());
        this.decoded = new BatchBuffers(model.decoder().outputSize());
        this.perExample = new BatchBuffers(1);
    }

    /** Forward pass only: per-example D and R are available afterwards from {@link #perExampleReconstruction()}. */
    public Loss evaluate(INDArray x, NoiseSource noise, TrainingProgress progress) {
        return run(x, noise, progress, false);
    }

    /** Forward and backward pass; the model's gradient vector then holds d(objective)/d(params). */
    public Loss computeGradient(INDArray x, NoiseSource noise, TrainingProgress progress) {
        return run(x, noise, progress, true);
    }

    public INDArray perExampleReconstruction() {
        return lastD;
    }

    public INDArray perExampleRate() {
        return lastR;
    }

    private Loss run(INDArray x, NoiseSource noise, TrainingProgress progress, boolean backward) {
        long n = x.size(0);
        DataType type = state.dataType();
        if (x.dataType() != type) {
            throw new IllegalArgumentException("batch is " + x.dataType() + " but the model is " + type);
        }
        GaussianCode q = model.encoder().encode(x);
        INDArray eps = latent.output(n, type);
        INDArray std = latent.scratch(n, type);
        INDArray z = latent.gradient(n, type);
        noise.fill(eps);
        std.assign(q.logVariance()).muli(0.5);
        Nd4j.exec(new Exp(std, std));
        z.assign(std).muli(eps).addi(q.mean());

        INDArray params = model.decoder().decode(z);
        INDArray d = perExample.output(n, type).reshape(n);
        INDArray r = perExample.scratch(n, type).reshape(n);
        model.likelihood().negLogLikelihood(x, params, d);
        model.divergence().value(q, z, r);
        lastD = d;
        lastR = r;
        double meanD = d.meanNumber().doubleValue();
        double meanR = r.meanNumber().doubleValue();
        ObjectiveTerms terms = model.objective().evaluate(meanD, meanR, progress);
        Loss loss = new Loss(meanD, meanR, terms.value());
        if (!backward) {
            return loss;
        }
        INDArray gradParams = decoded.gradient(n, type);
        model.likelihood().gradient(x, params, terms.reconstructionWeight() / n, gradParams);
        INDArray gradZ = latentGrad.output(n, type);
        gradZ.assign(model.decoder().backward(gradParams));
        INDArray gradMean = latentGrad.scratch(n, type);
        INDArray gradLogVar = latentGrad.gradient(n, type);
        gradMean.assign(0);
        gradLogVar.assign(0);
        model.divergence().addGradient(q, z, terms.rateWeight() / n, gradMean, gradLogVar, gradZ);
        // Through the reparameterisation: dz/dmean = 1, dz/dlogVar = 0.5 * std * eps.
        gradMean.addi(gradZ);
        gradZ.muli(std).muli(eps).muli(0.5);
        gradLogVar.addi(gradZ);
        model.encoder().backward(gradMean, gradLogVar);
        return loss;
    }
}
