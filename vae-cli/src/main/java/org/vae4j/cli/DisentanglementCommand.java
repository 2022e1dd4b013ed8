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
                "attributes to align and score against (default" + " thickness,slant,width; any of "
                        + String.join(",", Attributes.NAMES) + ",label)"));
        o.addOption(
                CommonOptions.opt(
                        "metrics",
                        "LIST",
                        "scores to compute (default mig,sap,dci,modularity; built in:"
                                + " mig,sap,dci,modularity,explicitness,dlib-sap,dlib-dci,dlib-modularity,dlib-explicitness, and any a plugin adds)"));
        o.addOption(CommonOptions.opt(
                "protocol",
                "NAME",
                "vae4j (default) or dlib: disentanglement_lib's definitions,"
                        + " continuous attributes cut into deciles (docs/metrics.md)"));
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
        List<String> attributes = CommonOptions.list(cl.getOptionValue("attributes", "thickness,slant,width"));
        Attributes.checkNames(attributes, "--attributes");
        List<String> metrics = CommonOptions.list(cl.getOptionValue("metrics", "mig,sap,dci,modularity"));
        String alignBy = cl.getOptionValue("align-by", "spearman");
        Protocol protocol = Protocol.parse(cl.getOptionValue("protocol", "vae4j"));
        int images = CommonOptions.intOption(cl, "images", Integer.MAX_VALUE, 10, Integer.MAX_VALUE);
        long seed = CommonOptions.longOption(cl, "seed", 0);
        int threads = CommonOptions.threads(cl);
        Path dir = CommonOptions.modelDir(cl);
        try (Vae4j vae = CommonOptions.library(cl, threads, err)) {
            metrics.forEach(vae::metric);
            TrainedVae model = vae.load(dir);
            DatasetPair data = CommonOptions.modelData(vae, model, cl, err);
            Disentanglement d = Disentanglement.builder(model, data)
                    .attributes(attributes)
                    .metrics(metrics)
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
