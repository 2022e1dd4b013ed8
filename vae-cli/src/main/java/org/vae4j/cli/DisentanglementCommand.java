package org.vae4j.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;
import org.vae4j.TrainedVae;
import org.vae4j.Vae4j;
import org.vae4j.analysis.Attributes;
import org.vae4j.analysis.Disentanglement;
import org.vae4j.analysis.Protocol;
import org.vae4j.api.data.DatasetPair;
import org.vae4j.report.DisentanglementReport;

/**
 * {@code ./vae disentanglement}: scores a trained model's codes (posterior means of the test
 * images) against the digits' morphometrics, aligns latent dimensions with attributes, and writes
 * {@code disentanglement.json}, a heat map of |Spearman correlation| and the traversal rows of the
 * aligned dimensions labelled with their attributes.
 */
final class DisentanglementCommand implements Main.Command {
    @Override
    public String summary() {
        return "disentanglement scores and the alignment of latent dimensions with thickness, slant, width";
    }

    @Override
    public int run(String[] args, PrintStream out, PrintStream err) throws ParseException {
        Options o = new Options();
        CommonOptions.addModelOptions(o);
        o.addOption(CommonOptions.opt(
                "attributes",
                "LIST",
                "attributes to align and score against (default thickness,slant,width; any of "
                        + String.join(",", Attributes.NAMES) + ",label; with --factors true, factor names, default"
                        + " all)"));
        o.addOption(CommonOptions.opt(
                "factors",
                "BOOL",
                "true: score against the dataset's ground-truth factors (the default for data that has them,"
                        + " e.g. dsprites); false: against measured attributes"));
        o.addOption(CommonOptions.opt(
                "metrics",
                "LIST",
                "scores to compute (default mig,sap,dci,modularity; built in:"
                        + " mig,sap,dci,modularity,explicitness,dlib-sap,dlib-dci,dlib-modularity,dlib-explicitness;"
                        + " with factors also beta-vae-score,factor-vae-score; and any a plugin adds)"));
        o.addOption(CommonOptions.opt(
                "protocol",
                "NAME",
                "vae4j (default) or dlib: disentanglement_lib's definitions,"
                        + " continuous attributes cut into deciles (docs/metrics.md)"));
        o.addOption(CommonOptions.opt(
                "points",
                "N",
                "points the intervention scores draw to fit their classifier (default 10,000, and 5,000 to test,"
                        + " as disentanglement_lib); N/2 then test"));
        o.addOption(CommonOptions.opt("align-by", "MEASURE", "spearman (default: |Spearman correlation|) or mi"));
        o.addOption(CommonOptions.opt("images", "N", "use the first N test images (default all)"));
        o.addOption(
                CommonOptions.opt("seed", "N", "seed of the train/test split of the scores' predictors (default 0)"));
        o.addOption(CommonOptions.opt("cache", "DIR", "attribute cache directory (default: the data cache)"));
        CommonOptions.addHelp(o);
        CommandLine cl = CommonOptions.parse(o, args);
        if (CommonOptions.help(cl, o, "./vae disentanglement --model-dir DIR [options]", out)) {
            return Main.OK;
        }
        List<String> attributes =
                cl.hasOption("attributes") ? CommonOptions.list(cl.getOptionValue("attributes")) : null;
        Boolean factors = cl.hasOption("factors") ? CommonOptions.booleanOption(cl, "factors") : null;
        List<String> metrics = CommonOptions.list(cl.getOptionValue("metrics", "mig,sap,dci,modularity"));
        String alignBy = cl.getOptionValue("align-by", "spearman");
        Protocol protocol = Protocol.parse(cl.getOptionValue("protocol", "vae4j"));
        int images = CommonOptions.intOption(cl, "images", Integer.MAX_VALUE, 10, Integer.MAX_VALUE);
        long seed = CommonOptions.longOption(cl, "seed", 0);
        int points = cl.hasOption("points") ? CommonOptions.intOption(cl, "points", 0, 2, 1_000_000) : 0;
        int threads = CommonOptions.threads(cl);
        Path dir = CommonOptions.modelDir(cl);
        try (Vae4j vae = CommonOptions.library(cl, threads, err)) {
            metrics.forEach(vae::metric);
            TrainedVae model = vae.load(dir);
            DatasetPair data = CommonOptions.modelData(vae, model, cl, err);
            Disentanglement.Builder builder = Disentanglement.builder(model, data);
            if (attributes != null) {
                builder.attributes(attributes);
            }
            if (factors != null) {
                builder.factors(factors);
            }
            if (points > 0) {
                builder.interventionPoints(points, Math.max(1, points / 2));
            }
            Disentanglement d = builder.metrics(metrics)
                    .protocol(protocol)
                    .alignBy(alignBy)
                    .images(images)
                    .seed(seed)
                    .attributeMeasurer(CommonOptions.measurer(vae, cl, threads, err))
                    .run();
            d.describe(out::println);
            List<Path> files = DisentanglementReport.write(d, dir);
            out.println("written " + files.get(0) + ", " + files.get(1) + ", " + files.get(2));
            return Main.OK;
        }
    }
}
