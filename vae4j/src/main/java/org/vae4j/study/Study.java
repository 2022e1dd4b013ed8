package org.vae4j.study;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.vae4j.Evaluation;
import org.vae4j.ModelTrainer;
import org.vae4j.TrainedVae;
import org.vae4j.Vae4j;
import org.vae4j.analysis.Attributes;
import org.vae4j.analysis.Disentanglement;
import org.vae4j.analysis.StudyResults;
import org.vae4j.api.ConfigurationException;
import org.vae4j.api.Loss;
import org.vae4j.api.TrainingListener;
import org.vae4j.api.VaeException;
import org.vae4j.api.data.DatasetPair;
import org.vae4j.core.io.AtomicFiles;
import org.vae4j.internal.Internals;
import org.vae4j.internal.Json;
import org.vae4j.internal.Session;
import org.vae4j.report.DisentanglementReport;
import org.vae4j.report.Durations;
import org.vae4j.report.StudyReport;

/**
 * The paper's experiments as a grid of independent trials (model x latent size x beta x seed),
 * each a training run, an evaluation and a disentanglement scoring in its own folder
 * {@code trials/ID/model}, followed by the analysis (tables, plots) and an HTML report. A trial is
 * finished when its {@code trial.json} exists; resuming skips finished trials and restarts a
 * half-finished one from scratch, so an interrupted study completes without redoing work.
 *
 * <p>By default trials run in parallel in this process, one core each: build the {@link Vae4j}
 * instance with {@code threads(1)} and choose the parallelism with {@link Builder#workers}. A
 * {@link TrialRunner} given to {@link Builder#runner} runs them elsewhere (module {@code vae-spark}:
 * as Apache Spark tasks).
 */
public final class Study {
    /** The study description stored in the study folder. */
    public static final String STUDY = "study.json";
    /** The file that marks a finished trial. */
    public static final String TRIAL_DONE = "trial.json";

    /**
     * One cell of the grid.
     *
     * @param phase {@code sensitivity} or {@code tradeoff}
     * @param model the model name
     * @param latent z
     * @param beta beta (1 in the sensitivity phase)
     * @param seed the seed
     */
    public record Trial(String phase, String model, int latent, double beta, long seed)
            implements java.io.Serializable {
        /** {@return the trial's folder name, e.g. {@code beta-vae-z10-b4-s1}} */
        public String id() {
            return model + "-z" + latent + "-b" + StudyReport.number(beta) + "-s" + seed;
        }
    }

    /**
     * What a study run did.
     *
     * @param report the report's path
     * @param tradeoffLatent the z of the trade-off phase
     * @param failed the ids of trials that failed (see their trial.log)
     */
    public record Outcome(Path report, int tradeoffLatent, List<String> failed) {}

    private final Session session;
    private final StudySpec spec;
    private final Path dir;
    private final TrialRunner runner;
    private final boolean sensitivityOnly;
    private DatasetPair data;
    private final String dataset;
    private final Path dataDirectory;
    private final Path attributeCache;
    private final PrintStream out;

    private Study(Builder b) {
        this.session = b.session;
        this.spec = b.spec;
        this.dir = b.dir;
        this.runner = b.runner != null ? b.runner : TrialRunner.inProcess(b.workers);
        this.sensitivityOnly = b.sensitivityOnly;
        this.dataset = b.dataset;
        this.dataDirectory = b.dataDirectory;
        this.attributeCache = b.attributeCache;
        this.out = b.out;
    }

    /**
     * {@return a study of {@code spec} in folder {@code dir}}
     *
     * @param vae the library instance
     * @param spec the study description
     * @param dir the study folder
     */
    public static Builder builder(Vae4j vae, StudySpec spec, Path dir) {
        return new Builder(Internals.session(vae), spec, dir);
    }

    /** Settings of a study run. */
    public static final class Builder {
        private final Session session;
        private final StudySpec spec;
        private final Path dir;
        private int workers = Math.min(2, Runtime.getRuntime().availableProcessors());
        private TrialRunner runner;
        private boolean resume;
        private boolean sensitivityOnly;
        private String dataset = "mnist";
        private Path dataDirectory;
        private Path attributeCache;
        private PrintStream out = new PrintStream(java.io.OutputStream.nullOutputStream());

        private Builder(Session session, StudySpec spec, Path dir) {
            this.session = session;
            this.spec = Objects.requireNonNull(spec);
            this.dir = Objects.requireNonNull(dir);
        }

