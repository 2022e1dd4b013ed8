package org.vae4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vae4j.api.data.DatasetPair;

/**
 * Many threads infer on one loaded model at once: 16 threads x 200 calls mixing encode, decode,
 * sample, reconstruct, posterior and evaluate, each result compared with the same call made alone.
 */
class ConcurrentInferenceTest {
    private static final int THREADS = 16;
    private static final int CALLS = 200;
    private static final int DISTINCT = 97;

    @TempDir
    Path dir;

    /** One call on the model; its result as text, so results of every kind compare exactly. */
    private static String call(TrainedVae m, DatasetPair data, int id) {
        int n = 1 + (id * 37) % 100;
        float[][] images = new float[n][];
        for (int i = 0; i < n; i++) {
            images[i] = data.test().image((id * 13 + i) % data.test().size());
        }
        int[] all = data.test().labels().orElseThrow();
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = all[(id * 13 + i) % data.test().size()];
        }
        return switch (id % 12 == 5 ? 5 : id % 5) {
            case 0 -> Arrays.deepToString(m.encode(images, labels));
            case 1 -> Arrays.deepToString(m.decode(m.encode(images, labels), labels));
            case 2 -> Arrays.deepToString(m.sample(n, id, id % 10));
            case 3 -> Arrays.deepToString(m.reconstruct(images, labels));
            case 4 -> Arrays.deepToString(m.posterior(images, labels).logVariance());
            default ->
                m.evaluation(data.test())
                        .importanceSamples(id % 24 == 5 ? 3 : 0)
                        .images(20)
                        .run()
                        .summaryJson()
                        .replaceAll("\"seconds\":[0-9.eE-]+", "\"seconds\":(timing)");
        };
    }

    @Test
    void sixteenThreadsOnOneModelGetWhatLoneCallsGet() throws Exception {
        DatasetPair data = Vae4jTest.synthetic(300, 100, 7);
        try (Vae4j vae =
                Vae4j.builder().threads(1).cacheDirectory(dir.resolve("cache")).build()) {
            vae.trainer("cvae")
                    .latentDims(4)
                    .epochs(1)
                    .option("hidden", 32)
                    .saveTo(dir.resolve("m"))
                    .train(data);
            TrainedVae m = vae.load(dir.resolve("m"));
            String[] alone = new String[DISTINCT];
            for (int id = 0; id < DISTINCT; id++) {
                alone[id] = call(m, data, id);
            }
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            CountDownLatch start = new CountDownLatch(1);
            try {
                List<Future<List<String>>> results = new ArrayList<>();
                for (int t = 0; t < THREADS; t++) {
                    int thread = t;
                    Callable<List<String>> work = () -> {
                        start.await();
                        List<String> mismatches = new ArrayList<>();
                        for (int c = 0; c < CALLS; c++) {
                            int id = (thread * 31 + c * 7) % DISTINCT;
                            String got;
                            try {
                                got = call(m, data, id);
                            } catch (RuntimeException e) {
                                got = e.toString();
                            }
                            if (!got.equals(alone[id])) {
                                int at = 0;
                                while (at < Math.min(got.length(), alone[id].length())
                                        && got.charAt(at) == alone[id].charAt(at)) {
                                    at++;
                                }
                                mismatches.add("thread " + thread + " call " + c + " (id " + id + ") differs at "
                                        + at + ": "
                                        + got.substring(Math.max(0, at - 40), Math.min(got.length(), at + 40))
                                        + " alone: "
                                        + alone[id].substring(
                                                Math.max(0, at - 40), Math.min(alone[id].length(), at + 40)));
                            }
                        }
                        return mismatches;
                    };
                    results.add(pool.submit(work));
                }
                start.countDown();
                List<String> mismatches = new ArrayList<>();
                for (Future<List<String>> f : results) {
                    mismatches.addAll(f.get(10, TimeUnit.MINUTES));
                }
                assertThat(mismatches)
                        .as("results that differ from the call made alone")
                        .isEmpty();
            } finally {
                pool.shutdownNow();
            }
        }
    }
}
