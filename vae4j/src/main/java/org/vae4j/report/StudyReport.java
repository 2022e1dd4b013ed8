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
import java.util.List;
import java.util.Locale;
import org.vae4j.analysis.Disentanglement;
import org.vae4j.analysis.Spread;
import org.vae4j.analysis.StudyResults;
import org.vae4j.analysis.StudyResults.ConditioningRow;
import org.vae4j.analysis.StudyResults.SensitivityRow;
import org.vae4j.analysis.StudyResults.TradeoffRow;
import org.vae4j.core.io.AtomicFiles;
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
                .append(StudyFiles.esc(heading.name()))
                .append("</title><style>body{font-family:sans-serif;max-width:1100px;margin:24px auto;"
                        + "color:#222}table{border-collapse:collapse;margin:8px 0}th,td{border:1px solid #ccc;padding:3px 8px;"
                        + "font-size:13px;text-align:right}th{background:#f4f4f4}td:first-child,th:first-child{text-align:left}"
                        + "img{max-width:100%}.note{color:#666}</style></head><body>");
        html.append("<h1>vae4j study: ")
                .append(StudyFiles.esc(heading.name()))
                .append("</h1><p>")
                .append(StudyFiles.esc(heading.description()))
                .append("</p><p class=\"note\">")
                .append(StudyFiles.esc(heading.settings()))
                .append("; ")
                .append(results.trials().size())
                .append(" finished trials")
                .append(failed.isEmpty() ? "" : ", failed: " + StudyFiles.esc(String.join(", ", failed)))
                .append(". Means +- standard deviations over seeds; nats per test image.</p>");
        sensitivitySection(html);
        List<TradeoffRow> tradeoff = results.tradeoffRows();
        LineChart alignChart = new TradeoffSection(dir, results).write(tradeoff, html);
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
        sensitivityTable(byZ, knee);
        Path sensitivityPlot = sensitivityPlot(byZ);
        html.append("<h2>1. Latent-size sensitivity</h2><p>Test -ELBO and importance-weighted log-likelihood (K=")
                .append(heading.sensitivity().iwSamples())
                .append(" on ")
                .append(heading.sensitivity().iwImages())
                .append(" test images) against z. The knee is the smallest z whose mean -ELBO is within ")
                .append(number(plan.kneeTolerance()))
                .append(" nats of the best: <b>z = ")
                .append(knee)
                .append("</b>.</p>")
                .append(StudyFiles.htmlTable(
                        List.of("z", "-ELBO", "log p(x) (IW)", "D", "KL", "active units"),
                        byZ.stream()
                                .map(r -> List.of(
                                        (r.latentDims() == knee
                                                ? "<b>" + r.latentDims() + "</b>"
                                                : String.valueOf(r.latentDims())),
                                        StudyFiles.text(r.negElbo()),
                                        StudyFiles.text(r.iwLogLikelihood()),
                                        StudyFiles.text(r.reconstruction()),
                                        StudyFiles.text(r.kl()),
                                        StudyFiles.text(r.activeUnits())))
                                .toList()))
                .append(StudyFiles.image(sensitivityPlot));
    }

    /** The sensitivity table, as CSV and JSON. */
    private void sensitivityTable(List<SensitivityRow> byZ, int knee) {
        List<List<Object>> rows = new ArrayList<>();
        ArrayNode json = Json.MAPPER.createArrayNode();
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
            n.set("negElbo", StudyFiles.spreadNode(r.negElbo()));
            n.set("iwLogLikelihood", StudyFiles.spreadNode(r.iwLogLikelihood()));
            n.set("reconstruction", StudyFiles.spreadNode(r.reconstruction()));
            n.set("kl", StudyFiles.spreadNode(r.kl()));
            n.set("activeUnits", StudyFiles.spreadNode(r.activeUnits()));
            n.put("knee", r.latentDims() == knee);
        }
        StudyFiles.table(
                dir,
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
    }

    /** The sensitivity plot: -ELBO and -log p(x) against z. */
    private Path sensitivityPlot(List<SensitivityRow> byZ) {
        double[] zs = byZ.stream().mapToDouble(SensitivityRow::latentDims).toArray();
        double[] elbo = byZ.stream().mapToDouble(r -> r.negElbo().mean()).toArray();
        double[] iw = byZ.stream().mapToDouble(r -> -r.iwLogLikelihood().mean()).toArray();
        return StudyFiles.plot(
                dir,
                "sensitivity",
                new LineChart(
                                "Latent-size sensitivity ("
                                        + heading.sensitivity().model() + ")",
                                "latent dimensions z",
                                "nats")
                        .add("test -ELBO", zs, elbo, false)
                        .add("-log p(x), importance-weighted", zs, iw, true));
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
            n.set("difference", StudyFiles.spreadNode(s));
            n.put("seedsConditionalHigher", r.pairs().text());
            htmlRows.add(List.of(
                    number(r.beta()),
                    r.measure().replace("align:", "align "),
                    StudyFiles.text(r.plain()),
                    StudyFiles.text(r.conditional()),
                    StudyFiles.text(s),
                    r.pairs().text()));
        }
        StudyFiles.table(
                dir,
                "conditioning",
                List.of("beta", "measure", plain, conditional, "difference", "difference_sd", "seedsConditionalHigher"),
                rows,
                json);
        Path alignPlot = StudyFiles.plot(dir, "conditioning", alignChart);
        html.append("<h2>3. Conditioning</h2><p>")
                .append(StudyFiles.esc(plain))
                .append(" against ")
                .append(StudyFiles.esc(conditional))
                .append(" at equal beta and z, paired by seed: does conditioning on the class improve the"
                        + " disentanglement of the style attributes?</p>")
                .append(StudyFiles.htmlTable(
                        List.of(
                                "beta",
                                "measure",
                                plain,
                                conditional,
                                "difference (cond. - plain)",
                                "seeds cond. higher"),
                        htmlRows))
                .append(StudyFiles.image(alignPlot));
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
                    .append(StudyFiles.esc(alignment.get("trial").asText()))
                    .append("</b>: each attribute's latent dimension"
                            + " (optimal one-to-one assignment on |Spearman|), and its traversal.</p>")
                    .append(StudyFiles.htmlTable(
                            List.of(
                                    "attribute",
                                    "dimension",
                                    "|Spearman|",
                                    "Spearman",
                                    "runner-up",
                                    "dimension's next attribute"),
                            alignRows))
                    .append(StudyFiles.image(traversal));
        });
        try {
            AtomicFiles.write(
                    dir.resolve("tables").resolve("alignment.json"), Json.MAPPER.writeValueAsBytes(alignment));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