        /**
         * Trials run side by side (default: the cores, at most 2).
         *
         * @param workers trials run side by side, at least 1
         * @return this builder
         */
        public Builder workers(int workers) {
            if (workers < 1) {
                throw new ConfigurationException("{workers} must be >= 1, got " + workers);
            }
            this.workers = workers;
            return this;
        }

        /**
         * What runs the trials (default: {@link TrialRunner#inProcess} with {@link #workers} at a time).
         *
         * @param runner the runner, or null for the default
         * @return this builder
         */
        public Builder runner(TrialRunner runner) {
            this.runner = runner;
            return this;
        }

        /**
         * Continue the study in the folder: finished trials are kept.
         *
         * @param resume true to continue the study in the folder
         * @return this builder
         */
        public Builder resume(boolean resume) {
            this.resume = resume;
            return this;
        }

        /**
         * Run only the latent-size sensitivity trials, then the analysis (the trade-off phase is
         * left for a later run with {@link #resume}).
         *
         * @param sensitivityOnly true to stop before the trade-off trials
         * @return this builder
         */
        public Builder sensitivityOnly(boolean sensitivityOnly) {
            this.sensitivityOnly = sensitivityOnly;
            return this;
        }

        /**
         * The dataset source (default mnist) and an optional folder to read it from.
         *
         * @param name the dataset source's name
         * @param dataDirectory the folder to read the files from, or null for the source chain
         * @return this builder
         */
        public Builder dataset(String name, Path dataDirectory) {
            this.dataset = name;
            this.dataDirectory = dataDirectory;
            return this;
        }

        /**
         * Where measured attributes are cached (default: the data cache).
         *
         * @param dir a folder
         * @return this builder
         */
        public Builder attributeCache(Path dir) {
            this.attributeCache = dir;
            return this;
        }

        /**
         * Receives the progress lines (default: dropped).
         *
         * @param out receives the lines
         * @return this builder
         */
        public Builder out(PrintStream out) {
            this.out = out;
            return this;
        }

        /**
         * Checks everything before the first trial trains (the folder, the models, metrics and
         * attributes the description names) and returns the study to {@link Study#run()}. With
         * resume, the stored description is used; a different one given explicitly is refused.
         *
         * @param explicit whether the caller chose the description (a resumed study then must hold the same)
         * @return the study, ready to run
         */
        public Study prepare(boolean explicit) {
            Path studyFile = dir.resolve(STUDY);
            StudySpec chosen = spec;
            if (Files.exists(studyFile)) {
                if (!resume) {
                    throw new ConfigurationException(
                            "{directory} " + dir + " already holds a study; add {resume} to continue"
                                    + " it, or choose another {directory}");
                }
                StudySpec stored = StudySpec.read(studyFile);
                if (!stored.equals(spec) && explicit) {
                    throw new ConfigurationException(
                            "{resume}: " + dir + " holds study '" + stored.name() + "' with a"
                                    + " different description; resume it without {profile}/{spec} or choose another {directory}");
                }
                chosen = stored;
            } else if (resume) {
                throw new ConfigurationException("{resume}: " + dir + " holds no study (no " + STUDY + ")");
            }
            session.models().get(chosen.sensitivity().model());
            for (String model : chosen.tradeoff().models()) {
                if (session.models().get(model).optionSchema().options().stream()
                        .noneMatch(o -> o.name().equals("beta"))) {
                    throw new ConfigurationException("tradeoff model '" + model + "' has no 'beta' option to vary; use"
                            + " models such as beta-vae or cvae (./vae models lists their options)");
                }
            }
            chosen.scoring().metrics().forEach(session::metric);
            Attributes.checkNames(chosen.scoring().attributes(), studyFile.toString());
            Builder b = new Builder(session, chosen, dir);
            b.workers = workers;
            b.runner = runner;
            b.resume = resume;
            b.sensitivityOnly = sensitivityOnly;
            b.dataset = dataset;
            b.dataDirectory = dataDirectory;
            b.attributeCache = attributeCache;
            b.out = out;
            return new Study(b);
        }
    }

    /** {@return the description this study runs (the stored one when resumed)} */
    public StudySpec spec() {
        return spec;
    }

