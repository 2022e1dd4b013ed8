package org.vae4j.study;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.vae4j.Evaluation;
import org.vae4j.analysis.Disentanglement;
import org.vae4j.core.io.AtomicFiles;
import org.vae4j.core.render.ImageGrid;
import org.vae4j.core.render.LineChart;
import org.vae4j.internal.Json;

/**
 * The study's analysis, from the finished trials' files: the latent-size sensitivity and its knee,
 * the reconstruction/disentanglement trade-off over beta with its Pareto front, the conditioning
 * comparison, and the alignment of the best model; each as CSV and JSON tables and PNG plots, and
 * all of it in a self-contained {@code report.html}. Every number is a mean with its standard
 * deviation over seeds.
 */
final class StudyAnalysis {
    private final StudySpec spec;
    private final Path dir;

    StudyAnalysis(StudySpec spec, Path dir) {
        this.spec = spec;
        this.dir = dir;
    }

    static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e9 ? Long.toString((long) v) : Double.toString(v);
    }

    /** One finished trial's numbers. */
    record Result(String phase, String model, int latent, double beta, long seed, Path modelDir, Map<String, Double> values) {
    }

    /** Mean and sample standard deviation. */
    record Spread(double mean, double sd, int n) {
        static Spread of(List<Double> values) {
            List<Double> finite = values.stream().filter(v -> v != null && Double.isFinite(v)).toList();
            int n = finite.size();
            if (n == 0) {
                return new Spread(Double.NaN, Double.NaN, 0);
            }
            double mean = finite.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
            double ss = finite.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum();
            return new Spread(mean, n > 1 ? Math.sqrt(ss / (n - 1)) : 0, n);
        }

        String text() {
            return n == 0 ? "-" : n == 1 ? String.format(Locale.ROOT, "%.3f", mean)
                    : String.format(Locale.ROOT, "%.3f +- %.3f", mean, sd);
        }
    }

    List<Result> results() {
        Path trials = dir.resolve("trials");
        List<Result> out = new ArrayList<>();
        if (!Files.isDirectory(trials)) {
            return out;
        }
        try (Stream<Path> dirs = Files.list(trials)) {
            for (Path t : (Iterable<Path>) dirs.sorted()::iterator) {
                JsonNode done = Json.read(t.resolve(Study.TRIAL_DONE));
                if (done == null) {
                    continue;
                }
                Path modelDir = t.resolve("model");
                Map<String, Double> v = new LinkedHashMap<>();
                JsonNode ev = Json.read(modelDir.resolve(Evaluation.FILE));
                JsonNode test = ev.path("test");
                v.put("negElbo", Json.number(test.get("negElbo")));
                v.put("D", Json.number(test.get("reconstruction")));
                v.put("KL", Json.number(test.get("kl")));
                JsonNode iw = ev.path("importanceWeighted");
                v.put("iwLogLikelihood", Json.number(iw.get("logLikelihood")));
                v.put("activeUnits", Json.number(ev.path("latent").get("activeUnits")));
                JsonNode dis = Json.read(modelDir.resolve(Disentanglement.FILE));
                dis.path("metrics").fields().forEachRemaining(e -> v.put(e.getKey(), Json.number(e.getValue().get("value"))));
                for (JsonNode a : dis.path("alignment")) {
                    boolean placed = !a.path("dimension").isNull();
                    v.put("align:" + a.path("attribute").asText(), placed ? Json.number(a.get("strength")) : Double.NaN);
                }
                out.add(new Result(done.path("phase").asText(), done.path("model").asText(), done.path("latentDims").asInt(),
                        done.path("beta").asDouble(), done.path("seed").asLong(), modelDir, v));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private static Spread spread(List<Result> rs, String key) {
        return Spread.of(rs.stream().map(r -> r.values().getOrDefault(key, Double.NaN)).toList());
    }

    /** Sensitivity trials by latent size. */
    private TreeMap<Integer, List<Result>> sensitivity(List<Result> all) {
        TreeMap<Integer, List<Result>> byZ = new TreeMap<>();
        for (Result r : all) {
            if (r.phase().equals("sensitivity")) {
                byZ.computeIfAbsent(r.latent(), k -> new ArrayList<>()).add(r);
            }
        }
        return byZ;
    }

    /** The smallest latent size whose mean test -ELBO is within the tolerance of the best mean. */
    int knee() {
        TreeMap<Integer, List<Result>> byZ = sensitivity(results());
        if (byZ.isEmpty()) {
            throw new org.vae4j.api.VaeException("no finished sensitivity trial in " + dir
                    + "; the trade-off needs the knee (or set tradeoff.latentDims)");
        }
        double best = byZ.values().stream().mapToDouble(rs -> spread(rs, "negElbo").mean()).min().orElseThrow();
        for (Map.Entry<Integer, List<Result>> e : byZ.entrySet()) {
            if (spread(e.getValue(), "negElbo").mean() <= best + spec.sensitivity().kneeTolerance()) {
                return e.getKey();
            }
        }
        return byZ.lastKey();
    }

    private void table(String name, List<String> columns, List<List<Object>> rows, ArrayNode json) {
        StringBuilder csv = new StringBuilder(String.join(",", columns)).append('\n');
        for (List<Object> row : rows) {
            List<String> cells = new ArrayList<>();
            for (Object c : row) {
                cells.add(c instanceof Double d ? (Double.isNaN(d) ? "" : String.format(Locale.ROOT, "%.4f", d))
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

    private static ObjectNode spreadNode(Spread s) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("mean", Json.round(s.mean()));
        n.put("sd", Json.round(s.sd()));
        n.put("seeds", s.n());
        return n;
    }

    private Path plot(String name, LineChart chart) {
        Path file = dir.resolve("plots").resolve(name + ".png");
        ImageGrid.writePng(chart.png(720, 420), file);
        return file;
    }

    /** Writes the tables, plots and report; returns the report's path. */
    Path write(int tradeoffLatent, List<String> failed) {
        List<Result> all = results();
        StringBuilder html = new StringBuilder();
        html.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>vae4j study ")
                .append(esc(spec.name())).append("</title><style>body{font-family:sans-serif;max-width:1100px;margin:24px auto;"
                        + "color:#222}table{border-collapse:collapse;margin:8px 0}th,td{border:1px solid #ccc;padding:3px 8px;"
                        + "font-size:13px;text-align:right}th{background:#f4f4f4}td:first-child,th:first-child{text-align:left}"
                        + "img{max-width:100%}.note{color:#666}</style></head><body>");
        html.append("<h1>vae4j study: ").append(esc(spec.name())).append("</h1><p>").append(esc(spec.description()))
                .append("</p><p class=\"note\">").append(spec.epochs()).append(" epochs, batch ").append(spec.batchSize())
                .append(", ").append(spec.trainImages() > 0 ? spec.trainImages() + " training images" : "all training images")
                .append(", seeds ").append(spec.seeds()).append("; ").append(all.size()).append(" finished trials")
                .append(failed.isEmpty() ? "" : ", failed: " + esc(String.join(", ", failed)))
                .append(". Means +- standard deviations over seeds; nats per test image.</p>");
        sensitivitySection(all, html);
        TradeoffData tradeoff = tradeoffSection(all, tradeoffLatent, html);
        if (tradeoff.byModel().size() >= 2) {
            conditioningSection(tradeoff, html);
        }
        alignmentSection(all, html);
        html.append("</body></html>\n");
        Path report = dir.resolve("report.html");
        AtomicFiles.write(report, html.toString().getBytes(StandardCharsets.UTF_8));
        return report;
    }


    /** Trade-off trials by model and beta, with what the conditioning section plots alongside. */
    private record TradeoffData(Map<String, TreeMap<Double, List<Result>>> byModel, LineChart alignChart) {
    }

    /** Section 1: the latent-size sensitivity table (CSV, JSON), its plot and the knee. */
    private void sensitivitySection(List<Result> all, StringBuilder html) {
        TreeMap<Integer, List<Result>> byZ = sensitivity(all);
        int knee = byZ.isEmpty() ? -1 : knee();
        List<List<Object>> rows = new ArrayList<>();
        ArrayNode json = Json.MAPPER.createArrayNode();
        double[] zs = byZ.keySet().stream().mapToDouble(Integer::doubleValue).toArray();
        double[] elbo = new double[zs.length];
        double[] iw = new double[zs.length];
        int i = 0;
        for (Map.Entry<Integer, List<Result>> e : byZ.entrySet()) {
            Spread ne = spread(e.getValue(), "negElbo");
            Spread ll = spread(e.getValue(), "iwLogLikelihood");
            Spread d = spread(e.getValue(), "D");
            Spread kl = spread(e.getValue(), "KL");
            Spread au = spread(e.getValue(), "activeUnits");
            rows.add(List.of(e.getKey(), ne.mean(), ne.sd(), ll.mean(), ll.sd(), d.mean(), kl.mean(), au.mean(), ne.n()));
            ObjectNode n = json.addObject();
            n.put("latentDims", e.getKey());
            n.set("negElbo", spreadNode(ne));
            n.set("iwLogLikelihood", spreadNode(ll));
            n.set("reconstruction", spreadNode(d));
            n.set("kl", spreadNode(kl));
            n.set("activeUnits", spreadNode(au));
            n.put("knee", e.getKey() == knee);
            elbo[i] = ne.mean();
            iw[i++] = -ll.mean();
        }
        table("sensitivity", List.of("latentDims", "negElbo", "negElbo_sd", "iwLogLikelihood", "iwLogLikelihood_sd",
                "reconstruction", "kl", "activeUnits", "seeds"), rows, json);
        Path sensitivityPlot = plot("sensitivity", new LineChart("Latent-size sensitivity (" + spec.sensitivity().model()
                + ")", "latent dimensions z", "nats").add("test -ELBO", zs, elbo, false)
                .add("-log p(x), importance-weighted", zs, iw, true));
        html.append("<h2>1. Latent-size sensitivity</h2><p>Test -ELBO and importance-weighted log-likelihood (K=")
                .append(spec.sensitivity().iwSamples()).append(" on ").append(spec.sensitivity().iwImages())
                .append(" test images) against z. The knee is the smallest z whose mean -ELBO is within ")
                .append(number(spec.sensitivity().kneeTolerance())).append(" nats of the best: <b>z = ").append(knee)
                .append("</b>.</p>").append(htmlTable(List.of("z", "-ELBO", "log p(x) (IW)", "D", "KL", "active units"),
                        byZ.entrySet().stream().map(e -> List.of((e.getKey() == knee ? "<b>" + e.getKey() + "</b>"
                                : String.valueOf(e.getKey())), spread(e.getValue(), "negElbo").text(),
                                spread(e.getValue(), "iwLogLikelihood").text(), spread(e.getValue(), "D").text(),
                                spread(e.getValue(), "KL").text(), spread(e.getValue(), "activeUnits").text())).toList()))
                .append(image(sensitivityPlot));

    }

    /** Section 2: the reconstruction/disentanglement trade-off over beta with its Pareto front. */
    private TradeoffData tradeoffSection(List<Result> all, int tradeoffLatent, StringBuilder html) {
        List<List<Object>> rows;
        ArrayNode json;
        Map<String, TreeMap<Double, List<Result>>> byModel = new LinkedHashMap<>();
        for (String model : spec.tradeoff().models()) {
            byModel.put(model, new TreeMap<>());
        }
        for (Result r : all) {
            if (r.phase().equals("tradeoff") && r.latent() == tradeoffLatent && byModel.containsKey(r.model())) {
                byModel.get(r.model()).computeIfAbsent(r.beta(), k -> new ArrayList<>()).add(r);
            }
        }
        List<String> scores = spec.scoring().metrics();
        List<String> attributes = spec.scoring().attributes();
        String frontMetric = scores.contains("mig") ? "mig" : scores.get(0);
        List<double[]> points = new ArrayList<>();
        List<String> pointNames = new ArrayList<>();
        for (Map.Entry<String, TreeMap<Double, List<Result>>> m : byModel.entrySet()) {
            for (Map.Entry<Double, List<Result>> b : m.getValue().entrySet()) {
                points.add(new double[] {spread(b.getValue(), "D").mean(), spread(b.getValue(), frontMetric).mean()});
                pointNames.add(m.getKey() + " beta=" + number(b.getKey()));
            }
        }
        boolean[] front = paretoFront(points);
        rows = new ArrayList<>();
        json = Json.MAPPER.createArrayNode();
        List<List<String>> htmlRows = new ArrayList<>();
        int p = 0;
        for (Map.Entry<String, TreeMap<Double, List<Result>>> m : byModel.entrySet()) {
            for (Map.Entry<Double, List<Result>> b : m.getValue().entrySet()) {
                List<Result> rs = b.getValue();
                List<Object> row = new ArrayList<>(List.of(m.getKey(), b.getKey(), tradeoffLatent));
                ObjectNode n = json.addObject();
                n.put("model", m.getKey());
                n.put("beta", b.getKey());
                n.put("latentDims", tradeoffLatent);
                List<String> cells = new ArrayList<>(List.of(m.getKey(), number(b.getKey())));
                for (String key : concat(List.of("D", "KL", "negElbo"), scores, attributes.stream().map(a -> "align:" + a)
                        .toList())) {
                    Spread s = spread(rs, key);
                    row.add(s.mean());
                    row.add(s.sd());
                    n.set(key, spreadNode(s));
                    cells.add(s.text());
                }
                row.add(front[p]);
                n.put("paretoFront", front[p]);
                cells.add(front[p] ? "yes" : "");
                p++;
                rows.add(row);
                htmlRows.add(cells);
            }
        }
        List<String> columns = new ArrayList<>(List.of("model", "beta", "latentDims"));
        for (String key : concat(List.of("D", "KL", "negElbo"), scores, attributes.stream().map(a -> "align_" + a).toList())) {
            columns.add(key);
            columns.add(key + "_sd");
        }
        columns.add("paretoFront_" + frontMetric);
        table("tradeoff", columns, rows, json);
        LineChart tradeoffChart = new LineChart("D and KL against beta (z=" + tradeoffLatent + ")", "beta", "nats");
        LineChart frontChart = new LineChart("Reconstruction D against " + frontMetric.toUpperCase(Locale.ROOT),
                "D (nats)", frontMetric);
        LineChart alignChart = new LineChart("Mean alignment strength of " + String.join(", ", attributes), "beta",
                "|Spearman|");
        for (Map.Entry<String, TreeMap<Double, List<Result>>> m : byModel.entrySet()) {
            double[] betas = m.getValue().keySet().stream().mapToDouble(Double::doubleValue).toArray();
            double[] d = m.getValue().values().stream().mapToDouble(rs -> spread(rs, "D").mean()).toArray();
            double[] kl = m.getValue().values().stream().mapToDouble(rs -> spread(rs, "KL").mean()).toArray();
            double[] score = m.getValue().values().stream().mapToDouble(rs -> spread(rs, frontMetric).mean()).toArray();
            double[] align = m.getValue().values().stream().mapToDouble(rs -> meanAlignment(rs, attributes)).toArray();
            tradeoffChart.add(m.getKey() + " D", betas, d, false).add(m.getKey() + " KL", betas, kl, true);
            frontChart.scatter(m.getKey(), d, score);
            alignChart.add(m.getKey(), betas, align, false);
        }
        List<double[]> frontPoints = new ArrayList<>();
        for (int k = 0; k < points.size(); k++) {
            if (front[k]) {
                frontPoints.add(points.get(k));
            }
        }
        frontPoints.sort((a, b) -> Double.compare(a[0], b[0]));
        frontChart.add("Pareto front", frontPoints.stream().mapToDouble(a -> a[0]).toArray(),
                frontPoints.stream().mapToDouble(a -> a[1]).toArray(), true);
        Path tradeoffPlot = plot("tradeoff", tradeoffChart);
        Path frontPlot = plot("pareto", frontChart);
        List<String> header = new ArrayList<>(List.of("model", "beta", "D", "KL", "-ELBO"));
        header.addAll(scores);
        attributes.forEach(a -> header.add("align " + a));
        header.add("Pareto");
        html.append("<h2>2. Reconstruction against disentanglement</h2><p>beta-VAE and conditional beta-VAE at z = ")
                .append(tradeoffLatent).append(". The Pareto front (lower D, higher ").append(esc(frontMetric))
                .append(") is marked.</p>").append(htmlTable(header, htmlRows)).append(image(tradeoffPlot))
                .append(image(frontPlot));

        return new TradeoffData(byModel, alignChart);
    }

    /** Section 3: the conditional model against the plain one at equal beta, paired by seed. */
    private void conditioningSection(TradeoffData tradeoff, StringBuilder html) {
        Map<String, TreeMap<Double, List<Result>>> byModel = tradeoff.byModel();
        List<String> scores = spec.scoring().metrics();
        List<String> attributes = spec.scoring().attributes();
        List<List<Object>> rows;
        ArrayNode json;
        List<List<String>> htmlRows;
        if (byModel.size() >= 2) {
            List<String> models = new ArrayList<>(byModel.keySet());
            String plain = models.get(0);
            String conditional = models.stream().filter(m -> m.equals("cvae")).findFirst().orElse(models.get(1));
            if (conditional.equals(plain)) {
                plain = models.get(1);
            }
            rows = new ArrayList<>();
            json = Json.MAPPER.createArrayNode();
            htmlRows = new ArrayList<>();
            List<String> measures = concat(scores, attributes.stream().map(a -> "align:" + a).toList(), List.of());
            for (double beta : spec.tradeoff().betas()) {
                List<Result> a = byModel.get(plain).getOrDefault(beta, List.of());
                List<Result> b = byModel.get(conditional).getOrDefault(beta, List.of());
                for (String key : measures) {
                    List<Double> diffs = new ArrayList<>();
                    int better = 0;
                    for (Result rb : b) {
                        for (Result ra : a) {
                            if (ra.seed() == rb.seed()) {
                                double diff = rb.values().getOrDefault(key, Double.NaN) - ra.values().getOrDefault(key,
                                        Double.NaN);
                                diffs.add(diff);
                                better += diff > 0 ? 1 : 0;
                            }
                        }
                    }
                    Spread s = Spread.of(diffs);
                    rows.add(List.of(beta, key.replace("align:", "align_"), spread(a, key).mean(), spread(b, key).mean(),
                            s.mean(), s.sd(), better + "/" + diffs.size()));
                    ObjectNode n = json.addObject();
                    n.put("beta", beta);
                    n.put("measure", key);
                    n.put(plain, Json.round(spread(a, key).mean()));
                    n.put(conditional, Json.round(spread(b, key).mean()));
                    n.set("difference", spreadNode(s));
                    n.put("seedsConditionalHigher", better + "/" + diffs.size());
                    htmlRows.add(List.of(number(beta), key.replace("align:", "align "), spread(a, key).text(),
                            spread(b, key).text(), s.text(), better + "/" + diffs.size()));
                }
            }
            table("conditioning", List.of("beta", "measure", plain, conditional, "difference", "difference_sd",
                    "seedsConditionalHigher"), rows, json);
            Path alignPlot = plot("conditioning", tradeoff.alignChart());
            html.append("<h2>3. Conditioning</h2><p>").append(esc(plain)).append(" against ").append(esc(conditional))
                    .append(" at equal beta and z, paired by seed: does conditioning on the class improve the"
                            + " disentanglement of the style attributes?</p>")
                    .append(htmlTable(List.of("beta", "measure", plain, conditional, "difference (cond. - plain)",
                            "seeds cond. higher"), htmlRows)).append(image(alignPlot));
        }

    }

    /** Section 4: the alignment of the trial with the strongest mean alignment, and its traversal. */
    private void alignmentSection(List<Result> all, StringBuilder html) {
        List<String> attributes = spec.scoring().attributes();
        Result best = null;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (Result r : all) {
            double s = meanAlignment(List.of(r), attributes);
            if (r.phase().equals("tradeoff") && s > bestScore) {
                bestScore = s;
                best = r;
            }
        }
        ObjectNode alignment = Json.MAPPER.createObjectNode();
        if (best != null) {
            alignment.put("trial", best.model() + "-z" + best.latent() + "-b" + number(best.beta()) + "-s" + best.seed());
            alignment.put("criterion", "highest mean |Spearman| of the aligned attributes");
            JsonNode dis = Json.read(best.modelDir().resolve(Disentanglement.FILE));
            alignment.set("alignment", dis.path("alignment"));
            Path traversal = dir.resolve("plots").resolve("aligned-traversal.png");
            try {
                Files.createDirectories(traversal.getParent());
                Files.copy(best.modelDir().resolve("aligned-traversal.png"), traversal,
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            List<List<String>> alignRows = new ArrayList<>();
            for (JsonNode a : dis.path("alignment")) {
                alignRows.add(List.of(a.path("attribute").asText(), "z" + a.path("dimension").asInt(),
                        String.format(Locale.ROOT, "%.3f", a.path("strength").asDouble()),
                        String.format(Locale.ROOT, "%+.3f", a.path("spearman").asDouble()),
                        "z" + a.path("runnerUpDimension").asInt() + " " + a.path("runnerUpStrength").asText(),
                        a.path("competingAttribute").asText("-") + " " + a.path("competingStrength").asText("")));
            }
            html.append("<h2>4. Alignment</h2><p>The trial with the strongest mean alignment, <b>")
                    .append(esc(alignment.get("trial").asText())).append("</b>: each attribute's latent dimension"
                            + " (optimal one-to-one assignment on |Spearman|), and its traversal.</p>")
                    .append(htmlTable(List.of("attribute", "dimension", "|Spearman|", "Spearman", "runner-up",
                            "dimension's next attribute"), alignRows)).append(image(traversal));
        }
        try {
            AtomicFiles.write(dir.resolve("tables").resolve("alignment.json"),
                    Json.MAPPER.writeValueAsBytes(alignment));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Mean over the attributes that have a dimension (all of them unless z is smaller) of their strength. */
    private static double meanAlignment(List<Result> rs, List<String> attributes) {
        double sum = 0;
        int n = 0;
        for (String a : attributes) {
            double m = spread(rs, "align:" + a).mean();
            if (Double.isFinite(m)) {
                sum += m;
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    /** Points (D, score) not dominated by another with D at most and score at least (one strictly). */
    static boolean[] paretoFront(List<double[]> points) {
        boolean[] front = new boolean[points.size()];
        for (int a = 0; a < points.size(); a++) {
            front[a] = true;
            for (int b = 0; b < points.size(); b++) {
                double[] pa = points.get(a);
                double[] pb = points.get(b);
                if (b != a && pb[0] <= pa[0] && pb[1] >= pa[1] && (pb[0] < pa[0] || pb[1] > pa[1])) {
                    front[a] = false;
                    break;
                }
            }
        }
        return front;
    }

    @SafeVarargs
    private static List<String> concat(List<String>... lists) {
        List<String> out = new ArrayList<>();
        for (List<String> l : lists) {
            out.addAll(l);
        }
        return out;
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
            row.forEach(c -> b.append("<td>").append(c.startsWith("<b>") ? c : esc(c)).append("</td>"));
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
