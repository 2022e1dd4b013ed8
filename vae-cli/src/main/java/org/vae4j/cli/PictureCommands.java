package org.vae4j.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;
import org.nd4j.linalg.api.buffer.DataType;
import org.vae4j.api.data.Dataset;
import org.vae4j.api.data.DatasetPair;
import org.vae4j.core.engine.Encodings;
import org.vae4j.core.nn.GaussianKl;
import org.vae4j.core.render.ImageGrid;
import org.vae4j.core.render.Pictures;

/** {@code ./vae traverse|sample|reconstruct|interpolate}: PNG pictures of a trained model. */
final class PictureCommands {
    private PictureCommands() {
    }

    static Options options(String... extra) {
        Options o = new Options();
        SavedModel.addOptions(o);
        o.addOption(CommonOptions.opt("out", "FILE", "the PNG to write (default: in the model directory)"));
        for (int i = 0; i < extra.length; i += 3) {
            o.addOption(CommonOptions.opt(extra[i], extra[i + 1], extra[i + 2]));
        }
        CommonOptions.addHelp(o);
        return o;
    }

    static Pictures pictures(SavedModel saved) {
        return new Pictures(saved.runner(), saved.checkpoint().spec().imageHeight(), saved.checkpoint().spec().imageWidth());
    }

