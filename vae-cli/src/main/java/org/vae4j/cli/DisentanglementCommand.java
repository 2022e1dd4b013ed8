package org.vae4j.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;
import org.nd4j.linalg.api.buffer.DataType;
import org.vae4j.api.data.Dataset;
import org.vae4j.api.data.DatasetPair;
import org.vae4j.core.engine.Encodings;
import org.vae4j.core.render.HeatMap;
import org.vae4j.core.render.ImageGrid;
import org.vae4j.metrics.morpho.AttributeTable;
import org.vae4j.metrics.morpho.Morphometrics;
import org.vae4j.metrics.score.Alignment;
import org.vae4j.metrics.score.Correlations;
import org.vae4j.metrics.score.Factors;
import org.vae4j.metrics.score.MetricContext;
import org.vae4j.metrics.score.MetricResult;
import org.vae4j.metrics.score.Metrics;

/**
 * {@code ./vae disentanglement}: scores a trained model's codes (posterior means of the test
 * images) against the digits' morphometrics, aligns latent dimensions with attributes, and writes
 * {@code disentanglement.json}, a heat map of |Spearman correlation| and the traversal rows of the
 * aligned dimensions labelled with their attributes.
 */
final class DisentanglementCommand implements Main.Command {
    static final String RESULT = "disentanglement.json";
    static final String LABEL = "label";

    @Override
    public String summary() {
        return "disentanglement scores and the alignment of latent dimensions with thickness, slant, width";
    }

