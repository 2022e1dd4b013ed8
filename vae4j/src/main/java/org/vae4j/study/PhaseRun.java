package org.vae4j.study;

import java.io.PrintStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import org.vae4j.report.Durations;

/** One phase of a study: its unfinished trials through the runner, with a progress line per trial. */
final class PhaseRun {
    private final Study study;
    private final TrialRunner runner;
    private final PrintStream out;

    PhaseRun(Study study, TrialRunner runner, PrintStream out) {
        this.study = study;
        this.runner = runner;
        this.out = out;
    }

    /** Runs the trials not finished yet; returns the ids of failed ones. */
    List<String> run(List<Study.Trial> trials) {
        List<Study.Trial> todo = trials.stream()
                .filter(t -> !Files.exists(study.trialDirectory(t).resolve(Study.TRIAL_DONE)))
                .toList();
        List<String> failed = new ArrayList<>();
        if (trials.isEmpty()) {
            return failed;
        }
        out.printf(
                Locale.ROOT,
                "%s: %d trials, %d finished before, %d to run (%s)%n",
                trials.get(0).phase(),
                trials.size(),
                trials.size() - todo.size(),
                todo.size(),
                runner.describe());
        if (todo.isEmpty()) {
            return failed;
        }
        AtomicInteger done = new AtomicInteger();
        long started = System.nanoTime();
        runner.run(study, todo, (t, problem, seconds) -> {
            synchronized (out) {
                int k = done.incrementAndGet();
                double elapsed = (System.nanoTime() - started) / 1e9;
                out.printf(
                        Locale.ROOT,
                        "[%s %d/%d] %s %s in %.0f s; ETA %s%n",
                        t.phase(),
                        k,
                        todo.size(),
                        t.id(),
                        problem == null ? "done" : "FAILED (" + problem + ")",
                        seconds,
                        Durations.format(elapsed / k * (todo.size() - k)));
                if (problem != null) {
                    failed.add(t.id());
                }
            }
        });
        return failed;
    }
}