    /**
     * Runs the trials not finished yet, then gathers their results ({@link StudyResults}) and renders
     * the tables, plots and report ({@link StudyReport}).
     *
     * @return the report, the trade-off z and the failed trials
     */
    public Outcome run() {
        AtomicFiles.write(dir.resolve(STUDY), spec.json().getBytes(StandardCharsets.UTF_8));
        out.printf(Locale.ROOT, "study %s in %s: %s%n", spec.name(), dir, spec.description());
        long started = System.nanoTime();

        List<Trial> sensitivity = new ArrayList<>();
        for (int z : spec.sensitivity().latentSizes()) {
            for (long seed : spec.seeds()) {
                sensitivity.add(new Trial("sensitivity", spec.sensitivity().model(), z, 1.0, seed));
            }
        }
        List<String> failed = new ArrayList<>(runAll(sensitivity));
        int z = spec.tradeoff().latentDims() > 0
                ? spec.tradeoff().latentDims()
                : StudyResults.knee(finishedTrials(), spec.sensitivity().kneeTolerance())
                        .orElseThrow(() -> new VaeException("no finished sensitivity trial in " + dir
                                + "; the trade-off needs the knee (or set tradeoff.latentDims)"));
        out.printf(
                Locale.ROOT,
                "trade-off at z=%d (%s)%s%n",
                z,
                spec.tradeoff().latentDims() > 0 ? "fixed by the study" : "the knee of the sensitivity analysis",
                sensitivityOnly ? "; not run now (sensitivity only)" : "");
        List<Trial> tradeoff = new ArrayList<>();
        for (String model :
                sensitivityOnly ? List.<String>of() : spec.tradeoff().models()) {
            for (double beta : spec.tradeoff().betas()) {
                for (long seed : spec.seeds()) {
                    tradeoff.add(new Trial("tradeoff", model, z, beta, seed));
                }
            }
        }
        failed.addAll(runAll(tradeoff));
        StudyResults results = StudyResults.of(finishedTrials(), plan(), z);
        Path report = StudyReport.write(dir, heading(), results, failed);
        out.printf(
                Locale.ROOT,
                "study %s finished in %s; report %s%n",
                spec.name(),
                Durations.format((System.nanoTime() - started) / 1e9),
                report);
        return new Outcome(report, z, failed);
    }

    /** What the results are grouped by. */
    private StudyResults.Plan plan() {
        return new StudyResults.Plan(
                spec.tradeoff().models(),
                spec.tradeoff().betas(),
                spec.scoring().metrics(),
                spec.scoring().attributes(),
                spec.sensitivity().kneeTolerance());
    }

    /** What the report says of the description. */
    private StudyReport.Heading heading() {
        return new StudyReport.Heading(
                spec.name(),
                spec.description(),
                String.format(
                        Locale.ROOT,
                        "%d epochs, batch %d, %s, seeds %s",
                        spec.epochs(),
                        spec.batchSize(),
                        spec.trainImages() > 0 ? spec.trainImages() + " training images" : "all training images",
                        spec.seeds()),
                new StudyReport.SensitivityHeading(
                        spec.sensitivity().model(),
                        spec.sensitivity().iwSamples(),
                        spec.sensitivity().iwImages()));
    }

