package org.vae4j;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.vae4j.api.ConfigurationException;
import org.vae4j.api.Loss;
import org.vae4j.api.ModelSpec;
import org.vae4j.api.TrainingConfig;
import org.vae4j.api.TrainingListener;
import org.vae4j.api.TrainingProgress;
import org.vae4j.api.VaeException;
import org.vae4j.api.data.Dataset;
import org.vae4j.api.data.DatasetPair;
import org.vae4j.core.checkpoint.Checkpoint;
import org.vae4j.core.checkpoint.CheckpointIO;
import org.vae4j.core.checkpoint.DirectoryLock;
import org.vae4j.core.checkpoint.ModelCheckpoints;
import org.vae4j.core.checkpoint.Provenances;
import org.vae4j.core.engine.Evaluator;
import org.vae4j.core.engine.ModelState;
import org.vae4j.core.engine.NativeRuntime;
import org.vae4j.core.engine.Trainer;
import org.vae4j.core.engine.listener.BestEpoch;
import org.vae4j.core.engine.listener.Checkpointing;
import org.vae4j.core.engine.listener.EpochHistory;
import org.vae4j.core.engine.listener.TestEvaluation;
import org.vae4j.internal.Json;
import org.vae4j.internal.Session;

/**
 * A model built and initialised for training on a dataset, before the first step: what will run
 * ({@link #numParams()}, {@link #options()}, {@link #objective()}), then {@link #run()}.
 */
public final class TrainingRun {
    private final Session session;
    private final String model;
    private final int latentDims;
    private final TrainingConfig config;
    private final int testEvery;
    private final Path out;
    private final DatasetPair data;
    private final Dataset train;
    private final List<TrainingListener> listeners;
    private final ModelState state;
    private final Map<String, String> provenance;
    private final Resume resume;
    private boolean ran;

    /**
     * A saved run to continue: its model with the optimizer state, what its checkpoint recorded, and
     * the checkpoint file as it was when read (so that a change since is noticed without reading it
     * again).
     *
     * @param model the model as saved, with its optimizer
     * @param checkpoint the checkpoint it was read from (epochs, noise state, history, data checksums)
     * @param file the checkpoint file's size, modification time and identity when it was read
     */
    record Resume(TrainedVae model, Checkpoint checkpoint, FileStamp file) {}

    /**
     * What identifies one version of a file without opening it.
     *
     * @param size its size in bytes
     * @param modified its last modification time
     * @param key its file-system identity (inode), or null where there is none
     */
    record FileStamp(long size, FileTime modified, Object key) {
        static FileStamp of(Path file) {
            try {
                BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
                return new FileStamp(a.size(), a.lastModifiedTime(), a.fileKey());
            } catch (IOException e) {
                return new FileStamp(-1, FileTime.fromMillis(0), null);
            }
        }
    }

    TrainingRun(
            Session session,
            String model,
            Map<String, String> options,
            int latentDims,
            TrainingConfig config,
            int testEvery,
            Path out,
            DatasetPair data,
            Dataset train,
            List<TrainingListener> listeners,
            Resume resume) {
        this.session = session;
        this.model = model;
        this.latentDims = latentDims;
        this.config = config;
        this.testEvery = testEvery;
        this.out = out;
        this.data = data;
        this.train = train;
        this.listeners = new ArrayList<>(listeners);
        ModelSpec spec = new ModelSpec(train.dataSize(), train.height(), train.width(), train.numClasses(), latentDims);
        session.applySettings();
        this.resume = resume;
        if (resume != null) {
            checkResumable(resume.checkpoint(), spec, config, data, train);
            this.state = resume.model().handle().state();
        } else {
            this.state = session.factory().create(model, spec, options, session.dataType(), config.seed());
        }
        this.provenance = Provenances.of(session.models().contribution(model));
    }

    /** Where the best epoch of a run that blew up is saved. */
    public static final String BEST_FILE = "best.vae4j";

