package org.vae4j.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import org.vae4j.analysis.Spread;
import org.vae4j.core.io.AtomicFiles;
import org.vae4j.core.render.ImageGrid;
import org.vae4j.core.render.LineChart;
import org.vae4j.internal.Json;

/** The pieces a study's report is made of: a table as CSV and JSON, a plot as PNG, HTML tables and images. */
final class StudyFiles {

    private StudyFiles() {}

    static void table(Path dir, String name, List<String> columns, List<List<Object>> rows, ArrayNode json) {
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

    static Path plot(Path dir, String name, LineChart chart) {
        Path file = dir.resolve("plots").resolve(name + ".png");
        ImageGrid.writePng(chart.png(720, 420), file);
        return file;
    }

    static ObjectNode spreadNode(Spread s) {
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

    static String esc(String s) {
        return LineChart.escape(s);
    }

    static String htmlTable(List<String> header, List<List<String>> rows) {
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

    static String image(Path png) {
        try {
            return "<p><img alt=\"" + esc(png.getFileName().toString()) + "\" src=\"data:image/png;base64,"
                    + Base64.getEncoder().encodeToString(Files.readAllBytes(png)) + "\"></p>";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
