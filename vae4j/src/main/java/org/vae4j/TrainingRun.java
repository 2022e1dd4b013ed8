package org.vae4j;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.vae4j.api.Loss;
import org.vae4j.api.ModelSpec;
import org.vae4j.api.TrainingConfig;
import org.vae4j.api.TrainingListener;
import org.vae4j.api.TrainingProgress;
import org.vae4j.api.data.Dataset;
import org.vae4j.api.data.DatasetPair;
import org.vae4j.core.checkpoint.Checkpoint;
import org.vae4j.core.checkpoint.CheckpointIO;
import org.vae4j.core.checkpoint.DirectoryLock;
import org.vae4j.core.checkpoint.ModelCheckpoints;
import org.vae4j.core.checkpoint.Provenances;
import org.vae4j.core.engine.Evaluator;
import org.vae4j.core.engine.ModelState;
import org.vae4j.core.engine.Trainer;
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
     * A saved run to continue: its model with the optimizer state, and what its checkpoint recorded.
     *
     * @param model the model as saved, with its optimizer
     * @param checkpoint the checkpoint it was read from (epochs, noise state, history, data checksums)
     */
    record Resume(TrainedVae model, Checkpoint checkpoint) {
    }

    TrainingRun(Session session, String model, Map<String, String> options, int latentDims, TrainingConfig config,
                int testEvery, Path out, DatasetPair data, Dataset train, List<TrainingListener> listeners,
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
            throw new org.vae4j.api.ConfigurationException("--resume: " + out + " holds a model of " + c.spec()
                    + ", but the data gives " + spec + "; pass the dataset it was trained on");
        }
        if (c.dataset() != null) {
            for (var e : c.dataset().sha256().entrySet()) {
                String now = data.sha256().get(e.getKey());
                if (now != null && !now.equals(e.getValue())) {
                    throw new org.vae4j.api.ConfigurationException("--resume: " + out + " was trained on "
                            + c.dataset().name() + " whose " + e.getKey() + " has SHA-256 " + e.getValue()
                            + "; the data given has " + now + "; pass the dataset it was trained on");
                }
            }
        }
        if (c.trainImages() > 0 && c.trainImages() != train.size()) {
            throw new org.vae4j.api.ConfigurationException("--resume: " + out + " was trained on " + c.trainImages()
                    + " training images, the data gives " + train.size() + "; pass the dataset it was trained on");
        }
        if (c.epochsCompleted() >= config.epochs()) {
            throw new org.vae4j.api.ConfigurationException("--resume: " + out + " holds " + c.epochsCompleted()
                    + " epochs already; pass --epochs N with N > " + c.epochsCompleted() + " to train further");
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
        return state.model().regularizer().map(org.vae4j.api.nn.Regularizer::name).orElse(null);
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
                Checkpoint now = CheckpointIO.read(out.resolve(CheckpointIO.FILE_NAME), false);
                Checkpoint then = resume.checkpoint();
                if (now.epochsCompleted() != then.epochsCompleted() || now.optimizerIteration() != then.optimizerIteration()) {
                    throw new org.vae4j.api.VaeException("--resume: " + out + " changed since it was read (another run"
                            + " wrote epoch " + now.epochsCompleted() + "); resume again");
                }
                return train();
            }
            if (Files.exists(out.resolve(CheckpointIO.FILE_NAME)) || Files.exists(out.resolve(TrainedVae.METRICS))) {
                throw new org.vae4j.api.ConfigurationException("--out " + out + " already holds a model; choose another"
                        + " directory or delete it");
            }
            return train();
        }
    }

    private TrainedVae train() {
        org.vae4j.core.engine.NativeRuntime.setThreads(config.threads());
        Trainer.Run run = resume == null ? Trainer.start(state, config)
                : new Trainer.Run(state, resume.model().handle().optimizer(), resume.checkpoint().epochsCompleted(),
                        resume.checkpoint().noiseState());
        Checkpoint.DatasetProvenance dataProvenance = new Checkpoint.DatasetProvenance(data.name(), data.source(),
                data.sha256());
        long stepsPerEpoch = Trainer.stepsPerEpoch(train.size(), config.batchSize());
        List<Checkpoint.EpochRecord> history = new ArrayList<>(resume == null ? List.of()
                : resume.checkpoint().history());
        double[] trainingSeconds = {0};
        // the epoch with the best test -ELBO, kept in memory so that a run that blows up late can be continued from it
        Loss[] best = {null};
        Checkpoint[] bestCheckpoint = {null};
        List<TrainingListener> all = new ArrayList<>(listeners);
        all.add(new TrainingListener() {
            @Override
            public void onEpochEnd(int epoch, Loss trainLoss, double seconds) {
                trainingSeconds[0] += seconds;
                Loss test = null;
                if (testEvery > 0 && ((epoch + 1) % testEvery == 0 || epoch + 1 == config.epochs())) {
                    TrainingProgress now = new TrainingProgress(epoch, config.epochs(), (epoch + 1) * stepsPerEpoch - 1,
                            stepsPerEpoch, train.size());
                    test = Evaluator.evaluate(state, data.test(), now);
                    for (TrainingListener l : listeners) {
                        l.onTestEvaluation(epoch, test);
                    }
                }
                history.add(new Checkpoint.EpochRecord(epoch + 1, seconds, trainLoss, test));
                if (out != null && test != null && test.isFinite() && (best[0] == null
                        || test.negElbo() < best[0].negElbo())) {
                    best[0] = test;
                    Checkpoint c = ModelCheckpoints.of(run, config, dataProvenance, train.size(), provenance, history);
                    float[][] moments = new float[c.optimizerState().length][];
                    for (int i = 0; i < moments.length; i++) {
                        moments[i] = c.optimizerState()[i].clone();
                    }
                    bestCheckpoint[0] = new Checkpoint(c.provider(), c.options(), c.spec(), c.training(),
                            c.epochsCompleted(), c.optimizerIteration(), c.params(), moments, c.dataset(),
                            c.trainImages(), c.provenance(), c.noiseState(), c.history());
                }
                if (out != null) {
                    // an atomic checkpoint after every epoch: an interrupted run keeps its last good state,
                    // and everything needed to continue it bit for bit (optimizer and noise state, history)
                    ModelCheckpoints.writeIfFinite(ModelCheckpoints.of(run, config, dataProvenance, train.size(),
                            provenance, history), out.resolve(CheckpointIO.FILE_NAME));
                }
            }
        });
        long started = System.nanoTime();
        new Trainer(config, all).train(run, train);
        double seconds = (System.nanoTime() - started) / 1e9;

        TrainingProgress end = TrainingProgress.finished(config.epochs(), stepsPerEpoch, train.size());
        Loss trainLoss = Evaluator.evaluate(state, train, end);
        Loss testLoss = Evaluator.evaluate(state, data.test(), end);
        String warning = null;
        if (best[0] != null && out != null && blewUp(testLoss, best[0])) {
            Path bestFile = out.resolve(BEST_FILE);
            ModelCheckpoints.writeIfFinite(bestCheckpoint[0], bestFile);
            warning = String.format(java.util.Locale.ROOT, "the test -ELBO ended at %.2f nats, far above its best, %.2f"
                    + " after epoch %d (the learning rate may be too high); that epoch is saved as %s: to continue from"
                    + " it, copy it over %s and run ./vae train --resume --out %s", testLoss.negElbo(),
                    best[0].negElbo(), bestCheckpoint[0].epochsCompleted(), bestFile, out.resolve(CheckpointIO.FILE_NAME),
                    out);
        }
        TrainingSummary summary = new TrainingSummary(model, latentDims, config.epochs(), config.batchSize(),
                config.learningRate(), config.optimizer().id(), config.seed(), config.threads(), train.size(), seconds,
                (double) train.size() * (config.epochs() - epochsCompleted()) / trainingSeconds[0],
                state.model().describeObjective(), penalty(), state.options(), trainLoss, testLoss,
                history.stream().map(e -> new TrainingSummary.Epoch(e.epoch(), e.seconds(), e.train(), e.test())).toList(),
                new TrainingSummary.DataInfo(data.name(), data.source(), data.sha256()), warning);
        TrainedVae trained = TrainedVae.trained(session, run, config, dataProvenance, train.size(), provenance, summary);
        if (out != null) {
            trained.writeMetrics(out);
        }
        return trained;
    }
}
