package org.vae4j.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;
import org.vae4j.TrainedVae;
import org.vae4j.Vae4j;
import org.vae4j.report.Explorer;

/** {@code ./vae explore}: the latent explorer, a self-contained page with a slider per latent dimension. */
final class ExploreCommand implements Main.Command {
    @Override
    public String summary() {
        return "write explorer.html beside a model: move latent sliders and watch the digit change, in any browser";
    }

    @Override
    public int run(String[] args, PrintStream out, PrintStream err) throws ParseException {
        Options o = new Options();
        CommonOptions.addModelOptions(o);
        o.addOption(
                CommonOptions.opt("out", "FILE", "the page to write (default explorer.html in the model directory)"));
        CommonOptions.addHelp(o);
        CommandLine cl = CommonOptions.parse(o, args);
        if (CommonOptions.help(cl, o, "./vae explore --model-dir DIR [--out FILE.html]", out)) {
            return Main.OK;
        }
        Path dir = CommonOptions.modelDir(cl);
        Path file = cl.hasOption("out") ? Path.of(cl.getOptionValue("out")) : dir.resolve(Explorer.FILE);
        String name =
                file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (!name.endsWith(".html") && !name.endsWith(".htm")) {
            throw new UsageException("--out " + file + " must name an .html file");
        }
        try (Vae4j vae = CommonOptions.library(cl, CommonOptions.threads(cl), err)) {
            TrainedVae model = vae.load(dir);
            Explorer.write(model, CommonOptions.modelData(vae, model, cl, err).test(), dir, file);
            out.printf(
                    Locale.ROOT,
                    "written %s (%,d bytes); open it in a browser: file://%s%n",
                    file,
                    java.nio.file.Files.size(file),
                    file.toAbsolutePath());
            return Main.OK;
        } catch (java.io.IOException e) {
            throw new org.vae4j.api.VaeException("cannot read back " + file + ": " + e.getMessage());
        }
    }
}
