package org.vae4j;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.vae4j.api.ConfigurationException;
import org.vae4j.api.ModelSpec;
import org.vae4j.api.OptimizerKind;
import org.vae4j.api.TrainingConfig;
import org.vae4j.api.TrainingListener;
import org.vae4j.api.data.Dataset;
import org.vae4j.api.data.DatasetPair;
import org.vae4j.core.checkpoint.CheckpointIO;

/**
 * Configures and runs the training of one registered model; obtained from
 * {@link Vae4j#trainer(String)}. The defaults are those of {@code ./vae train}: z = 10, 10 epochs,
 * batch 100, Adam at 0.001, seed 42, the instance's threads, a test evaluation every epoch.
 * Settings are validated by {@link #start} before any work; an invalid value throws a
 * {@link ConfigurationException} naming it.
 */
public final class ModelTrainer {
    private final Vae4j vae;
    private final String model;
    private final Map<String, String> options = new LinkedHashMap<>();
    private final List<TrainingListener> listeners = new ArrayList<>();
    private int latentDims = ModelSpec.DEFAULT_LATENT_DIMS;
    private int epochs = TrainingConfig.DEFAULT_EPOCHS;
    private int batchSize = TrainingConfig.DEFAULT_BATCH_SIZE;
    private double learningRate = TrainingConfig.DEFAULT_LEARNING_RATE;
    private OptimizerKind optimizer = OptimizerKind.ADAM;
    private long seed = TrainingConfig.DEFAULT_SEED;
    private int threads;
    private int limit = Integer.MAX_VALUE;
    private int testEvery = 1;
    private Path out;

    ModelTrainer(Vae4j vae, String model) {
        this.vae = vae;
        this.model = model;
        this.threads = vae.threads();
    }

    /** A model option ({@code Vae4j.model(name).options()} lists them); its text form is validated. */
    public ModelTrainer option(String key, Object value) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        String text = value instanceof Double d && d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString(d.longValue())
                : value instanceof List<?> l ? String.join(",", l.stream().map(String::valueOf).toList())
                : String.valueOf(value);
        options.put(key, text);
        return this;
    }

    /** Several model options as text, e.g. parsed from {@code --option key=value}. */
    public ModelTrainer options(Map<String, String> values) {
        values.forEach(this::option);
        return this;
    }

    public ModelTrainer latentDims(int latentDims) {
        this.latentDims = latentDims;
        return this;
    }

    public ModelTrainer epochs(int epochs) {
        this.epochs = epochs;
        return this;
    }

    public ModelTrainer batchSize(int batchSize) {
        this.batchSize = batchSize;
        return this;
    }

    public ModelTrainer learningRate(double learningRate) {
        this.learningRate = learningRate;
        return this;
    }

    public ModelTrainer optimizer(OptimizerKind optimizer) {
        this.optimizer = optimizer;
        return this;
    }

    /** Seeds initialisation, shuffling and the reparameterisation noise. */
    public ModelTrainer seed(long seed) {
        this.seed = seed;
        return this;
    }

    /** Threads for this run (default: the instance's). */
    public ModelTrainer threads(int threads) {
        this.threads = threads;
        return this;
    }

    /** Trains on the first {@code n} training images only (quick runs). */
    public ModelTrainer limit(int n) {
        if (n < 1) {
            throw new ConfigurationException("--limit must be >= 1, got " + n);
        }
        this.limit = n;
        return this;
    }

    /** Evaluates the test set every {@code n} epochs into the history (0: only after the last). */
    public ModelTrainer testEvery(int n) {
        if (n < 0) {
            throw new ConfigurationException("--test-every must be >= 0, got " + n);
        }
        this.testEvery = n;
        return this;
    }

    /** Observes training (called on the training thread). */
    public ModelTrainer listener(TrainingListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
        return this;
    }

    /**
     * Writes the model directory while training, as {@code ./vae train --out DIR} does: the
     * checkpoint atomically after every epoch (an interrupted run keeps its last good state) and
     * {@code metrics.json} at the end. The directory must not hold a model yet.
     */
    public ModelTrainer saveTo(Path modelDir) {
        this.out = modelDir;
        return this;
    }

    /** The training configuration these settings give (validated). */
    public TrainingConfig config() {
        return new TrainingConfig(epochs, batchSize, learningRate, optimizer, seed, threads);
    }

    /** Validates everything that can be checked without data: configuration, z, the model's options, the output. */
    public ModelTrainer validate() {
        config();
        ModelSpec.mnist(latentDims);
        vae.factory().resolveOptions(model, options);
        if (out != null && (Files.exists(out.resolve(CheckpointIO.FILE_NAME))
                || Files.exists(out.resolve(TrainedVae.METRICS)))) {
            throw new ConfigurationException("--out " + out + " already holds a model; choose another directory or"
                    + " delete it");
        }
        return this;
    }

    /** Builds the initialised model for {@code data}, ready to {@link TrainingRun#run()}. */
    public TrainingRun start(DatasetPair data) {
        validate();
        Dataset train = limit < data.train().size() ? data.train().head(limit) : data.train();
        return new TrainingRun(vae, model, options, latentDims, config(), testEvery, out, data, train, listeners);
    }

    /** Trains on {@code data}'s training set and evaluates on its test set; equivalent to {@code start(data).run()}. */
    public TrainedVae train(DatasetPair data) {
        return start(data).run();
    }
}
