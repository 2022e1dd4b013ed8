package org.vae4j.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;
import org.vae4j.ModelTrainer;
import org.vae4j.TrainedVae;
import org.vae4j.TrainingRun;
import org.vae4j.TrainingSummary;
import org.vae4j.Vae4j;
import org.vae4j.api.ModelSpec;
import org.vae4j.api.OptimizerKind;
import org.vae4j.api.TrainingConfig;
import org.vae4j.api.data.DatasetPair;

/** {@code ./vae train}: trains a registered model and writes the model directory. */
final class TrainCommand implements Main.Command {

    @Override
    public String summary() {
        return "train a registered model on MNIST and save it with its metrics";
    }

    static Options options() {
        Options o = new Options();
        o.addOption(CommonOptions.opt("model", "NAME", "registered model name (./vae models lists them); default vae"));
        o.addOption(CommonOptions.opt(
                "latent-dims", "N", "latent dimensions z (default " + ModelSpec.DEFAULT_LATENT_DIMS + ")"));
        o.addOption(CommonOptions.opt(
                "epochs", "N", "passes over the training set (default " + TrainingConfig.DEFAULT_EPOCHS + ")"));
        o.addOption(CommonOptions.opt(
                "batch-size", "N", "images per step (default " + TrainingConfig.DEFAULT_BATCH_SIZE + ")"));
        o.addOption(
                CommonOptions.opt("lr", "X", "learning rate (default " + TrainingConfig.DEFAULT_LEARNING_RATE + ")"));
        o.addOption(CommonOptions.opt("optimizer", "NAME", "adam (default) or adagrad"));
        o.addOption(CommonOptions.opt(
                "seed",
                "N",
                "seed for initialisation, shuffling and sampling (default " + TrainingConfig.DEFAULT_SEED + ")"));
        o.addOption(CommonOptions.opt("threads", "N", CommonOptions.THREADS_HELP));
        o.addOption(org.apache.commons.cli.Option.builder()
                .longOpt("option")
                .hasArg()
                .argName("KEY=VALUE")
                .desc("model option, repeatable (./vae models lists them)")
                .get());
        o.addOption(CommonOptions.opt(
                "out", "DIR", "model directory to create (default models/MODEL-zN); must not hold a model"));
        o.addOption(CommonOptions.opt("limit", "N", "train on the first N training images only (quick runs)"));
        o.addOption(CommonOptions.opt(
                "resume",
                null,
                "continue the run in --out DIR from its checkpoint (crashed, or"
                        + " finished and given more --epochs); only --epochs, --threads, --test-every and the data options"
                        + " may be given with it"));
        o.addOption(CommonOptions.opt(
                "test-every",
                "N",
                "evaluate the test set every N epochs into the history" + " (default 1; 0: only at the end)"));
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
        if (cl.hasOption("resume")) {
            return resume(cl, out, err);
        }
        // Everything the user typed is validated before any data is loaded or file written.
        String model = cl.getOptionValue("model", "vae");
        TrainingConfig config = config(cl);
        int latent = CommonOptions.intOption(cl, "latent-dims", ModelSpec.DEFAULT_LATENT_DIMS);
        ModelSpec.mnist(latent);
        Map<String, String> modelOptions = CommonOptions.modelOptions(cl);
        try (Vae4j vae = CommonOptions.library(cl, config.threads(), err)) {
            int testEvery = CommonOptions.intOption(cl, "test-every", 1, 0, Integer.MAX_VALUE);
            int limit = CommonOptions.intOption(cl, "limit", Integer.MAX_VALUE, 1, Integer.MAX_VALUE);
            Path outDir = Path.of(cl.getOptionValue("out", "models/" + model + "-z" + latent));
            ModelTrainer trainer = vae.trainer(model)
                    .options(modelOptions)
                    .latentDims(latent)
                    .config(config)
                    .testEvery(testEvery)
                    .saveTo(outDir);
            if (limit < Integer.MAX_VALUE) {
                trainer.limit(limit);
            }
            trainer.validate();
            DatasetPair data = CommonOptions.loadData(vae, cl, CommonOptions.datasetName(vae, cl, "mnist"), err);
            TrainingRun run = trainer.start(data);
            out.printf(
                    Locale.ROOT,
                    "model %s (%s), z=%d, %,d parameters; %s%n",
                    model,
                    run.options(),
                    latent,
                    run.numParams(),
                    config);
            return finish(run, outDir, out, err);
        }
    }

    /** {@code --resume}: the run in --out continues with its own configuration; only these may change. */
    private int resume(CommandLine cl, PrintStream out, PrintStream err) {
        for (String fixed :
                List.of("model", "latent-dims", "batch-size", "lr", "optimizer", "seed", "option", "limit")) {
            if (cl.hasOption(fixed)) {
                throw new UsageException("--resume continues the run as it was configured; --" + fixed + " cannot be"
                        + " given with it (only --epochs, --threads, --test-every and the data options)");
            }
        }
        if (!cl.hasOption("out")) {
            throw new UsageException("--resume needs --out DIR, the model directory of the run to continue");
        }
        Path outDir = Path.of(cl.getOptionValue("out"));
        int threads = CommonOptions.intOption(cl, "threads", TrainingConfig.defaultThreads(), 1, Integer.MAX_VALUE);
        try (Vae4j vae = CommonOptions.library(cl, threads, err)) {
            ModelTrainer trainer = vae.resume(outDir)
                    .threads(threads)
                    .testEvery(CommonOptions.intOption(cl, "test-every", 1, 0, Integer.MAX_VALUE));
            if (cl.hasOption("epochs")) {
                trainer.epochs(
                        CommonOptions.intOption(cl, "epochs", TrainingConfig.DEFAULT_EPOCHS, 1, Integer.MAX_VALUE));
            }
            trainer.validate();
            String dataset =
                    trainer.resumedModel().flatMap(TrainedVae::datasetName).orElse("mnist");
            DatasetPair data = CommonOptions.loadData(vae, cl, CommonOptions.datasetName(vae, cl, dataset), err);
            TrainingRun run = trainer.start(data);
            out.printf(
                    Locale.ROOT,
                    "resuming %s (%s) in %s after epoch %d of %d; %s%n",
                    run.model(),
                    run.options(),
                    outDir,
                    run.epochsCompleted(),
                    run.config().epochs(),
                    run.config());
            return finish(run, outDir, out, err);
        }
    }

    /** Trains with a progress display and prints the final loss terms. */
    private static int finish(TrainingRun run, Path outDir, PrintStream out, PrintStream err) {
        run.listener(new Progress(err, Progress.isTerminal(), run.objective(), run.penalty() != null));
        TrainedVae trained = run.run();
        TrainingSummary s = trained.summary().orElseThrow();
        out.printf(
                Locale.ROOT,
                "test  -ELBO %.2f nats (D %.2f + KL %.2f); objective %s = %.2f%n",
                s.test().negElbo(),
                s.test().reconstruction(),
                s.test().kl(),
                s.objective(),
                s.test().objective());
        out.printf(
                Locale.ROOT,
                "train -ELBO %.2f nats (D %.2f + KL %.2f)%n",
                s.train().negElbo(),
                s.train().reconstruction(),
                s.train().kl());
        out.printf(
                Locale.ROOT,
                "%.1fs, training at %,.0f images/s; saved to %s%n",
                s.seconds(),
                s.imagesPerSecond(),
                outDir);
        if (s.warning() != null) {
            err.println("vae train: warning: " + s.warning());
        }
        return Main.OK;
    }
}
