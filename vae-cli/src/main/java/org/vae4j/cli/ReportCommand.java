package org.vae4j.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;
import org.vae4j.TrainedVae;
import org.vae4j.Vae4j;
import org.vae4j.report.ModelReport;

/**
 * {@code ./vae report}: a self-contained {@code report.html} beside a trained model: configuration
 * and provenance, loss curves, evaluation numbers and pictures, with images inlined so the page
 * opens anywhere without a network or the model directory.
 */
final class ReportCommand implements Main.Command {
    @Override
    public String summary() {
        return "write report.html beside a model: configuration, loss curves, evaluation, pictures";
    }

    @Override
    public int run(String[] args, PrintStream out, PrintStream err) throws ParseException {
        Options o = new Options();
        CommonOptions.addModelOptions(o);
        CommonOptions.addHelp(o);
        CommandLine cl = CommonOptions.parse(o, args);
        if (CommonOptions.help(cl, o, "./vae report --model-dir DIR [options]", out)) {
            return Main.OK;
        }
        Path dir = CommonOptions.modelDir(cl);
        try (Vae4j vae = CommonOptions.library(cl, CommonOptions.threads(cl), err)) {
            TrainedVae model = vae.load(dir);
            Path file = ModelReport.write(
                    model, dir, CommonOptions.modelData(vae, model, cl, err).test());
            out.println("written " + file);
            return Main.OK;
        }
    }
}
