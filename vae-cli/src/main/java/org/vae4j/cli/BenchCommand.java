package org.vae4j.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;
import org.vae4j.Benchmark;
import org.vae4j.InferenceBenchmark;
import org.vae4j.TrainedVae;
import org.vae4j.Vae4j;
import org.vae4j.api.TrainingConfig;
import org.vae4j.api.data.Dataset;

/**
 * {@code ./vae bench}: training throughput on the MNIST training set. The first epoch warms up
 * the JIT and is reported but not counted when more than one epoch runs; the figure is the median
 * of the others. With {@code --model-dir}: the inference throughput of a trained model shared by
 * many threads ({@link InferenceBenchmark}).
 */
final class BenchCommand implements Main.Command {
    private static final com.fasterxml.jackson.databind.ObjectMapper MAPPER =
            new com.fasterxml.jackson.databind.ObjectMapper();

    @Override
    public String summary() {
        return "measure training throughput (images/s), or with --model-dir a model's inference from many threads";
    }

    @Override
    public int run(String[] args, PrintStream out, PrintStream err) throws ParseException {
        Options o = new Options();
        o.addOption(CommonOptions.opt("model", "NAME", "model to train (default vae)"));
        o.addOption(CommonOptions.opt("batch-size", "N", "images per step (default 100)"));
        o.addOption(CommonOptions.opt("epochs", "N", "epochs to time (default 3; the first is warm-up)"));
        o.addOption(CommonOptions.opt("threads", "N", CommonOptions.THREADS_HELP));
        o.addOption(CommonOptions.opt("latent-dims", "N", "latent dimensions (default 10)"));
        o.addOption(org.apache.commons.cli.Option.builder()
                .longOpt("option")
                .hasArg()
                .argName("KEY=VALUE")
                .desc("model option, repeatable")
                .get());
        o.addOption(org.apache.commons.cli.Option.builder()
                .longOpt("profile")
                .desc("also time each phase of a step (encoder, decoder, loss, optimizer, ...)")
                .get());
        o.addOption(CommonOptions.opt(
                "model-dir", "DIR", "measure this trained model's inference from many threads instead of training"));
        o.addOption(CommonOptions.opt(
                "concurrency", "LIST", "with --model-dir: threads calling encode at once (default 1,2,4,16)"));
        o.addOption(CommonOptions.opt("batches", "LIST", "with --model-dir: images per call (default 1,100)"));
        o.addOption(CommonOptions.opt("seconds", "S", "with --model-dir: measured seconds per cell (default 3)"));
        CommonOptions.addData(o);
        CommonOptions.addPlugins(o);
        CommonOptions.addHelp(o);
        CommandLine cl = CommonOptions.parse(o, args);
        if (CommonOptions.help(
                cl, o, "./vae bench [options] | ./vae bench --model-dir DIR [--concurrency 1,2,4,16]", out)) {
            return Main.OK;
        }
        if (cl.hasOption("model-dir")) {
            return inference(cl, out, err);
        }
        for (String only : new String[] {"concurrency", "batches", "seconds"}) {
            if (cl.hasOption(only)) {
                throw new UsageException("--" + only + " measures inference: give it with --model-dir DIR");
            }
        }
        String model = cl.getOptionValue("model", "vae");
        int threads = CommonOptions.intOption(cl, "threads", TrainingConfig.defaultThreads());
        try (Vae4j vae = CommonOptions.library(cl, Math.max(1, threads), err)) {
            Benchmark.Builder bench = vae.benchmark(model)
                    .epochs(CommonOptions.intOption(cl, "epochs", 3))
                    .batchSize(CommonOptions.intOption(cl, "batch-size", 100))
                    .threads(threads)
                    .latentDims(CommonOptions.intOption(cl, "latent-dims", 10))
                    .options(CommonOptions.modelOptions(cl))
                    .profile(cl.hasOption("profile"))
                    .log(err::println)
                    .validate();
            Dataset train = CommonOptions.loadData(vae, cl, CommonOptions.datasetName(vae, cl, "mnist"), err)
                    .train();
            Benchmark b = bench.run(train);
            out.printf(
                    Locale.ROOT,
                    "%s, batch %d, %d thread(s): %,.0f images/s (median of %d epoch(s); ND4J %s)%n",
                    model,
                    b.batchSize(),
                    b.threads(),
                    b.imagesPerSecond(),
                    Math.max(1, b.epochs() - 1),
                    b.nativeBuild());
            ObjectNode json = MAPPER.createObjectNode();
            json.put("model", model);
            json.put("batchSize", b.batchSize());
            json.put("threads", b.threads());
            json.put("epochs", b.epochs());
            json.put("imagesPerSecond", Math.round(b.imagesPerSecond()));
            json.put("nativeBuild", b.nativeBuild());
            ArrayNode all = json.putArray("epochImagesPerSecond");
            b.epochImagesPerSecond().forEach(r -> all.add(Math.round(r)));
            if (!b.millisPerStep().isEmpty()) {
                printProfile(b, out);
                ObjectNode phases = json.putObject("msPerStep");
                b.millisPerStep().forEach((phase, p) -> phases.put(phase, Math.round(p.millis() * 1000) / 1000.0));
            }
            out.println(json.toString());
            return Main.OK;
        }
    }

