package org.vae4j.core.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.zip.GZIPInputStream;
import org.vae4j.api.VaeException;

/**
 * An IDX file (the MNIST format) of unsigned bytes, raw or gzip-compressed. The header (magic
 * number, dimensions) is validated, and for raw files so is the length, before the payload is
 * allocated; the SHA-256 of the uncompressed content is computed while reading.
 *
 * @param dims the dimensions, e.g. {@code [60000, 28, 28]}
 * @param data the payload, {@code product(dims)} bytes
 * @param sha256 hex SHA-256 of the uncompressed file
 */
public record IdxFile(int[] dims, byte[] data, String sha256) {
    private static final int UNSIGNED_BYTE = 0x08;
    private static final long MAX_PAYLOAD = Integer.MAX_VALUE - 8;

    public static IdxFile read(Path file) {
        boolean gz = file.getFileName().toString().endsWith(".gz");
        long fileLength;
        try {
            fileLength = Files.size(file);
        } catch (IOException e) {
            throw new VaeException("cannot read " + file + ": " + e.getMessage());
        }
        MessageDigest sha = newDigest();
        try (InputStream raw = Files.newInputStream(file);
                InputStream maybeGz = gz
                        ? new GZIPInputStream(new BufferedInputStream(raw), 1 << 16)
                        : new BufferedInputStream(raw, 1 << 16);
                DigestInputStream digest = new DigestInputStream(maybeGz, sha);
                DataInputStream in = new DataInputStream(digest)) {
            int magic;
            try {
                magic = in.readInt();
            } catch (EOFException e) {
                throw new VaeException(file + " is not an IDX file: it is shorter than its 4-byte header; "
                        + "delete it and fetch the dataset again");
            }
            int type = (magic >>> 8) & 0xFF;
            int rank = magic & 0xFF;
            if ((magic >>> 16) != 0 || type != UNSIGNED_BYTE || rank < 1 || rank > 4) {
                throw new VaeException(file + " is not an unsigned-byte IDX file (magic number 0x"
                        + String.format("%08x", magic) + ", expected 0x000008NN); check the path or re-download it");
            }
            int[] dims = new int[rank];
            long payload = 1;
            for (int i = 0; i < rank; i++) {
                try {
                    dims[i] = in.readInt();
                } catch (EOFException e) {
                    throw new VaeException(file + " ends inside its header (" + rank + " dimensions declared, " + i
                            + " present); the file is truncated, re-download it");
                }
                if (dims[i] < 1) {
                    throw new VaeException(
                            file + " has an invalid dimension " + dims[i] + " in its header; re-download it");
                }
                payload *= dims[i];
                if (payload > MAX_PAYLOAD) {
                    throw new VaeException(file + " declares " + Arrays.toString(dims) + " elements, more than "
                            + MAX_PAYLOAD + "; it is corrupt");
                }
            }
            long headerLength = 4L + 4L * rank;
            if (!gz && fileLength != headerLength + payload) {
                throw new VaeException(file + " is " + fileLength + " bytes but its header " + Arrays.toString(dims)
                        + " needs " + (headerLength + payload) + "; the file is truncated or corrupt, re-download it");
            }
            if (gz) {
                // gzip records the uncompressed length (mod 2^32) in its last 4 bytes: check it before
                // allocating what the header declares, so a tiny file cannot claim gigabytes
                long recorded = gzipLength(file);
                if (recorded != ((headerLength + payload) & 0xFFFFFFFFL)) {
                    throw new VaeException(file + " decompresses to " + recorded + " bytes (mod 2^32) but its header "
                            + Arrays.toString(dims) + " needs " + (headerLength + payload)
                            + "; the file is truncated or"
                            + " corrupt, re-download it");
                }
            }
            byte[] data = new byte[(int) payload];
            try {
                in.readFully(data);
            } catch (EOFException e) {
                throw new VaeException(file + " ends before the " + payload + " bytes its header "
                        + Arrays.toString(dims) + " declares; the file is truncated, re-download it");
            }
            if (gz && in.read() != -1) {
                throw new VaeException(file + " has data after the " + payload + " bytes its header declares; "
                        + "the file is corrupt, re-download it");
            }
            return new IdxFile(dims, data, HexFormat.of().formatHex(sha.digest()));
        } catch (IOException e) {
            throw new VaeException("cannot read " + file + ": "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())
                    + (gz ? " (is it really gzip-compressed?)" : ""));
        }
    }

    /** The uncompressed length a gzip file records in its trailer (ISIZE, little-endian, mod 2^32). */
    private static long gzipLength(Path file) throws IOException {
        try (var ch = java.nio.channels.FileChannel.open(file)) {
            if (ch.size() < 18) {
                throw new VaeException(
                        file + " is too short for a gzip file (" + ch.size() + " bytes); re-download it");
            }
            java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(4).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            ch.read(b, ch.size() - 4);
            return b.flip().getInt() & 0xFFFFFFFFL;
        }
    }

    static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM lacks SHA-256", e);
        }
    }

    /** Writes an IDX file (see {@link #write}) and returns its path. */
    public static Path writeAndReturn(Path file, int[] dims, byte[] data) throws IOException {
        write(file, dims, data);
        return file;
    }

    /** Writes an IDX file of unsigned bytes (used by tests and to build small fixtures). */
    public static void write(Path file, int[] dims, byte[] data) throws IOException {
        Files.write(file, encode(dims, data));
    }

    /**
     * {@return an IDX file of unsigned bytes: the magic number, the dimensions, the data}
     *
     * @param dims the dimensions, 1 to 4
     * @param data as many bytes as the dimensions hold
     * @throws IllegalArgumentException if they do not fit
     */
    public static byte[] encode(int[] dims, byte[] data) {
        long n = 1;
        for (int d : dims) {
            n *= d;
        }
        if (n != data.length) {
            throw new IllegalArgumentException(
                    "dims " + Arrays.toString(dims) + " need " + n + " bytes, got " + data.length);
        }
        java.nio.ByteBuffer out = java.nio.ByteBuffer.allocate(4 + 4 * dims.length + data.length);
        out.putInt((UNSIGNED_BYTE << 8) | dims.length);
        for (int d : dims) {
            out.putInt(d);
        }
        return out.put(data).array();
    }
}
