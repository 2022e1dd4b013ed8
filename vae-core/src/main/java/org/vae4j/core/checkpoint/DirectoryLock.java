package org.vae4j.core.checkpoint;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.vae4j.api.VaeException;

/**
 * The one writer of a model directory: an exclusive lock on {@code .vae4j.lock} held for a whole
 * training run, naming the holder's process id. A second writer (another process, or another run in
 * this one) is refused with a one-line error instead of interleaving its checkpoint with the first's
 * metrics. The operating system drops the lock when the process dies, so a killed run leaves no
 * stale lock; its half-written temporary files are removed by the next writer.
 */
public final class DirectoryLock implements AutoCloseable {
    /** The lock file's name. */
    public static final String FILE = ".vae4j.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private DirectoryLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Locks {@code dir} (created if needed) for writing and removes temporary files that killed
     * writers left behind.
     *
     * @throws VaeException if another run holds the lock (naming its process id) or the folder cannot be written
     */
    public static DirectoryLock acquire(Path dir) {
        Path file = dir.resolve(FILE);
        FileChannel channel;
        try {
            Files.createDirectories(dir);
            channel = FileChannel.open(
                    file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new VaeException("cannot write to " + dir + ": " + e.getMessage() + "; choose another {saveTo}");
        }
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        } catch (IOException e) {
            close(channel);
            throw new VaeException("cannot lock " + file + ": " + e.getMessage());
        }
        if (lock == null) {
            String holder = holder(channel);
            close(channel);
            throw new VaeException(
                    dir + " is being written by another vae4j run" + (holder.isEmpty() ? "" : " (PID " + holder + ")")
                            + "; wait for it to finish, or choose another {saveTo}");
        }
        try {
            byte[] pid = (ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII);
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(pid), 0);
            channel.force(false);
            removeStaleTemporaries(dir);
        } catch (IOException e) {
            close(channel);
            throw new VaeException("cannot write to " + dir + ": " + e.getMessage() + "; choose another {saveTo}");
        }
        return new DirectoryLock(channel, lock);
    }

    private static String holder(FileChannel channel) {
        try {
            ByteBuffer b = ByteBuffer.allocate(32);
            channel.read(b, 0);
            return new String(b.array(), 0, b.position(), StandardCharsets.US_ASCII).strip();
        } catch (IOException e) {
            return "";
        }
    }

    /** {@code .NAME*.tmp} files are what {@link org.vae4j.core.io.AtomicFiles#write} leaves when killed mid-write. */
    private static void removeStaleTemporaries(Path dir) throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, ".*.tmp")) {
            for (Path f : files) {
                Files.deleteIfExists(f);
            }
        }
    }

    private static void close(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing held
        }
    }

    /** Releases the lock (the lock file stays; it holds no state). */
    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException ignored) {
            // closing the channel releases it too
        }
        close(channel);
    }
}
