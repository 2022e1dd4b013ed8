package org.vae4j.cli;

import java.io.PrintStream;
import java.util.Locale;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;
import org.vae4j.Vae4j;
import org.vae4j.api.data.Factor;
import org.vae4j.spi.DatasetSource;

/** {@code ./vae datasets}: every registered dataset source with where it comes from, its sizes and its factors. */
final class DatasetsCommand implements Main.Command {
    @Override
    public String summary() {
        return "list the dataset sources: where each comes from, its sizes and its ground-truth factors";
    }

    @Override
    public int run(String[] args, PrintStream out, PrintStream err) throws ParseException {
        Options o = new Options();
        CommonOptions.addPlugins(o);
        CommonOptions.addHelp(o);
        CommandLine cl = CommonOptions.parse(o, args);
        if (CommonOptions.help(cl, o, "./vae datasets [--plugins DIR]", out)) {
            return Main.OK;
        }
        try (Vae4j vae = CommonOptions.library(cl, 1, err)) {
            for (DatasetSource d : vae.datasetSources()) {
                out.println(d.name() + "  " + d.description());
                if (!d.sizes().isEmpty()) {
                    out.println("    images   " + d.sizes());
                }
                d.factors()
                        .ifPresentOrElse(
                                space -> {
                                    out.println("    factors  " + space.count() + " (every combination: "
                                            + String.format(Locale.ROOT, "%,d", space.combinations()) + ")");
                                    for (Factor f : space.factors()) {
                                        out.println("      " + f.name() + "  " + f.levels() + " levels, " + range(f));
                                    }
                                },
                                () -> out.println("    factors  none (scores use measured attributes)"));
                out.println();
            }
            return Main.OK;
        }
    }

    private static String range(Factor f) {
        if (f.levels() == 1) {
            return String.format(Locale.ROOT, "%.4g", f.value(0));
        }
        return String.format(Locale.ROOT, "%.4g .. %.4g", f.value(0), f.value(f.levels() - 1));
    }
}
