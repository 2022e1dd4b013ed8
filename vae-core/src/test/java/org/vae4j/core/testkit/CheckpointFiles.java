package org.vae4j.core.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Checkpoint surgery for tests: what a user with a text editor and a checksum tool could do. */
public final class CheckpointFiles {
    private CheckpointFiles() {}

    /** Rewrites the header of {@code f} with {@code edit}, keeping the arrays and recomputing the checksum. */
    public static void editHeader(
            Path f, java.util.function.Consumer<com.fasterxml.jackson.databind.node.ObjectNode> edit)
            throws IOException {
        byte[] b = Files.readAllBytes(f);
        java.nio.ByteBuffer buf = java.nio.ByteBuffer.wrap(b);
        int headerLength = buf.getInt(8);
        var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        var h = (com.fasterxml.jackson.databind.node.ObjectNode)
                mapper.readTree(new String(b, 12, headerLength, java.nio.charset.StandardCharsets.UTF_8));
        edit.accept(h);
        byte[] header = mapper.writeValueAsBytes(h);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        out.write(b, 0, 8);
        out.write(java.nio.ByteBuffer.allocate(4).putInt(header.length).array());
        out.write(header);
        out.write(b, 12 + headerLength, b.length - 12 - headerLength - 32);
        byte[] body = out.toByteArray();
        java.security.MessageDigest sha;
        try {
            sha = java.security.MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        out.write(sha.digest(body));
        Files.write(f, out.toByteArray());
    }

    /**
     * Writes a file in the checkpoint layout with any content: the magic, {@code declaredLength} as
     * the header length, the header's bytes, {@code bodyBytes} zero bytes (the arrays) and the
     * SHA-256 of all that, so that a reader gets past the checksum to the structure.
     */
    public static Path craft(Path f, int declaredLength, String header, int bodyBytes) throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        out.write("VAE4JCK1".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        out.write(java.nio.ByteBuffer.allocate(4).putInt(declaredLength).array());
        out.write(header.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        out.write(new byte[bodyBytes]);
        try {
            out.write(java.security.MessageDigest.getInstance("SHA-256").digest(out.toByteArray()));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        Files.write(f, out.toByteArray());
        return f;
    }
}
