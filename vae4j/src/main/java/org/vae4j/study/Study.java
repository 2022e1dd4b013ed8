package org.vae4j.study;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.vae4j.Vae4j;
import org.vae4j.analysis.StudyResults;
import org.vae4j.api.ConfigurationException;
import org.vae4j.api.VaeException;
import org.vae4j.api.data.DatasetPair;
import org.vae4j.core.io.AtomicFiles;
import org.vae4j.internal.Internals;
import org.vae4j.internal.Session;
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

    /** {@return a study of {@code spec} in folder {@code dir} on the engine's session (a suite's studies)} */
    static Builder builder(Session session, StudySpec spec, Path dir) {
        return new Builder(session, spec, dir);
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
        private String dataset;
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
         * The dataset source (default: the one the description names, else mnist) and an optional folder
         * to read it from.
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
            String source = dataset != null ? dataset : chosen.datasetOrDefault();
            StudyChecks.check(session, chosen, source, studyFile);
            Builder b = new Builder(session, chosen, dir);
            b.workers = workers;
            b.runner = runner;
            b.resume = resume;
            b.sensitivityOnly = sensitivityOnly;
            b.dataset = source;
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

        List<String> failed = new ArrayList<>(runAll(spec.sensitivityTrials()));
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
        failed.addAll(runAll(sensitivityOnly ? List.of() : spec.tradeoffTrials(z)));
        StudyResults results = StudyResults.of(finishedTrials(), spec.plan(), z);
        Path report = StudyReport.write(dir, spec.heading(), results, failed);
        out.printf(
                Locale.ROOT,
                "study %s finished in %s; report %s%n",
                spec.name(),
                Durations.format((System.nanoTime() - started) / 1e9),
                report);
        return new Outcome(report, z, failed);
    }

    /** Runs the trials not finished yet with the runner; returns the ids of failed ones. */
    private List<String> runAll(List<Trial> trials) {
        return new PhaseRun(this, runner, out).run(trials);
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

    /** The finished trials' numbers. */
    private List<StudyResults.Trial> finishedTrials() {
        return TrialFolders.finished(dir);
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
        TrialFolders.store(t.id(), trialDirectory(t), files);
    }

    /**
     * {@return every file under a trial's folder by relative path ({@code /}-separated), for {@link #store}}
     *
     * @param trialDir the folder
     * @throws IOException if a file cannot be read
     */
    public static Map<String, byte[]> collect(Path trialDir) throws IOException {
        return TrialFolders.collect(trialDir);
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
        return new TrialWork(session, spec, attributeCache).run(t, data, trialDir);
    }
}
