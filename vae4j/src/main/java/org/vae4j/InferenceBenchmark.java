package org.vae4j;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.vae4j.api.ConfigurationException;
import org.vae4j.api.VaeException;
import org.vae4j.api.data.Dataset;

/**
 * Inference throughput of one model shared by many threads: for every number of threads and batch
 * size, the threads call {@link TrainedVae#encode(float[][])} on batches of test images for a set
 * time, and the run reports calls per second, images per second and the latency percentiles of a
 * call. A warm-up at the largest thread count first builds the model's copies ({@link TrainedVae}
 * lends each concurrent call its own) and lets the JIT compile.
 */
public final class InferenceBenchmark {
    /**
     * One measured cell.
     *
     * @param threads threads calling at once
     * @param batch images per call
     * @param calls calls completed in the measured time
     * @param seconds the measured time
     * @param latency the latency of a call
     */
    public record Row(int threads, int batch, long calls, double seconds, Latency latency) {
        /** {@return calls completed per second, all threads together} */
        public double callsPerSecond() {
            return calls / seconds;
        }

        /** {@return images encoded per second, all threads together} */
        public double imagesPerSecond() {
            return calls * (double) batch / seconds;
        }
    }

    /**
     * Latency percentiles of a call (nearest rank), in milliseconds.
     *
     * @param p50Millis median
     * @param p90Millis 90th percentile
     * @param p99Millis 99th percentile
     * @param maxMillis the slowest call
     */
    public record Latency(double p50Millis, double p90Millis, double p99Millis, double maxMillis) {}

    private InferenceBenchmark() {}

    /**
     * {@return a benchmark of {@code model} encoding images of {@code images}}
     *
     * @param model the model, shared by every thread
     * @param images the images the calls encode (cycled through), of the model's shape
     */
    public static Builder builder(TrainedVae model, Dataset images) {
        return new Builder(model, images);
    }

    /** Settings of a run. */
    public static final class Builder {
        private final TrainedVae model;
        private final Dataset images;
        private int[] threads = {1, 2, 4, 16};
        private int[] batches = {1, 100};
        private double seconds = 3;
        private double warmupSeconds = 2;
        private Consumer<String> log = line -> {};

        private Builder(TrainedVae model, Dataset images) {
            this.model = Objects.requireNonNull(model);
            this.images = Objects.requireNonNull(images);
        }

        /**
         * Thread counts to measure (default 1, 2, 4, 16).
         *
         * @param threads each at least 1
         * @return this builder
         */
        public Builder threads(int... threads) {
            if (threads.length == 0 || Arrays.stream(threads).anyMatch(t -> t < 1 || t > 1024)) {
                throw new ConfigurationException(
                        "{concurrency} must list thread counts in 1..1024, got " + Arrays.toString(threads));
            }
            this.threads = threads.clone();
            return this;
        }

        /**
         * Images per call to measure (default 1 and 100).
         *
         * @param batches each at least 1
         * @return this builder
         */
        public Builder batches(int... batches) {
            if (batches.length == 0 || Arrays.stream(batches).anyMatch(b -> b < 1 || b > 100_000)) {
                throw new ConfigurationException(
                        "{batches} must list batch sizes in 1..100000, got " + Arrays.toString(batches));
            }
            this.batches = batches.clone();
            return this;
        }

        /**
         * Measured time per cell (default 3 s) and warm-up before the first (default 2 s).
         *
         * @param seconds measured seconds per cell, above 0
         * @param warmupSeconds warm-up seconds, at least 0
         * @return this builder
         */
        public Builder seconds(double seconds, double warmupSeconds) {
            if (!(seconds > 0 && seconds <= 3600) || !(warmupSeconds >= 0 && warmupSeconds <= 3600)) {
                throw new ConfigurationException("{seconds} must be in (0, 3600] and the warm-up in [0, 3600], got "
                        + seconds + " and " + warmupSeconds);
            }
            this.seconds = seconds;
            this.warmupSeconds = warmupSeconds;
            return this;
        }

        /**
         * Receives a line per measured cell (default: dropped).
         *
         * @param log receives the lines
         * @return this builder
         */
        public Builder log(Consumer<String> log) {
            this.log = Objects.requireNonNull(log);
            return this;
        }

