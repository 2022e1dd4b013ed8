package org.vae4j.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;
import org.nd4j.linalg.api.buffer.DataType;
import org.vae4j.api.Loss;
import org.vae4j.api.ModelSpec;
import org.vae4j.api.TrainingConfig;
import org.vae4j.api.TrainingListener;
import org.vae4j.api.data.Dataset;
import org.vae4j.api.data.DatasetPair;
import org.vae4j.core.engine.ModelFactory;
import org.vae4j.core.engine.ModelState;
import org.vae4j.core.engine.NativeRuntime;
import org.vae4j.core.engine.StepProfile;
import org.vae4j.core.engine.Trainer;

/**
 * {@code ./vae bench}: training throughput on the MNIST training set. The first epoch warms up
 * the JIT and is reported but not counted when more than one epoch runs; the figure is the median
 * of the others.
 */
final class BenchCommand implements Main.Command {
    @Override
    public String summary() {
        return "measure training throughput (images/s), printed and as one JSON line";
    }

    @Override
    public int run(String[] args, PrintStream out, PrintStream err) throws ParseException {
        Options o = new Options();
        o.addOption(CommonOptions.opt("model", "NAME", "model to train (default vae)"));
        o.addOption(CommonOptions.opt("batch-size", "N", "images per step (default 100)"));
        o.addOption(CommonOptions.opt("epochs", "N", "epochs to time (default 3; the first is warm-up)"));
        o.addOption(CommonOptions.opt("threads", "N", CommonOptions.THREADS_HELP));
        o.addOption(CommonOptions.opt("latent-dims", "N", "latent dimensions (default 10)"));
        o.addOption(org.apache.commons.cli.Option.builder().longOpt("option").hasArg().argName("KEY=VALUE")
                .desc("model option, repeatable").build());
        o.addOption(org.apache.commons.cli.Option.builder().longOpt("profile")
                .desc("also time each phase of a step (encoder, decoder, loss, optimizer, ...)").build());
        CommonOptions.addData(o);
        CommonOptions.addPlugins(o);
        CommonOptions.addHelp(o);
        CommandLine cl = CommonOptions.parse(o, args);
        if (CommonOptions.help(cl, o, "./vae bench [options]", out)) {
            return Main.OK;
        }
        String model = cl.getOptionValue("model", "vae");
        TrainingConfig config = new TrainingConfig(CommonOptions.intOption(cl, "epochs", 3),
                CommonOptions.intOption(cl, "batch-size", 100), 1e-3, org.vae4j.api.OptimizerKind.ADAM, 1,
                CommonOptions.intOption(cl, "threads", TrainingConfig.defaultThreads()));
        int latent = CommonOptions.intOption(cl, "latent-dims", 10);
        ModelSpec.mnist(latent);
        ModelFactory factory = CommonOptions.modelFactory(cl);
        var modelOptions = CommonOptions.modelOptions(cl);
        factory.resolveOptions(model, modelOptions);
        DatasetPair data = CommonOptions.loadData(cl, CommonOptions.datasetName(cl, "mnist"), err);
        Dataset train = data.train();
        NativeRuntime.setThreads(config.threads());
        ModelState state = factory.create(model, CommonOptions.spec(train, latent),
                modelOptions, DataType.FLOAT, 1);
        List<Double> rates = new ArrayList<>();
        StepProfile profile = cl.hasOption("profile") ? new StepProfile() : null;
        TrainingListener timer = new TrainingListener() {
            @Override
            public void onEpochStart(int epoch) {
                if (profile != null && epoch == 1) {
                    profile.reset(); // the warm-up epoch is not counted
                }
            }

            @Override
            public void onEpochEnd(int epoch, Loss loss, double seconds) {
                double rate = train.size() / seconds;
                rates.add(rate);
                err.printf(Locale.ROOT, "epoch %d: %.2fs, %,.0f images/s%s%n", epoch + 1, seconds, rate,
                        epoch == 0 && config.epochs() > 1 ? " (warm-up, not counted)" : "");
            }
        };
        new Trainer(config, List.of(timer)).profile(profile).train(Trainer.start(state, config), train);
        List<Double> counted = new ArrayList<>(rates.size() > 1 ? rates.subList(1, rates.size()) : rates);
        Collections.sort(counted);
        double median = counted.size() % 2 == 1 ? counted.get(counted.size() / 2)
                : (counted.get(counted.size() / 2 - 1) + counted.get(counted.size() / 2)) / 2;
        out.printf(Locale.ROOT, "%s, batch %d, %d thread(s): %,.0f images/s (median of %d epoch(s))%n", model,
                config.batchSize(), config.threads(), median, counted.size());
        ObjectNode json = Json.MAPPER.createObjectNode();
        json.put("model", model);
        json.put("batchSize", config.batchSize());
        json.put("threads", config.threads());
        json.put("epochs", config.epochs());
        json.put("imagesPerSecond", Math.round(median));
        ArrayNode all = json.putArray("epochImagesPerSecond");
        rates.forEach(r -> all.add(Math.round(r)));
        if (profile != null) {
            printProfile(profile, out);
            ObjectNode phases = json.putObject("msPerStep");
            profile.millisPerStep().forEach((phase, ms) -> phases.put(phaseId(phase), Math.round(ms * 1000) / 1000.0));
        }
        out.println(Json.oneLine(json));
        return Main.OK;
    }

    private static String phaseId(StepProfile.Phase phase) {
        return phase.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static void printProfile(StepProfile profile, PrintStream out) {
        Map<StepProfile.Phase, Double> ms = profile.millisPerStep();
        double total = ms.values().stream().mapToDouble(Double::doubleValue).sum();
        out.printf(Locale.ROOT, "time per step, mean of %,d steps (after the warm-up epoch):%n", profile.steps());
        ms.forEach((phase, v) -> out.printf(Locale.ROOT, "  %-48s %7.3f ms  %5.1f%%%n", phase.description(), v,
                total > 0 ? 100 * v / total : 0));
        out.printf(Locale.ROOT, "  %-48s %7.3f ms%n", "total", total);
    }
}
