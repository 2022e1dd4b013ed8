package org.vae4j.metrics.score;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The committed reference cases: CSV test resources with a header line. */
final class ReferenceCsv {
    private ReferenceCsv() {
    }

    /** {@return the rows of the resource, without its header line} */
    static double[][] read(String resource) {
        try (InputStream in = ReferenceCsv.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("no test resource " + resource);
            }
            List<double[]> rows = new ArrayList<>();
            String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n");
            for (int i = 1; i < lines.length; i++) {   // the first line is the header
                if (!lines[i].isBlank()) {
                    rows.add(Arrays.stream(lines[i].split(",")).mapToDouble(Double::parseDouble).toArray());
                }
            }
            return rows.toArray(double[][]::new);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
