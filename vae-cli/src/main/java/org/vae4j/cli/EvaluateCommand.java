package org.vae4j.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;
import org.vae4j.Evaluation;
import org.vae4j.TrainedVae;
import org.vae4j.Vae4j;
import org.vae4j.api.data.Dataset;
import org.vae4j.api.data.DatasetPair;

/**
 * {@code ./vae evaluate}: the test-set loss terms of a saved model, the importance-weighted
 * log-likelihood, active units and KL per latent dimension (per class for conditional models);
 * written to {@code evaluation.json} beside the model.
 */
final class EvaluateCommand implements Main.Command {
    @Override
    public String summary() {
        return "evaluate a saved model on the test set: -ELBO, D, KL, importance-weighted log p(x), active units";
    }

    @Override
    public int run(String[] args, PrintStream out, PrintStream err) throws ParseException {
        Options o = new Options();
        CommonOptions.addModelOptions(o);
        o.addOption(CommonOptions.opt(
                "iw-samples",
                "K",
                "importance samples per image for log p(x) (default 1000; 5000 for a tighter bound; 0 skips it)"));
        o.addOption(CommonOptions.opt("iw-images", "N", "estimate log p(x) on the first N test images (default all)"));
        CommonOptions.addHelp(o);
        CommandLine cl = CommonOptions.parse(o, args);
        if (CommonOptions.help(cl, o, "./vae evaluate --model-dir DIR [options]", out)) {
            return Main.OK;
        }
        int samples = CommonOptions.intOption(cl, "iw-samples", 1000, 0, Integer.MAX_VALUE);
        int iwImages = CommonOptions.intOption(cl, "iw-images", Integer.MAX_VALUE, 1, Integer.MAX_VALUE);
        Path dir = CommonOptions.modelDir(cl);
        try (Vae4j vae = CommonOptions.library(cl, CommonOptions.threads(cl), err)) {
            TrainedVae model = vae.load(dir);
            DatasetPair data = CommonOptions.modelData(vae, model, cl, err);
            Dataset test = data.test();
            int n = Math.min(iwImages, test.size());
            Progress.Counter counter = new Progress.Counter(err, "importance sampling (K=" + samples + ")", n);
            Evaluation e = model.evaluation(test)
                    .importanceSamples(samples)
                    .images(n)
                    .datasetName(data.name())
                    .progress(counter::update)
                    .run();
            out.printf(
                    Locale.ROOT,
                    "%s: test -ELBO %.2f nats (D %.2f + KL %.2f)%n",
                    model.title(),
                    e.test().negElbo(),
                    e.test().reconstruction(),
                    e.test().kl());
            Evaluation.ImportanceWeighted iw = e.importanceWeighted();
            if (iw != null) {
                out.printf(
                        Locale.ROOT,
                        "importance-weighted %s, K=%d on %d images: %.2f +- %.2f nats"
                                + " (ELBO on the same images %.2f)%n",
                        iw.conditional() ? "log p(x|y)" : "log p(x)",
                        iw.samples(),
                        iw.images(),
                        round(iw.logLikelihood()),
                        round(iw.standardError()),
                        -iw.negElboSameImages());
            }
            out.printf(
                    Locale.ROOT,
                    "active units: %d of %d (Var_x E[z_u] > %.2f)%n",
                    e.latent().activeUnits(),
                    model.latentDims(),
                    Evaluation.ACTIVE_UNIT_THRESHOLD);
            Path file = e.writeTo(dir);
            out.println("written " + file);
            out.println(e.summaryJson());
            String notFinite = notFinite(e);
            if (!notFinite.isEmpty()) {
                err.println("vae evaluate: " + notFinite + " not finite (written as null in " + file + "); the model"
                        + " overflows on this data");
                return Main.FAILURE;
            }
            return Main.OK;
        }
    }

    /** The names of the quantities that are NaN or infinite, e.g. "the test D and -ELBO are", or "". */
    static String notFinite(Evaluation e) {
        java.util.List<String> bad = new java.util.ArrayList<>();
        if (!Double.isFinite(e.test().reconstruction())) {
            bad.add("D");
        }
        if (!Double.isFinite(e.test().kl())) {
            bad.add("KL");
        }
        if (!Double.isFinite(e.test().negElbo())) {
            bad.add("-ELBO");
        }
        if (e.importanceWeighted() != null
                && !Double.isFinite(e.importanceWeighted().logLikelihood())) {
            bad.add("importance-weighted log p(x)");
        }
        return bad.isEmpty() ? "" : "the test " + String.join(", ", bad) + (bad.size() == 1 ? " is" : " are");
    }

    /** As evaluation.json holds it (4 decimals), so the printed and stored numbers agree. */
    private static double round(double v) {
        return Math.round(v * 1e4) / 1e4;
    }
}
