package org.vae4j.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;
import org.vae4j.Vae4j;
import org.vae4j.study.Study;
import org.vae4j.study.StudySpec;
import org.vae4j.study.StudySuite;
import org.vae4j.study.SuiteRun;
import org.vae4j.study.TrialRunner;

/**
 * {@code ./vae study}: the paper's experiments as a grid of independent trials (model x latent
 * size x beta x seed), each a training run, an evaluation and a disentanglement scoring in its own
 * folder, followed by the analysis and an HTML report. A trial is finished when its
 * {@code trial.json} exists; {@code --resume} skips finished trials and restarts a half-finished
 * one from scratch, so an interrupted study completes without redoing work.
 */
final class StudyCommand implements Main.Command {
    @Override
    public String summary() {
        return "run the paper's study (latent-size sensitivity, beta trade-off, conditioning, alignment) and report it";
    }

    @Override
    public int run(String[] args, PrintStream out, PrintStream err) throws ParseException {
        Options o = new Options();
        o.addOption(CommonOptions.opt(
                "profile",
                "NAME",
                "quick (default), paper, full, paper-faithful, factors-quick, or the suite factors"
                        + " (two studies: mnist-factors and dsprites)"));
        o.addOption(CommonOptions.opt(
                "spec", "FILE", "a study description (JSON; see docs/study.md) instead of a profile"));
        o.addOption(CommonOptions.opt("out", "DIR", "study directory (default studies/NAME)"));
        o.addOption(CommonOptions.opt("resume", null, "continue the study in --out: finished trials are kept"));
        o.addOption(CommonOptions.opt(
                "sensitivity-only",
                null,
                "run the latent-size sensitivity and its analysis, not" + " the trade-off (a later --resume adds it)"));
        o.addOption(
                CommonOptions.opt("threads", "N", "trials run in parallel, one core each (default: cores, at most 2)"));
        o.addOption(CommonOptions.opt(
                "master",
                "URL",
                "run the trials as Apache Spark tasks: local[N], spark://host:port"
                        + " or any master spark-submit accepts (see docs/distributed.md)"));
        o.addOption(CommonOptions.opt("cache", "DIR", "attribute cache directory (default: the data cache)"));
        CommonOptions.addData(o);
        CommonOptions.addPlugins(o);
        CommonOptions.addHelp(o);
        CommandLine cl = CommonOptions.parse(o, args);
        if (CommonOptions.help(
                cl,
                o,
                "./vae study [--profile quick|paper|full|paper-faithful|factors-quick|factors] [--master URL] [options]",
                out)) {
            return Main.OK;
        }
        if (cl.hasOption("profile") && cl.hasOption("spec")) {
            throw new UsageException("give either --profile or --spec, not both");
        }
        if (cl.hasOption("spec") && !Files.isRegularFile(Path.of(cl.getOptionValue("spec")))) {
            throw new UsageException("--spec " + cl.getOptionValue("spec") + " does not exist");
        }
        if (cl.hasOption("master") && cl.hasOption("threads")) {
            throw new UsageException("give --threads (trials side by side in this process) or --master (Spark decides"
                    + " from its task slots), not both");
        }
        String profile = cl.getOptionValue("profile", "quick");
        // --resume --out DIR alone continues whatever DIR holds: a suite when it holds suite.json
        Path storedSuite =
                cl.hasOption("out") ? Path.of(cl.getOptionValue("out")).resolve(SuiteRun.SUITE) : null;
        boolean suite = cl.hasOption("spec")
                ? StudySuite.describesSuite(Path.of(cl.getOptionValue("spec")))
                : cl.hasOption("profile")
                        ? StudySuite.PROFILES.contains(profile)
                        : cl.hasOption("resume") && storedSuite != null && Files.isRegularFile(storedSuite);
        if (!cl.hasOption("spec") && !suite && !StudySpec.PROFILES.contains(profile)) {
            throw new UsageException("--profile must be one of " + String.join(", ", StudySpec.PROFILES) + ", "
                    + String.join(", ", StudySuite.PROFILES) + "; got '" + profile + "'");
        }
        if (suite && cl.hasOption("dataset")) {
            throw new UsageException("--dataset cannot be given for a suite: each of its studies names its dataset"
                    + " (edit the suite's file to change one)");
        }
        int workers = CommonOptions.intOption(
                cl, "threads", Math.min(2, Runtime.getRuntime().availableProcessors()), 1, Integer.MAX_VALUE);
        Path data = cl.hasOption("data") ? Path.of(cl.getOptionValue("data")) : null;
        Path cache = cl.hasOption("cache") ? Path.of(cl.getOptionValue("cache")) : null;
        boolean explicit = cl.hasOption("profile") || cl.hasOption("spec");
        // each trial keeps to one core: --threads N runs N trials side by side
        try (Vae4j vae = CommonOptions.library(cl, 1, err);
                TrialRunner runner = cl.hasOption("master")
                        ? TrialRunner.forMaster(cl.getOptionValue("master"))
                        : TrialRunner.inProcess(workers)) {
            List<String> failed;
            if (suite) {
                StudySuite s = cl.hasOption("spec")
                        ? StudySuite.read(Path.of(cl.getOptionValue("spec")))
                        : cl.hasOption("profile") ? StudySuite.profile(profile) : StudySuite.read(storedSuite);
                failed = SuiteRun.builder(vae, s, Path.of(cl.getOptionValue("out", "studies/" + s.name())))
                        .runner(runner)
                        .resume(cl.hasOption("resume"))
                        .sensitivityOnly(cl.hasOption("sensitivity-only"))
                        .dataDirectory(data)
                        .attributeCache(cache)
                        .out(out)
                        .prepare(explicit)
                        .run()
                        .failed();
            } else {
                StudySpec spec = cl.hasOption("spec")
                        ? StudySpec.read(Path.of(cl.getOptionValue("spec")))
                        : StudySpec.profile(profile);
                failed = Study.builder(vae, spec, Path.of(cl.getOptionValue("out", "studies/" + spec.name())))
                        .runner(runner)
                        .resume(cl.hasOption("resume"))
                        .sensitivityOnly(cl.hasOption("sensitivity-only"))
                        .dataset(CommonOptions.datasetName(vae, cl, spec.datasetOrDefault()), data)
                        .attributeCache(cache)
                        .out(out)
                        .prepare(explicit)
                        .run()
                        .failed();
            }
            if (!failed.isEmpty()) {
                err.println("vae study: " + failed.size() + " trial(s) failed: " + String.join(", ", failed)
                        + "; see their trial.log, then run again with --resume");
                return Main.FAILURE;
            }
            return Main.OK;
        }
    }
}
