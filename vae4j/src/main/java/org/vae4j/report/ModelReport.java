package org.vae4j.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.vae4j.Evaluation;
import org.vae4j.TrainedVae;
import org.vae4j.api.data.Dataset;
import org.vae4j.core.engine.Encodings;
import org.vae4j.core.io.AtomicFiles;
import org.vae4j.core.render.ImageGrid;
import org.vae4j.core.render.LineChart;
import org.vae4j.core.render.Pictures;
import org.vae4j.internal.Internals;
import org.vae4j.internal.Json;
import org.vae4j.internal.ModelHandle;

/**
 * A self-contained {@code report.html} beside a trained model: configuration and provenance, loss
 * curves (from {@code metrics.json}), evaluation numbers (from {@code evaluation.json}, if
 * evaluated) and pictures, with images inlined so the page opens anywhere without a network.
 */
public final class ModelReport {
    /** The file {@link #write} writes. */
    public static final String FILE = "report.html";

    private ModelReport() {}

    /**
     * Writes {@code report.html} into {@code modelDir}, drawing pictures from {@code test}.
     *
     * @param model the loaded model
     * @param modelDir its directory (metrics.json and evaluation.json are read from there)
     * @param test the test images to draw from
     * @return the file written
     */
    public static Path write(TrainedVae model, Path modelDir, Dataset test) {
        ModelHandle handle = Internals.handle(model);
        handle.checkData(test);
        JsonNode metrics = Json.read(modelDir.resolve(TrainedVae.METRICS));
        JsonNode evaluation = Json.read(modelDir.resolve(Evaluation.FILE));
        String html = handle.run(() -> html(model, modelDir, metrics, evaluation, test));
        Path file = modelDir.resolve(FILE);
        AtomicFiles.write(file, html.getBytes(StandardCharsets.UTF_8));
        return file;
    }

    private static String esc(Object o) {
        return LineChart.escape(String.valueOf(o));
    }

    private static String img(ImageGrid grid, String alt) {
        return "<img alt=\"" + esc(alt) + "\" src=\"data:image/png;base64,"
                + Base64.getEncoder().encodeToString(ImageGrid.png(grid.render())) + "\">";
    }

    private static String row(String key, Object value) {
        return "<tr><th>" + esc(key) + "</th><td>" + esc(value) + "</td></tr>";
    }

    static String html(TrainedVae saved, Path dir, JsonNode metrics, JsonNode evaluation, Dataset test) {
        StringBuilder b = new StringBuilder();
        head(b, saved, dir);
        configuration(b, saved, metrics);
        curves(b, metrics);
        evaluation(b, saved, dir, evaluation);
        explorerLink(b, dir);
        pictures(b, saved, test);
        b.append("</body></html>\n");
        return b.toString();
    }

    private static void head(StringBuilder b, TrainedVae saved, Path dir) {
        b.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
                .append(esc(saved.title()))
                .append("</title><style>")
                .append("body{font-family:sans-serif;max-width:1100px;margin:24px auto;color:#222}")
                .append("table{border-collapse:collapse;margin:8px 0}th,td{border:1px solid #ccc;padding:3px 8px;")
                .append("text-align:left;font-size:13px}th{background:#f4f4f4}h2{border-bottom:1px solid #ddd}")
                .append("img{max-width:100%;image-rendering:pixelated}.charts svg{margin-right:8px}")
                .append(".note{color:#777}</style></head><body>");
        b.append("<h1>").append(esc(saved.title())).append("</h1>");
        b.append("<p class=\"note\">vae4j report generated ")
                .append(esc(Instant.now()))
                .append(" from ")
                .append(esc(dir.toAbsolutePath()))
                .append("</p>");
    }

    private static void configuration(StringBuilder b, TrainedVae saved, JsonNode metrics) {
        b.append("<h2>Configuration</h2><table>");
        b.append(row("model", saved.modelName()));
        b.append(row("options", saved.options()));
        b.append(row("latent dimensions", saved.latentDims()));
        b.append(row("epochs completed", saved.epochsCompleted()));
        b.append(row("training", saved.trainingConfig()));
        if (metrics != null) {
            b.append(row("objective", metrics.path("objective").asText()));
            b.append(row(
                    "training time",
                    metrics.path("seconds").asText() + " s with the test evaluations; steps at "
                            + metrics.path("imagesPerSecond").asText() + " images/s"));
        }
        saved.dataset().ifPresent(d -> {
            b.append(row("dataset", d.name() + " from " + d.source()));
            d.sha256().forEach((f, sum) -> b.append(row("sha256 " + f, sum)));
        });
        if (!saved.provenance().isEmpty()) {
            saved.provenance().values().forEach((k, v) -> b.append(row("provenance " + k, v)));
        }
        b.append("</table>");
    }