    /** A final test -ELBO more than 10% (and 5 nats) above the best epoch's, or not finite, is a blow-up. */
    static boolean blewUp(Loss last, Loss best) {
        return !last.isFinite() || last.negElbo() > best.negElbo() + Math.max(5, 0.1 * Math.abs(best.negElbo()));
    }

    /** A saved run continues only on the data it was trained on, and only to more epochs. */
    private void checkResumable(Checkpoint c, ModelSpec spec, TrainingConfig config, DatasetPair data, Dataset train) {
        if (!c.spec().equals(spec)) {
            throw new ConfigurationException("{resume}: " + out + " holds a model of " + c.spec()
                    + ", but the data gives " + spec + "; pass the dataset it was trained on");
        }
        if (c.dataset() != null) {
            for (var e : c.dataset().sha256().entrySet()) {
                String now = data.sha256().get(e.getKey());
                if (now != null && !now.equals(e.getValue())) {
                    throw new ConfigurationException("{resume}: " + out + " was trained on "
                            + c.dataset().name() + " whose " + e.getKey() + " has SHA-256 " + e.getValue()
                            + "; the data given has " + now + "; pass the dataset it was trained on");
                }
            }
        }
        if (c.trainImages() > 0 && c.trainImages() != train.size()) {
            throw new ConfigurationException("{resume}: " + out + " was trained on " + c.trainImages()
                    + " training images, the data gives " + train.size() + "; pass the dataset it was trained on");
        }
        if (c.epochsCompleted() >= config.epochs()) {
            throw new ConfigurationException("{resume}: " + out + " holds " + c.epochsCompleted()
                    + " epochs already; pass {epochs} N with N > " + c.epochsCompleted() + " to train further");
        }
    }

    /** {@return the epochs already trained: 0, or those of the run being resumed} */
    public int epochsCompleted() {
        return resume == null ? 0 : resume.checkpoint().epochsCompleted();
    }

    /** {@return the model's registered name} */
    public String model() {
        return model;
    }

    /** {@return the model options, defaults filled in} */
    public Map<String, String> options() {
        return state.options();
    }

    /** {@return the number of parameters} */
    public long numParams() {
        return state.model().numParams();
    }

    /** {@return the training configuration} */
    public TrainingConfig config() {
        return config;
    }

    /** {@return the training objective as a formula, e.g. {@code D + 4.0 * R}} */
    public String objective() {
        return state.model().describeObjective();
    }

    /**
     * Adds a listener to this run (e.g. one that needs {@link #objective()}).
     *
     * @param listener the listener
     * @return this run
     */
    public TrainingRun listener(TrainingListener listener) {
        listeners.add(java.util.Objects.requireNonNull(listener, "listener"));
        return this;
    }

    /** {@return the name of the model's batch-level penalty (its {@code Regularizer}), or null when it has none} */
    public String penalty() {
        return state.model()
                .regularizer()
                .map(org.vae4j.api.nn.Regularizer::name)
                .orElse(null);
    }

    /** {@return the training images used (after {@link ModelTrainer#limit})} */
    public Dataset trainingSet() {
        return train;
    }

    /**
     * Trains for the configured epochs, evaluating the test set every {@code testEvery} epochs and
     * at the end, and returns the trained model with its {@link TrainingSummary}.
     *
     * @throws org.vae4j.api.VaeException if training diverges (a non-finite loss), naming the epoch and step
     * @return the trained model with its {@link TrainingSummary}
     */
    @SuppressWarnings("try") // the lock is held for the block, never referenced in it
    public TrainedVae run() {
        if (ran) {
            throw new IllegalStateException("this training run has already run");
        }
        ran = true;
        if (out == null) {
            return train();
        }
        // one writer per model directory for the whole run; checked again under the lock, since
        // another run may have finished there since this one was configured
        try (DirectoryLock lock = DirectoryLock.acquire(out)) {
            if (resume != null) {
                if (!FileStamp.of(out.resolve(CheckpointIO.FILE_NAME)).equals(resume.file())) {
                    throw new VaeException("{resume}: " + out + " changed since it was read (another run wrote to it);"
                            + " resume again");
                }
                return train();
            }
            if (Files.exists(out.resolve(CheckpointIO.FILE_NAME)) || Files.exists(out.resolve(TrainedVae.METRICS))) {
                throw new ConfigurationException(
                        "{saveTo} " + out + " already holds a model; choose another" + " directory or delete it");
            }
            return train();
        }
    }