    @Override
    public int run(String[] args, PrintStream out, PrintStream err) throws ParseException {
        Metrics metrics = Metrics.load();
        Options o = new Options();
        SavedModel.addOptions(o);
        o.addOption(CommonOptions.opt("attributes", "LIST", "attributes to align and score against (default"
                + " thickness,slant,width; any of " + String.join(",", Morphometrics.Measurement.NAMES) + ",label)"));
        o.addOption(CommonOptions.opt("metrics", "LIST", "scores to compute (default mig,sap,dci,modularity; available: "
                + String.join(",", metrics.names()) + ")"));
        o.addOption(CommonOptions.opt("align-by", "MEASURE", "spearman (default: |Spearman correlation|) or mi"));
        o.addOption(CommonOptions.opt("images", "N", "use the first N test images (default all)"));
        o.addOption(CommonOptions.opt("seed", "N", "seed of the train/test split of the scores' predictors (default 0)"));
        o.addOption(CommonOptions.opt("cache", "DIR", "attribute cache directory (default: the data cache)"));
        CommonOptions.addHelp(o);
        CommandLine cl = CommonOptions.parse(o, args);
        if (CommonOptions.help(cl, o, "./vae disentanglement --model-dir DIR [options]", out)) {
            return Main.OK;
        }
        List<String> attributes = list(cl.getOptionValue("attributes", "thickness,slant,width"));
        for (String a : attributes) {
            if (!a.equals(LABEL) && !Morphometrics.Measurement.NAMES.contains(a)) {
                throw new UsageException("--attributes: unknown attribute '" + a + "'; known: "
                        + String.join(", ", Morphometrics.Measurement.NAMES) + ", label");
            }
        }
        List<String> chosenMetrics = list(cl.getOptionValue("metrics", "mig,sap,dci,modularity"));
        chosenMetrics.forEach(metrics::get);
        Alignment.Measure measure = Alignment.Measure.parse(cl.getOptionValue("align-by", "spearman"));
        int images = CommonOptions.intOption(cl, "images", Integer.MAX_VALUE, 10, Integer.MAX_VALUE);
        long seed = CommonOptions.longOption(cl, "seed", 0);

        SavedModel saved = SavedModel.open(cl);
        int latent = saved.checkpoint().spec().latentDims();
        DatasetPair data = saved.data(cl, err);
        if (attributes.contains(LABEL) && data.test().labels().isEmpty()) {
            throw new UsageException("--attributes label: dataset " + data.name() + " has no labels");
        }
        AttributeTable table = AttributesCommand.table(data, true, cl, AttributesCommand.threads(cl), err);
        int n = Math.min(images, data.test().size());
        Dataset test = data.test().head(n);
        table = table.head(n);
        Encodings codes = Encodings.of(saved.runner(), test, n, DataType.FLOAT);
        double[][] z = codes.mean();
        Factors chosen = factors(attributes, table);
        MetricContext context = new MetricContext(seed, MetricContext.DEFAULT.trainFraction(), MetricContext.DEFAULT.bins());

        ObjectNode result = Json.MAPPER.createObjectNode();
        result.put("model", saved.checkpoint().provider());
        result.put("latentDims", latent);
        result.put("images", n);
        result.put("codes", "posterior means of the first " + n + " test images");
        result.putPOJO("attributes", attributes);
        ObjectNode scores = result.putObject("metrics");
        out.printf(Locale.ROOT, "%s on %d test images, attributes %s%n", saved.title(), n, attributes);
        for (String name : chosenMetrics) {
            MetricResult r = metrics.get(name).compute(z, chosen, context);
            ObjectNode node = scores.putObject(name);
            node.put("value", Json.round(r.value()));
            node.set("parameters", Json.MAPPER.valueToTree(r.parameters()));
            node.set("details", Json.MAPPER.valueToTree(r.details()));
            out.printf(Locale.ROOT, "  %-12s %.3f%s%n", name, r.value(), name.equals("dci") ? String.format(Locale.ROOT,
                    " (completeness %.3f, informativeness %.3f)", (Double) r.details().get("completeness"),
                    (Double) r.details().get("informativeness")) : "");
        }

        List<Alignment.Assignment> alignment = Alignment.align(z, chosen, measure, context.bins());
        ArrayNode aligned = result.putArray("alignment");
        result.put("alignedBy", measure == Alignment.Measure.SPEARMAN ? "|Spearman correlation|" : "mutual information (nats)");
        out.println("alignment (" + result.get("alignedBy").asText() + ", optimal one-to-one):");
        for (Alignment.Assignment a : alignment) {
            ObjectNode node = aligned.addObject();
            node.put("attribute", a.attribute());
            if (a.dimension() < 0) {
                node.putNull("dimension");
                node.put("note", "unassigned: more attributes than latent dimensions");
                node.put("runnerUpDimension", a.runnerUpDimension());
                node.put("runnerUpStrength", Json.round(a.runnerUpStrength()));
                out.printf(Locale.ROOT, "  %-10s -> unassigned (%d latent dimensions); its strongest is z%d %.3f%n",
                        a.attribute(), latent, a.runnerUpDimension(), a.runnerUpStrength());
                continue;
            }
            node.put("dimension", a.dimension());
            node.put("strength", Json.round(a.strength()));
            node.put("spearman", Json.round(a.spearman()));
            node.put("runnerUpDimension", a.runnerUpDimension());
            node.put("runnerUpStrength", Json.round(a.runnerUpStrength()));
            if (a.competingAttribute() != null) {
                node.put("competingAttribute", a.competingAttribute());
                node.put("competingStrength", Json.round(a.competingStrength()));
            }
            out.printf(Locale.ROOT, "  %-10s -> z%d  strength %.3f (rho %+.3f); runner-up z%d %.3f%s%n", a.attribute(),
                    a.dimension(), a.strength(), a.spearman(), a.runnerUpDimension(), a.runnerUpStrength(),
                    a.competingAttribute() == null ? "" : String.format(Locale.ROOT, "; z%d's next attribute %s %.3f",
                            a.dimension(), a.competingAttribute(), a.competingStrength()));
        }

        // correlations with every morphometric (and the label when available), for the heat map
        List<String> all = new ArrayList<>(Morphometrics.Measurement.NAMES);
        if (data.test().labels().isPresent()) {
            all.add(LABEL);
        }
        Factors everything = factors(all, table);
        double[][] spearman = Correlations.spearman(z, everything);
        double[][] pearson = Correlations.pearson(z, everything);
        result.putPOJO("correlationColumns", all);
        result.set("spearman", Json.MAPPER.valueToTree(round(spearman)));
        result.set("pearson", Json.MAPPER.valueToTree(round(pearson)));
        double[][] magnitude = new double[latent][all.size()];
        String[] rows = new String[latent];
        for (int j = 0; j < latent; j++) {
            rows[j] = "z" + j;
            for (int k = 0; k < all.size(); k++) {
                magnitude[j][k] = Math.abs(spearman[j][k]);
            }
        }
        java.nio.file.Path heat = saved.dir().resolve("correlations.png");
        ImageGrid.writePng(HeatMap.render(saved.title() + ": |Spearman| of codes and attributes", rows,
                all.toArray(String[]::new), magnitude), heat);

        // traversal rows of the aligned dimensions, labelled with their attributes
        List<Alignment.Assignment> placed = alignment.stream().filter(a -> a.dimension() >= 0).toList();
        int[] dims = placed.stream().mapToInt(Alignment.Assignment::dimension).toArray();
        String[] labels = placed.stream().map(a -> String.format(Locale.ROOT, "%s z%d %s", a.attribute(),
                a.dimension(), a.spearman() >= 0 ? "+" : "-")).toArray(String[]::new);
        int label = saved.state().model().isConditional() ? test.labels().orElseThrow()[0] : -1;
        java.nio.file.Path traversal = saved.dir().resolve("aligned-traversal.png");
        ImageGrid.writePng(PictureCommands.pictures(saved).traversal(new double[latent], dims, labels, -3, 3, 11, label,
                saved.title() + ": aligned dimensions" + (label >= 0 ? ", y=" + label : "")).render(), traversal);
        java.nio.file.Path file = saved.dir().resolve(RESULT);
        Json.write(file, result);
        out.println("written " + file + ", " + heat + ", " + traversal);
        return Main.OK;
    }

    static List<String> list(String text) {
        List<String> out = new ArrayList<>();
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

    static Factors factors(List<String> names, AttributeTable table) {
        double[][] values = new double[table.size()][names.size()];
        boolean[] discrete = new boolean[names.size()];
        for (int k = 0; k < names.size(); k++) {
            String name = names.get(k);
            discrete[k] = name.equals(LABEL);
            double[] column = discrete[k] ? Arrays.stream(table.labels()).asDoubleStream().toArray() : table.column(name);
            for (int i = 0; i < values.length; i++) {
                values[i][k] = column[i];
            }
        }
        return new Factors(names, values, discrete);
    }

    private static double[][] round(double[][] m) {
        double[][] out = new double[m.length][];
        for (int i = 0; i < m.length; i++) {
            out[i] = Arrays.stream(m[i]).map(Json::round).toArray();
        }
        return out;
    }
}
