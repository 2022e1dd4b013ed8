package org.vae4j.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vae4j.api.VaeException;

/** Codes and factors from files: CSV and NumPy .npy, every problem one line naming the file and place. */
class RepresentationTest {
    @TempDir
    Path dir;

    private Path write(String name, byte[] bytes) throws IOException {
        Path f = dir.resolve(name);
        Files.write(f, bytes);
        return f;
    }

    private Path csv(String text) throws IOException {
        return write("t.csv", text.getBytes(StandardCharsets.UTF_8));
    }

    /** A .npy file as numpy.save writes it: magic, version, header length, header padded to 64, data. */
    private static byte[] npy(int major, String descr, boolean fortran, String shape, byte[] data) {
        String dict = "{'descr': '" + descr + "', 'fortran_order': " + (fortran ? "True" : "False") + ", 'shape': ("
                + shape + "), }";
        int prefix = major == 1 ? 10 : 12;
        int total = ((prefix + dict.length() + 1 + 63) / 64) * 64;
        String header = dict + " ".repeat(total - prefix - dict.length() - 1) + "\n";
        ByteBuffer b = ByteBuffer.allocate(total + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 0x93)
                .put("NUMPY".getBytes(StandardCharsets.US_ASCII))
                .put((byte) major)
                .put((byte) 0);
        if (major == 1) {
            b.putShort((short) header.length());
        } else {
            b.putInt(header.length());
        }
        b.put(header.getBytes(StandardCharsets.ISO_8859_1)).put(data);
        return b.array();
    }

    private static byte[] doubles(ByteOrder order, double... v) {
        ByteBuffer b = ByteBuffer.allocate(8 * v.length).order(order);
        for (double x : v) {
            b.putDouble(x);
        }
        return b.array();
    }

    private static String sha256(byte[] bytes) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    @Test
    void aCsvWithAHeaderNamesItsColumnsAndKeepsItsChecksum() throws Exception {
        String text = "z0, z1\n0.5,-1\n\n2,3e2\n";
        Representation r = Representation.read(csv(text));
        assertThat(r.columns()).containsExactly("z0", "z1");
        assertThat(r.values()).isDeepEqualTo(new double[][] {{0.5, -1}, {2, 300}});
        assertThat(r.rows()).isEqualTo(2);
        assertThat(r.sha256()).isEqualTo(sha256(text.getBytes(StandardCharsets.UTF_8)));
        Representation plain = Representation.read(csv("1,2,3\n4,5,6\n"));
        assertThat(plain.columns()).containsExactly("c0", "c1", "c2");
        assertThat(plain.values()[1]).containsExactly(4, 5, 6);
    }

    @Test
    void aBadCsvIsOneLineNamingTheFileAndPlace() throws IOException {
        Path ragged = csv("a,b\n1,2\n3\n");
        assertThatThrownBy(() -> Representation.read(ragged))
                .isInstanceOf(VaeException.class)
                .hasMessage(ragged + ": line 3 has 1 values, the first line 2");
        Path word = csv("a,b\n1,x\n");
        assertThatThrownBy(() -> Representation.read(word))
                .hasMessage(word + ": line 2, column 2 ('x') is not a number");
        Path nan = csv("a,b\n1,NaN\n");
        assertThatThrownBy(() -> Representation.read(nan))
                .hasMessage(nan + ": row 1, column 2 (b) is NaN; every value must be a finite number");
        Path empty = csv("\n \n");
        assertThatThrownBy(() -> Representation.read(empty)).hasMessage(empty + " holds no values");
        Path headerOnly = csv("a,b\n");
        assertThatThrownBy(() -> Representation.read(headerOnly)).hasMessage(headerOnly + " holds no values");
        Path missing = dir.resolve("none.csv");
        assertThatThrownBy(() -> Representation.read(missing)).hasMessage(missing + " does not exist");
    }

    @Test
    void npyArraysOfEveryReadTypeAndBothVersionsReadExactly() throws IOException {
        Representation f8 = Representation.read(
                write("a.npy", npy(1, "<f8", false, "2, 3", doubles(ByteOrder.LITTLE_ENDIAN, 1, 2, 3, 4.5, -5, 6e-3))));
        assertThat(f8.values()).isDeepEqualTo(new double[][] {{1, 2, 3}, {4.5, -5, 6e-3}});
        assertThat(f8.columns()).containsExactly("c0", "c1", "c2");
        Representation big = Representation.read(
                write("b.npy", npy(2, ">f8", false, "2,", doubles(ByteOrder.BIG_ENDIAN, 7.25, -1))));
        assertThat(big.values()).isDeepEqualTo(new double[][] {{7.25}, {-1}});
        ByteBuffer f4 = ByteBuffer.allocate(8)
                .order(ByteOrder.LITTLE_ENDIAN)
                .putFloat(0.5f)
                .putFloat(-2f);
        assertThat(Representation.read(write("c.npy", npy(1, "<f4", false, "1, 2", f4.array())))
                        .values())
                .isDeepEqualTo(new double[][] {{0.5, -2}});
        ByteBuffer i4 =
                ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putInt(-3).putInt(9);
        assertThat(Representation.read(write("d.npy", npy(3, "<i4", false, "2, 1", i4.array())))
                        .values())
                .isDeepEqualTo(new double[][] {{-3}, {9}});
        ByteBuffer i8 = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(1L << 40);
        assertThat(Representation.read(write("e.npy", npy(1, "<i8", false, "1,", i8.array())))
                        .values()[0][0])
                .isEqualTo(1L << 40);
        assertThat(Representation.read(write("f.npy", npy(1, "|u1", false, "3,", new byte[] {0, 7, (byte) 255})))
                        .values())
                .isDeepEqualTo(new double[][] {{0}, {7}, {255}});
    }

