package org.vae4j.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.vae4j.analysis.Disentanglement;
import org.vae4j.core.render.HeatMap;
import org.vae4j.core.render.ImageGrid;
import org.vae4j.internal.Json;

/**
 * Writes a {@link Disentanglement} scoring into a model directory: {@code disentanglement.json} (what
 * {@code ./vae explore}, {@code ./vae report} and the study read back), the |Spearman| heat map and a
 * traversal of the aligned dimensions.
 */
public final class DisentanglementReport {

    private DisentanglementReport() {}

    /**
     * Writes {@code disentanglement.json}, {@code correlations.png} and {@code aligned-traversal.png}
     * into {@code dir}; returns the three files.
     *
     * @param d the scoring
     * @param dir the model directory
     * @return the three files written
     */
    public static List<Path> write(Disentanglement d, Path dir) {
        Path heat = heatMap(d, dir.resolve("correlations.png"));
        Path traversal = alignedTraversal(d, dir.resolve("aligned-traversal.png"));
        Path file = dir.resolve(Disentanglement.FILE);
        Json.write(file, json(d));
        return List.of(file, heat, traversal);
    }

    /** {@code disentanglement.json}: the scores, the alignment and the correlation matrices. */
    private static ObjectNode json(Disentanglement d) {
        ObjectNode result = Json.MAPPER.createObjectNode();
        result.put("model", d.model().modelName());
        result.put("latentDims", d.latentDims());
        result.put("images", d.images());
        result.put("codes", "posterior means of the first " + d.images() + " test images");
        result.putPOJO("attributes", d.attributes());
        result.put("protocol", d.protocol().id());
        result.set("metrics", Json.metricResults(d.metrics()));
        ArrayNode aligned = result.putArray("alignment");
        result.put("alignedBy", d.alignedBy());
        for (Disentanglement.Aligned a : d.alignment()) {
            ObjectNode node = aligned.addObject();
            node.put("attribute", a.attribute());
            if (a.dimension() < 0) {
                node.putNull("dimension");
                node.put("note", "unassigned: more attributes than latent dimensions");
                node.put("runnerUpDimension", a.runnerUpDimension());
                node.put("runnerUpStrength", Json.round(a.runnerUpStrength()));
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
        }
        result.putPOJO("correlationColumns", d.correlationColumns());
        result.set("spearman", Json.MAPPER.valueToTree(round(d.spearman())));
        result.set("pearson", Json.MAPPER.valueToTree(round(d.pearson())));
        return result;
    }

    /** The |Spearman| heat map of dimensions against attributes. */
    private static Path heatMap(Disentanglement d, Path heat) {
        double[][] magnitude = new double[d.latentDims()][d.correlationColumns().size()];
        String[] rows = new String[d.latentDims()];
        for (int j = 0; j < d.latentDims(); j++) {
            rows[j] = "z" + j;
            for (int k = 0; k < d.correlationColumns().size(); k++) {
                magnitude[j][k] = Math.abs(d.spearman()[j][k]);
            }
        }
        ImageGrid.writePng(
                HeatMap.render(
                        d.title() + ": |Spearman| of codes and attributes",
                        rows,
                        d.correlationColumns().toArray(String[]::new),
                        magnitude),
                heat);
        return heat;
    }

    /** The traversal rows of the aligned dimensions, labelled with their attributes and signs. */
    private static Path alignedTraversal(Disentanglement d, Path traversal) {
        // traversal rows of the aligned dimensions, labelled with their attributes
        List<Disentanglement.Aligned> placed =
                d.alignment().stream().filter(a -> a.dimension() >= 0).toList();
        int[] dims =
                placed.stream().mapToInt(Disentanglement.Aligned::dimension).toArray();
        String[] labels = placed.stream()
                .map(a -> String.format(
                        Locale.ROOT, "%s z%d %s", a.attribute(), a.dimension(), a.spearman() >= 0 ? "+" : "-"))
                .toArray(String[]::new);
        Pictures.of(d.model())
                .traversal(
                        dims,
                        labels,
                        -3,
                        3,
                        11,
                        d.conditionLabel(),
                        d.title() + ": aligned dimensions"
                                + (d.conditionLabel() >= 0 ? ", y=" + d.conditionLabel() : ""))
                .writePng(traversal);
        return traversal;
    }

    private static Double[][] round(double[][] m) {
        Double[][] out = new Double[m.length][];
        for (int i = 0; i < m.length; i++) {
            out[i] = Arrays.stream(m[i]).mapToObj(Json::round).toArray(Double[]::new);
        }
        return out;
    }
}
