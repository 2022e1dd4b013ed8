package org.vae4j.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;
import org.vae4j.core.checkpoint.CheckpointIO;
import org.vae4j.metrics.score.Metrics;

/**
 * {@code ./vae study}: the paper's experiments as a grid of independent trials (model x latent
 * size x beta x seed), each a training run, an evaluation and a disentanglement scoring in its own
 * folder, followed by the analysis and an HTML report. A trial is finished when its
 * {@code trial.json} exists; {@code --resume} skips finished trials and restarts a half-finished
 * one from scratch, so an interrupted study completes without redoing work.
 */
final class StudyCommand implements Main.Command {
    static final String STUDY = "study.json";
    static final String TRIAL_DONE = "trial.json";

    @Override
    public String summary() {
        return "run the paper's study (latent-size sensitivity, beta trade-off, conditioning, alignment) and report it";
    }

    /** One cell of the grid. */
    record Trial(String phase, String model, int latent, double beta, long seed) {
        String id() {
            return model + "-z" + latent + "-b" + StudyAnalysis.number(beta) + "-s" + seed;
        }
    }

    @Override
    public int run(String[] args, PrintStream out, PrintStream err) throws ParseException {
        Options o = new Options();
        o.addOption(CommonOptions.opt("profile", "NAME", "quick (default), paper or full"));
        o.addOption(CommonOptions.opt("spec", "FILE", "a study description (JSON; see docs/study.md) instead of a profile"));
        o.addOption(CommonOptions.opt("out", "DIR", "study directory (default studies/NAME)"));
        o.addOption(CommonOptions.opt("resume", null, "continue the study in --out: finished trials are kept"));
        o.addOption(CommonOptions.opt("threads", "N", "trials run in parallel, one core each (default: cores, at most 2)"));
        o.addOption(CommonOptions.opt("cache", "DIR", "attribute cache directory (default: the data cache)"));
        CommonOptions.addData(o);
        CommonOptions.addPlugins(o);
        CommonOptions.addHelp(o);
        CommandLine cl = CommonOptions.parse(o, args);
        if (CommonOptions.help(cl, o, "./vae study [--profile quick|paper|full] [options]", out)) {
            return Main.OK;
        }
        if (cl.hasOption("profile") && cl.hasOption("spec")) {
            throw new UsageException("give either --profile or --spec, not both");
        }
        StudySpec spec = cl.hasOption("spec") ? StudySpec.read(Path.of(cl.getOptionValue("spec")))
                : StudySpec.profile(cl.getOptionValue("profile", "quick"));
        int workers = CommonOptions.intOption(cl, "threads", Math.min(2, Runtime.getRuntime().availableProcessors()), 1,
                Integer.MAX_VALUE);
        Path dir = Path.of(cl.getOptionValue("out", "studies/" + spec.name()));
        Path studyFile = dir.resolve(STUDY);
        if (Files.exists(studyFile)) {
            if (!cl.hasOption("resume")) {
                throw new UsageException("--out " + dir + " already holds a study; add --resume to continue it, or choose"
                        + " another --out");
            }
            StudySpec stored = StudySpec.read(studyFile);
            if (!stored.equals(spec) && (cl.hasOption("profile") || cl.hasOption("spec"))) {
                throw new UsageException("--resume: " + dir + " holds study '" + stored.name() + "' with a different"
                        + " description; resume it without --profile/--spec or choose another --out");
            }
            spec = stored;
        } else if (cl.hasOption("resume")) {
            throw new UsageException("--resume: " + dir + " holds no study (no " + STUDY + ")");
        }
        // everything is checked before the first trial trains
        var registry = CommonOptions.modelFactory(cl).registry();
        registry.get(spec.sensitivity().model());
        for (String model : spec.tradeoff().models()) {
            boolean hasBeta = registry.get(model).optionSchema().options().stream()
                    .anyMatch(option -> option.name().equals("beta"));
            if (!hasBeta) {
                throw new UsageException("tradeoff model '" + model + "' has no 'beta' option to vary; use models such as"
                        + " beta-vae or cvae (./vae models lists their options)");
            }
        }
        Metrics metrics = Metrics.load();
        spec.scoring().metrics().forEach(metrics::get);
        for (String a : spec.scoring().attributes()) {
            if (!a.equals(DisentanglementCommand.LABEL)
                    && !org.vae4j.metrics.morpho.Morphometrics.Measurement.NAMES.contains(a)) {
                throw new UsageException(studyFile + ": unknown attribute '" + a + "'");
            }
        }
        CheckpointIO.writeAtomically(studyFile, spec.json().getBytes(StandardCharsets.UTF_8));
        out.printf(Locale.ROOT, "study %s in %s: %s%n", spec.name(), dir, spec.description());
        long started = System.nanoTime();

        List<Trial> sensitivity = new ArrayList<>();
        for (int z : spec.sensitivity().latentSizes()) {
            for (long seed : spec.seeds()) {
                sensitivity.add(new Trial("sensitivity", spec.sensitivity().model(), z, 1.0, seed));
            }
        }
        List<String> failed = new ArrayList<>(runAll(sensitivity, spec, dir, cl, workers, out));
        StudyAnalysis analysis = new StudyAnalysis(spec, dir);
        int z = spec.tradeoff().latentDims() > 0 ? spec.tradeoff().latentDims() : analysis.knee();
        out.printf(Locale.ROOT, "trade-off at z=%d (%s)%n", z, spec.tradeoff().latentDims() > 0 ? "fixed by the study"
                : "the knee of the sensitivity analysis");
        List<Trial> tradeoff = new ArrayList<>();
        for (String model : spec.tradeoff().models()) {
            for (double beta : spec.tradeoff().betas()) {
                for (long seed : spec.seeds()) {
                    tradeoff.add(new Trial("tradeoff", model, z, beta, seed));
                }
            }
        }
        failed.addAll(runAll(tradeoff, spec, dir, cl, workers, out));
        Path report = analysis.write(z, failed);
        out.printf(Locale.ROOT, "study %s finished in %s; report %s%n", spec.name(),
                Progress.formatSeconds((System.nanoTime() - started) / 1e9), report);
        if (!failed.isEmpty()) {
            err.println("vae study: " + failed.size() + " trial(s) failed: " + String.join(", ", failed)
                    + "; see their trial.log, then run again with --resume");
            return Main.FAILURE;
        }
        return Main.OK;
    }

