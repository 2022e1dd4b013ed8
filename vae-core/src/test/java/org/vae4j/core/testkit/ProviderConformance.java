package org.vae4j.core.testkit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.vae4j.api.ConfigurationException;
import org.vae4j.api.Loss;
import org.vae4j.api.ModelSpec;
import org.vae4j.api.OptimizerKind;
import org.vae4j.api.TrainingConfig;
import org.vae4j.api.TrainingProgress;
import org.vae4j.api.data.Dataset;
import org.vae4j.core.checkpoint.Checkpoint;
import org.vae4j.core.checkpoint.CheckpointIO;
import org.vae4j.core.checkpoint.ModelCheckpoints;
import org.vae4j.core.engine.Evaluator;
import org.vae4j.core.engine.ModelFactory;
import org.vae4j.core.engine.ModelRunner;
import org.vae4j.core.engine.ModelState;
import org.vae4j.core.engine.NoiseSource;
import org.vae4j.core.engine.Trainer;
import org.vae4j.core.engine.VaeStep;
import org.vae4j.core.nn.BuiltinComponents;
import org.vae4j.core.plugin.ModelRegistry;
import org.vae4j.spi.ModelProvider;

/**
 * The checks every model provider, built-in or third-party, must pass: it builds with default
 * options, rejects unknown options, its objective's gradient checks out in double precision, a
 * single-precision step agrees with the double-precision one, one optimizer step lowers the loss on a fixed batch, and a checkpoint round-trip reproduces the
 * evaluation exactly. Small shapes keep it fast: 6x6 images, 3 latent dimensions, 3 classes.
 */
public final class ProviderConformance {
    /** The problem shape the kit uses. */
    public static final ModelSpec SPEC = new ModelSpec(36, 6, 6, 3, 3);

    private final ModelProvider provider;
    private final ModelFactory factory;
    private final Map<String, String> options;

    /** @param options options to build with beyond the defaults (e.g. a small hidden size) */
    public ProviderConformance(ModelProvider provider, Map<String, String> options) {
        this.provider = provider;
        this.factory = new ModelFactory(new ModelRegistry(List.of(provider), List.of()), new BuiltinComponents());
        this.options = options;
    }

    public ProviderConformance(ModelProvider provider) {
        this(provider, Map.of());
    }

