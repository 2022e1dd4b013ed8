package org.vae4j.core.engine.listener;

import java.util.Optional;
import java.util.function.Supplier;
import org.vae4j.api.Loss;
import org.vae4j.api.TrainingListener;
import org.vae4j.core.checkpoint.Checkpoint;

/**
 * Keeps in memory a copy of the checkpoint of the epoch with the lowest finite test -ELBO, so that a
 * run that blows up late can be continued from its best epoch.
 */
public final class BestEpoch implements TrainingListener {
    private final Supplier<Checkpoint> checkpoint;
    private final TestEvaluation tests;
    private Loss best;
    private Checkpoint kept;

    /**
     * Watches the evaluated epochs.
     *
     * @param checkpoint the run's checkpoint as it is now (the history included)
     * @param tests where the test loss of an epoch comes from
     */
    public BestEpoch(Supplier<Checkpoint> checkpoint, TestEvaluation tests) {
        this.checkpoint = checkpoint;
        this.tests = tests;
    }

    @Override
    public void onEpochEnd(int epoch, Loss trainLoss, double seconds) {
        tests.after(epoch)
                .filter(Loss::isFinite)
                .filter(t -> best == null || t.negElbo() < best.negElbo())
                .ifPresent(t -> {
                    best = t;
                    kept = checkpoint.get().copy();
                });
    }

    /** {@return the best test loss so far, if an epoch was evaluated} */
    public Optional<Loss> best() {
        return Optional.ofNullable(best);
    }

    /** {@return the checkpoint of the best epoch, if an epoch was evaluated} */
    public Optional<Checkpoint> checkpoint() {
        return Optional.ofNullable(kept);
    }
}
