package org.vae4j.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Options;
import org.nd4j.linalg.api.buffer.DataType;
import org.vae4j.api.TrainingProgress;
import org.vae4j.api.VaeException;
import org.vae4j.api.data.DatasetPair;
import org.vae4j.core.checkpoint.Checkpoint;
import org.vae4j.core.checkpoint.CheckpointIO;
import org.vae4j.core.checkpoint.ModelCheckpoints;
import org.vae4j.core.engine.ModelRunner;
import org.vae4j.core.engine.ModelState;
import org.vae4j.core.engine.NativeRuntime;
import org.vae4j.core.engine.Trainer;

/** A model directory written by {@code ./vae train}, opened by the commands that use a trained model. */
final class SavedModel {
    private final Path dir;
    private final Checkpoint checkpoint;
    private final Trainer.Run run;

    private SavedModel(Path dir, Checkpoint checkpoint, Trainer.Run run) {
        this.dir = dir;
        this.checkpoint = checkpoint;
        this.run = run;
    }

    /** Adds {@code --model-dir}, {@code --threads}, the data and plugin options. */
    static void addOptions(Options o) {
        o.addOption(CommonOptions.opt("model-dir", "DIR", "a directory written by ./vae train (required)"));
        o.addOption(CommonOptions.opt("threads", "N", CommonOptions.threadsHelp("matrix products")));
        CommonOptions.addData(o);
        CommonOptions.addPlugins(o);
    }

    static SavedModel open(CommandLine cl) {
        if (!cl.hasOption("model-dir")) {
            throw new UsageException("--model-dir DIR is required");
        }
        int threads = CommonOptions.intOption(cl, "threads", org.vae4j.api.TrainingConfig.defaultThreads(), 1,
                Integer.MAX_VALUE);
        Path dir = Path.of(cl.getOptionValue("model-dir"));
        TrainCommand.requireModelDir(dir);
        Checkpoint c = CheckpointIO.read(dir.resolve(CheckpointIO.FILE_NAME));
        Trainer.Run run = ModelCheckpoints.restore(c, CommonOptions.modelFactory(cl), threads);
        NativeRuntime.setThreads(threads);
        return new SavedModel(dir, c, run);
    }

    Path dir() {
        return dir;
    }

    Checkpoint checkpoint() {
        return checkpoint;
    }

    ModelState state() {
        return run.model();
    }

    ModelRunner runner() {
        return new ModelRunner(run.model().model(), DataType.FLOAT);
    }

    /** "vae (z=10, 10 epochs)". */
    String title() {
        return checkpoint.provider() + " (z=" + checkpoint.spec().latentDims() + ", " + checkpoint.epochsCompleted()
                + " epochs)";
    }

    /** The dataset the model was trained on (or the one given with --dataset/--data), shape-checked. */
    DatasetPair data(CommandLine cl, PrintStream log) {
        String datasetName = checkpoint.dataset() == null ? "mnist" : checkpoint.dataset().name();
        DatasetPair data = CommonOptions.loadData(cl, CommonOptions.datasetName(cl, datasetName), log);
        if (data.train().dataSize() != checkpoint.spec().dataSize()) {
            throw new VaeException("the model expects images of " + checkpoint.spec().dataSize() + " pixels but "
                    + data.name() + " has " + data.train().dataSize() + "; pass the dataset it was trained on");
        }
        return data;
    }

    /** The training progress at the end of the saved run (what schedules such as capacity annealing read). */
    TrainingProgress endOfTraining(DatasetPair data) {
        int epochs = checkpoint.training().epochs();
        long steps = Trainer.stepsPerEpoch(data.train().size(), checkpoint.training().batchSize());
        return TrainingProgress.finished(epochs, steps, data.train().size());
    }
}
