package org.vae4j.core.engine;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Exp;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.vae4j.api.Loss;
import org.vae4j.api.ObjectiveTerms;
import org.vae4j.api.TrainingProgress;
import org.vae4j.api.VaeModel;
import org.vae4j.api.nn.GaussianCode;
import org.vae4j.api.nn.Regularizer;
import org.vae4j.api.nn.StochasticRegularizer;
import org.vae4j.api.nn.Views;
import org.vae4j.core.nn.BatchBuffers;

/**
 * One forward (and optionally backward) pass of a VAE on a batch, with the reparameterisation
 * z = mean + exp(logVar / 2) * eps. The batch loss terms are means over the batch; the gradient
 * written to the model's gradient vector is that of the objective's batch mean (plus the model's
 * regularizer, if it has one).
 *
 * <p>For a conditional model the one-hot condition is appended to the encoder input and to the
 * decoder input here, so components stay plain MLPs.
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
    private final BatchBuffers encoderInput;
    private final BatchBuffers decoderInput;
    private INDArray lastD;
    private INDArray lastR;
    private double lastPenalty;
    private long seed;
    private StepProfile profile;
    /** Heap copies for the single-precision latent path (see sampleOnHeap). */
    private float[] heapEps;

    private float[] heapStd;
    private float[] heapA;
    private float[] heapB;
    private float[] heapC;

    public VaeStep(ModelState state) {
        this.state = state;
        this.model = state.model();
        this.latent = new BatchBuffers(model.latentDims());
        this.latentGrad = new BatchBuffers(model.latentDims());
        this.decoded = new BatchBuffers(model.decoder().outputSize());
        this.perExample = new BatchBuffers(1);
        this.encoderInput = new BatchBuffers(model.encoder().inputSize());
        this.decoderInput = new BatchBuffers(model.decoder().inputSize());
    }

    /** Forward pass only: per-example D and R are available afterwards from {@link #perExampleReconstruction()}. */
    public Loss evaluate(INDArray x, NoiseSource noise, TrainingProgress progress) {
        return run(x, null, noise, progress, false);
    }

    /** Forward pass of a (possibly conditional) model; {@code condition} is one-hot {@code [batch, classes]} or null. */
    public Loss evaluate(INDArray x, INDArray condition, NoiseSource noise, TrainingProgress progress) {
        return run(x, condition, noise, progress, false);
    }

    /** Forward and backward pass; the model's gradient vector then holds d(objective)/d(params). */
    public Loss computeGradient(INDArray x, NoiseSource noise, TrainingProgress progress) {
        return run(x, null, noise, progress, true);
    }

    public Loss computeGradient(INDArray x, INDArray condition, NoiseSource noise, TrainingProgress progress) {
        return run(x, condition, noise, progress, true);
    }

    public INDArray perExampleReconstruction() {
        return lastD;
    }

    public INDArray perExampleRate() {
        return lastR;
    }

    /** Charges the phases of each following step to {@code profile} (null: no timing). */
    public void profile(StepProfile profile) {
        this.profile = profile;
    }

    private void mark(StepProfile.Phase phase) {
        if (profile != null) {
            profile.mark(phase);
        }
    }

    /**
     * The run's seed, from which a {@link StochasticRegularizer}'s random source for each step is
     * derived (default 0).
     */
    public VaeStep seed(long seed) {
        this.seed = seed;
        return this;
    }

    /** The regularizer's value on the last batch (0 without one). */
    public double lastPenalty() {
        return lastPenalty;
    }

    private Loss run(INDArray x, INDArray condition, NoiseSource noise, TrainingProgress progress, boolean backward) {
        long n = x.size(0);
        DataType type = state.dataType();
        if (x.dataType() != type) {
            throw new IllegalArgumentException("batch is " + x.dataType() + " but the model is " + type);
        }
        int k = model.conditionSize();
        if (k > 0 && (condition == null || condition.size(0) != n || condition.size(1) != k)) {
            throw new IllegalArgumentException("model " + state.provider() + " is conditioned on " + k
                    + " classes and needs a one-hot condition of shape [" + n + ", " + k + "]");
        }
        GaussianCode q = model.encoder().encode(k > 0 ? concat(x, condition, encoderInput) : x);
        mark(StepProfile.Phase.ENCODER_FORWARD);
        INDArray eps = latent.output(n, type);
        INDArray std = latent.scratch(n, type);
        INDArray z = latent.gradient(n, type);
        noise.fill(eps);
        boolean heap = Views.allRowMajorFloat(q.mean(), q.logVariance(), eps, std, z);
        if (heap) {
            sampleOnHeap(q, eps, std, z);
        } else {
            std.assign(q.logVariance()).muli(0.5);
            Nd4j.exec(new Exp(std, std));
            z.assign(std).muli(eps).addi(q.mean());
        }
        mark(StepProfile.Phase.SAMPLE);

        INDArray params = model.decoder().decode(k > 0 ? concat(z, condition, decoderInput) : z);
        mark(StepProfile.Phase.DECODER_FORWARD);
        INDArray d = perExample.output(n, type).reshape(n);
        INDArray r = perExample.scratch(n, type).reshape(n);
        model.likelihood().negLogLikelihood(x, params, d);
        model.divergence().value(q, z, r);
        lastD = d;
        lastR = r;
        double meanD = mean(d);
        double meanR = mean(r);
        ObjectiveTerms terms = model.objective().evaluate(meanD, meanR, progress);
        Regularizer regularizer = model.regularizer().orElse(null);
        lastPenalty = regularizer == null
                ? 0
                : regularizer instanceof StochasticRegularizer s
                        ? s.value(q, z, progress, StochasticRegularizer.forStep(seed, progress.step()))
                        : regularizer.value(q, z, progress);
        Loss loss = new Loss(meanD, meanR, terms.value() + lastPenalty, lastPenalty);
        mark(StepProfile.Phase.LOSS);
        if (!backward) {
            return loss;
        }
        INDArray gradParams = decoded.gradient(n, type);
        model.likelihood().gradient(x, params, terms.reconstructionWeight() / n, gradParams);
        INDArray gradZ = latentGrad.output(n, type);
        INDArray gradDecoderInput = model.decoder().backward(gradParams);
        gradZ.assign(
                k > 0
                        ? gradDecoderInput.get(NDArrayIndex.all(), NDArrayIndex.interval(0, model.latentDims()))
                        : gradDecoderInput);
        mark(StepProfile.Phase.DECODER_BACKWARD);
        INDArray gradMean = latentGrad.scratch(n, type);
        INDArray gradLogVar = latentGrad.gradient(n, type);
        gradMean.assign(0);
        gradLogVar.assign(0);
        model.divergence().addGradient(q, z, terms.rateWeight() / n, gradMean, gradLogVar, gradZ);
        if (regularizer instanceof StochasticRegularizer s) {
            // the same draws as the value's: a fresh source with the same seed
            s.addGradient(
                    q,
                    z,
                    progress,
                    1.0,
                    gradMean,
                    gradLogVar,
                    gradZ,
                    StochasticRegularizer.forStep(seed, progress.step()));
        } else if (regularizer != null) {
            regularizer.addGradient(q, z, progress, 1.0, gradMean, gradLogVar, gradZ);
        }
        // Through the reparameterisation: dz/dmean = 1, dz/dlogVar = 0.5 * std * eps.
        if (heap && Views.allRowMajorFloat(gradZ, gradMean, gradLogVar)) {
            chainOnHeap(gradZ, gradMean, gradLogVar);
        } else {
            gradMean.addi(gradZ);
            gradZ.muli(std).muli(eps).muli(0.5);
            gradLogVar.addi(gradZ);
        }
        mark(StepProfile.Phase.LATENT_GRADIENT);
        model.encoder().backward(gradMean, gradLogVar);
        mark(StepProfile.Phase.ENCODER_BACKWARD);
        return loss;
    }

    /*
     * Single precision: the latent arrays are only [batch, latent] (100 x 10 for the paper's model),
     * where each ND4J call costs more than its arithmetic. The sample and the reparameterisation's
     * chain rule run as Java loops over heap copies instead, with the same float operations in the
     * same order; std and eps stay on the heap between the forward and the backward pass.
     */
    private void sampleOnHeap(GaussianCode q, INDArray eps, INDArray std, INDArray z) {
        int m = (int) eps.length();
        heapEps = Views.readFloats(eps, heapEps);
        heapA = Views.readFloats(q.mean(), heapA);
        heapB = Views.readFloats(q.logVariance(), heapB);
        heapStd = Views.atLeast(heapStd, m);
        for (int i = 0; i < m; i++) {
            float s = (float) Math.exp(0.5 * heapB[i]);
            heapStd[i] = s;
            heapB[i] = s * heapEps[i] + heapA[i];
        }
        Views.writeFloats(heapStd, std);
        Views.writeFloats(heapB, z);
    }

    private void chainOnHeap(INDArray gradZ, INDArray gradMean, INDArray gradLogVar) {
        int m = (int) gradZ.length();
        heapC = Views.readFloats(gradZ, heapC);
        heapA = Views.readFloats(gradMean, heapA);
        heapB = Views.readFloats(gradLogVar, heapB);
        float[] gz = heapC;
        float[] gm = heapA;
        float[] gv = heapB;
        for (int i = 0; i < m; i++) {
            gm[i] += gz[i];
            gv[i] += gz[i] * heapStd[i] * heapEps[i] * 0.5f;
        }
        Views.writeFloats(gm, gradMean);
        Views.writeFloats(gv, gradLogVar);
    }

    /** The mean of a vector, summed in double precision. */
    private double mean(INDArray v) {
        if (!Views.allRowMajorFloat(v)) {
            return v.meanNumber().doubleValue();
        }
        heapC = Views.readFloats(v, heapC);
        int n = (int) v.length();
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += heapC[i];
        }
        return sum / n;
    }

    /** {@code [a, condition]} in a reused buffer of the given side's input width. */
    private static INDArray concat(INDArray a, INDArray condition, BatchBuffers buffers) {
        long n = a.size(0);
        INDArray out = buffers.output(n, a.dataType());
        long w = a.size(1);
        out.get(NDArrayIndex.all(), NDArrayIndex.interval(0, w)).assign(a);
        out.get(NDArrayIndex.all(), NDArrayIndex.interval(w, out.size(1))).assign(condition);
        return out;
    }
}
