package org.vae4j;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.vae4j.api.ConfigurationException;
import org.vae4j.api.ModelSpec;
import org.vae4j.api.OptimizerKind;
import org.vae4j.api.TrainingConfig;
import org.vae4j.api.TrainingListener;
import org.vae4j.api.data.Dataset;
import org.vae4j.api.data.DatasetPair;
import org.vae4j.core.checkpoint.CheckpointIO;
import org.vae4j.internal.Session;

/**
 * Configures and runs the training of one registered model; obtained from
 * {@link Vae4j#trainer(String)}. The defaults are those of {@code ./vae train}: z = 10, 10 epochs,
 * batch 100, Adam at 0.001, seed 42, the instance's threads, a test evaluation every epoch.
 * Settings are validated by {@link #start} before any work; an invalid value throws a
 * {@link ConfigurationException} naming it.
 */
public final class ModelTrainer {
    private final Session session;
    private final String model;
    private final Map<String, String> options = new LinkedHashMap<>();
    private final List<TrainingListener> listeners = new ArrayList<>();
    private final TrainingConfig.Builder config;
    private int latentDims = ModelSpec.DEFAULT_LATENT_DIMS;
    private int limit = Integer.MAX_VALUE;
    private int testEvery = 1;
    private Path out;
    private TrainingRun.Resume resume;

    ModelTrainer(Session session, String model) {
        this.session = session;
        this.model = model;
        this.config = TrainingConfig.builder().threads(session.threads());
    }