    /** A small synthetic labelled image dataset of blobs (generated, seeded). */
    public static Dataset syntheticImages(int n, long seed) {
        Random r = new Random(seed);
        float[] pixels = new float[n * SPEC.dataSize()];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = r.nextInt(SPEC.numClasses());
            int cx = 1 + r.nextInt(4);
            int cy = 1 + r.nextInt(4);
            for (int y = 0; y < 6; y++) {
                for (int x = 0; x < 6; x++) {
                    double d2 = (x - cx) * (x - cx) + (y - cy) * (y - cy);
                    pixels[i * 36 + y * 6 + x] = (float) Math.exp(-d2 / (1.0 + labels[i]));
                }
            }
        }
        return new Dataset("synthetic", n, 6, 6, pixels, labels, SPEC.numClasses());
    }

    /** The names of vae4j's own models: a third-party provider must not take one. */
    public static final java.util.Set<String> BUILT_IN_NAMES =
            java.util.Set.of("vae", "beta-vae", "beta-vae-capacity", "beta-tcvae", "cvae");

    public void runAll(Path tempDir) {
        nameIsItsOwn();
        createsWithDefaults();
        rejectsUnknownOptions();
        gradientsCheckOut();
        singlePrecisionAgreesWithDouble();
        oneStepLowersTheLoss();
        checkpointRoundTrips(tempDir);
    }

    /**
     * A provider outside vae4j's own packages may not use a built-in model's name: with the
     * built-ins on the class path it would be refused as a duplicate at run time.
     */
    public void nameIsItsOwn() {
        boolean ours = provider.getClass().getName().startsWith("org.vae4j.models.");
        if (!ours && BUILT_IN_NAMES.contains(provider.name())) {
            throw new AssertionError("provider " + provider.getClass().getName() + " is named '" + provider.name()
                    + "', the name of a built-in model; choose another (built in: "
                    + new java.util.TreeSet<>(BUILT_IN_NAMES)
                    + ")");
        }
    }

    public void createsWithDefaults() {
        ModelState state = factory.create(provider.name(), SPEC, Map.of(), DataType.FLOAT, 1);
        if (state.model().numParams() <= 0 || state.model().latentDims() != SPEC.latentDims()) {
            throw new AssertionError(provider.name() + " built with defaults has no parameters or a wrong latent size");
        }
        if (!state.options()
                .keySet()
                .containsAll(provider.optionSchema().options().stream()
                        .map(o -> o.name())
                        .toList())) {
            throw new AssertionError(provider.name() + " does not record all its options with defaults");
        }
    }

    public void rejectsUnknownOptions() {
        try {
            factory.create(provider.name(), SPEC, Map.of("no-such-option", "1"), DataType.FLOAT, 1);
        } catch (ConfigurationException e) {
            if (!e.getMessage().contains("no-such-option")) {
                throw new AssertionError("the error for an unknown option does not name it: " + e.getMessage());
            }
            return;
        }
        throw new AssertionError(provider.name() + " accepted an unknown option");
    }

    public void gradientsCheckOut() {
        ModelState state = factory.create(provider.name(), SPEC, options, DataType.DOUBLE, 7);
        INDArray x = batch(DataType.DOUBLE, 5);
        GradientCheck.checkModel(state, x, 11);
    }

    /**
     * Training runs in single precision, where the engine takes faster paths (vectorised Java kernels)
     * than the double precision the gradient check sees: with the same parameters, batch and noise,
     * the FLOAT step's objective and gradient must match the DOUBLE step's to float accuracy.
     */
    public void singlePrecisionAgreesWithDouble() {
        ModelState exact = factory.create(provider.name(), SPEC, options, DataType.DOUBLE, 7);
        ModelState single = factory.create(provider.name(), SPEC, options, DataType.FLOAT, 7);
        single.params().assign(exact.params());
        int n = 16;
        INDArray x = batch(DataType.DOUBLE, n);
        Random r = new Random(13);
        INDArray eps = GradientCheck.randn(r, n, SPEC.latentDims(), 1);
        INDArray condition = condition(exact, n);
        TrainingProgress progress = new TrainingProgress(0, 2, 3, 10, 1000);
        Loss l64 = new VaeStep(exact).computeGradient(x, condition, e -> e.assign(eps), progress);
        Loss l32 = new VaeStep(single)
                .computeGradient(
                        x.castTo(DataType.FLOAT),
                        condition == null ? null : condition.castTo(DataType.FLOAT),
                        e -> e.assign(eps),
                        progress);
        double lossTolerance = 1e-4 * Math.max(1, Math.abs(l64.objective()));
        if (!(Math.abs(l32.objective() - l64.objective()) <= lossTolerance)) {
            throw new AssertionError(provider.name() + ": the FLOAT objective " + l32.objective()
                    + " differs from the DOUBLE one " + l64.objective());
        }
        double scale = exact.gradients().amaxNumber().doubleValue();
        double diff = single.gradients()
                .castTo(DataType.DOUBLE)
                .sub(exact.gradients())
                .amaxNumber()
                .doubleValue();
        if (!(diff <= 1e-4 * scale)) {
            throw new AssertionError(provider.name() + ": the FLOAT gradient differs from the DOUBLE one by " + diff
                    + " (largest entry " + scale + ")");
        }
    }

    public void oneStepLowersTheLoss() {
        ModelState state = factory.create(provider.name(), SPEC, options, DataType.FLOAT, 3);
        INDArray x = batch(DataType.FLOAT, 16);
        TrainingConfig config = new TrainingConfig(1, 16, 1e-3, OptimizerKind.ADAM, 3, 1);
        Trainer.Run run = Trainer.start(state, config);
        VaeStep step = new VaeStep(state);
        TrainingProgress progress = new TrainingProgress(0, 1, 0, 1, 16);
        long noiseSeed = 99;
        INDArray condition = condition(state, 16);
        Loss before = step.computeGradient(x, condition, NoiseSource.seeded(noiseSeed), progress);
        run.optimizer().step(state.params(), state.gradients());
        Loss after = step.evaluate(x, condition, NoiseSource.seeded(noiseSeed), progress);
        if (!(after.objective() < before.objective())) {
            throw new AssertionError(provider.name() + ": one step did not lower the objective on a fixed batch: "
                    + before.objective() + " -> " + after.objective());
        }
    }

    public void checkpointRoundTrips(Path tempDir) {
        Dataset data = syntheticImages(64, 5);
        TrainingConfig config = new TrainingConfig(1, 16, 1e-3, OptimizerKind.ADAM, 5, 1);
        ModelState state = factory.create(provider.name(), SPEC, options, DataType.FLOAT, 5);
        Trainer.Run run = Trainer.start(state, config);
        new Trainer(config, List.of()).train(run, data);
        Path dir = tempDir.resolve(provider.name() + "-roundtrip");
        ModelCheckpoints.save(run, config, null, dir);
        if (!Files.exists(dir.resolve(CheckpointIO.FILE_NAME))) {
            throw new AssertionError("no checkpoint written");
        }
        Checkpoint loaded = CheckpointIO.read(dir.resolve(CheckpointIO.FILE_NAME));
        Trainer.Run restored = ModelCheckpoints.restore(loaded, factory, 1);
        TrainingProgress end = new TrainingProgress(0, 1, 0, 1);
        Loss a = Evaluator.evaluate(run.model(), data, end);
        Loss b = Evaluator.evaluate(restored.model(), data, end);
        if (!a.equals(b)) {
            throw new AssertionError(provider.name() + ": evaluation differs after save/load: " + a + " vs " + b);
        }
        if (restored.optimizer().iteration() != run.optimizer().iteration() || restored.epochsCompleted() != 1) {
            throw new AssertionError(provider.name() + ": optimizer step count or epoch not restored");
        }
    }

    /** The one-hot labels of {@link #batch} for a conditional model, else null. */
    private static INDArray condition(ModelState state, int n) {
        if (!state.model().isConditional()) {
            return null;
        }
        return ModelRunner.oneHot(
                syntheticImages(n, 17).labels().orElseThrow(), state.model().conditionSize(), state.dataType());
    }

    private static INDArray batch(DataType type, int n) {
        Dataset data = syntheticImages(n, 17);
        return Nd4j.createFromArray(data.pixels()).reshape(n, SPEC.dataSize()).castTo(type);
    }
}
