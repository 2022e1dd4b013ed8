package org.vae4j.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;
import org.nd4j.linalg.api.buffer.DataType;
import org.vae4j.api.Loss;
import org.vae4j.api.ModelSpec;
import org.vae4j.api.OptimizerKind;
import org.vae4j.api.TrainingConfig;
import org.vae4j.api.TrainingListener;
import org.vae4j.api.TrainingProgress;
import org.vae4j.api.VaeException;
import org.vae4j.api.data.Dataset;
import org.vae4j.api.data.DatasetPair;
import org.vae4j.core.checkpoint.Checkpoint;
import org.vae4j.core.checkpoint.CheckpointIO;
import org.vae4j.core.checkpoint.ModelCheckpoints;
import org.vae4j.core.engine.Evaluator;
import org.vae4j.core.engine.ModelFactory;
import org.vae4j.core.engine.ModelState;
import org.vae4j.core.engine.NativeRuntime;
import org.vae4j.core.engine.Trainer;

/** {@code ./vae train}: trains a registered model and writes the model directory. */
final class TrainCommand implements Main.Command {
    static final String METRICS = "metrics.json";

    @Override
    public String summary() {
        return "train a registered model on MNIST and save it with its metrics";
    }

    static Options options() {
        Options o = new Options();
        o.addOption(CommonOptions.opt("model", "NAME", "registered model name (./vae models lists them); default vae"));
        o.addOption(CommonOptions.opt("latent-dims", "N", "latent dimensions z (default " + ModelSpec.DEFAULT_LATENT_DIMS + ")"));
        o.addOption(CommonOptions.opt("epochs", "N", "passes over the training set (default " + TrainingConfig.DEFAULT_EPOCHS + ")"));
        o.addOption(CommonOptions.opt("batch-size", "N", "images per step (default " + TrainingConfig.DEFAULT_BATCH_SIZE + ")"));
        o.addOption(CommonOptions.opt("lr", "X", "learning rate (default " + TrainingConfig.DEFAULT_LEARNING_RATE + ")"));
        o.addOption(CommonOptions.opt("optimizer", "NAME", "adam (default) or adagrad"));
        o.addOption(CommonOptions.opt("seed", "N", "seed for initialisation, shuffling and sampling (default "
                + TrainingConfig.DEFAULT_SEED + ")"));
        o.addOption(CommonOptions.opt("threads", "N", CommonOptions.THREADS_HELP));
        o.addOption(org.apache.commons.cli.Option.builder().longOpt("option").hasArg().argName("KEY=VALUE")
                .desc("model option, repeatable (./vae models lists them)").build());
        o.addOption(CommonOptions.opt("out", "DIR", "model directory to create (default models/MODEL-zN); must not hold a model"));
        o.addOption(CommonOptions.opt("limit", "N", "train on the first N training images only (quick runs)"));
        o.addOption(CommonOptions.opt("test-every", "N", "evaluate the test set every N epochs into the history"
                + " (default 1; 0: only at the end)"));
        CommonOptions.addData(o);
        CommonOptions.addPlugins(o);
        CommonOptions.addHelp(o);
        return o;
    }

    static TrainingConfig config(CommandLine cl) {
        return new TrainingConfig(
                CommonOptions.intOption(cl, "epochs", TrainingConfig.DEFAULT_EPOCHS),
                CommonOptions.intOption(cl, "batch-size", TrainingConfig.DEFAULT_BATCH_SIZE),
                CommonOptions.doubleOption(cl, "lr", TrainingConfig.DEFAULT_LEARNING_RATE),
                OptimizerKind.parse(cl.getOptionValue("optimizer", "adam")),
                CommonOptions.longOption(cl, "seed", TrainingConfig.DEFAULT_SEED),
                CommonOptions.intOption(cl, "threads", TrainingConfig.defaultThreads()));
    }