    /** The finished trials' numbers, from their {@code trial.json}, {@code evaluation.json} and {@code disentanglement.json}. */
    private List<StudyResults.Trial> finishedTrials() {
        Path trials = dir.resolve("trials");
        List<StudyResults.Trial> found = new ArrayList<>();
        if (!Files.isDirectory(trials)) {
            return found;
        }
        try (Stream<Path> dirs = Files.list(trials)) {
            for (Path t : (Iterable<Path>) dirs.sorted()::iterator) {
                JsonNode done = Json.read(t.resolve(TRIAL_DONE));
                if (done == null) {
                    continue;
                }
                Path modelDir = t.resolve("model");
                Map<String, Double> v = new LinkedHashMap<>();
                JsonNode ev = Json.read(modelDir.resolve(Evaluation.FILE));
                JsonNode test = ev.path("test");
                v.put("negElbo", Json.number(test.get("negElbo")));
                v.put("D", Json.number(test.get("reconstruction")));
                v.put("KL", Json.number(test.get("kl")));
                JsonNode iw = ev.path("importanceWeighted");
                v.put("iwLogLikelihood", Json.number(iw.get("logLikelihood")));
                v.put("activeUnits", Json.number(ev.path("latent").get("activeUnits")));
                JsonNode dis = Json.read(modelDir.resolve(Disentanglement.FILE));
                dis.path("metrics")
                        .fields()
                        .forEachRemaining(
                                e -> v.put(e.getKey(), Json.number(e.getValue().get("value"))));
                for (JsonNode a : dis.path("alignment")) {
                    boolean placed = !a.path("dimension").isNull();
                    v.put(
                            "align:" + a.path("attribute").asText(),
                            placed ? Json.number(a.get("strength")) : Double.NaN);
                }
                found.add(new StudyResults.Trial(
                        done.path("phase").asText(),
                        done.path("model").asText(),
                        done.path("latentDims").asInt(),
                        done.path("beta").asDouble(),
                        done.path("seed").asLong(),
                        modelDir,
                        v));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return found;
    }

    /** Runs the trials not finished yet with the runner; returns the ids of failed ones. */
    private List<String> runAll(List<Trial> trials) {
        List<Trial> todo = trials.stream()
                .filter(t -> !Files.exists(trialDirectory(t).resolve(TRIAL_DONE)))
                .toList();
        List<String> failed = new ArrayList<>();
        if (trials.isEmpty()) {
            return failed;
        }
        out.printf(
                Locale.ROOT,
                "%s: %d trials, %d finished before, %d to run (%s)%n",
                trials.get(0).phase(),
                trials.size(),
                trials.size() - todo.size(),
                todo.size(),
                runner.describe());
        if (todo.isEmpty()) {
            return failed;
        }
        AtomicInteger done = new AtomicInteger();
        long started = System.nanoTime();
        runner.run(this, todo, (t, problem, seconds) -> {
            synchronized (out) {
                int k = done.incrementAndGet();
                double elapsed = (System.nanoTime() - started) / 1e9;
                out.printf(
                        Locale.ROOT,
                        "[%s %d/%d] %s %s in %.0f s; ETA %s%n",
                        t.phase(),
                        k,
                        todo.size(),
                        t.id(),
                        problem == null ? "done" : "FAILED (" + problem + ")",
                        seconds,
                        Durations.format(elapsed / k * (todo.size() - k)));
                if (problem != null) {
                    failed.add(t.id());
                }
            }
        });
        return failed;
    }

    /**
     * {@return the folder of a trial in this study}
     *
     * @param t the trial
     */
    public Path trialDirectory(Trial t) {
        return dir.resolve("trials").resolve(t.id());
    }

    /** {@return the study folder} */
    public Path directory() {
        return dir;
    }

    /** {@return the dataset source's name the trials train on} */
    public String datasetName() {
        return dataset;
    }

    /** {@return the folder the dataset is read from, or null for the source chain} */
    public Path dataDirectory() {
        return dataDirectory;
    }

    /** {@return where measured attributes are cached, or null for the data cache} */
    public Path attributeCache() {
        return attributeCache;
    }

    /** {@return the study's data, read once (runners that train in this process use it)} */
    public synchronized DatasetPair data() {
        if (data == null) {
            data = session.dataset(dataset, dataDirectory);
            out.printf(
                    Locale.ROOT,
                    "data: %s from %s (%d train, %d test images)%n",
                    data.name(),
                    data.source(),
                    data.train().size(),
                    data.test().size());
        }
        return data;
    }

    /**
     * Puts a trial's folder, run elsewhere, into the study: an unfinished folder of the same trial
     * is removed, the files are written, and {@code trial.json} (if among them) is written last and
     * atomically, so the trial counts as finished only once everything else is in place.
     *
     * @param t the trial
     * @param files the folder's files by relative path ({@code /}-separated), as {@link #collect} reads them
     */
    public void store(Trial t, Map<String, byte[]> files) {
        Path trialDir = trialDirectory(t);
        try {
            if (Files.exists(trialDir)) {
                deleteTree(trialDir);
            }
            Files.createDirectories(trialDir);
            for (Map.Entry<String, byte[]> f : files.entrySet()) {
                if (f.getKey().equals(TRIAL_DONE)) {
                    continue;
                }
                Path target = trialDir.resolve(f.getKey()).normalize();
                if (!target.startsWith(trialDir)) {
                    throw new IllegalArgumentException("trial file " + f.getKey() + " lies outside " + trialDir);
                }
                Files.createDirectories(target.getParent());
                Files.write(target, f.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot write trial " + t.id() + " into " + trialDir + ": " + e.getMessage(), e);
        }
        byte[] doneFile = files.get(TRIAL_DONE);
        if (doneFile != null) {
            AtomicFiles.write(trialDir.resolve(TRIAL_DONE), doneFile);
        }
    }

    /**
     * {@return every file under a trial's folder by relative path ({@code /}-separated), for {@link #store}}
     *
     * @param trialDir the folder
     * @throws IOException if a file cannot be read
     */
    public static Map<String, byte[]> collect(Path trialDir) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(trialDir)) {
            for (Path p : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
                files.put(
                        trialDir.relativize(p).toString().replace(java.io.File.separatorChar, '/'),
                        Files.readAllBytes(p));
            }
        }
        return files;
    }

    /**
     * Runs one trial in its folder through the library (train, evaluate, score); returns null on
     * success or a one-line reason, also written to the trial's {@code trial.log}.
     *
     * @param t the trial
     * @param data the study's data
     * @param trialDir the trial's folder (replaced if it exists)
     * @return null on success, else a one-line reason
     * @throws IOException if the trial's folder cannot be prepared
     */
    public String runTrial(Trial t, DatasetPair data, Path trialDir) throws IOException {
        if (Files.exists(trialDir)) {
            deleteTree(trialDir); // half-finished by an interrupted run: start it cleanly
        }
        Files.createDirectories(trialDir);
        Path modelDir = trialDir.resolve("model");
        try (PrintStream log =
                new PrintStream(Files.newOutputStream(trialDir.resolve("trial.log")), true, StandardCharsets.UTF_8)) {
            long t0 = System.nanoTime();
            try {
                ModelTrainer trainer = Internals.trainer(session, t.model())
                        .latentDims(t.latent())
                        .epochs(spec.epochs())
                        .batchSize(spec.batchSize())
                        .optimizer(spec.optimizerKind())
                        .learningRate(spec.learningRateOrDefault())
                        .seed(t.seed())
                        .threads(1)
                        .testEvery(0)
                        .saveTo(modelDir)
                        .listener(epochLog(log::println));
                if (spec.trainImages() > 0) {
                    trainer.limit(spec.trainImages());
                }
                if (t.phase().equals("tradeoff")) {
                    trainer.option("beta", StudyReport.number(t.beta()));
                }
                log.println("train " + t.id());
                TrainedVae model = trainer.train(data);
                boolean sensitivity = t.phase().equals("sensitivity");
                int iwSamples = sensitivity
                        ? spec.sensitivity().iwSamples()
                        : spec.tradeoff().iwSamples();
                int iwImages = sensitivity
                        ? spec.sensitivity().iwImages()
                        : spec.tradeoff().iwImages();
                Evaluation.Builder evaluation = model.evaluation(data.test())
                        .importanceSamples(iwSamples)
                        .datasetName(data.name());
                if (iwSamples > 0 && iwImages > 0) {
                    evaluation.images(iwImages);
                }
                log.println("evaluate (K=" + iwSamples + ")");
                Evaluation e = evaluation.run();
                e.writeTo(modelDir);
                log.println(e.summaryJson());
                Attributes.Measurer measurer = Attributes.measurer(
                                attributeCache != null ? attributeCache : Attributes.cacheIn(session.cacheDirectory()))
                        .threads(1)
                        .log(log::println);
                log.println("disentanglement");
                Disentanglement d = Disentanglement.builder(model, data)
                        .attributes(spec.scoring().attributes())
                        .metrics(spec.scoring().metrics())
                        .images(spec.scoring().images())
                        .attributeMeasurer(measurer)
                        .run();
                d.describe(log::println);
                DisentanglementReport.write(d, modelDir);
            } catch (VaeException | IllegalArgumentException e) {
                log.println("failed: " + e.getMessage());
                return e.getMessage();
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

    /** One line per epoch into a trial's log. */
    private static TrainingListener epochLog(Consumer<String> log) {
        return new TrainingListener() {
            @Override
            public void onEpochEnd(int epoch, Loss train, double seconds) {
                log.accept(String.format(
                        Locale.ROOT,
                        "epoch %d done in %.1fs: objective %.2f, train -ELBO %.2f" + " (D %.2f + KL %.2f)",
                        epoch + 1,
                        seconds,
                        train.objective(),
                        train.negElbo(),
                        train.reconstruction(),
                        train.kl()));
            }
        };
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