    @Test
    void aBadNpyIsOneLineSayingWhatIsWrongAndTheFix() throws IOException {
        byte[] six = doubles(ByteOrder.LITTLE_ENDIAN, 1, 2, 3, 4, 5, 6);
        Path magic = write("m.npy", "not numpy at all".getBytes(StandardCharsets.US_ASCII));
        assertThatThrownBy(() -> Representation.read(magic))
                .hasMessage(magic + " is not a NumPy .npy file (no \\x93NUMPY magic); save it with numpy.save");
        byte[] v4 = npy(1, "<f8", false, "2, 3", six);
        v4[6] = 4;
        Path version = write("v.npy", v4);
        assertThatThrownBy(() -> Representation.read(version))
                .hasMessage(version + " has .npy format version 4.0; versions 1.0 to 3.0 are read");
        Path fortran = write("o.npy", npy(1, "<f8", true, "2, 3", six));
        assertThatThrownBy(() -> Representation.read(fortran))
                .hasMessage(fortran + " is in Fortran (column-major) order; save numpy.ascontiguousarray(a) instead");
        Path cube = write("k.npy", npy(1, "<f8", false, "1, 2, 3", six));
        assertThatThrownBy(() -> Representation.read(cube))
                .hasMessage(cube + " has shape [1, 2, 3]; a 1-d or 2-d array (rows = examples) is read");
        Path complex = write("x.npy", npy(1, "<c16", false, "1, 3", six));
        assertThatThrownBy(() -> Representation.read(complex))
                .hasMessageStartingWith(complex + " holds dtype '<c16'; float32, float64, int32, int64 and uint8");
        byte[] whole = npy(1, "<f8", false, "2, 3", six);
        Path truncated = write("t.npy", java.util.Arrays.copyOf(whole, whole.length - 8));
        assertThatThrownBy(() -> Representation.read(truncated))
                .hasMessage(truncated + " holds 40 data bytes but its header declares 2x3 values of 8 bytes; it is"
                        + " truncated or corrupt");
        Path cut = write("h.npy", java.util.Arrays.copyOf(whole, 20));
        assertThatThrownBy(() -> Representation.read(cut)).hasMessage(cut + " is truncated inside its .npy header");
        byte[] noShape = npy(1, "<f8", false, "2, 3", six);
        String text = new String(noShape, StandardCharsets.ISO_8859_1).replace("'shape'", "'shapx'");
        Path unreadable = write("u.npy", text.getBytes(StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> Representation.read(unreadable))
                .hasMessageStartingWith(unreadable + " has an unreadable .npy header: {'descr'");
    }

    @Test
    void aShortOrHugeNpyHeaderIsRefusedWithItsOwnMessage() throws IOException {
        // a version 2 file cut inside its 4-byte header length: once an IndexOutOfBoundsException
        byte[] v2 = npy(2, "<f8", false, "1,", doubles(ByteOrder.LITTLE_ENDIAN, 1));
        Path eleven = write("e.npy", java.util.Arrays.copyOf(v2, 11));
        assertThatThrownBy(() -> Representation.read(eleven))
                .isInstanceOf(VaeException.class)
                .hasMessage(eleven + " is truncated inside its .npy header");
        byte[] v1 = npy(1, "<f8", false, "1,", doubles(ByteOrder.LITTLE_ENDIAN, 1));
        Path ten = write("t.npy", java.util.Arrays.copyOf(v1, 10));
        assertThatThrownBy(() -> Representation.read(ten)).hasMessage(ten + " is truncated inside its .npy header");
        Path huge = write("h.npy", npy(1, "<f8", false, "100000, 100000", doubles(ByteOrder.LITTLE_ENDIAN, 1, 2)));
        assertThatThrownBy(() -> Representation.read(huge))
                .hasMessage(huge + " holds 16 data bytes but its header declares 100000x100000 values of 8 bytes; it"
                        + " is truncated or corrupt");
        Path declaredToTheEnd = write("d.npy", npy(1, "<f8", false, "0,", new byte[0]));
        assertThatThrownBy(() -> Representation.read(declaredToTheEnd))
                .hasMessage(declaredToTheEnd + " holds no values");
    }
}
