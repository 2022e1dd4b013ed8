package org.vae4j.metrics.score;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.vae4j.api.metrics.Factors;

/** The committed reference cases: CSV test resources with a header line, and the JSON of their values. */
final class ReferenceCsv {
    private ReferenceCsv() {}

    /** {@return the rows of the resource, without its header line} */
    static double[][] read(String resource) {
        try (InputStream in = ReferenceCsv.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("no test resource " + resource);
            }
            List<double[]> rows = new ArrayList<>();
            String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n");
            for (int i = 1; i < lines.length; i++) { // the first line is the header
                if (!lines[i].isBlank()) {
                    rows.add(Arrays.stream(lines[i].split(","))
                            .mapToDouble(Double::parseDouble)
                            .toArray());
                }
            }
            return rows.toArray(double[][]::new);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@return the JSON test resource} */
    static JsonNode json(String resource) {
        try (InputStream in = ReferenceCsv.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("no test resource " + resource);
            }
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The factors of a reference case, named {@code f0, f1, ...}.
     *
     * @param values the factor columns, one row per example
     * @param discrete the reference's array of booleans saying which columns are discrete
     * @return the factors
     */
    static Factors factors(double[][] values, JsonNode discrete) {
        boolean[] kinds = new boolean[values[0].length];
        List<String> names = new ArrayList<>();
        for (int k = 0; k < kinds.length; k++) {
            kinds[k] = discrete.get(k).asBoolean();
            names.add("f" + k);
        }
        return new Factors(names, values, kinds);
    }
}
