package org.vae4j.study;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.vae4j.Vae4j;
import org.vae4j.api.ConfigurationException;
import org.vae4j.core.io.AtomicFiles;
import org.vae4j.core.render.LineChart;
import org.vae4j.internal.Internals;
import org.vae4j.internal.Session;
import org.vae4j.report.Durations;

/**
 * A {@link StudySuite} run in a folder: each study in {@code DIR/NAME} as {@link Study} runs it, then
 * {@code DIR/report.html} linking their reports. Every study is checked before the first trial
 * trains; the suite's description is kept in {@code DIR/suite.json}, and a resumed suite continues
 * each study where it stopped.
 */
public final class SuiteRun {
    /** The suite description stored in the suite's folder. */
    public static final String SUITE = "suite.json";

    /**
     * What a suite run did.
     *
     * @param report the suite's report
     * @param studies each study's outcome, in the suite's order
     * @param failed the failed trials, as {@code STUDY/TRIAL}
     */
    public record Outcome(Path report, List<Study.Outcome> studies, List<String> failed) {}

    private final StudySuite suite;
    private final Path dir;
    private final List<Study> studies;
    private final PrintStream out;

    private SuiteRun(StudySuite suite, Path dir, List<Study> studies, PrintStream out) {
        this.suite = suite;
        this.dir = dir;
        this.studies = studies;
        this.out = out;
    }

    /**
     * {@return a run of {@code suite} in folder {@code dir}}
     *
     * @param vae the library instance
     * @param suite the suite
     * @param dir the suite's folder
     */
    public static Builder builder(Vae4j vae, StudySuite suite, Path dir) {
        return new Builder(Internals.session(vae), suite, dir);
    }

    /** Settings of a suite run; each applies to every study of the suite, as {@link Study.Builder} describes. */
    public static final class Builder {
        private final Session session;
        private final StudySuite suite;
        private final Path dir;
        private TrialRunner runner;
        private boolean resume;
        private boolean sensitivityOnly;
        private Path dataDirectory;
        private Path attributeCache;
        private PrintStream out = new PrintStream(java.io.OutputStream.nullOutputStream());

        private Builder(Session session, StudySuite suite, Path dir) {
            this.session = session;
            this.suite = Objects.requireNonNull(suite);
            this.dir = Objects.requireNonNull(dir);
        }

        /**
         * What runs the trials (default: in this process, the cores at most 2 at a time).
         *
         * @param runner the runner, or null for the default
         * @return this builder
         */
        public Builder runner(TrialRunner runner) {
            this.runner = runner;
            return this;
        }

        /**
         * Continue the suite in the folder: finished trials of every study are kept.
         *
         * @param resume true to continue
         * @return this builder
         */
        public Builder resume(boolean resume) {
            this.resume = resume;
            return this;
        }

        /**
         * Run only each study's latent-size sensitivity trials (see {@link Study.Builder#sensitivityOnly}).
         *
         * @param sensitivityOnly true to stop each study before its trade-off trials
         * @return this builder
         */
        public Builder sensitivityOnly(boolean sensitivityOnly) {
            this.sensitivityOnly = sensitivityOnly;
            return this;
        }

        /**
         * The folder the studies' datasets are read from (default: the source chain); each study
         * keeps the dataset its description names.
         *
         * @param dataDirectory a folder, or null
         * @return this builder
         */
        public Builder dataDirectory(Path dataDirectory) {
            this.dataDirectory = dataDirectory;
            return this;
        }

