package org.vae4j.metrics.morpho;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import java.util.stream.IntStream;
import org.vae4j.api.VaeException;
import org.vae4j.api.data.Dataset;
import org.vae4j.api.data.DatasetPair;
import org.vae4j.spi.DatasetRequest;

/**
 * What the datasets derived from MNIST share: MNIST through its checked source chain, its images as
 * 0..255 values, and per-image results computed once in parallel and cached under the data cache,
 * keyed by MNIST's checksum.
 */
final class DerivedMnist {
    /** A bump invalidates every cached derived set. */
    static final String VERSION = "v1";

    final DatasetPair mnist;
    final int[][] train;
    final int[][] test;

    private DerivedMnist(DatasetPair mnist) {
        this.mnist = mnist;
        this.train = bytes(mnist.train());
        this.test = bytes(mnist.test());
    }

    static DerivedMnist load(DatasetRequest request) {
        return new DerivedMnist(request.load("mnist"));
    }

    private static int[][] bytes(Dataset d) {
        int n = d.size();
        int[][] out = new int[n][d.dataSize()];
        float[] row = new float[d.dataSize()];
        for (int i = 0; i < n; i++) {
            d.copyImages(i, 1, row, 0);
            for (int j = 0; j < row.length; j++) {
                out[i][j] = Math.round(row[j] * 255f);
            }
        }
        return out;
    }

    /** The folder of a derived set in the cache: its name, MNIST's training images' checksum, the version. */
    Path cacheFolder(Path cacheRoot, String name) {
        String sha = mnist.sha256().getOrDefault("train-images-idx3-ubyte", "unknown");
        return cacheRoot
                .resolve("morpho")
                .resolve(name + "-" + sha.substring(0, Math.min(12, sha.length())) + "-" + VERSION);
    }

    /**
     * The {@code n} items of {@code itemBytes} bytes each, read from {@code file} when it holds them,
     * else computed with {@code threads} workers (progress every 10% to {@code log}) and written atomically.
     */
    static byte[] cached(
            Path file, int n, int itemBytes, IntFunction<byte[]> item, int threads, Consumer<String> log, String what) {
        long size = (long) n * itemBytes;
        try {
            if (Files.isRegularFile(file) && Files.size(file) == size) {
                log.accept(what + ": from cache " + file);
                return Files.readAllBytes(file);
            }
        } catch (IOException e) {
            log.accept(what + ": cannot read the cached " + file + " (" + e.getMessage() + "); computing it again");
        }
        byte[] out = new byte[(int) size];
        AtomicInteger done = new AtomicInteger();
        long start = System.nanoTime();
        int every = Math.max(1, n / 10);
        log.accept(String.format(
                Locale.ROOT,
                "%s: computing %,d images on %d threads (once; cached in %s)",
                what,
                n,
                threads,
                file.getParent()));
        ForkJoinPool pool = new ForkJoinPool(Math.max(1, threads));
        try {
            pool.submit(() -> IntStream.range(0, n).parallel().forEach(i -> {
                        System.arraycopy(item.apply(i), 0, out, i * itemBytes, itemBytes);
                        int d = done.incrementAndGet();
                        if (d % every == 0) {
                            log.accept(String.format(
                                    Locale.ROOT,
                                    "%s: %,d of %,d (%.0fs)",
                                    what,
                                    d,
                                    n,
                                    (System.nanoTime() - start) / 1e9));
                        }
                    }))
                    .get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VaeException(what + " was interrupted");
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new VaeException(what + ": " + e.getCause());
        } finally {
            pool.shutdown();
        }
        Path partial = null;
        try {
            Files.createDirectories(file.getParent());
            partial = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".partial");
            Files.write(partial, out);
            Files.move(
                    partial,
                    file,
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            deleteQuietly(partial);
            log.accept(what + ": could not cache it in " + file + " (" + e.getMessage() + "); continuing without");
        }
        return out;
    }

    private static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // nothing more to do: the cache folder keeps a stray .partial file
        }
    }

    /** Bytes of 0..255 as {@code [0, 1]} floats. */
    static float[] floats(byte[] bytes) {
        float[] out = new float[bytes.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (bytes[i] & 0xFF) / 255f;
        }
        return out;
    }

    /** Values 0..255 as bytes. */
    static byte[] toBytes(int[] values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }
}