    /** Runs the trials not finished yet with {@code workers} in parallel; returns the ids of failed ones. */
    private List<String> runAll(List<Trial> trials, StudySpec spec, Path dir, CommandLine cl, int workers,
                                PrintStream out) {
        List<Trial> todo = trials.stream().filter(t -> !Files.exists(dir.resolve("trials").resolve(t.id())
                .resolve(TRIAL_DONE))).toList();
        if (todo.size() < trials.size()) {
            out.printf(Locale.ROOT, "%s: %d of %d trials finished before, %d to run%n", trials.get(0).phase(),
                    trials.size() - todo.size(), trials.size(), todo.size());
        }
        List<String> failed = new ArrayList<>();
        if (todo.isEmpty()) {
            return failed;
        }
        AtomicInteger done = new AtomicInteger();
        long started = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        try {
            List<Future<String>> results = new ArrayList<>();
            for (Trial t : todo) {
                results.add(pool.submit(() -> {
                    long t0 = System.nanoTime();
                    String problem = runTrial(t, spec, dir.resolve("trials").resolve(t.id()), cl);
                    int k = done.incrementAndGet();
                    double elapsed = (System.nanoTime() - started) / 1e9;
                    synchronized (out) {
                        out.printf(Locale.ROOT, "[%s %d/%d] %s %s in %.0f s; ETA %s%n", t.phase(), k, todo.size(), t.id(),
                                problem == null ? "done" : "FAILED (" + problem + ")", (System.nanoTime() - t0) / 1e9,
                                Progress.formatSeconds(elapsed / k * (todo.size() - k)));
                    }
                    return problem == null ? null : t.id();
                }));
            }
            for (Future<String> f : results) {
                String id = f.get();
                if (id != null) {
                    failed.add(id);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new org.vae4j.api.VaeException("study interrupted; run again with --resume to continue");
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("a trial crashed", e.getCause());
        } finally {
            pool.shutdownNow();
        }
        return failed;
    }

    /** Runs one trial in its folder; returns null on success or a one-line reason. */
    private static String runTrial(Trial t, StudySpec spec, Path trialDir, CommandLine cl) throws IOException {
        if (Files.exists(trialDir)) {
            deleteTree(trialDir);   // half-finished by an interrupted run: start it cleanly
        }
        Files.createDirectories(trialDir);
        Path modelDir = trialDir.resolve("model");
        try (PrintStream log = new PrintStream(Files.newOutputStream(trialDir.resolve("trial.log")), true,
                StandardCharsets.UTF_8)) {
            List<String> data = dataArgs(cl);
            List<String> train = new ArrayList<>(List.of("train", "--model", t.model(), "--latent-dims",
                    Integer.toString(t.latent()), "--epochs", Integer.toString(spec.epochs()), "--batch-size",
                    Integer.toString(spec.batchSize()), "--seed", Long.toString(t.seed()), "--threads", "1",
                    "--test-every", "0", "--out", modelDir.toString()));
            if (spec.trainImages() > 0) {
                train.addAll(List.of("--limit", Integer.toString(spec.trainImages())));
            }
            if (t.phase().equals("tradeoff")) {
                train.addAll(List.of("--option", "beta=" + StudyAnalysis.number(t.beta())));
            }
            train.addAll(data);
            int iwSamples = t.phase().equals("sensitivity") ? spec.sensitivity().iwSamples() : spec.tradeoff().iwSamples();
            int iwImages = t.phase().equals("sensitivity") ? spec.sensitivity().iwImages() : spec.tradeoff().iwImages();
            // Each trial keeps to one core: --threads N runs N trials side by side.
            List<String> evaluate = new ArrayList<>(List.of("evaluate", "--model-dir", modelDir.toString(),
                    "--iw-samples", Integer.toString(iwSamples), "--threads", "1"));
            if (iwSamples > 0 && iwImages > 0) {
                evaluate.addAll(List.of("--iw-images", Integer.toString(iwImages)));
            }
            evaluate.addAll(data);
            List<String> scores = new ArrayList<>(List.of("disentanglement", "--model-dir", modelDir.toString(), "--threads", "1",
                    "--attributes", String.join(",", spec.scoring().attributes()), "--metrics",
                    String.join(",", spec.scoring().metrics()), "--images", Integer.toString(spec.scoring().images())));
            if (cl.hasOption("cache")) {
                scores.addAll(List.of("--cache", cl.getOptionValue("cache")));
            }
            scores.addAll(data);
            long t0 = System.nanoTime();
            for (List<String> step : List.of(train, evaluate, scores)) {
                log.println("$ ./vae " + String.join(" ", step));
                int code = Main.run(step.toArray(String[]::new), log, log);
                if (code != Main.OK) {
                    return step.get(0) + " exited with " + code;
                }
            }
            ObjectNode done = Json.MAPPER.createObjectNode();
            done.put("id", t.id());
            done.put("phase", t.phase());
            done.put("model", t.model());
            done.put("latentDims", t.latent());
            done.put("beta", t.beta());
            done.put("seed", t.seed());
            done.put("seconds", Json.round((System.nanoTime() - t0) / 1e9));
            Json.write(trialDir.resolve(TRIAL_DONE), done);
            return null;
        }
    }

    static List<String> dataArgs(CommandLine cl) {
        List<String> args = new ArrayList<>();
        for (String name : List.of("data", "dataset", "plugins")) {
            if (cl.hasOption(name)) {
                args.add("--" + name);
                args.add(cl.getOptionValue(name));
            }
        }
        return args;
    }

    static void deleteTree(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the unfinished trial " + dir + ": " + e.getMessage(), e);
        }
    }
}