    @Override
    public int run(String[] args, PrintStream out, PrintStream err) throws ParseException {
        Options o = options();
        CommandLine cl = CommonOptions.parse(o, args);
        if (CommonOptions.help(cl, o, "./vae train --model NAME [options]", out)) {
            return Main.OK;
        }
        // Everything the user typed is validated before any data is loaded or file written.
        String model = cl.getOptionValue("model", "vae");
        TrainingConfig config = config(cl);
        int latent = CommonOptions.intOption(cl, "latent-dims", ModelSpec.DEFAULT_LATENT_DIMS);
        ModelSpec.mnist(latent);
        Map<String, String> modelOptions = CommonOptions.modelOptions(cl);
        ModelFactory factory = CommonOptions.modelFactory(cl);
        factory.resolveOptions(model, modelOptions);
        int testEvery = CommonOptions.intOption(cl, "test-every", 1, 0, Integer.MAX_VALUE);
        int limit = CommonOptions.intOption(cl, "limit", Integer.MAX_VALUE, 1, Integer.MAX_VALUE);
        Path outDir = Path.of(cl.getOptionValue("out", "models/" + model + "-z" + latent));
        if (Files.exists(outDir.resolve(CheckpointIO.FILE_NAME)) || Files.exists(outDir.resolve(METRICS))) {
            throw new UsageException("--out " + outDir + " already holds a model; choose another directory or delete it");
        }
        DatasetPair data = CommonOptions.loadData(cl, CommonOptions.datasetName(cl, "mnist"), err);
        Dataset train = limit < data.train().size() ? data.train().head(limit) : data.train();

        NativeRuntime.setThreads(config.threads());
        ModelSpec spec = CommonOptions.spec(train, latent);
        ModelState state = factory.create(model, spec, modelOptions, DataType.FLOAT, config.seed());
        out.printf(Locale.ROOT, "model %s (%s), z=%d, %,d parameters; %s%n", model, state.options(), latent,
                state.model().numParams(), config);
        Trainer.Run run = Trainer.start(state, config);
        Checkpoint.DatasetProvenance provenance = new Checkpoint.DatasetProvenance(data.name(), data.source(), data.sha256());
        List<ObjectNode> history = new ArrayList<>();
        double[] trainingSeconds = {0};
        TrainingListener saver = new TrainingListener() {
            @Override
            public void onEpochEnd(int epoch, Loss trainLoss, double seconds) {
                trainingSeconds[0] += seconds;
                ObjectNode e = Json.MAPPER.createObjectNode();
                e.put("epoch", epoch + 1);
                e.put("seconds", Json.round(seconds));
                e.set("train", Json.loss(trainLoss));
                if (testEvery > 0 && ((epoch + 1) % testEvery == 0 || epoch + 1 == config.epochs())) {
                    long steps = Trainer.stepsPerEpoch(train.size(), config.batchSize());
                    TrainingProgress now = new TrainingProgress(epoch, config.epochs(), (epoch + 1) * steps - 1, steps,
                            train.size());
                    Loss test = Evaluator.evaluate(state, data.test(), now);
                    e.set("test", Json.loss(test));
                    err.printf(Locale.ROOT, "epoch %d/%d test -ELBO %.2f (D %.2f + KL %.2f)%n", epoch + 1,
                            config.epochs(), test.negElbo(), test.reconstruction(), test.kl());
                }
                history.add(e);
                // An atomic checkpoint after every epoch: an interrupted run keeps its last good state.
                ModelCheckpoints.save(run, config, provenance, outDir);
            }
        };
        long started = System.nanoTime();
        new Trainer(config, List.of(new Progress(err, Progress.isTerminal(), state.model().describeObjective()), saver))
                .train(run, train);
        double seconds = (System.nanoTime() - started) / 1e9;

        TrainingProgress end = TrainingProgress.finished(config.epochs(),
                Trainer.stepsPerEpoch(train.size(), config.batchSize()), train.size());
        err.println("evaluating on the training and test sets...");
        Loss trainLoss = Evaluator.evaluate(state, train, end);
        Loss testLoss = Evaluator.evaluate(state, data.test(), end);

        ObjectNode metrics = Json.MAPPER.createObjectNode();
        metrics.put("model", model);
        metrics.put("latentDims", latent);
        metrics.put("epochs", config.epochs());
        metrics.put("batchSize", config.batchSize());
        metrics.put("learningRate", config.learningRate());
        metrics.put("optimizer", config.optimizer().id());
        metrics.put("seed", config.seed());
        metrics.put("threads", config.threads());
        metrics.put("trainImages", train.size());
        metrics.put("seconds", Json.round(seconds));
        // Training steps only, comparable with ./vae bench; `seconds` also holds the per-epoch test
        // evaluations and checkpoints.
        double imagesPerSecond = (double) train.size() * config.epochs() / trainingSeconds[0];
        metrics.put("imagesPerSecond", Math.round(imagesPerSecond));
        metrics.put("objective", state.model().describeObjective());
        ObjectNode opts = metrics.putObject("options");
        state.options().forEach(opts::put);
        metrics.set("train", Json.loss(trainLoss));
        metrics.set("test", Json.loss(testLoss));
        metrics.putArray("history").addAll(history);
        ObjectNode ds = metrics.putObject("dataset");
        ds.put("name", data.name());
        ds.put("source", data.source());
        ObjectNode sums = ds.putObject("sha256");
        data.sha256().forEach(sums::put);
        Json.write(outDir.resolve(METRICS), metrics);

        out.printf(Locale.ROOT, "test  -ELBO %.2f nats (D %.2f + KL %.2f); objective %s = %.2f%n", testLoss.negElbo(),
                testLoss.reconstruction(), testLoss.kl(), state.model().describeObjective(), testLoss.objective());
        out.printf(Locale.ROOT, "train -ELBO %.2f nats (D %.2f + KL %.2f)%n", trainLoss.negElbo(),
                trainLoss.reconstruction(), trainLoss.kl());
        out.printf(Locale.ROOT, "%.1fs, training at %,.0f images/s; saved to %s%n", seconds, imagesPerSecond, outDir);
        return Main.OK;
    }

    static void requireModelDir(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new VaeException("--model-dir " + dir + " does not exist; train a model with ./vae train --out " + dir);
        }
    }
}
