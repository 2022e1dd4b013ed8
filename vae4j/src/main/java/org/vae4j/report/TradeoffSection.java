package org.vae4j.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.vae4j.analysis.Spread;
import org.vae4j.analysis.StudyResults;
import org.vae4j.analysis.StudyResults.TradeoffRow;
import org.vae4j.core.render.LineChart;
import org.vae4j.internal.Json;

/** The study report's second section: reconstruction against disentanglement over beta, with the Pareto front. */
final class TradeoffSection {
    private final Path dir;
    private final StudyResults results;
    private final StudyResults.Plan plan;

    TradeoffSection(Path dir, StudyResults results) {
        this.dir = dir;
        this.results = results;
        this.plan = results.plan();
    }

    /** Section 2: the trade-off over beta with its Pareto front; returns the alignment chart section 3 shows. */
    LineChart write(List<TradeoffRow> tradeoff, StringBuilder html) {
        int z = results.tradeoffLatent();
        String frontMetric = results.frontMetric();
        List<List<String>> htmlRows = tradeoffTable(tradeoff);
        TradeoffCharts charts = tradeoffCharts(tradeoff);
        Path tradeoffPlot = StudyFiles.plot(dir, "tradeoff", charts.tradeoff());
        Path frontPlot = StudyFiles.plot(dir, "pareto", charts.front());
        List<String> attributes = plan.attributes();
        List<String> header = new ArrayList<>(List.of("model", "beta", "D", "KL", "-ELBO"));
        header.addAll(plan.metrics());
        attributes.forEach(a -> header.add("align " + a));
        header.add("Pareto");
        html.append("<h2>2. Reconstruction against disentanglement</h2><p>beta-VAE and conditional beta-VAE at z = ")
                .append(z)
                .append(". The Pareto front (lower D, higher ")
                .append(StudyFiles.esc(frontMetric))
                .append(") is marked.</p>")
                .append(StudyFiles.htmlTable(header, htmlRows))
                .append(StudyFiles.image(tradeoffPlot))
                .append(StudyFiles.image(frontPlot));
        return charts.align();
    }

    /** The trade-off table as CSV and JSON; returns its rows as the HTML table shows them. */
    private List<List<String>> tradeoffTable(List<TradeoffRow> tradeoff) {
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
            List<String> cells = new ArrayList<>(List.of(r.model(), StudyReport.number(r.beta())));
            for (String key : measures) {
                Spread s = r.measures().get(key);
                row.add(s.mean());
                row.add(s.sd());
                n.set(key, StudyFiles.spreadNode(s));
                cells.add(StudyFiles.text(s));
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
        StudyFiles.table(dir, "tradeoff", columns, rows, json);
        return htmlRows;
    }

    /** The trade-off's charts: D and KL against beta, D against the front metric, mean alignment against beta. */
    private record TradeoffCharts(LineChart tradeoff, LineChart front, LineChart align) {}

    private TradeoffCharts tradeoffCharts(List<TradeoffRow> tradeoff) {
        int z = results.tradeoffLatent();
        String frontMetric = results.frontMetric();
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
        return new TradeoffCharts(tradeoffChart, frontChart, alignChart);
    }
}