        /**
         * Where measured attributes are cached (default: the data cache).
         *
         * @param dir a folder, or null
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
         * Checks the folder and every study before the first trial trains and returns the run. With
         * resume, the stored suite is used; a different one given explicitly is refused.
         *
         * @param explicit whether the caller chose the suite (a resumed one then must hold the same)
         * @return the run, ready to {@link SuiteRun#run()}
         */
        public SuiteRun prepare(boolean explicit) {
            Path suiteFile = dir.resolve(SUITE);
            StudySuite chosen = suite;
            if (Files.exists(suiteFile)) {
                if (!resume) {
                    throw new ConfigurationException("{directory} " + dir + " already holds a study suite; add {resume}"
                            + " to continue it, or choose another {directory}");
                }
                StudySuite stored = StudySuite.read(suiteFile);
                if (!stored.equals(suite) && explicit) {
                    throw new ConfigurationException(
                            "{resume}: " + dir + " holds suite '" + stored.name() + "' with a"
                                    + " different description; resume it without {profile}/{spec} or choose another {directory}");
                }
                chosen = stored;
            } else if (Files.exists(dir.resolve(Study.STUDY))) {
                throw new ConfigurationException("{directory} " + dir + " holds a single study, not a suite; choose"
                        + " another {directory} for the suite");
            } else if (resume) {
                throw new ConfigurationException("{resume}: " + dir + " holds no study suite (no " + SUITE + ")");
            }
            List<Study> studies = new ArrayList<>();
            for (StudySpec spec : chosen.studies()) {
                Path studyDir = dir.resolve(spec.name());
                Study.Builder b = Study.builder(session, spec, studyDir)
                        .resume(resume && Files.exists(studyDir.resolve(Study.STUDY)))
                        .sensitivityOnly(sensitivityOnly)
                        .dataset(spec.datasetOrDefault(), dataDirectory)
                        .attributeCache(attributeCache)
                        .out(out);
                if (runner != null) {
                    b.runner(runner);
                }
                studies.add(b.prepare(true));
            }
            return new SuiteRun(chosen, dir, studies, out);
        }
    }

    /** {@return the suite this run runs (the stored one when resumed)} */
    public StudySuite suite() {
        return suite;
    }

    /**
     * Runs every study in turn (the trials not finished yet, then its analysis and report), then
     * writes the suite's report.
     *
     * @return the report, each study's outcome and the failed trials
     */
    public Outcome run() {
        AtomicFiles.write(dir.resolve(SUITE), suite.json().getBytes(StandardCharsets.UTF_8));
        out.printf(
                Locale.ROOT,
                "suite %s in %s: %d studies (%s)%n",
                suite.name(),
                dir,
                studies.size(),
                String.join(", ", suite.studies().stream().map(StudySpec::name).toList()));
        long started = System.nanoTime();
        List<Study.Outcome> outcomes = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        for (Study study : studies) {
            Study.Outcome o = study.run();
            outcomes.add(o);
            o.failed().forEach(id -> failed.add(study.spec().name() + "/" + id));
        }
        Path report = dir.resolve("report.html");
        AtomicFiles.write(report, html(outcomes).getBytes(StandardCharsets.UTF_8));
        out.printf(
                Locale.ROOT,
                "suite %s finished in %s; report %s%n",
                suite.name(),
                Durations.format((System.nanoTime() - started) / 1e9),
                report);
        return new Outcome(report, outcomes, failed);
    }

    private String html(List<Study.Outcome> outcomes) {
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
                .append(LineChart.escape(suite.name()))
                .append("</title></head>\n<body style=\"font-family:sans-serif;max-width:60em;margin:auto\">\n<h1>")
                .append(LineChart.escape(suite.name()))
                .append("</h1>\n<p>")
                .append(LineChart.escape(String.valueOf(suite.description())))
                .append("</p>\n");
        for (int i = 0; i < outcomes.size(); i++) {
            StudySpec s = suite.studies().get(i);
            Study.Outcome o = outcomes.get(i);
            h.append("<h2>")
                    .append(i + 1)
                    .append(". <a href=\"")
                    .append(LineChart.escape(s.name()))
                    .append("/report.html\">")
                    .append(LineChart.escape(s.name()))
                    .append("</a> (dataset ")
                    .append(LineChart.escape(s.datasetOrDefault()))
                    .append(")</h2>\n<p>")
                    .append(LineChart.escape(String.valueOf(s.description())))
                    .append("</p>\n<p>")
                    .append(LineChart.escape(s.heading().settings()))
                    .append("; trade-off at z=")
                    .append(o.tradeoffLatent())
                    .append(
                            o.failed().isEmpty()
                                    ? "; every trial finished"
                                    : "; failed trials: " + LineChart.escape(String.join(", ", o.failed())))
                    .append('.');
            for (String table : List.of("sensitivity", "tradeoff", "conditioning")) {
                String file = s.name() + "/tables/" + table + ".csv";
                if (Files.exists(dir.resolve(file))) {
                    h.append(" <a href=\"")
                            .append(LineChart.escape(file))
                            .append("\">")
                            .append(table)
                            .append(".csv</a>");
                }
            }
            h.append("</p>\n");
        }
        return h.append("</body></html>\n").toString();
    }
}