    /**
     * A model option ({@code Vae4j.model(name).options()} lists them); its text form is validated.
     *
     * @param key the option's name
     * @param value its value (numbers, booleans, strings, or a list for int lists)
     * @return this trainer
     */
    public ModelTrainer option(String key, Object value) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        String text = value instanceof Double d && d == Math.rint(d) && Math.abs(d) < 1e15
                ? Long.toString(d.longValue())
                : value instanceof List<?> l
                        ? String.join(",", l.stream().map(String::valueOf).toList())
                        : String.valueOf(value);
        options.put(key, text);
        return this;
    }

    /**
     * Several model options as text, e.g. parsed from {@code --option key=value}.
     *
     * @param values option values as text, by key
     * @return this trainer
     */
    public ModelTrainer options(Map<String, String> values) {
        values.forEach(this::option);
        return this;
    }

    /**
     * Sets the latent dimensions z (default 10).
     *
     * @param latentDims latent dimensions, at least 1
     * @return this trainer
     */
    public ModelTrainer latentDims(int latentDims) {
        this.latentDims = latentDims;
        return this;
    }

    /**
     * Sets the passes over the training set (default 10).
     *
     * @param epochs epochs, at least 1
     * @return this trainer
     */
    public ModelTrainer epochs(int epochs) {
        config.epochs(epochs);
        return this;
    }

    /**
     * Sets the images per optimizer step (default 100).
     *
     * @param batchSize images per step, at least 1
     * @return this trainer
     */
    public ModelTrainer batchSize(int batchSize) {
        config.batchSize(batchSize);
        return this;
    }

    /**
     * Sets the optimizer's step size (default 0.001).
     *
     * @param learningRate a finite number above 0
     * @return this trainer
     */
    public ModelTrainer learningRate(double learningRate) {
        config.learningRate(learningRate);
        return this;
    }

    /**
     * Sets the optimizer (default Adam).
     *
     * @param optimizer Adam or Adagrad
     * @return this trainer
     */
    public ModelTrainer optimizer(OptimizerKind optimizer) {
        config.optimizer(optimizer);
        return this;
    }

    /**
     * Seeds initialisation, shuffling and the reparameterisation noise.
     *
     * @param seed the seed
     * @return this trainer
     */
    public ModelTrainer seed(long seed) {
        config.seed(seed);
        return this;
    }

    /**
     * Threads for this run (default: the instance's).
     *
     * @param threads threads, at least 1
     * @return this trainer
     */
    public ModelTrainer threads(int threads) {
        config.threads(threads);
        return this;
    }

    /**
     * Trains on the first {@code n} training images only (quick runs).
     *
     * @param n training images, at least 1
     * @return this trainer
     */
    public ModelTrainer limit(int n) {
        if (n < 1) {
            throw new ConfigurationException("{limit} must be >= 1, got " + n);
        }
        this.limit = n;
        return this;
    }

    /**
     * Evaluates the test set every {@code n} epochs into the history (0: only after the last).
     *
     * @param n epochs between test evaluations, or 0
     * @return this trainer
     */
    public ModelTrainer testEvery(int n) {
        if (n < 0) {
            throw new ConfigurationException("{testEvery} must be >= 0, got " + n);
        }
        this.testEvery = n;
        return this;
    }

    /**
     * Observes training (called on the training thread).
     *
     * @param listener the listener
     * @return this trainer
     */
    public ModelTrainer listener(TrainingListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
        return this;
    }

    /**
     * Writes the model directory while training, as the command line's {@code train} does: the
     * checkpoint atomically after every epoch (an interrupted run keeps its last good state) and
     * {@code metrics.json} at the end. The directory must not hold a model yet.
     *
     * @param modelDir the model directory
     * @return this trainer
     */
    public ModelTrainer saveTo(Path modelDir) {
        this.out = modelDir;
        return this;
    }

    /** Continues the saved run {@code from} instead of training a fresh model (see {@link Vae4j#resume}). */
    ModelTrainer resumeFrom(TrainingRun.Resume from) {
        this.resume = from;
        return this;
    }

    /**
     * Sets epochs, batch size, learning rate, optimizer, seed and threads at once.
     *
     * @param training the configuration (e.g. {@link #config()} of another trainer, changed with
     *     {@link TrainingConfig#toBuilder()})
     * @return this trainer
     */
    public ModelTrainer config(TrainingConfig training) {
        Objects.requireNonNull(training, "training");
        config.epochs(training.epochs())
                .batchSize(training.batchSize())
                .learningRate(training.learningRate())
                .optimizer(training.optimizer())
                .seed(training.seed())
                .threads(training.threads());
        return this;
    }

    /** {@return the training configuration these settings give (validated)} */
    public TrainingConfig config() {
        return config.build();
    }

    /** {@return the saved model this trainer continues ({@link Vae4j#resume}), or empty for a new run} */
    public Optional<TrainedVae> resumedModel() {
        return Optional.ofNullable(resume).map(TrainingRun.Resume::model);
    }

    /**
     * Validates everything that can be checked without data: configuration, z, the model's options, the output.
     *
     * @return this trainer
     */
    public ModelTrainer validate() {
        config();
        ModelSpec.mnist(latentDims);
        session.factory().resolveOptions(model, options);
        if (out != null) {
            if (out.toString().isBlank()) {
                throw new ConfigurationException("{saveTo} is empty; name the model directory to create");
            }
            if (resume == null
                    && (Files.exists(out.resolve(CheckpointIO.FILE_NAME))
                            || Files.exists(out.resolve(TrainedVae.METRICS)))) {
                throw new ConfigurationException(
                        "{saveTo} " + out + " already holds a model; choose another directory or"
                                + " delete it (or continue it with {resume})");
            }
            // learn now, not after the first epoch, that the model cannot be written
            Path existing = out.toAbsolutePath();
            while (existing != null && !Files.exists(existing)) {
                existing = existing.getParent();
            }
            if (existing == null || !Files.isDirectory(existing) || !Files.isWritable(existing)) {
                throw new ConfigurationException("{saveTo} " + out + " cannot be written (" + existing + " is "
                        + (existing == null
                                ? "missing"
                                : !Files.isDirectory(existing) ? "not a directory" : "not writable")
                        + "); choose another directory");
            }
        }
        return this;
    }

    /**
     * Builds the initialised model for {@code data}, ready to {@link TrainingRun#run()}.
     *
     * @param data the training and test images
     * @return the run, before its first step
     */
    public TrainingRun start(DatasetPair data) {
        validate();
        Dataset train = limit < data.train().size() ? data.train().head(limit) : data.train();
        return new TrainingRun(
                session, model, options, latentDims, config(), testEvery, out, data, train, listeners, resume);
    }

    /**
     * Trains on {@code data}'s training set and evaluates on its test set; equivalent to {@code start(data).run()}.
     *
     * @param data the training and test images
     * @return the trained model
     */
    public TrainedVae train(DatasetPair data) {
        return start(data).run();
    }
}
