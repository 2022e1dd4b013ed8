package org.vae4j.cli;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;
import org.vae4j.api.data.Dataset;
import org.vae4j.api.data.DatasetPair;
import org.vae4j.core.checkpoint.CheckpointIO;
import org.vae4j.core.data.DatasetLocator;
import org.vae4j.core.data.KnownDataset;
import org.vae4j.metrics.morpho.AttributeTable;

/**
 * {@code ./vae attributes}: Morpho-MNIST morphometrics (area, length, thickness, slant, width,
 * height) of every image, as CSV; cached per images-file checksum so each dataset is measured once.
 */
final class AttributesCommand implements Main.Command {
    /** Bump when the measurement changes, so stale caches are not reused. */
    static final String VERSION = "morpho-v1";

    @Override
    public String summary() {
        return "Morpho-MNIST morphometrics (thickness, slant, width, ...) of every image, as CSV";
    }

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
        int threads = threads(cl);
        DatasetPair data = CommonOptions.loadData(cl, CommonOptions.datasetName(cl, "mnist"), err);
        Path file = Path.of(cl.getOptionValue("out", data.name() + "-" + split + "-morpho.csv"));
        AttributeTable table = switch (split) {
            case "train" -> table(data, false, cl, threads, err);
            case "test" -> table(data, true, cl, threads, err);
            default -> AttributeTable.concat(table(data, false, cl, threads, err), table(data, true, cl, threads, err));
        };
        CheckpointIO.writeAtomically(file, table.toCsv().getBytes(StandardCharsets.UTF_8));
        out.printf(Locale.ROOT, "written %s (%,d images)%n", file, table.size());
        return Main.OK;
    }

    static int threads(CommandLine cl) {
        return CommonOptions.intOption(cl, "threads", Runtime.getRuntime().availableProcessors(), 1, Integer.MAX_VALUE);
    }

    /** The attributes of one split: from the cache if measured before, else measured and cached. */
    static AttributeTable table(DatasetPair data, boolean test, CommandLine cl, int threads, PrintStream log) {
        Dataset split = test ? data.test() : data.train();
        String imagesFile = test ? KnownDataset.TEST_IMAGES : KnownDataset.TRAIN_IMAGES;
        String sum = data.sha256().get(imagesFile);
        Path cacheDir = Path.of(cl.getOptionValue("cache", DatasetLocator.defaultCacheRoot().resolve("attributes")
                .toString()));
        Path cached = sum == null ? null : cacheDir.resolve(sum + "-" + VERSION + ".csv");
        if (cached != null && Files.exists(cached) && !cl.hasOption("no-cache")) {
            AttributeTable table = AttributeTable.readCsv(cached);
            if (table.size() == split.size()) {
                log.printf(Locale.ROOT, "attributes: %s (%,d images) from cache %s%n", split.name(), table.size(), cached);
                return table;
            }
            log.println("attributes: cached " + cached + " has " + table.size() + " rows, not " + split.size()
                    + "; measuring again");
        }
        long started = System.nanoTime();
        Progress.Counter counter = new Progress.Counter(log, "measuring " + split.name(), split.size());
        AttributeTable table = AttributeTable.measure(split, threads, done -> {
            synchronized (counter) {
                counter.update(done);
            }
        });
        double seconds = (System.nanoTime() - started) / 1e9;
        log.printf(Locale.ROOT, "attributes: measured %,d images of %s in %.1f s (%,.0f images/s, %d threads)%n",
                split.size(), split.name(), seconds, split.size() / seconds, threads);
        if (cached != null) {
            CheckpointIO.writeAtomically(cached, table.toCsv().getBytes(StandardCharsets.UTF_8));
        }
        return table;
    }
}
