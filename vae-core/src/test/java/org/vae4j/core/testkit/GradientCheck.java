package org.vae4j.core.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.DoubleSupplier;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.vae4j.api.TrainingProgress;
import org.vae4j.api.nn.Decoder;
import org.vae4j.api.nn.Divergence;
import org.vae4j.api.nn.Encoder;
import org.vae4j.api.nn.GaussianCode;
import org.vae4j.api.nn.Parameterized;
import org.vae4j.api.nn.Prior;
import org.vae4j.api.nn.ReconstructionLikelihood;
import org.vae4j.api.nn.Regularizer;
import org.vae4j.api.nn.StochasticRegularizer;
import org.vae4j.core.engine.ModelState;
import org.vae4j.core.engine.VaeStep;

/**
 * Double-precision finite-difference gradient checks for vae4j components: the conformance kit
 * plugin authors run on their own encoders, decoders, likelihoods, priors and divergences.
 *
 * <p>Each check defines a scalar loss from the component's outputs (a fixed random weighting of
 * them), computes its gradient with the component's own backward code, and compares it with
 * central differences {@code (L(p + h) - L(p - h)) / 2h}. Failures throw {@link AssertionError}
 * listing the worst entries.
 */
public final class GradientCheck {
    public static final double EPSILON = 1e-6;
    public static final double MAX_RELATIVE_ERROR = 1e-5;
    public static final double MIN_ABSOLUTE_ERROR = 1e-8;
    /** Rounding error assumed in a loss evaluation, in units in the last place of its value. */
    public static final double LOSS_ULPS = 16;
    /** At most this many parameters are checked per component (chosen at random, seeded). */
    public static final int MAX_CHECKED = 300;

    private GradientCheck() {}

    public static INDArray randn(Random r, long rows, long cols, double scale) {
        INDArray a = Nd4j.create(DataType.DOUBLE, rows, cols);
        for (long i = 0; i < rows; i++) {
            for (long j = 0; j < cols; j++) {
                a.putScalar(i, j, r.nextGaussian() * scale);
            }
        }
        return a;
    }

    public static INDArray uniform(Random r, long rows, long cols) {
        INDArray a = Nd4j.create(DataType.DOUBLE, rows, cols);
        for (long i = 0; i < rows; i++) {
            for (long j = 0; j < cols; j++) {
                a.putScalar(i, j, r.nextDouble());
            }
        }
        return a;
    }

    private static double dot(INDArray a, INDArray b) {
        return a.castTo(DataType.DOUBLE)
                .mul(b.castTo(DataType.DOUBLE))
                .sumNumber()
                .doubleValue();
    }

    /** Binds a component to fresh double-precision parameter and gradient vectors. */
    public static INDArray[] bindDouble(Parameterized component, long seed) {
        long n = component.numParams();
        INDArray params = Nd4j.zeros(DataType.DOUBLE, 1, Math.max(n, 1));
        INDArray grads = Nd4j.zeros(DataType.DOUBLE, 1, Math.max(n, 1));
        component.bind(params, grads, true, Nd4j.getRandomFactory().getNewRandomInstance(seed));
        return new INDArray[] {params, grads};
    }

    public static void checkEncoder(Encoder encoder, int batch, long seed) {
        Random r = new Random(seed);
        INDArray[] pg = bindDouble(encoder, seed);
        checkEncoder(encoder, pg, uniform(r, batch, encoder.inputSize()), r);
    }

    /** As {@link #checkEncoder(Encoder, int, long)} on the given double-precision inputs (e.g. with zeros). */
    public static void checkEncoder(Encoder encoder, INDArray x, long seed) {
        Random r = new Random(seed);
        checkEncoder(encoder, bindDouble(encoder, seed), x, r);
    }

    private static void checkEncoder(Encoder encoder, INDArray[] pg, INDArray x, Random r) {
        long batch = x.size(0);
        INDArray wm = randn(r, batch, encoder.latentDims(), 1);
        INDArray wv = randn(r, batch, encoder.latentDims(), 1);
        DoubleSupplier loss = () -> {
            GaussianCode q = encoder.encode(x);
            return dot(q.mean(), wm) + dot(q.logVariance(), wv);
        };
        double unused = loss.getAsDouble(); // the forward pass that backward reads
        encoder.backward(wm.dup(), wv.dup());
        compare("encoder parameters", pg[0], pg[1].dup(), loss, r);
    }

    public static void checkDecoder(Decoder decoder, int batch, long seed) {
        Random r = new Random(seed);
        INDArray[] pg = bindDouble(decoder, seed);
        INDArray z = randn(r, batch, decoder.inputSize(), 1);
        INDArray w = randn(r, batch, decoder.outputSize(), 1);
        DoubleSupplier loss = () -> dot(decoder.decode(z), w);
        double unused = loss.getAsDouble(); // the forward pass that backward reads
        INDArray gradZ = decoder.backward(w.dup()).dup();
        compare("decoder parameters", pg[0], pg[1].dup(), loss, r);
        compare("decoder input", z, gradZ, loss, r);
    }