    private static void curves(StringBuilder b, JsonNode metrics) {
        b.append("<h2>Training curves</h2>");
        if (metrics != null && metrics.path("history").size() > 0) {
            b.append("<div class=\"charts\">");
            for (String[] term : new String[][] {
                {"negElbo", "-ELBO = D + KL"}, {"reconstruction", "D (reconstruction)"}, {"kl", "KL (rate)"}
            }) {
                b.append(curve(metrics.path("history"), term[0], term[1]));
            }
            b.append("</div><p class=\"note\">nats per image; train: running mean over each epoch's batches,"
                    + " test: the whole test set at the end of the epoch (./vae train --test-every N).</p>");
        } else {
            b.append("<p class=\"note\">no per-epoch history in metrics.json</p>");
        }
    }

    private static void evaluation(StringBuilder b, TrainedVae saved, Path dir, JsonNode evaluation) {
        b.append("<h2>Evaluation</h2>");
        if (evaluation == null) {
            b.append("<p class=\"note\">not evaluated yet: evaluate this model directory (<code>./vae evaluate</code>"
                            + " on <code>")
                    .append(esc(dir))
                    .append("</code>) and then write this report again.</p>");
        } else {
            JsonNode t = evaluation.path("test");
            b.append("<table>");
            b.append(row(
                    "test -ELBO",
                    t.path("negElbo").asText() + " nats (D "
                            + t.path("reconstruction").asText() + " + KL "
                            + t.path("kl").asText() + ")"));
            b.append(row("training objective on test", t.path("objective").asText()));
            JsonNode iw = evaluation.path("importanceWeighted");
            if (!iw.isMissingNode()) {
                b.append(row(
                        "importance-weighted " + iw.path("quantity").asText(),
                        iw.path("logLikelihood").asText()
                                + " +- " + iw.path("standardError").asText() + " nats (K="
                                + iw.path("samples").asText() + ", "
                                + iw.path("images").asText() + " images)"));
            }
            latentTables(b, saved, evaluation);
        }
    }

    /** Active units, each dimension's KL and variance, and for a conditional model each class. */
    private static void latentTables(StringBuilder b, TrainedVae saved, JsonNode evaluation) {
        JsonNode latent = evaluation.path("latent");
        b.append(row(
                "active units",
                latent.path("activeUnits").asText() + " of " + saved.latentDims() + " (Var_x E[z_u] > "
                        + latent.path("activeUnitThreshold").asText() + ")"));
        b.append("</table><table><tr><th>dimension</th><th>KL (nats)</th><th>Var_x E[z_u]</th><th>active</th></tr>");
        for (JsonNode d : latent.path("dimensions")) {
            b.append("<tr><td>z")
                    .append(d.path("dim").asInt())
                    .append("</td><td>")
                    .append(esc(d.path("kl").asText("-")))
                    .append("</td><td>")
                    .append(esc(d.path("varianceOfMean").asText()))
                    .append("</td><td>")
                    .append(d.path("active").asBoolean() ? "yes" : "no")
                    .append("</td></tr>");
        }
        b.append("</table>");
        if (evaluation.has("perClass")) {
            b.append("<table><tr><th>class</th><th>images</th><th>log p(x|y)</th><th>active units</th></tr>");
            for (JsonNode pc : evaluation.path("perClass")) {
                JsonNode piw = pc.path("importanceWeighted");
                b.append("<tr><td>")
                        .append(pc.path("label").asInt())
                        .append("</td><td>")
                        .append(pc.path("images").asInt())
                        .append("</td><td>")
                        .append(
                                piw.isMissingNode()
                                        ? "-"
                                        : esc(piw.path("logLikelihood").asText() + " +- "
                                                + piw.path("standardError").asText()))
                        .append("</td><td>")
                        .append(pc.path("latent").path("activeUnits").asInt())
                        .append("</td></tr>");
            }
            b.append("</table>");
        }
    }

