package org.vae4j.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;
import org.vae4j.api.Loss;
import org.vae4j.api.TrainingProgress;
import org.vae4j.api.data.DatasetPair;
import org.vae4j.core.checkpoint.Checkpoint;
import org.vae4j.core.checkpoint.CheckpointIO;
import org.vae4j.core.checkpoint.ModelCheckpoints;
import org.vae4j.core.engine.Evaluator;
import org.vae4j.core.engine.NativeRuntime;
import org.vae4j.core.engine.Trainer;

/** {@code ./vae evaluate}: the test-set loss terms of a saved model. */
final class EvaluateCommand implements Main.Command {
    @Override
    public String summary() {
        return "evaluate a saved model on the test set (-ELBO, reconstruction, KL)";
    }

    @Override
    public int run(String[] args, PrintStream out, PrintStream err) throws ParseException {
        Options o = new Options();
        o.addOption(CommonOptions.opt("model-dir", "DIR", "a directory written by ./vae train (required)"));
        o.addOption(CommonOptions.opt("threads", "N", "threads for matrix products (default 1)"));
        CommonOptions.addData(o);
        CommonOptions.addPlugins(o);
        CommonOptions.addHelp(o);
        CommandLine cl = CommonOptions.parse(o, args);
        if (CommonOptions.help(cl, o, "./vae evaluate --model-dir DIR [options]", out)) {
            return Main.OK;
        }
        if (!cl.hasOption("model-dir")) {
            throw new UsageException("--model-dir DIR is required");
        }
        int threads = CommonOptions.intOption(cl, "threads", 1);
        if (threads < 1) {
            throw new UsageException("--threads must be >= 1, got " + threads);
        }
        Path dir = Path.of(cl.getOptionValue("model-dir"));
        TrainCommand.requireModelDir(dir);
        Checkpoint c = CheckpointIO.read(dir.resolve(CheckpointIO.FILE_NAME));
        Trainer.Run run = ModelCheckpoints.restore(c, CommonOptions.modelFactory(cl), threads);
        String datasetName = c.dataset() == null ? "mnist" : c.dataset().name();
        DatasetPair data = CommonOptions.loadData(cl, CommonOptions.datasetName(cl, datasetName), err);
        if (data.train().dataSize() != c.spec().dataSize()) {
            throw new org.vae4j.api.VaeException("the model expects images of " + c.spec().dataSize() + " pixels but "
                    + data.name() + " has " + data.train().dataSize() + "; pass the dataset it was trained on");
        }
        NativeRuntime.setThreads(threads);
        int epochs = c.training().epochs();
        long steps = Trainer.stepsPerEpoch(data.train().size(), c.training().batchSize());
        Loss test = Evaluator.evaluate(run.model(), data.test(),
                TrainingProgress.finished(epochs, steps, data.train().size()));
        ObjectNode result = Json.MAPPER.createObjectNode();
        result.put("model", c.provider());
        result.put("latentDims", c.spec().latentDims());
        result.put("epochsCompleted", c.epochsCompleted());
        result.set("test", Json.loss(test));
        out.printf(Locale.ROOT, "%s (z=%d, %d epochs): test -ELBO %.2f nats (D %.2f + KL %.2f)%n", c.provider(),
                c.spec().latentDims(), c.epochsCompleted(), test.negElbo(), test.reconstruction(), test.kl());
        out.println(Json.oneLine(result));
        return Main.OK;
    }
}