        /**
         * Runs the warm-up, then every (threads, batch) cell in turn.
         *
         * @return the cells, threads outer and batches inner, in the order given
         */
        public List<Row> run() {
            model.handle().checkData(images);
            int most = Arrays.stream(threads).max().orElse(1);
            if (warmupSeconds > 0) {
                measure(most, Arrays.stream(batches).max().orElse(1), warmupSeconds);
            }
            List<Row> rows = new ArrayList<>();
            for (int t : threads) {
                for (int b : batches) {
                    Row r = measure(t, b, seconds);
                    log.accept(String.format(
                            java.util.Locale.ROOT,
                            "%2d thread(s), batch %3d: %,9.0f calls/s %,10.0f images/s; latency p50 %.3f ms, p90 %.3f"
                                    + " ms, p99 %.3f ms",
                            t,
                            b,
                            r.callsPerSecond(),
                            r.imagesPerSecond(),
                            r.latency().p50Millis(),
                            r.latency().p90Millis(),
                            r.latency().p99Millis()));
                    rows.add(r);
                }
            }
            return rows;
        }

        /** {@code threads} threads encoding batches of {@code batch} for {@code seconds}. */
        private Row measure(int threads, int batch, double seconds) {
            float[][][] inputs = batches(batch, threads);
            int[][] labels = labels(batch, threads);
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            CountDownLatch start = new CountDownLatch(1);
            try {
                List<Future<long[]>> results = new ArrayList<>();
                long[] window = new long[2];
                for (int t = 0; t < threads; t++) {
                    float[][] mine = inputs[t];
                    int[] myLabels = labels[t];
                    results.add(pool.submit(() -> {
                        start.await();
                        long end = window[1];
                        long[] latencies = new long[1024];
                        int n = 0;
                        while (System.nanoTime() < end) {
                            long t0 = System.nanoTime();
                            model.encode(mine, myLabels);
                            if (n == latencies.length) {
                                latencies = Arrays.copyOf(latencies, n * 2);
                            }
                            latencies[n++] = System.nanoTime() - t0;
                        }
                        return Arrays.copyOf(latencies, n);
                    }));
                }
                window[0] = System.nanoTime();
                window[1] = window[0] + (long) (seconds * 1e9);
                start.countDown();
                List<long[]> all = new ArrayList<>();
                for (Future<long[]> f : results) {
                    all.add(f.get());
                }
                double elapsed = (System.nanoTime() - window[0]) / 1e9;
                long[] merged =
                        all.stream().flatMapToLong(Arrays::stream).sorted().toArray();
                return new Row(
                        threads,
                        batch,
                        merged.length,
                        elapsed,
                        new Latency(
                                percentile(merged, 0.50),
                                percentile(merged, 0.90),
                                percentile(merged, 0.99),
                                merged.length == 0 ? 0 : merged[merged.length - 1] / 1e6));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new VaeException("the benchmark was interrupted");
            } catch (ExecutionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
            } finally {
                pool.shutdownNow();
            }
        }

        /** For each thread, one batch of {@code batch} test images (rows cycle through the data set). */
        private float[][][] batches(int batch, int threads) {
            float[][][] out = new float[threads][batch][];
            for (int t = 0; t < threads; t++) {
                for (int i = 0; i < batch; i++) {
                    out[t][i] = images.image((t * batch + i) % images.size());
                }
            }
            return out;
        }

        /** The classes of those images for a conditional model; nulls for an unconditional one. */
        private int[][] labels(int batch, int threads) {
            int[][] out = new int[threads][];
            if (model.conditionSize() == 0) {
                return out;
            }
            int[] all = images.labels()
                    .orElseThrow(() -> new VaeException("the model is conditional but " + images.name()
                            + " has no labels; pass the labelled dataset it was trained on"));
            for (int t = 0; t < threads; t++) {
                out[t] = new int[batch];
                for (int i = 0; i < batch; i++) {
                    out[t][i] = all[(t * batch + i) % images.size()];
                }
            }
            return out;
        }
    }

    /** The nearest-rank percentile of sorted nanosecond latencies, in milliseconds (0 for none). */
    static double percentile(long[] sorted, double q) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length, rank) - 1)] / 1e6;
    }
}