    private TrainedVae train() {
        NativeRuntime.setThreads(config.threads());
        Trainer.Run run = resume == null
                ? Trainer.start(state, config)
                : new Trainer.Run(
                        state,
                        resume.model().handle().optimizer(),
                        resume.checkpoint().epochsCompleted(),
                        resume.checkpoint().noiseState());
        Checkpoint.DatasetProvenance dataProvenance =
                new Checkpoint.DatasetProvenance(data.name(), data.source(), data.sha256());
        long stepsPerEpoch = Trainer.stepsPerEpoch(train.size(), config.batchSize());
        TrainingProgress end = TrainingProgress.finished(config.epochs(), stepsPerEpoch, train.size());
        List<TrainingListener> told = new ArrayList<>(listeners);
        TestEvaluation tests = new TestEvaluation(state, data.test(), testEvery, end, told);
        EpochHistory history = new EpochHistory(
                resume == null ? List.of() : resume.checkpoint().history(), tests);
        Supplier<Checkpoint> checkpoint =
                () -> ModelCheckpoints.of(run, config, dataProvenance, train.size(), provenance, history.records());
        BestEpoch best = new BestEpoch(checkpoint, tests);
        List<TrainingListener> all = new ArrayList<>(listeners);
        all.addAll(List.of(tests, history));
        if (out != null) {
            all.addAll(List.of(best, new Checkpointing(checkpoint, out.resolve(CheckpointIO.FILE_NAME))));
        }
        long started = System.nanoTime();
        new Trainer(config, all).train(run, train);
        double seconds = (System.nanoTime() - started) / 1e9;

        Loss trainLoss = Evaluator.evaluate(state, train, end);
        Loss testLoss = Evaluator.evaluate(state, data.test(), end);
        String warning = out == null ? null : blowUpWarning(testLoss, best);
        TrainingSummary summary = TrainingSummary.builder()
                .model(model, latentDims)
                .config(config)
                .trainImages(train.size())
                .timing(
                        seconds,
                        (double) train.size() * (config.epochs() - epochsCompleted()) / history.trainingSeconds())
                .objective(state.model().describeObjective(), penalty(), state.options())
                .losses(trainLoss, testLoss)
                .history(history.records().stream()
                        .map(e -> new TrainingSummary.Epoch(e.epoch(), e.seconds(), e.train(), e.test()))
                        .toList())
                .dataset(new TrainingSummary.DataInfo(data.name(), data.source(), data.sha256()))
                .warning(warning)
                .build();
        TrainedVae trained =
                TrainedVae.trained(session, run, config, dataProvenance, train.size(), provenance, summary);
        if (out != null) {
            Json.write(out.resolve(TrainedVae.METRICS), ModelFiles.metrics(summary, provenance));
        }
        return trained;
    }

    /**
     * When the run ended far above its best epoch, saves that epoch as {@link #BEST_FILE} and returns a
     * warning saying how to continue from it; else null.
     */
    private String blowUpWarning(Loss testLoss, BestEpoch best) {
        if (best.best().isEmpty() || !blewUp(testLoss, best.best().get())) {
            return null;
        }
        Checkpoint kept = best.checkpoint().orElseThrow();
        Path bestFile = out.resolve(BEST_FILE);
        ModelCheckpoints.writeIfFinite(kept, bestFile);
        return String.format(
                Locale.ROOT,
                "the test -ELBO ended at %.2f nats, far above its best, %.2f after epoch %d"
                        + " (the learning rate may be too high); that epoch is saved as %s: to continue from it, copy it over"
                        + " %s and resume the run in %s",
                testLoss.negElbo(),
                best.best().get().negElbo(),
                kept.epochsCompleted(),
                bestFile,
                out.resolve(CheckpointIO.FILE_NAME),
                out);
    }
}
