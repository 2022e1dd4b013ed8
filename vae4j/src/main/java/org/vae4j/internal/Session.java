package org.vae4j.internal;

import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;
import org.nd4j.linalg.api.buffer.DataType;
import org.vae4j.api.ConfigurationException;
import org.vae4j.api.VaeException;
import org.vae4j.api.data.DatasetPair;
import org.vae4j.api.metrics.DisentanglementMetric;
import org.vae4j.core.checkpoint.Provenances;
import org.vae4j.core.engine.ModelFactory;
import org.vae4j.core.engine.NativeRuntime;
import org.vae4j.core.plugin.ModelRegistry;
import org.vae4j.core.plugin.NamedRegistry;
import org.vae4j.spi.DatasetRequest;
import org.vae4j.spi.DatasetSource;

/**
 * What every operation of one {@code Vae4j} instance runs with: the registries and the model factory
 * its injector built, the precision, the thread count, the data cache and the log. The library's
 * objects (trainers, models, scorings, measurers) hold the session, never the public entry object,
 * so none of them can reach more than this.
 */
public final class Session {
    private final ModelRegistry models;
    private final NamedRegistry<DisentanglementMetric> metrics;
    private final NamedRegistry<DatasetSource> datasets;
    private final ModelFactory factory;
    private final int threads;
    private final DataType dataType;
    private final Path cacheDirectory;
    private final Consumer<String> log;
    private final int bindings;
    private volatile boolean nativeBuildChecked;
    private volatile boolean closed;

    /**
     * A session over what an injector built.
     *
     * @param models the model registry
     * @param metrics the metric registry
     * @param datasets the dataset sources
     * @param factory builds and restores models
     * @param threads threads for products and the optimizer
     * @param dataType the precision models run in
     * @param cacheDirectory the data cache root
     * @param log receives one-line messages
     * @param bindings how many bindings the injector holds (diagnostics)
     */
    public Session(
            ModelRegistry models,
            NamedRegistry<DisentanglementMetric> metrics,
            NamedRegistry<DatasetSource> datasets,
            ModelFactory factory,
            int threads,
            DataType dataType,
            Path cacheDirectory,
            Consumer<String> log,
            int bindings) {
        this.models = models;
        this.metrics = metrics;
        this.datasets = datasets;
        this.factory = factory;
        this.threads = threads;
        this.dataType = dataType;
        this.cacheDirectory = cacheDirectory;
        this.log = log;
        this.bindings = bindings;
    }

    /** {@return where one-line progress and notices go} */
    public Consumer<String> log() {
        return log;
    }

    /** {@return the registered models} */
    public ModelRegistry models() {
        ensureOpen();
        return models;
    }

    /**
     * {@return a registered metric; a ConfigurationException listing the names if unknown}
     *
     * @param name the metric's name
     */
    public DisentanglementMetric metric(String name) {
        ensureOpen();
        return metrics.get(name);
    }

    /** {@return the metric registry} */
    public NamedRegistry<DisentanglementMetric> metrics() {
        ensureOpen();
        return metrics;
    }

    /** {@return the dataset sources} */
    public NamedRegistry<DatasetSource> datasets() {
        ensureOpen();
        return datasets;
    }

    /**
     * {@return a dataset through its source, from {@code dataDirectory} or (null) the source chain}
     *
     * @param name the source's name
     * @param dataDirectory the folder to read, or null
     */
    public DatasetPair dataset(String name, Path dataDirectory) {
        DatasetSource source = datasets().get(name);
        return source.load(new DatasetRequest(
                Optional.ofNullable(dataDirectory),
                cacheDirectory,
                log,
                (other, dir) -> dataset(other, dir.orElse(null))));
    }

    /** {@return the model factory} */
    public ModelFactory factory() {
        ensureOpen();
        return factory;
    }

    /** {@return threads for products and the optimizer} */
    public int threads() {
        return threads;
    }

    /** {@return the precision models run in} */
    public DataType dataType() {
        return dataType;
    }

    /** {@return the data cache root} */
    public Path cacheDirectory() {
        return cacheDirectory;
    }

    /** {@return how many bindings the injector holds (the composition root's size)} */
    public int bindingCount() {
        return bindings;
    }

    /**
     * Applies the thread count to the process-wide BLAS before an operation; the first time, warns
     * through the log when ND4J's loaded native build is not vae4j's.
     */
    public void applySettings() {
        ensureOpen();
        NativeRuntime.setThreads(threads);
        if (!nativeBuildChecked) {
            nativeBuildChecked = true;
            NativeRuntime.buildMismatch(NativeRuntime.nativeBuild(), Provenances.nd4jBuildExpected())
                    .ifPresent(log);
        }
    }

    /** Marks the session closed: every later operation fails. */
    public void close() {
        closed = true;
    }

    /** {@return true once the instance that owns it is closed} */
    public boolean isClosed() {
        return closed;
    }

    /** Fails when the owning instance is closed. */
    public void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("this Vae4j instance is closed");
        }
    }

    /**
     * {@return the one-line error for a failed plugin wiring: Guice wraps what the registries throw,
     * and users need the registry's own message}
     *
     * @param e what Guice threw
     */
    public static RuntimeException wiringFailure(RuntimeException e) {
        for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
            if (c instanceof VaeException v) {
                return v;
            }
        }
        String first = String.valueOf(e.getMessage())
                .lines()
                .filter(l -> !l.isBlank() && !l.startsWith("Unable to"))
                .findFirst()
                .orElse(String.valueOf(e.getMessage()))
                .strip();
        return new ConfigurationException("the plugins' wiring failed: " + first);
    }
}
