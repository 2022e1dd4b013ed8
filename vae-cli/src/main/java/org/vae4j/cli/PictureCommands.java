package org.vae4j.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;
import org.vae4j.TrainedVae;
import org.vae4j.Vae4j;
import org.vae4j.api.data.Dataset;
import org.vae4j.report.Picture;
import org.vae4j.report.Pictures;

/** {@code ./vae traverse|sample|reconstruct|interpolate}: PNG pictures of a trained model. */
final class PictureCommands {
    private PictureCommands() {}

    static Options options(String... extra) {
        Options o = new Options();
        CommonOptions.addModelOptions(o);
        o.addOption(CommonOptions.opt("out", "FILE", "the PNG to write (default: in the model directory)"));
        for (int i = 0; i < extra.length; i += 3) {
            o.addOption(CommonOptions.opt(extra[i], extra[i + 1], extra[i + 2]));
        }
        CommonOptions.addHelp(o);
        return o;
    }

    /** The PNG to write: --out FILE (must end in .png), else {@code defaultName} in the model directory. */
    static Path target(CommandLine cl, Path modelDir, String defaultName) {
        Path file = cl.hasOption("out") ? Path.of(cl.getOptionValue("out")) : modelDir.resolve(defaultName);
        if (!file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".png")) {
            throw new UsageException("--out " + file + " must name a .png file");
        }
        Path folder = file.toAbsolutePath().getParent();
        if (folder != null && !java.nio.file.Files.isDirectory(folder)) {
            throw new UsageException("--out " + file + ": folder " + folder + " does not exist; create it first");
        }
        return file;
    }

    static void write(Picture picture, Path file, PrintStream out) {
        picture.writePng(file);
        out.println("written " + file);
    }

    /** The class to decode for a conditional model: --label, else the given image's label, else an error; -1 otherwise. */
    static int label(TrainedVae model, CommandLine cl, Dataset test, int image) {
        int classes = model.conditionSize();
        if (cl.hasOption("label")) {
            int label = CommonOptions.intOption(cl, "label", 0);
            if (classes > 0 && (label < 0 || label >= classes)) {
                throw new UsageException("--label must be in 0.." + (classes - 1) + ", got " + label);
            }
            if (classes == 0) {
                throw new UsageException(
                        "--label is for conditional models; " + model.modelName() + " is not conditioned on a label");
            }
            return label;
        }
        if (classes == 0) {
            return -1;
        }
        if (image >= 0) {
            return test.labels().orElseThrow()[image];
        }
        throw new UsageException("model " + model.modelName() + " is conditioned on the class: give --label 0.."
                + (classes - 1) + " (or --image INDEX to use that test image's label)");
    }

    static int imageIndex(CommandLine cl, String option, Dataset test, int defaultValue) {
        int index = CommonOptions.intOption(cl, option, defaultValue);
        if (index != defaultValue || cl.hasOption(option)) {
            if (index < 0 || index >= test.size()) {
                throw new UsageException(
                        "--" + option + " must be a test image index in 0.." + (test.size() - 1) + ", got " + index);
            }
        }
        return index;
    }

    /** How far a traversal may go from the prior's centre: beyond, the decoder only extrapolates. */
    static final double MAX_RANGE = 100;

    static int[] parseDims(String text, int latentDims) {
        if (text == null || text.equals("all")) {
            return null;
        }
        List<Integer> dims = new ArrayList<>();
        for (String part : text.split(",")) {
            try {
                int d = Integer.parseInt(part.trim());
                if (d < 0 || d >= latentDims) {
                    throw new UsageException(
                            "--dims " + text + ": dimension " + d + " is outside 0.." + (latentDims - 1));
                }
                if (dims.contains(d)) {
                    throw new UsageException("--dims " + text + " lists dimension " + d + " twice");
                }
                dims.add(d);
            } catch (NumberFormatException e) {
                throw new UsageException("--dims " + text + " is not 'all' or a comma-separated list of dimensions");
            }
        }
        return dims.stream().mapToInt(Integer::intValue).toArray();
    }

    static double[] parseRange(String text) {
        String[] parts = text.split(":");
        try {
            if (parts.length == 2) {
                double lo = Double.parseDouble(parts[0]);
                double hi = Double.parseDouble(parts[1]);
                if (lo < hi && lo >= -MAX_RANGE && hi <= MAX_RANGE) {
                    return new double[] {lo, hi};
                }
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException("--range " + text + " must be LOW:HIGH with -" + (int) MAX_RANGE + " <= LOW < HIGH <= "
                + (int) MAX_RANGE + ", e.g. -3:3 (the prior puts almost all its mass within -4:4)");
    }

    static final class Traverse implements Main.Command {
        @Override
        public String summary() {
            return "latent traversal PNG: one row per dimension, ordered by KL";
        }

        @Override
        public int run(String[] args, PrintStream out, PrintStream err) throws ParseException {
            Options o = options(
                    "dims",
                    "LIST",
                    "dimensions to traverse: 'all' (default, ordered by KL) or e.g. 0,3,5",
                    "range",
                    "LOW:HIGH",
                    "values each dimension takes (default -3:3)",
                    "steps",
                    "N",
                    "images per row (default 11)",
                    "image",
                    "INDEX",
                    "hold the other dimensions at the encoding of this test image (default: prior mean 0)",
                    "label",
                    "L",
                    "class to decode for a conditional model");
            CommandLine cl = CommonOptions.parse(o, args);
            if (CommonOptions.help(cl, o, "./vae traverse --model-dir DIR [options]", out)) {
                return Main.OK;
            }
            double[] range = parseRange(cl.getOptionValue("range", "-3:3"));
            int steps = CommonOptions.intOption(cl, "steps", 11, 2, 41);
            Path dir = CommonOptions.modelDir(cl);
            try (Vae4j vae = CommonOptions.library(cl, CommonOptions.threads(cl), err)) {
                TrainedVae model = vae.load(dir);
                int[] chosen = parseDims(cl.getOptionValue("dims"), model.latentDims());
                Dataset test = CommonOptions.modelData(vae, model, cl, err).test();
                int image = imageIndex(cl, "image", test, -1);
                int label = label(model, cl, test, image);
                Path file = target(cl, dir, "traverse.png");
                write(Pictures.of(model).traversal(test, chosen, range[0], range[1], steps, image, label), file, out);
                return Main.OK;
            }
        }
    }

    static final class Sample implements Main.Command {
        @Override
        public String summary() {
            return "PNG of samples from the prior (a chosen digit for conditional models)";
        }

        @Override
        public int run(String[] args, PrintStream out, PrintStream err) throws ParseException {
            Options o = options(
                    "count",
                    "N",
                    "number of samples (default 64)",
                    "label",
                    "L",
                    "class to generate for a conditional model (default: one row per class)",
                    "seed",
                    "N",
                    "random seed (default 1)");
            CommandLine cl = CommonOptions.parse(o, args);
            if (CommonOptions.help(cl, o, "./vae sample --model-dir DIR [options]", out)) {
                return Main.OK;
            }
            int count = CommonOptions.intOption(cl, "count", 64, 1, 1024);
            long seed = CommonOptions.longOption(cl, "seed", 1);
            Path dir = CommonOptions.modelDir(cl);
            try (Vae4j vae = CommonOptions.library(cl, CommonOptions.threads(cl), err)) {
                TrainedVae model = vae.load(dir);
                int label = model.conditionSize() > 0 && !cl.hasOption("label") ? -1 : label(model, cl, null, -1);
                Path file = target(cl, dir, "samples.png");
                write(Pictures.of(model).samples(count, label, seed), file, out);
                return Main.OK;
            }
        }
    }

    static final class Reconstruct implements Main.Command {
        @Override
        public String summary() {
            return "PNG of test images above their reconstructions";
        }

        @Override
        public int run(String[] args, PrintStream out, PrintStream err) throws ParseException {
            Options o = options("count", "N", "number of test images (default 32)");
            CommandLine cl = CommonOptions.parse(o, args);
            if (CommonOptions.help(cl, o, "./vae reconstruct --model-dir DIR [options]", out)) {
                return Main.OK;
            }
            int count = CommonOptions.intOption(cl, "count", 32, 1, 512);
            Path dir = CommonOptions.modelDir(cl);
            try (Vae4j vae = CommonOptions.library(cl, CommonOptions.threads(cl), err)) {
                TrainedVae model = vae.load(dir);
                Dataset test = CommonOptions.modelData(vae, model, cl, err).test();
                Path file = target(cl, dir, "reconstructions.png");
                write(Pictures.of(model).reconstructions(test, count), file, out);
                return Main.OK;
            }
        }
    }

    static final class Interpolate implements Main.Command {
        @Override
        public String summary() {
            return "PNG of a straight line in latent space between two test images";
        }

        @Override
        public int run(String[] args, PrintStream out, PrintStream err) throws ParseException {
            Options o = options(
                    "from",
                    "I",
                    "test image to start from (required)",
                    "to",
                    "J",
                    "test image to end at (required)",
                    "steps",
                    "N",
                    "decoded points between them (default 10)");
            CommandLine cl = CommonOptions.parse(o, args);
            if (CommonOptions.help(cl, o, "./vae interpolate --model-dir DIR --from I --to J [options]", out)) {
                return Main.OK;
            }
            if (!cl.hasOption("from") || !cl.hasOption("to")) {
                throw new UsageException("--from I and --to J (test image indices) are required");
            }
            int steps = CommonOptions.intOption(cl, "steps", 10, 2, 40);
            Path dir = CommonOptions.modelDir(cl);
            try (Vae4j vae = CommonOptions.library(cl, CommonOptions.threads(cl), err)) {
                TrainedVae model = vae.load(dir);
                Dataset test = CommonOptions.modelData(vae, model, cl, err).test();
                int from = imageIndex(cl, "from", test, 0);
                int to = imageIndex(cl, "to", test, 0);
                Path file = target(cl, dir, "interpolation.png");
                write(Pictures.of(model).interpolation(test, from, to, steps), file, out);
                return Main.OK;
            }
        }
    }
}