    private static int inference(CommandLine cl, PrintStream out, PrintStream err) {
        int[] concurrency = ints(cl, "concurrency", "1,2,4,16");
        int[] batches = ints(cl, "batches", "1,100");
        double seconds = CommonOptions.doubleOption(cl, "seconds", 3);
        Path dir = CommonOptions.modelDir(cl);
        try (Vae4j vae = CommonOptions.library(cl, CommonOptions.threads(cl), err)) {
            TrainedVae model = vae.load(dir);
            Dataset test = CommonOptions.modelData(vae, model, cl, err).test();
            List<InferenceBenchmark.Row> rows = InferenceBenchmark.builder(model, test)
                    .threads(concurrency)
                    .batches(batches)
                    .seconds(seconds, Math.min(2, seconds))
                    .log(out::println)
                    .run();
            ObjectNode json = MAPPER.createObjectNode();
            json.put("model", model.title());
            json.put("cores", Runtime.getRuntime().availableProcessors());
            ArrayNode cells = json.putArray("encode");
            for (InferenceBenchmark.Row r : rows) {
                ObjectNode c = cells.addObject();
                c.put("threads", r.threads());
                c.put("batch", r.batch());
                c.put("calls", r.calls());
                c.put("callsPerSecond", Math.round(r.callsPerSecond()));
                c.put("imagesPerSecond", Math.round(r.imagesPerSecond()));
                c.put("p50Millis", Math.round(r.latency().p50Millis() * 1000) / 1000.0);
                c.put("p90Millis", Math.round(r.latency().p90Millis() * 1000) / 1000.0);
                c.put("p99Millis", Math.round(r.latency().p99Millis() * 1000) / 1000.0);
            }
            out.println(json.toString());
            return Main.OK;
        }
    }

    /** A comma-separated list of positive integers, or a one-line usage error naming the option. */
    private static int[] ints(CommandLine cl, String name, String defaultValue) {
        String text = cl.getOptionValue(name, defaultValue);
        try {
            return java.util.Arrays.stream(text.split(",", -1))
                    .map(String::trim)
                    .mapToInt(Integer::parseInt)
                    .toArray();
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " must be comma-separated whole numbers such as " + defaultValue
                    + ", got '" + text + "'");
        }
    }

    private static void printProfile(Benchmark b, PrintStream out) {
        double total = b.millisPerStep().values().stream()
                .mapToDouble(Benchmark.Phase::millis)
                .sum();
        out.printf(Locale.ROOT, "time per step, mean of %,d steps (after the warm-up epoch):%n", b.profiledSteps());
        b.millisPerStep()
                .values()
                .forEach(p -> out.printf(
                        Locale.ROOT,
                        "  %-48s %7.3f ms  %5.1f%%%n",
                        p.description(),
                        p.millis(),
                        total > 0 ? 100 * p.millis() / total : 0));
        out.printf(Locale.ROOT, "  %-48s %7.3f ms%n", "total", total);
    }
}