    /**
     * Checks d(sum of -log p)/d(params) of a likelihood at random parameters and data drawn by
     * {@code data} (e.g. uniform pixels for Bernoulli).
     */
    public static void checkLikelihood(ReconstructionLikelihood likelihood, INDArray data, long seed) {
        Random r = new Random(seed);
        long batch = data.size(0);
        INDArray params = randn(r, batch, data.size(1) * likelihood.paramsPerValue(), 1.5);
        INDArray out = Nd4j.create(DataType.DOUBLE, batch);
        DoubleSupplier loss = () -> {
            likelihood.negLogLikelihood(data, params, out);
            return out.sumNumber().doubleValue();
        };
        INDArray grad = Nd4j.create(DataType.DOUBLE, params.shape());
        likelihood.gradient(data, params, 1.0, grad);
        compare("likelihood " + likelihood.name() + " parameters", params, grad, loss, r);
        INDArray scaled = Nd4j.create(DataType.DOUBLE, params.shape());
        likelihood.gradient(data, params, 0.25, scaled);
        if (!scaled.equalsWithEps(grad.mul(0.25), 1e-12)) {
            throw new AssertionError("likelihood " + likelihood.name() + " ignores the gradient scale");
        }
    }

    public static void checkPrior(Prior prior, int batch, long seed) {
        Random r = new Random(seed);
        INDArray z = randn(r, batch, prior.latentDims(), 1);
        INDArray out = Nd4j.create(DataType.DOUBLE, batch);
        DoubleSupplier loss = () -> {
            prior.logDensity(z, out);
            return out.sumNumber().doubleValue();
        };
        INDArray grad = Nd4j.create(DataType.DOUBLE, z.shape());
        prior.gradLogDensity(z, grad);
        compare("prior " + prior.name() + " log-density", z, grad, loss, r);
    }

    public static void checkDivergence(Divergence divergence, int batch, int latentDims, long seed) {
        Random r = new Random(seed);
        INDArray mean = randn(r, batch, latentDims, 1);
        INDArray logVar = randn(r, batch, latentDims, 0.5);
        INDArray z = randn(r, batch, latentDims, 1);
        INDArray out = Nd4j.create(DataType.DOUBLE, batch);
        DoubleSupplier loss = () -> {
            divergence.value(new GaussianCode(mean, logVar), z, out);
            return out.sumNumber().doubleValue();
        };
        INDArray gm = Nd4j.zeros(DataType.DOUBLE, batch, latentDims);
        INDArray gv = Nd4j.zeros(DataType.DOUBLE, batch, latentDims);
        INDArray gz = Nd4j.zeros(DataType.DOUBLE, batch, latentDims);
        divergence.addGradient(new GaussianCode(mean, logVar), z, 1.0, gm, gv, gz);
        compare("divergence " + divergence.name() + " mean", mean, gm, loss, r);
        compare("divergence " + divergence.name() + " log-variance", logVar, gv, loss, r);
        compare("divergence " + divergence.name() + " z", z, gz, loss, r);
    }

    /**
     * Checks the gradient of a whole model's training objective (batch mean) with respect to all its
     * parameters, with fixed reparameterisation noise. The model must be bound in double precision.
     */
    public static void checkModel(ModelState state, INDArray x, long seed) {
        if (state.dataType() != DataType.DOUBLE) {
            throw new IllegalArgumentException("gradient checks need a DOUBLE model");
        }
        Random r = new Random(seed);
        INDArray eps = randn(r, x.size(0), state.model().latentDims(), 1);
        INDArray condition = state.model().isConditional()
                ? randomOneHot(r, x.size(0), state.model().conditionSize())
                : null;
        VaeStep step = new VaeStep(state);
        TrainingProgress progress = new TrainingProgress(0, 2, 3, 10, 1000);
        DoubleSupplier loss =
                () -> step.evaluate(x, condition, e -> e.assign(eps), progress).objective();
        step.computeGradient(x, condition, e -> e.assign(eps), progress);
        compare(
                "model " + state.provider() + " objective",
                state.params(),
                state.gradients().dup(),
                loss,
                r);
    }

    /** Random one-hot rows {@code [rows, classes]} in double precision. */
    public static INDArray randomOneHot(Random r, long rows, int classes) {
        INDArray a = Nd4j.zeros(DataType.DOUBLE, rows, classes);
        for (long i = 0; i < rows; i++) {
            a.putScalar(i, r.nextInt(classes), 1.0);
        }
        return a;
    }

