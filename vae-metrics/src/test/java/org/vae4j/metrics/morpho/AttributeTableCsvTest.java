package org.vae4j.metrics.morpho;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The attribute cache is this CSV: a table read back must hold exactly the measured values, or
 * scores computed from a cached table differ from those of a fresh measurement (they did, in the
 * fourth digit of Spearman correlations, while the CSV kept 6 significant digits).
 */
class AttributeTableCsvTest {
    @TempDir
    Path dir;

    @Test
    void aTableReadBackHoldsExactlyTheWrittenValues() throws Exception {
        Random r = new Random(3);
        int n = 50;
        int columns = Morphometrics.Measurement.NAMES.size();
        int[] labels = new int[n];
        double[][] values = new double[n][columns];
        for (int i = 0; i < n; i++) {
            labels[i] = r.nextInt(10);
            for (int j = 0; j < columns; j++) {
                values[i][j] = (r.nextDouble() - 0.3) * Math.pow(10, r.nextInt(7) - 3);
            }
        }
        values[0][0] = 1.0 / 3;
        values[1][1] = 2.000000123456789;
        values[2][2] = 0;
        AttributeTable written = new AttributeTable(labels, values);
        Path csv = Files.writeString(dir.resolve("t.csv"), written.toCsv());
        AttributeTable read = AttributeTable.readCsv(csv);
        assertThat(read.labels()).isEqualTo(labels);
        for (int i = 0; i < n; i++) {
            assertThat(read.values()[i]).as("row %d", i).containsExactly(values[i]);
        }
    }
}
