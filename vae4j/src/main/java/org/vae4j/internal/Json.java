package org.vae4j.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.vae4j.api.Loss;
import org.vae4j.api.VaeException;
import org.vae4j.core.io.AtomicFiles;

/** How vae4j reads and writes its JSON files: one mapper, numbers rounded to 4 decimals (NaN as null), atomic writes. */
public final class Json {
    public static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Json() {}

    public static ObjectNode loss(Loss l) {
        return loss(l, false);
    }

    /** The loss terms; with {@code penalty} also the regularizer's own term (part of the objective). */
    public static ObjectNode loss(Loss l, boolean penalty) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("negElbo", round(l.negElbo()));
        n.put("reconstruction", round(l.reconstruction()));
        n.put("kl", round(l.kl()));
        n.put("objective", round(l.objective()));
        if (penalty) {
            n.put("penalty", round(l.penalty()));
        }
        return n;
    }

    /**
     * {@code v} to 4 decimals, or null when it is NaN or infinite: JSON has no such numbers, and a
     * non-finite quantity must never be written as one (Math.round(NaN) is 0).
     */
    public static Double round(double v) {
        return Double.isFinite(v) ? Math.round(v * 1e4) / 1e4 : null;
    }

    /** A number read back from one of these files: NaN for null or missing (what {@link #round} writes for NaN). */
    public static double number(com.fasterxml.jackson.databind.JsonNode n) {
        return n == null || !n.isNumber() ? Double.NaN : n.asDouble();
    }

    /** Each metric's result under the name it was asked for: what ran, value, parameters and details. */
    public static ObjectNode metricResults(Map<String, org.vae4j.api.metrics.MetricResult> results) {
        ObjectNode metrics = MAPPER.createObjectNode();
        results.forEach((name, r) -> {
            ObjectNode node = metrics.putObject(name);
            node.put("metric", r.metric());
            node.put("value", round(r.value()));
            node.set("parameters", MAPPER.valueToTree(r.parameters()));
            node.set("details", MAPPER.valueToTree(r.details()));
        });
        return metrics;
    }

    public static void write(Path file, ObjectNode node) {
        try {
            AtomicFiles.write(file, MAPPER.writeValueAsBytes(node));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String oneLine(ObjectNode node) {
        try {
            return new ObjectMapper().writeValueAsString(node);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * {@return a JSON file's tree, or null when the file does not exist}
     *
     * @param file the file
     * @throws VaeException naming the file when it is not valid JSON
     */
    public static JsonNode read(Path file) {
        if (!Files.exists(file)) {
            return null;
        }
        try {
            return MAPPER.readTree(file.toFile());
        } catch (IOException e) {
            throw new VaeException(file + " is not valid JSON ("
                    + e.getMessage().lines().findFirst().orElse("")
                    + "); delete it and re-run the command that writes it");
        }
    }
}