    /**
     * Checks a regularizer's gradient with respect to the posterior mean, log-variance and sample
     * at random values, for the given training progress (e.g. with the dataset size it reads).
     */
    public static void checkRegularizer(
            Regularizer regularizer, int batch, int latentDims, TrainingProgress progress, long seed) {
        Random r = new Random(seed);
        INDArray mean = randn(r, batch, latentDims, 1);
        INDArray logVar = randn(r, batch, latentDims, 0.5);
        INDArray z = randn(r, batch, latentDims, 1);
        GaussianCode q = new GaussianCode(mean, logVar);
        DoubleSupplier loss = () -> value(regularizer, q, z, progress);
        // first: at a fixed step the penalty must be a function of its inputs, or no difference quotient means anything
        double first = loss.getAsDouble();
        double second = loss.getAsDouble();
        INDArray[] g1 = gradient(regularizer, q, z, progress, batch, latentDims);
        INDArray[] g2 = gradient(regularizer, q, z, progress, batch, latentDims);
        if (Double.compare(first, second) != 0
                || !g1[0].equals(g2[0])
                || !g1[1].equals(g2[1])
                || !g1[2].equals(g2[2])) {
            throw new AssertionError(
                    "regularizer " + regularizer.name() + " is not deterministic at a fixed step (value "
                            + first + ", then " + second + " for the same inputs"
                            + (first == second ? ", or its gradient differs" : "")
                            + "): a penalty that samples must implement StochasticRegularizer and draw only from the random"
                            + " source it is given (see docs/plugins.md); the gradient check cannot judge it otherwise");
        }
        compare("regularizer " + regularizer.name() + " mean", mean, g1[0], loss, r);
        compare("regularizer " + regularizer.name() + " log-variance", logVar, g1[1], loss, r);
        compare("regularizer " + regularizer.name() + " z", z, g1[2], loss, r);
    }

    /** The value as the engine computes it: a stochastic penalty gets the source of this step. */
    private static double value(Regularizer regularizer, GaussianCode q, INDArray z, TrainingProgress progress) {
        return regularizer instanceof StochasticRegularizer s
                ? s.value(q, z, progress, StochasticRegularizer.forStep(1, progress.step()))
                : regularizer.value(q, z, progress);
    }

    private static INDArray[] gradient(
            Regularizer regularizer, GaussianCode q, INDArray z, TrainingProgress progress, int batch, int latentDims) {
        INDArray gm = Nd4j.zeros(DataType.DOUBLE, batch, latentDims);
        INDArray gv = Nd4j.zeros(DataType.DOUBLE, batch, latentDims);
        INDArray gz = Nd4j.zeros(DataType.DOUBLE, batch, latentDims);
        if (regularizer instanceof StochasticRegularizer s) {
            s.addGradient(q, z, progress, 1.0, gm, gv, gz, StochasticRegularizer.forStep(1, progress.step()));
        } else {
            regularizer.addGradient(q, z, progress, 1.0, gm, gv, gz);
        }
        return new INDArray[] {gm, gv, gz};
    }

    /** Compares {@code analytic} with central differences of {@code loss} over entries of {@code variable}. */
    public static void compare(String what, INDArray variable, INDArray analytic, DoubleSupplier loss, Random r) {
        long n = variable.length();
        List<Long> indices = new ArrayList<>();
        if (n <= MAX_CHECKED) {
            for (long i = 0; i < n; i++) {
                indices.add(i);
            }
        } else {
            for (int i = 0; i < MAX_CHECKED; i++) {
                indices.add((long) r.nextInt((int) n));
            }
        }
        if (!java.util.Arrays.equals(variable.shape(), analytic.shape())) {
            throw new IllegalArgumentException(what + ": gradient shape " + java.util.Arrays.toString(analytic.shape())
                    + " differs from variable shape " + java.util.Arrays.toString(variable.shape()));
        }
        INDArray flatVar = variable;
        INDArray flatGrad = analytic.ordering() == variable.ordering() ? analytic : analytic.dup(variable.ordering());
        List<String> failures = new ArrayList<>();
        double worst = 0;
        // Central differences cannot resolve a gradient more finely than the rounding error of the
        // loss itself, about a few ulps of |L| divided by the step; a loss of 5000 (e.g. a capacity
        // penalty with gamma = 1000) has a floor of ~1e-5, one of 30 a floor of ~1e-7.
        double noiseFloor = Math.max(MIN_ABSOLUTE_ERROR, LOSS_ULPS * Math.ulp(Math.abs(loss.getAsDouble())) / EPSILON);
        for (long i : indices) {
            double original = flatVar.getDouble(i);
            flatVar.putScalar(i, original + EPSILON);
            double plus = loss.getAsDouble();
            flatVar.putScalar(i, original - EPSILON);
            double minus = loss.getAsDouble();
            flatVar.putScalar(i, original);
            double numeric = (plus - minus) / (2 * EPSILON);
            double a = flatGrad.getDouble(i);
            double abs = Math.abs(a - numeric);
            double rel = abs / Math.max(Math.abs(a) + Math.abs(numeric), 1e-300);
            if (abs > noiseFloor && rel > MAX_RELATIVE_ERROR) {
                worst = Math.max(worst, rel);
                if (failures.size() < 5) {
                    failures.add("[" + i + "] analytic " + a + " numeric " + numeric + " (relative error " + rel + ")");
                }
            }
        }
        double unused = loss.getAsDouble(); // leaves the component's caches as they were before the probes
        if (!failures.isEmpty()) {
            throw new AssertionError("gradient check failed for " + what + ", worst relative error " + worst + ": "
                    + String.join("; ", failures));
        }
    }
}
