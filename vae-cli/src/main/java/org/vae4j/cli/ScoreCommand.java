package org.vae4j.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;
import org.vae4j.Vae4j;
import org.vae4j.analysis.Representation;
import org.vae4j.analysis.Scores;

/** {@code ./vae score}: disentanglement scores of any representation saved as CSV or .npy arrays. */
final class ScoreCommand implements Main.Command {
    @Override
    public String summary() {
        return "score any representation (codes and factors as CSV or .npy) with the disentanglement metrics";
    }

    @Override
    public int run(String[] args, PrintStream out, PrintStream err) throws ParseException {
        Options o = new Options();
        o.addOption(CommonOptions.opt("codes", "FILE", "the codes, rows = examples (.csv, header optional, or .npy)"));
        o.addOption(CommonOptions.opt("factors", "FILE", "the factors, one row per example (.csv or .npy)"));
        o.addOption(CommonOptions.opt(
                "factor-kinds",
                "KINDS",
                "discrete, continuous, or NAME:discrete,NAME:continuous"
                        + " per column (default auto: integer columns >= 0 with at most 50 values are discrete)"));
        o.addOption(CommonOptions.opt(
                "metrics",
                "LIST",
                "scores to compute (default mig,sap,dci,modularity; built in:"
                        + " mig,sap,dci,modularity,explicitness,dlib-sap,dlib-dci,dlib-modularity,dlib-explicitness)"));
        o.addOption(CommonOptions.opt(
                "protocol",
                "NAME",
                "vae4j (default) or dlib: disentanglement_lib's definitions" + " (docs/metrics.md)"));
        o.addOption(CommonOptions.opt(
                "train-rows",
                "N",
                "the first N rows fit the predictors, the rest test them" + " (default: a seeded 80/20 shuffle)"));
        o.addOption(CommonOptions.opt("out", "FILE", "the JSON to write (default: the scores printed only)"));
        CommonOptions.addPlugins(o);
        CommonOptions.addHelp(o);
        CommandLine cl = CommonOptions.parse(o, args);
        if (CommonOptions.help(cl, o, "./vae score --codes FILE --factors FILE [options]", out)) {
            return Main.OK;
        }
        if (!cl.hasOption("codes") || !cl.hasOption("factors")) {
            throw new UsageException("--codes FILE and --factors FILE are required");
        }
        Path outFile = cl.hasOption("out") ? Path.of(cl.getOptionValue("out")) : null;
        if (outFile != null
                && !outFile.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json")) {
            throw new UsageException("--out " + outFile + " must name a .json file");
        }
        try (Vae4j vae = CommonOptions.library(cl, 1, err)) {
            Scores.Builder scoring = Scores.builder(
                            vae,
                            Representation.read(Path.of(cl.getOptionValue("codes"))),
                            Representation.read(Path.of(cl.getOptionValue("factors"))))
                    .protocol(cl.getOptionValue("protocol", "vae4j"))
                    .factorKinds(cl.getOptionValue("factor-kinds", "auto"))
                    .metrics(CommonOptions.list(cl.getOptionValue("metrics", "mig,sap,dci,modularity")));
            if (cl.hasOption("train-rows")) {
                scoring.trainRows(CommonOptions.intOption(cl, "train-rows", 0));
            }
            Scores s = scoring.run();
            out.printf(
                    Locale.ROOT,
                    "%d examples, %d codes, factors %s (%s)%n",
                    s.codes().rows(),
                    s.codes().columns().size(),
                    s.factors().columns(),
                    kinds(s.discrete()));
            s.results()
                    .forEach((name, r) -> out.printf(
                            Locale.ROOT,
                            "  %-12s %.4f%s%n",
                            name,
                            r.value(),
                            r.metric().equals(name) ? "" : "  (" + r.metric() + ")"));
            if (outFile != null) {
                out.println("written " + s.writeTo(outFile));
            }
            return Main.OK;
        }
    }

    private static String kinds(boolean[] discrete) {
        StringBuilder b = new StringBuilder();
        for (boolean d : discrete) {
            b.append(b.length() == 0 ? "" : ", ").append(d ? "discrete" : "continuous");
        }
        return b.toString();
    }
}
