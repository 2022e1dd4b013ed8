package org.vae4j.study;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.vae4j.api.ConfigurationException;
import org.vae4j.api.VaeException;
import org.vae4j.api.data.DatasetPair;

/** The default {@link TrialRunner}: a fixed pool of threads in this process, one trial each. */
final class InProcessTrials implements TrialRunner {
    private final int workers;

    InProcessTrials(int workers) {
        if (workers < 1) {
            throw new ConfigurationException("{workers} must be >= 1, got " + workers);
        }
        this.workers = workers;
    }

    @Override
    public String describe() {
        return workers + " at a time in this process";
    }

    @Override
    public void run(Study study, List<Study.Trial> trials, Listener listener) {
        DatasetPair data = study.data();
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        try {
            List<Future<?>> results = new ArrayList<>();
            for (Study.Trial t : trials) {
                results.add(pool.submit(() -> {
                    long t0 = System.nanoTime();
                    String problem;
                    try {
                        problem = study.runTrial(t, data, study.trialDirectory(t));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    listener.finished(t, problem, (System.nanoTime() - t0) / 1e9);
                    return null;
                }));
            }
            for (Future<?> f : results) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VaeException("study interrupted; run again with {resume} to continue");
        } catch (ExecutionException e) {
            throw new IllegalStateException("a trial crashed", e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }
}
