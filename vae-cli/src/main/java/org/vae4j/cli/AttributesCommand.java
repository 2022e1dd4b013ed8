package org.vae4j.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;
import org.vae4j.Vae4j;
import org.vae4j.analysis.Attributes;
import org.vae4j.api.data.DatasetPair;

/**
 * {@code ./vae attributes}: Morpho-MNIST morphometrics (area, length, thickness, slant, width,
 * height) of every image, as CSV; cached per images-file checksum so each dataset is measured once.
 */
final class AttributesCommand implements Main.Command {
    @Override
    public String summary() {
        return "Morpho-MNIST morphometrics (thickness, slant, width, ...) of every image, as CSV";
    }

    /** The options of attribute measuring, shared with ./vae disentanglement. */
    static void addOptions(Options o) {
        o.addOption(CommonOptions.opt("threads", "N", "measuring threads (default: all cores)"));
        o.addOption(CommonOptions.opt("cache", "DIR", "attribute cache directory (default: the data cache)"));
        o.addOption(CommonOptions.opt("no-cache", null, "measure again even if a cached table exists"));
    }

    @Override
    public int run(String[] args, PrintStream out, PrintStream err) throws ParseException {
        Options o = new Options();
        CommonOptions.addData(o);
        o.addOption(CommonOptions.opt("split", "NAME", "train, test or all (default all: train rows, then test rows)"));
        o.addOption(CommonOptions.opt("out", "FILE", "CSV to write (default DATASET-SPLIT-morpho.csv)"));
        addOptions(o);
        CommonOptions.addHelp(o);
        CommandLine cl = CommonOptions.parse(o, args);
        if (CommonOptions.help(cl, o, "./vae attributes [options]", out)) {
            return Main.OK;
        }
        String split = cl.getOptionValue("split", "all");
        if (!java.util.List.of("train", "test", "all").contains(split)) {
            throw new UsageException("--split must be train, test or all, got '" + split + "'");
        }
        int threads = CommonOptions.intOption(
                cl, "threads", Runtime.getRuntime().availableProcessors(), 1, Integer.MAX_VALUE);
        try (Vae4j vae = CommonOptions.library(cl, 1, err)) {
            DatasetPair data = CommonOptions.loadData(vae, cl, CommonOptions.datasetName(vae, cl, "mnist"), err);
            Path file = Path.of(cl.getOptionValue("out", data.name() + "-" + split + "-morpho.csv"));
            Attributes.Measurer measurer = CommonOptions.measurer(vae, cl, threads, err);
            Attributes table = switch (split) {
                case "train" -> measurer.of(data, false);
                case "test" -> measurer.of(data, true);
                default -> measurer.of(data, false).concat(measurer.of(data, true));
            };
            table.writeCsv(file);
            out.printf(Locale.ROOT, "written %s (%,d images)%n", file, table.size());
            return Main.OK;
        }
    }
}