    static Path write(SavedModel saved, CommandLine cl, String defaultName, ImageGrid grid, PrintStream out) {
        Path file = cl.hasOption("out") ? Path.of(cl.getOptionValue("out")) : saved.dir().resolve(defaultName);
        if (!file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".png")) {
            throw new UsageException("--out " + file + " must name a .png file");
        }
        ImageGrid.writePng(grid.render(), file);
        out.println("written " + file);
        return file;
    }

    /** The class to decode for a conditional model: --label, else the given image's label, else an error. */
    static int label(SavedModel saved, CommandLine cl, Dataset test, int image) {
        int classes = saved.state().model().conditionSize();
        if (cl.hasOption("label")) {
            int label = CommonOptions.intOption(cl, "label", 0);
            if (classes > 0 && (label < 0 || label >= classes)) {
                throw new UsageException("--label must be in 0.." + (classes - 1) + ", got " + label);
            }
            if (classes == 0) {
                throw new UsageException("--label is for conditional models; " + saved.checkpoint().provider()
                        + " is not conditioned on a label");
            }
            return label;
        }
        if (classes == 0) {
            return -1;
        }
        if (image >= 0) {
            return test.labels().orElseThrow()[image];
        }
        throw new UsageException("model " + saved.checkpoint().provider() + " is conditioned on the class: give --label 0.."
                + (classes - 1) + " (or --image INDEX to use that test image's label)");
    }

    static int imageIndex(CommandLine cl, String option, Dataset test, int defaultValue) {
        int index = CommonOptions.intOption(cl, option, defaultValue);
        if (index != defaultValue || cl.hasOption(option)) {
            if (index < 0 || index >= test.size()) {
                throw new UsageException("--" + option + " must be a test image index in 0.." + (test.size() - 1)
                        + ", got " + index);
            }
        }
        return index;
    }

    /** Latent dimensions ordered by KL (or, without a Gaussian KL, by the variance of their means), with row labels. */
    record RankedDims(int[] dims, String[] labels) {
        static RankedDims of(SavedModel saved, Encodings codes, int[] chosen) {
            boolean gaussian = GaussianKl.NAME.equals(saved.state().model().divergence().name());
            double[] score = gaussian ? codes.klPerDimension() : codes.varianceOfMeans();
            int[] dims = chosen != null ? chosen : IntStream.range(0, codes.latentDims()).boxed()
                    .sorted((a, b) -> Double.compare(score[b], score[a])).mapToInt(Integer::intValue).toArray();
            String[] labels = new String[dims.length];
            for (int i = 0; i < dims.length; i++) {
                labels[i] = String.format(Locale.ROOT, "z%d %s %.2f", dims[i], gaussian ? "KL" : "var", score[dims[i]]);
            }
            return new RankedDims(dims, labels);
        }
    }

    static int[] parseDims(String text, int latentDims) {
        if (text == null || text.equals("all")) {
            return null;
        }
        List<Integer> dims = new ArrayList<>();
        for (String part : text.split(",")) {
            try {
                int d = Integer.parseInt(part.trim());
                if (d < 0 || d >= latentDims) {
                    throw new UsageException("--dims " + text + ": dimension " + d + " is outside 0.." + (latentDims - 1));
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
                if (lo < hi && Double.isFinite(lo) && Double.isFinite(hi)) {
                    return new double[] {lo, hi};
                }
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException("--range " + text + " must be LOW:HIGH with LOW < HIGH, e.g. -3:3");
    }

    static final class Traverse implements Main.Command {
        @Override
        public String summary() {
            return "latent traversal PNG: one row per dimension, ordered by KL";
        }

        @Override
        public int run(String[] args, PrintStream out, PrintStream err) throws ParseException {
            Options o = options(
                    "dims", "LIST", "dimensions to traverse: 'all' (default, ordered by KL) or e.g. 0,3,5",
                    "range", "LOW:HIGH", "values each dimension takes (default -3:3)",
                    "steps", "N", "images per row (default 11)",
                    "image", "INDEX", "hold the other dimensions at the encoding of this test image (default: prior mean 0)",
                    "label", "L", "class to decode for a conditional model");
            CommandLine cl = CommonOptions.parse(o, args);
            if (CommonOptions.help(cl, o, "./vae traverse --model-dir DIR [options]", out)) {
                return Main.OK;
            }
            double[] range = parseRange(cl.getOptionValue("range", "-3:3"));
            int steps = CommonOptions.intOption(cl, "steps", 11, 2, 41);
            SavedModel saved = SavedModel.open(cl);
            int latent = saved.checkpoint().spec().latentDims();
            int[] chosen = parseDims(cl.getOptionValue("dims"), latent);
            DatasetPair data = saved.data(cl, err);
            Dataset test = data.test();
            int image = imageIndex(cl, "image", test, -1);
            int label = label(saved, cl, test, image);
            Encodings codes = Encodings.of(saved.runner(), test, test.size(), DataType.FLOAT);
            RankedDims ranked = RankedDims.of(saved, codes, chosen);
            double[] base = image >= 0 ? codes.mean()[image].clone() : new double[latent];
            String around = image >= 0 ? "test image " + image : "the prior mean";
            String title = saved.title() + ": traversal around " + around + (label >= 0 ? ", y=" + label : "");
            ImageGrid grid = pictures(saved).traversal(base, ranked.dims(), ranked.labels(), range[0], range[1], steps,
                    label, title);
            write(saved, cl, "traverse.png", grid, out);
            return Main.OK;
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
                    "count", "N", "number of samples (default 64)",
                    "label", "L", "class to generate for a conditional model (default: one row per class)",
                    "seed", "N", "random seed (default 1)");
            CommandLine cl = CommonOptions.parse(o, args);
            if (CommonOptions.help(cl, o, "./vae sample --model-dir DIR [options]", out)) {
                return Main.OK;
            }
            int count = CommonOptions.intOption(cl, "count", 64, 1, 1024);
            long seed = CommonOptions.longOption(cl, "seed", 1);
            SavedModel saved = SavedModel.open(cl);
            int classes = saved.state().model().conditionSize();
            int rows;
            int cols;
            int[] labels;
            if (classes > 0 && !cl.hasOption("label")) {
                rows = classes;
                cols = Math.max(1, count / classes);
                labels = IntStream.range(0, classes).toArray();
            } else {
                cols = (int) Math.ceil(Math.sqrt(count));
                rows = (count + cols - 1) / cols;
                int label = label(saved, cl, null, -1);
                labels = new int[rows];
                java.util.Arrays.fill(labels, label);
            }
            String title = saved.title() + ": samples" + (classes > 0 && cl.hasOption("label") ? " of y=" + labels[0] : "");
            ImageGrid grid = pictures(saved).samples(rows, cols, labels, seed, title);
            write(saved, cl, "samples.png", grid, out);
            return Main.OK;
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
            SavedModel saved = SavedModel.open(cl);
            Dataset test = saved.data(cl, err).test();
            ImageGrid grid = pictures(saved).reconstructions(test, count, 16, saved.title() + ": reconstructions");
            write(saved, cl, "reconstructions.png", grid, out);
            return Main.OK;
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
                    "from", "I", "test image to start from (required)",
                    "to", "J", "test image to end at (required)",
                    "steps", "N", "decoded points between them (default 10)");
            CommandLine cl = CommonOptions.parse(o, args);
            if (CommonOptions.help(cl, o, "./vae interpolate --model-dir DIR --from I --to J [options]", out)) {
                return Main.OK;
            }
            if (!cl.hasOption("from") || !cl.hasOption("to")) {
                throw new UsageException("--from I and --to J (test image indices) are required");
            }
            int steps = CommonOptions.intOption(cl, "steps", 10, 2, 40);
            SavedModel saved = SavedModel.open(cl);
            Dataset test = saved.data(cl, err).test();
            int from = imageIndex(cl, "from", test, 0);
            int to = imageIndex(cl, "to", test, 0);
            ImageGrid grid = pictures(saved).interpolation(test, from, to, steps,
                    saved.title() + ": test image " + from + " to " + to);
            write(saved, cl, "interpolation.png", grid, out);
            return Main.OK;
        }
    }
}
