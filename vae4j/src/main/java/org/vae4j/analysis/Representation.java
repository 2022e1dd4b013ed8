package org.vae4j.analysis;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.vae4j.api.VaeException;

/**
 * A table of numbers read from a file, rows = examples: codes from any model (vae4j's or a PyTorch
 * or JAX one saved as arrays) or the factors they are scored against. Reads CSV (the first line is a
 * header naming the columns when it is not numeric) and NumPy {@code .npy} (float32, float64, int32,
 * int64 and uint8; C order; format versions 1.0 to 3.0; 1-d arrays are one column). Every problem is
 * one line naming the file, and the row and column where there is one.
 *
 * @param file where it was read from
 * @param columns the column names (from the CSV header, else {@code c0, c1, ...})
 * @param values {@code [rows][columns]}
 * @param sha256 the file's SHA-256
 */
public record Representation(Path file, List<String> columns, double[][] values, String sha256) {

    public Representation {
        columns = List.copyOf(columns);
    }

    /** {@return the number of rows (examples)} */
    public int rows() {
        return values.length;
    }

    /**
     * Reads a {@code .npy} file or, for any other name, a CSV file.
     *
     * @param file the file
     * @return its table
     * @throws VaeException with one line naming the file (and row and column) if it cannot be read
     */
    public static Representation read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new VaeException(file + " does not exist");
        } catch (IOException e) {
            throw new VaeException("cannot read " + file + ": " + e.getMessage());
        }
        String sha = sha256(bytes);
        Representation r =
                file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".npy")
                        ? npy(file, bytes, sha)
                        : csv(file, bytes, sha);
        if (r.rows() == 0 || r.columns.isEmpty()) {
            throw new VaeException(file + " holds no values");
        }
        for (int i = 0; i < r.rows(); i++) {
            for (int j = 0; j < r.columns.size(); j++) {
                if (!Double.isFinite(r.values[i][j])) {
                    throw new VaeException(file + ": row " + (i + 1) + ", column " + (j + 1) + " (" + r.columns.get(j)
                            + ") is " + r.values[i][j] + "; every value must be a finite number");
                }
            }
        }
        return r;
    }

    private static Representation csv(Path file, byte[] bytes, String sha) {
        List<String> lines = new String(bytes, StandardCharsets.UTF_8)
                .lines()
                .filter(l -> !l.isBlank())
                .toList();
        if (lines.isEmpty()) {
            throw new VaeException(file + " holds no values");
        }
        String[] first = lines.get(0).split(",", -1);
        boolean header = false;
        for (String cell : first) {
            header |= !isNumber(cell.strip());
        }
        List<String> columns = new ArrayList<>();
        for (int j = 0; j < first.length; j++) {
            columns.add(header ? first[j].strip() : "c" + j);
        }
        List<double[]> rows = new ArrayList<>();
        for (int i = header ? 1 : 0; i < lines.size(); i++) {
            String[] cells = lines.get(i).split(",", -1);
            int row = i + 1; // the line number, as an editor shows it
            if (cells.length != columns.size()) {
                throw new VaeException(
                        file + ": line " + row + " has " + cells.length + " values, the first line " + columns.size());
            }
            double[] r = new double[cells.length];
            for (int j = 0; j < cells.length; j++) {
                try {
                    r[j] = Double.parseDouble(cells[j].strip());
                } catch (NumberFormatException e) {
                    throw new VaeException(file + ": line " + row + ", column " + (j + 1) + " ('" + cells[j].strip()
                            + "') is not a number");
                }
            }
            rows.add(r);
        }
        return new Representation(file, columns, rows.toArray(double[][]::new), sha);
    }

    private static boolean isNumber(String s) {
        try {
            Double.parseDouble(s);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    /** Where an .npy file's values start and how they are laid out. */
    private record NpyLayout(long data, long rows, long cols, String kind, ByteOrder order, int size) {}

    private static Representation npy(Path file, byte[] b, String sha) {
        NpyLayout layout = npyLayout(file, b, npyHeader(file, b));
        long data = layout.data();
        long rows = layout.rows();
        long cols = layout.cols();
        String kind = layout.kind();
        ByteOrder order = layout.order();
        int size = layout.size();
        ByteBuffer v = ByteBuffer.wrap(b, (int) data, (int) (rows * cols * size))
                .slice()
                .order(order);
        double[][] values = new double[(int) rows][(int) cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                int at = (int) ((i * cols + j) * size);
                values[i][j] = switch (kind) {
                    case "f4" -> v.getFloat(at);
                    case "f8" -> v.getDouble(at);
                    case "i4" -> v.getInt(at);
                    case "i8" -> v.getLong(at);
                    default -> v.get(at) & 0xFF;
                };
            }
        }
        List<String> columns = new ArrayList<>();
        for (int j = 0; j < cols; j++) {
            columns.add("c" + j);
        }
        return new Representation(file, columns, values, sha);
    }

    /** The .npy header's text and where the values start after it. */
    private record NpyHeader(String text, long data) {}

    private static NpyHeader npyHeader(Path file, byte[] b) {
        if (b.length < 10 || (b[0] & 0xFF) != 0x93 || !new String(b, 1, 5, StandardCharsets.US_ASCII).equals("NUMPY")) {
            throw new VaeException(file + " is not a NumPy .npy file (no \\x93NUMPY magic); save it with numpy.save");
        }
        int major = b[6];
        if (major < 1 || major > 3) {
            throw new VaeException(
                    file + " has .npy format version " + major + "." + b[7] + "; versions 1.0 to 3.0 are" + " read");
        }
        int start = major == 1 ? 10 : 12; // the header length is 2 bytes in version 1, 4 from version 2
        if (b.length < start) {
            throw new VaeException(file + " is truncated inside its .npy header");
        }
        ByteBuffer in = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        int headerLength = major == 1 ? in.getShort(8) & 0xFFFF : in.getInt(8);
        if (headerLength < 0 || start + (long) headerLength > b.length) {
            throw new VaeException(file + " is truncated inside its .npy header");
        }
        String header =
                new String(b, start, headerLength, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        return new NpyHeader(header, start + (long) headerLength);
    }

    private static NpyLayout npyLayout(Path file, byte[] b, NpyHeader h) {
        String header = h.text();
        Matcher descr = DESCR.matcher(header);
        Matcher fortran = FORTRAN.matcher(header);
        Matcher shape = SHAPE.matcher(header);
        if (!descr.find() || !fortran.find() || !shape.find()) {
            throw new VaeException(file + " has an unreadable .npy header: " + header.strip());
        }
        if (fortran.group(1).equals("True")) {
            throw new VaeException(
                    file + " is in Fortran (column-major) order; save numpy.ascontiguousarray(a) instead");
        }
        List<Long> dims = new ArrayList<>();
        for (String d : shape.group(1).split(",")) {
            if (!d.isBlank()) {
                dims.add(Long.parseLong(d.strip()));
            }
        }
        if (dims.isEmpty() || dims.size() > 2) {
            throw new VaeException(file + " has shape " + dims + "; a 1-d or 2-d array (rows = examples) is read");
        }
        long rows = dims.get(0);
        long cols = dims.size() == 2 ? dims.get(1) : 1;
        String type = descr.group(1);
        ByteOrder order = type.startsWith(">") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        String kind = type.substring(1);
        int size = switch (kind) {
            case "f4", "i4" -> 4;
            case "f8", "i8" -> 8;
            case "u1" -> 1;
            default ->
                throw new VaeException(file + " holds dtype '" + type + "'; float32, float64, int32, int64 and"
                        + " uint8 are read (convert with a.astype(numpy.float64))");
        };
        long data = h.data();
        if (rows * cols > Integer.MAX_VALUE || data + rows * cols * size != b.length) {
            throw new VaeException(file + " holds " + (b.length - data) + " data bytes but its header declares " + rows
                    + "x" + cols + " values of " + size + " bytes; it is truncated or corrupt");
        }
        return new NpyLayout(data, rows, cols, kind, order, size);
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
