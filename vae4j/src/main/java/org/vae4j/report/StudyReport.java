package org.vae4j.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.vae4j.analysis.Disentanglement;
import org.vae4j.analysis.StudyResults;
import org.vae4j.analysis.StudyResults.ConditioningRow;
import org.vae4j.analysis.StudyResults.SensitivityRow;
import org.vae4j.analysis.StudyResults.Spread;
import org.vae4j.analysis.StudyResults.TradeoffRow;
import org.vae4j.core.io.AtomicFiles;
import org.vae4j.core.render.ImageGrid;
import org.vae4j.core.render.LineChart;
import org.vae4j.internal.Json;

/**
 * Renders a study's {@link StudyResults} into its folder: each section's table as CSV and JSON
 * ({@code tables/}), its plots as PNG ({@code plots/}), and all of it in a self-contained
 * {@code report.html}. Computes nothing: the numbers, the knee, the Pareto front and the best-aligned
 * trial come from the results.
 */
public final class StudyReport {
    /** The report's file name in the study folder. */
    public static final String FILE = "report.html";

    private final Path dir;
    private final Heading heading;
    private final StudyResults results;
    private final StudyResults.Plan plan;

    /**
     * What the report says of the study's description.
     *
     * @param name the study's name
     * @param description what it is for
     * @param settings the training settings in words, e.g. {@code 10 epochs, batch 100, all training images, seeds [1, 2]}
     * @param sensitivity the sensitivity phase
     */
    public record Heading(String name, String description, String settings, SensitivityHeading sensitivity) {}

    /**
     * The sensitivity phase, as its section names it.
     *
     * @param model the model trained at every size
     * @param iwSamples importance samples per image
     * @param iwImages images the log-likelihood is estimated on
     */
    public record SensitivityHeading(String model, int iwSamples, int iwImages) {}

    private StudyReport(Path dir, Heading heading, StudyResults results) {
        this.dir = dir;
        this.heading = heading;
        this.results = results;
        this.plan = results.plan();
    }

    /**
     * Writes the tables, plots and report of a study into its folder; every file atomically.
     *
     * @param dir the study folder
     * @param heading what the report says of the description
     * @param results the study's results
     * @param failed the ids of trials that failed, named in the report
     * @return the report's path
     */
    public static Path write(Path dir, Heading heading, StudyResults results, List<String> failed) {
        return new StudyReport(dir, heading, results).write(failed);
    }

