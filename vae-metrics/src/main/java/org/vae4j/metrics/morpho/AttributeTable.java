package org.vae4j.metrics.morpho;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;
import org.vae4j.api.VaeException;
import org.vae4j.api.data.Dataset;

/**
 * Morphometrics of every image of a dataset: one row per image with its label (or -1) and the six
 * measurements. Measured in parallel (one {@link Morphometrics} per worker) and stored as CSV with
 * the columns {@code index,label,area,length,thickness,slant,width,height}.
 */
public record AttributeTable(int[] labels, double[][] values) {
    public static final String HEADER = "index,label," + String.join(",", Morphometrics.Measurement.NAMES);
    private static final int CHUNK = 250;

    public int size() {
        return values.length;
    }

    /** Column {@code name} (area, length, thickness, slant, width or height) as an array. */
    public double[] column(String name) {
        int k = Morphometrics.Measurement.NAMES.indexOf(name);
        if (k < 0) {
            throw new IllegalArgumentException(
                    "unknown attribute '" + name + "'; known: " + String.join(", ", Morphometrics.Measurement.NAMES));
        }
        double[] out = new double[values.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = values[i][k];
        }
        return out;
    }

    /** The first {@code n} rows. */
    public AttributeTable head(int n) {
        int m = Math.min(n, size());
        return new AttributeTable(java.util.Arrays.copyOf(labels, m), java.util.Arrays.copyOf(values, m));
    }

    /** Rows of {@code a} followed by rows of {@code b}. */
    public static AttributeTable concat(AttributeTable a, AttributeTable b) {
        int[] l =
                IntStream.concat(IntStream.of(a.labels), IntStream.of(b.labels)).toArray();
        double[][] v = new double[a.size() + b.size()][];
        System.arraycopy(a.values, 0, v, 0, a.size());
        System.arraycopy(b.values, 0, v, a.size(), b.size());
        return new AttributeTable(l, v);
    }

    /**
     * Measures every image of {@code data} with {@code threads} workers; {@code progress} receives
     * the number of images done (from any thread).
     */
    public static AttributeTable measure(Dataset data, int threads, IntConsumer progress) {
        int n = data.size();
        int pixels = data.dataSize();
        int h = data.height();
        int w = data.width();
        double[][] values = new double[n][];
        AtomicInteger done = new AtomicInteger();
        ThreadLocal<Morphometrics> morpho = ThreadLocal.withInitial(Morphometrics::new);
        ThreadLocal<int[]> buffer = ThreadLocal.withInitial(() -> new int[pixels]);
        ThreadLocal<float[]> floats = ThreadLocal.withInitial(() -> new float[pixels]);
        int chunks = (n + CHUNK - 1) / CHUNK;
        ForkJoinPool pool = new ForkJoinPool(Math.max(1, threads));
        try {
            pool.submit(() -> IntStream.range(0, chunks).parallel().forEach(c -> {
                        Morphometrics m = morpho.get();
                        int[] image = buffer.get();
                        float[] source = floats.get();
                        int end = Math.min(n, (c + 1) * CHUNK);
                        for (int i = c * CHUNK; i < end; i++) {
                            data.copyImages(i, 1, source, 0);
                            for (int j = 0; j < pixels; j++) {
                                image[j] = Math.round(source[j] * 255f);
                            }
                            Morphometrics.Measurement r = m.measure(image, h, w);
                            double[] row = new double[6];
                            for (int k = 0; k < 6; k++) {
                                row[k] = r.get(k);
                            }
                            values[i] = row;
                        }
                        progress.accept(done.addAndGet(end - c * CHUNK));
                    }))
                    .get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VaeException("interrupted while measuring " + data.name());
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("measuring " + data.name() + " failed", e.getCause());
        } finally {
            pool.shutdown();
        }
        int[] labels = data.labels().map(int[]::clone).orElseGet(() -> {
            int[] none = new int[n];
            java.util.Arrays.fill(none, -1);
            return none;
        });
        return new AttributeTable(labels, values);
    }

    public String toCsv() {
        StringWriter out = new StringWriter();
        try (BufferedWriter b = new BufferedWriter(out)) {
            b.write(HEADER);
            b.newLine();
            for (int i = 0; i < size(); i++) {
                b.write(Integer.toString(i));
                b.write(',');
                b.write(Integer.toString(labels[i]));
                for (double v : values[i]) {
                    b.write(',');
                    // the shortest text that reads back as exactly v: a table from the cache must
                    // give the same scores as the freshly measured one
                    b.write(Double.toString(v));
                }
                b.newLine();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** Reads a table written by {@link #toCsv}; fails with a message naming the file and line. */
    public static AttributeTable readCsv(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new VaeException("cannot read attribute table " + file + ": " + e.getMessage());
        }
        if (lines.isEmpty() || !lines.get(0).strip().equals(HEADER)) {
            throw new VaeException(file + " is not an attribute table: its header must be '" + HEADER + "'");
        }
        List<double[]> values = new ArrayList<>();
        int[] labels = new int[lines.size() - 1];
        for (int i = 1; i < lines.size(); i++) {
            String[] f = lines.get(i).split(",");
            if (f.length != 8) {
                throw new VaeException(file + " line " + (i + 1) + " has " + f.length + " fields, expected 8");
            }
            try {
                labels[i - 1] = Integer.parseInt(f[1].strip());
                double[] row = new double[6];
                for (int k = 0; k < 6; k++) {
                    row[k] = Double.parseDouble(f[k + 2].strip());
                }
                values.add(row);
            } catch (NumberFormatException e) {
                throw new VaeException(file + " line " + (i + 1) + " is not numeric: " + e.getMessage());
            }
        }
        return new AttributeTable(labels, values.toArray(double[][]::new));
    }
}
