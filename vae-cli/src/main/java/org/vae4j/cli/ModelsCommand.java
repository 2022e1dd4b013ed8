package org.vae4j.cli;

import java.io.PrintStream;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;
import org.vae4j.ModelInfo;
import org.vae4j.Vae4j;

/** {@code ./vae models}: every registered model with its description and options. */
final class ModelsCommand implements Main.Command {
    @Override
    public String summary() {
        return "list the registered models, their descriptions and options";
    }

    @Override
    public int run(String[] args, PrintStream out, PrintStream err) throws ParseException {
        Options o = new Options();
        CommonOptions.addPlugins(o);
        CommonOptions.addHelp(o);
        CommandLine cl = CommonOptions.parse(o, args);
        if (CommonOptions.help(cl, o, "./vae models [--plugins DIR]", out)) {
            return Main.OK;
        }
        try (Vae4j vae = CommonOptions.library(cl, 1, err)) {
            for (ModelInfo m : vae.models()) {
                out.println(m.name() + "  " + m.description());
                for (ModelInfo.Option s : m.options()) {
                    out.printf("    --option %s=%s  (default)  %s%n", s.name(), s.defaultValue(), s.description());
                }
                out.println();
            }
            for (String f : vae.pluginFailures()) {
                out.println("broken plugin " + f);
            }
            if (vae.models().isEmpty()) {
                err.println("vae models: no models registered; is vae-models-vanilla on the class path?");
                return Main.FAILURE;
            }
            return Main.OK;
        }
    }
}
