package org.vae4j.core.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import org.vae4j.api.VaeException;

/**
 * Files that appear whole or not at all: every result vae4j writes (checkpoints, JSON, CSV, PNG,
 * HTML) goes through a temporary sibling, is forced to disk and renamed over the target, so an
 * interrupted write never leaves a half-written file or destroys the previous one.
 */
public final class AtomicFiles {

    private AtomicFiles() {}

    /**
     * Writes bytes to {@code file} through a temporary sibling and an atomic rename; the folder is
     * created when missing.
     *
     * @param file the target, replaced if it exists
     * @param bytes its whole content
     * @throws VaeException naming the file if it cannot be written (the target is then untouched)
     */
    public static void write(Path file, byte[] bytes) {
        Path dir = file.toAbsolutePath().getParent();
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
            try {
                // temporary files are private (0600); results are meant to be read by others too
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: keep the default permissions
            }
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ByteBuffer b = ByteBuffer.wrap(bytes);
                while (b.hasRemaining()) {
                    ch.write(b);
                }
                ch.force(true);
            }
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            tmp = null;
        } catch (IOException e) {
            throw new VaeException(
                    "cannot write " + file + ": " + e.getMessage() + "; check free space and permissions");
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // nothing more to do; the target was not touched
                }
            }
        }
    }
}