    private static void explorerLink(StringBuilder b, Path dir) {
        if (java.nio.file.Files.exists(dir.resolve(Explorer.FILE))) {
            b.append("<h2>Latent explorer</h2><p><a href=\"")
                    .append(Explorer.FILE)
                    .append("\">Open ")
                    .append(Explorer.FILE)
                    .append("</a>: move a slider per latent dimension and watch the digit change"
                            + " (a page beside this report, decoded in the browser).</p>");
        } else {
            b.append("<h2>Latent explorer</h2><p class=\"note\">not written yet: <code>./vae explore</code> on <code>")
                    .append(esc(dir))
                    .append("</code> writes a page with a slider per latent dimension.</p>");
        }
    }

    private static void pictures(StringBuilder b, TrainedVae saved, Dataset test) {
        b.append("<h2>Pictures</h2>");
        ModelHandle handle = Internals.handle(saved);
        Pictures pictures = new Pictures(handle.runner(), saved.imageHeight(), saved.imageWidth());
        Encodings codes = handle.encodings(test, test.size());
        boolean gaussian = handle.gaussianKl();
        double[] score = gaussian ? codes.klPerDimension() : codes.varianceOfMeans();
        int[] dims = java.util.stream.IntStream.range(0, codes.latentDims())
                .boxed()
                .sorted((x, y) -> Double.compare(score[y], score[x]))
                .mapToInt(Integer::intValue)
                .toArray();
        String[] dimLabels = java.util.Arrays.stream(dims)
                .mapToObj(
                        u -> String.format(java.util.Locale.ROOT, "z%d %s %.2f", u, gaussian ? "KL" : "var", score[u]))
                .toArray(String[]::new);
        int classes = saved.conditionSize();
        int label = classes > 0 ? test.labels().orElseThrow()[0] : -1;
        b.append("<h3>Latent traversal</h3><p>Each row sweeps one latent dimension from -3 to 3 with the others at the"
                + " prior mean" + (classes > 0 ? ", decoding class " + label : "") + "; rows are ordered by KL.</p>");
        b.append(img(
                pictures.traversal(
                        new double[saved.latentDims()],
                        dims,
                        dimLabels,
                        -3,
                        3,
                        11,
                        label,
                        saved.title() + ": traversal"),
                "latent traversal"));
        b.append("<h3>Samples from the prior</h3>");
        int[] rowsLabels =
                classes > 0 ? java.util.stream.IntStream.range(0, classes).toArray() : new int[] {-1};
        b.append(img(
                classes > 0
                        ? pictures.samples(classes, 8, rowsLabels, 1, saved.title() + ": samples")
                        : pictures.samples(4, 16, new int[] {-1, -1, -1, -1}, 1, saved.title() + ": samples"),
                "samples"));
        b.append("<h3>Reconstructions</h3>");
        b.append(img(pictures.reconstructions(test, 32, 16, saved.title() + ": reconstructions"), "reconstructions"));
        if (test.size() > 1) {
            b.append("<h3>Interpolation</h3>");
            b.append(img(
                    pictures.interpolation(test, 0, 1, 10, saved.title() + ": test image 0 to 1"), "interpolation"));
        }
    }

    private static String curve(JsonNode history, String field, String title) {
        List<double[]> train = new ArrayList<>();
        List<double[]> test = new ArrayList<>();
        for (JsonNode e : history) {
            double epoch = e.path("epoch").asDouble();
            if (e.has("train")) {
                train.add(new double[] {epoch, e.path("train").path(field).asDouble()});
            }
            if (e.has("test")) {
                test.add(new double[] {epoch, e.path("test").path(field).asDouble()});
            }
        }
        LineChart chart = new LineChart(title, "epoch", "nats");
        chart.add(
                "train",
                train.stream().mapToDouble(p -> p[0]).toArray(),
                train.stream().mapToDouble(p -> p[1]).toArray(),
                false);
        if (!test.isEmpty()) {
            chart.add(
                    "test",
                    test.stream().mapToDouble(p -> p[0]).toArray(),
                    test.stream().mapToDouble(p -> p[1]).toArray(),
                    true);
        }
        return chart.svg(340, 230);
    }
}