    /**
     * {@return a number as a study writes it in trial ids, options and tables: whole numbers without a decimal
     * point ({@code 4}), others as Java prints them ({@code 0.5})}
     *
     * @param v the number
     */
    public static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e9 ? Long.toString((long) v) : Double.toString(v);
    }

    private Path write(List<String> failed) {
        StringBuilder html = new StringBuilder();
        html.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>vae4j study ")
                .append(esc(heading.name()))
                .append("</title><style>body{font-family:sans-serif;max-width:1100px;margin:24px auto;"
                        + "color:#222}table{border-collapse:collapse;margin:8px 0}th,td{border:1px solid #ccc;padding:3px 8px;"
                        + "font-size:13px;text-align:right}th{background:#f4f4f4}td:first-child,th:first-child{text-align:left}"
                        + "img{max-width:100%}.note{color:#666}</style></head><body>");
        html.append("<h1>vae4j study: ")
                .append(esc(heading.name()))
                .append("</h1><p>")
                .append(esc(heading.description()))
                .append("</p><p class=\"note\">")
                .append(esc(heading.settings()))
                .append("; ")
                .append(results.trials().size())
                .append(" finished trials")
                .append(failed.isEmpty() ? "" : ", failed: " + esc(String.join(", ", failed)))
                .append(". Means +- standard deviations over seeds; nats per test image.</p>");
        sensitivitySection(html);
        List<TradeoffRow> tradeoff = results.tradeoffRows();
        LineChart alignChart = tradeoffSection(tradeoff, html);
        results.conditioning().ifPresent(c -> conditioningSection(c, alignChart, html));
        alignmentSection(html);
        html.append("</body></html>\n");
        Path report = dir.resolve(FILE);
        AtomicFiles.write(report, html.toString().getBytes(StandardCharsets.UTF_8));
        return report;
    }

    /** Section 1: the latent-size sensitivity table (CSV, JSON), its plot and the knee. */
    private void sensitivitySection(StringBuilder html) {
        List<SensitivityRow> byZ = results.sensitivityRows();
        int knee = results.kneeOrNone();
        List<List<Object>> rows = new ArrayList<>();
        ArrayNode json = Json.MAPPER.createArrayNode();
        double[] zs = new double[byZ.size()];
        double[] elbo = new double[zs.length];
        double[] iw = new double[zs.length];
        int i = 0;
        for (SensitivityRow r : byZ) {
            rows.add(List.of(
                    r.latentDims(),
                    r.negElbo().mean(),
                    r.negElbo().sd(),
                    r.iwLogLikelihood().mean(),
                    r.iwLogLikelihood().sd(),
                    r.reconstruction().mean(),
                    r.kl().mean(),
                    r.activeUnits().mean(),
                    r.negElbo().n()));
            ObjectNode n = json.addObject();
            n.put("latentDims", r.latentDims());
            n.set("negElbo", spreadNode(r.negElbo()));
            n.set("iwLogLikelihood", spreadNode(r.iwLogLikelihood()));
            n.set("reconstruction", spreadNode(r.reconstruction()));
            n.set("kl", spreadNode(r.kl()));
            n.set("activeUnits", spreadNode(r.activeUnits()));
            n.put("knee", r.latentDims() == knee);
            zs[i] = r.latentDims();
            elbo[i] = r.negElbo().mean();
            iw[i++] = -r.iwLogLikelihood().mean();
        }
        table(
                "sensitivity",
                List.of(
                        "latentDims",
                        "negElbo",
                        "negElbo_sd",
                        "iwLogLikelihood",
                        "iwLogLikelihood_sd",
                        "reconstruction",
                        "kl",
                        "activeUnits",
                        "seeds"),
                rows,
                json);
        Path sensitivityPlot = plot(
                "sensitivity",
                new LineChart(
                                "Latent-size sensitivity ("
                                        + heading.sensitivity().model() + ")",
                                "latent dimensions z",
                                "nats")
                        .add("test -ELBO", zs, elbo, false)
                        .add("-log p(x), importance-weighted", zs, iw, true));
        html.append("<h2>1. Latent-size sensitivity</h2><p>Test -ELBO and importance-weighted log-likelihood (K=")
                .append(heading.sensitivity().iwSamples())
                .append(" on ")
                .append(heading.sensitivity().iwImages())
                .append(" test images) against z. The knee is the smallest z whose mean -ELBO is within ")
                .append(number(plan.kneeTolerance()))
                .append(" nats of the best: <b>z = ")
                .append(knee)
                .append("</b>.</p>")
                .append(htmlTable(
                        List.of("z", "-ELBO", "log p(x) (IW)", "D", "KL", "active units"),
                        byZ.stream()
                                .map(r -> List.of(
                                        (r.latentDims() == knee
                                                ? "<b>" + r.latentDims() + "</b>"
                                                : String.valueOf(r.latentDims())),
                                        text(r.negElbo()),
                                        text(r.iwLogLikelihood()),
                                        text(r.reconstruction()),
                                        text(r.kl()),
                                        text(r.activeUnits())))
                                .toList()))
                .append(image(sensitivityPlot));
    }

    /** Section 2: the trade-off over beta with its Pareto front; returns the alignment chart section 3 shows. */
    private LineChart tradeoffSection(List<TradeoffRow> tradeoff, StringBuilder html) {
        int z = results.tradeoffLatent();
        String frontMetric = results.frontMetric();
        List<String> measures = results.tradeoffMeasures();
        List<List<Object>> rows = new ArrayList<>();
        ArrayNode json = Json.MAPPER.createArrayNode();
        List<List<String>> htmlRows = new ArrayList<>();
        for (TradeoffRow r : tradeoff) {
            List<Object> row = new ArrayList<>(List.of(r.model(), r.beta(), z));
            ObjectNode n = json.addObject();
            n.put("model", r.model());
            n.put("beta", r.beta());
            n.put("latentDims", z);
            List<String> cells = new ArrayList<>(List.of(r.model(), number(r.beta())));
            for (String key : measures) {
                Spread s = r.measures().get(key);
                row.add(s.mean());
                row.add(s.sd());
                n.set(key, spreadNode(s));
                cells.add(text(s));
            }
            row.add(r.paretoFront());
            n.put("paretoFront", r.paretoFront());
            cells.add(r.paretoFront() ? "yes" : "");
            rows.add(row);
            htmlRows.add(cells);
        }
        List<String> columns = new ArrayList<>(List.of("model", "beta", "latentDims"));
        for (String key : measures) {
            String column = key.replace("align:", "align_");
            columns.add(column);
            columns.add(column + "_sd");
        }
        columns.add("paretoFront_" + frontMetric);
        table("tradeoff", columns, rows, json);

        List<String> attributes = plan.attributes();
        LineChart tradeoffChart = new LineChart("D and KL against beta (z=" + z + ")", "beta", "nats");
        LineChart frontChart = new LineChart(
                "Reconstruction D against " + frontMetric.toUpperCase(Locale.ROOT), "D (nats)", frontMetric);
        LineChart alignChart =
                new LineChart("Mean alignment strength of " + String.join(", ", attributes), "beta", "|Spearman|");
        Map<String, List<TradeoffRow>> byModel = new LinkedHashMap<>();
        plan.tradeoffModels().forEach(m -> byModel.put(m, new ArrayList<>()));
        tradeoff.forEach(r -> byModel.get(r.model()).add(r));
        for (Map.Entry<String, List<TradeoffRow>> m : byModel.entrySet()) {
            List<TradeoffRow> rs = m.getValue();
            double[] betas = rs.stream().mapToDouble(TradeoffRow::beta).toArray();
            double[] d =
                    rs.stream().mapToDouble(r -> r.measures().get("D").mean()).toArray();
            double[] kl =
                    rs.stream().mapToDouble(r -> r.measures().get("KL").mean()).toArray();
            double[] score = rs.stream()
                    .mapToDouble(r -> r.measures().get(frontMetric).mean())
                    .toArray();
            double[] align = rs.stream().mapToDouble(TradeoffRow::meanAlignment).toArray();
            tradeoffChart.add(m.getKey() + " D", betas, d, false).add(m.getKey() + " KL", betas, kl, true);
            frontChart.scatter(m.getKey(), d, score);
            alignChart.add(m.getKey(), betas, align, false);
        }
        List<double[]> frontPoints = new ArrayList<>();
        for (TradeoffRow r : tradeoff) {
            if (r.paretoFront()) {
                frontPoints.add(new double[] {
                    r.measures().get("D").mean(), r.measures().get(frontMetric).mean()
                });
            }
        }
        frontPoints.sort((a, b) -> Double.compare(a[0], b[0]));
        frontChart.add(
                "Pareto front",
                frontPoints.stream().mapToDouble(a -> a[0]).toArray(),
                frontPoints.stream().mapToDouble(a -> a[1]).toArray(),
                true);
        Path tradeoffPlot = plot("tradeoff", tradeoffChart);
        Path frontPlot = plot("pareto", frontChart);
        List<String> header = new ArrayList<>(List.of("model", "beta", "D", "KL", "-ELBO"));
        header.addAll(plan.metrics());
        attributes.forEach(a -> header.add("align " + a));
        header.add("Pareto");
        html.append("<h2>2. Reconstruction against disentanglement</h2><p>beta-VAE and conditional beta-VAE at z = ")
                .append(z)
                .append(". The Pareto front (lower D, higher ")
                .append(esc(frontMetric))
                .append(") is marked.</p>")
                .append(htmlTable(header, htmlRows))
                .append(image(tradeoffPlot))
                .append(image(frontPlot));
        return alignChart;
    }

    /** Section 3: the conditional model against the plain one at equal beta, paired by seed. */
    private void conditioningSection(StudyResults.Conditioning c, LineChart alignChart, StringBuilder html) {
        String plain = c.plain();
        String conditional = c.conditional();
        List<List<Object>> rows = new ArrayList<>();
        ArrayNode json = Json.MAPPER.createArrayNode();
        List<List<String>> htmlRows = new ArrayList<>();
        for (ConditioningRow r : c.rows()) {
            Spread s = r.difference();
            rows.add(List.of(
                    r.beta(),
                    r.measure().replace("align:", "align_"),
                    r.plain().mean(),
                    r.conditional().mean(),
                    s.mean(),
                    s.sd(),
                    r.pairs().text()));
            ObjectNode n = json.addObject();
            n.put("beta", r.beta());
            n.put("measure", r.measure());
            n.put(plain, Json.round(r.plain().mean()));
            n.put(conditional, Json.round(r.conditional().mean()));
            n.set("difference", spreadNode(s));
            n.put("seedsConditionalHigher", r.pairs().text());
            htmlRows.add(List.of(
                    number(r.beta()),
                    r.measure().replace("align:", "align "),
                    text(r.plain()),
                    text(r.conditional()),
                    text(s),
                    r.pairs().text()));
        }
        table(
                "conditioning",
                List.of("beta", "measure", plain, conditional, "difference", "difference_sd", "seedsConditionalHigher"),
                rows,
                json);
        Path alignPlot = plot("conditioning", alignChart);
        html.append("<h2>3. Conditioning</h2><p>")
                .append(esc(plain))
                .append(" against ")
                .append(esc(conditional))
                .append(" at equal beta and z, paired by seed: does conditioning on the class improve the"
                        + " disentanglement of the style attributes?</p>")
                .append(htmlTable(
                        List.of(
                                "beta",
                                "measure",
                                plain,
                                conditional,
                                "difference (cond. - plain)",
                                "seeds cond. higher"),
                        htmlRows))
                .append(image(alignPlot));
    }

    /** Section 4: the alignment of the trial with the strongest mean alignment, and its traversal. */
    private void alignmentSection(StringBuilder html) {
        ObjectNode alignment = Json.MAPPER.createObjectNode();
        results.bestAligned().ifPresent(best -> {
            alignment.put(
                    "trial", best.model() + "-z" + best.latent() + "-b" + number(best.beta()) + "-s" + best.seed());
            alignment.put("criterion", "highest mean |Spearman| of the aligned attributes");
            JsonNode dis = Json.read(best.modelDir().resolve(Disentanglement.FILE));
            alignment.set("alignment", dis.path("alignment"));
            Path traversal = dir.resolve("plots").resolve("aligned-traversal.png");
            try {
                Files.createDirectories(traversal.getParent());
                Files.copy(
                        best.modelDir().resolve("aligned-traversal.png"),
                        traversal,
                        StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            List<List<String>> alignRows = new ArrayList<>();
            for (JsonNode a : dis.path("alignment")) {
                alignRows.add(List.of(
                        a.path("attribute").asText(),
                        "z" + a.path("dimension").asInt(),
                        String.format(Locale.ROOT, "%.3f", a.path("strength").asDouble()),
                        String.format(Locale.ROOT, "%+.3f", a.path("spearman").asDouble()),
                        "z" + a.path("runnerUpDimension").asInt() + " "
                                + a.path("runnerUpStrength").asText(),
                        a.path("competingAttribute").asText("-") + " "
                                + a.path("competingStrength").asText("")));
            }
            html.append("<h2>4. Alignment</h2><p>The trial with the strongest mean alignment, <b>")
                    .append(esc(alignment.get("trial").asText()))
                    .append("</b>: each attribute's latent dimension"
                            + " (optimal one-to-one assignment on |Spearman|), and its traversal.</p>")
                    .append(htmlTable(
                            List.of(
                                    "attribute",
                                    "dimension",
                                    "|Spearman|",
                                    "Spearman",
                                    "runner-up",
                                    "dimension's next attribute"),
                            alignRows))
                    .append(image(traversal));
        });
        try {
            AtomicFiles.write(
                    dir.resolve("tables").resolve("alignment.json"), Json.MAPPER.writeValueAsBytes(alignment));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void table(String name, List<String> columns, List<List<Object>> rows, ArrayNode json) {
        StringBuilder csv = new StringBuilder(String.join(",", columns)).append('\n');
        for (List<Object> row : rows) {
            List<String> cells = new ArrayList<>();
            for (Object c : row) {
                cells.add(
                        c instanceof Double d
                                ? (Double.isNaN(d) ? "" : String.format(Locale.ROOT, "%.4f", d))
                                : String.valueOf(c));
            }
            csv.append(String.join(",", cells)).append('\n');
        }
        Path tables = dir.resolve("tables");
        AtomicFiles.write(tables.resolve(name + ".csv"), csv.toString().getBytes(StandardCharsets.UTF_8));
        try {
            AtomicFiles.write(tables.resolve(name + ".json"), Json.MAPPER.writeValueAsBytes(json));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path plot(String name, LineChart chart) {
        Path file = dir.resolve("plots").resolve(name + ".png");
        ImageGrid.writePng(chart.png(720, 420), file);
        return file;
    }

    private static ObjectNode spreadNode(Spread s) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("mean", Json.round(s.mean()));
        n.put("sd", Json.round(s.sd()));
        n.put("seeds", s.n());
        return n;
    }

    /** A spread as the report's tables show it: {@code -}, one value, or {@code mean +- sd}. */
    static String text(Spread s) {
        return s.n() == 0
                ? "-"
                : s.n() == 1
                        ? String.format(Locale.ROOT, "%.3f", s.mean())
                        : String.format(Locale.ROOT, "%.3f +- %.3f", s.mean(), s.sd());
    }

    private static String esc(String s) {
        return LineChart.escape(s);
    }

    private static String htmlTable(List<String> header, List<List<String>> rows) {
        StringBuilder b = new StringBuilder("<table><tr>");
        header.forEach(h -> b.append("<th>").append(esc(h)).append("</th>"));
        b.append("</tr>");
        for (List<String> row : rows) {
            b.append("<tr>");
            row.forEach(c ->
                    b.append("<td>").append(c.startsWith("<b>") ? c : esc(c)).append("</td>"));
            b.append("</tr>");
        }
        return b.append("</table>").toString();
    }

    private static String image(Path png) {
        try {
            return "<p><img alt=\"" + esc(png.getFileName().toString()) + "\" src=\"data:image/png;base64,"
                    + Base64.getEncoder().encodeToString(Files.readAllBytes(png)) + "\"></p>";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
