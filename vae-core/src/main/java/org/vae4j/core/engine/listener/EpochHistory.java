package org.vae4j.core.engine.listener;

import java.util.ArrayList;
import java.util.List;
import org.vae4j.api.Loss;
import org.vae4j.api.TrainingListener;
import org.vae4j.core.checkpoint.Checkpoint;

/**
 * The run's history: one record per epoch (its training loss, time and, when evaluated, test loss),
 * after the records of the run it continues, and the training time of this run's epochs.
 */
public final class EpochHistory implements TrainingListener {
    private final List<Checkpoint.EpochRecord> records;
    private final TestEvaluation tests;
    private double trainingSeconds;

    /**
     * A history that continues {@code earlier}.
     *
     * @param earlier the records of the epochs already trained (empty for a new run)
     * @param tests where the test loss of an epoch comes from
     */
    public EpochHistory(List<Checkpoint.EpochRecord> earlier, TestEvaluation tests) {
        this.records = new ArrayList<>(earlier);
        this.tests = tests;
    }

    @Override
    public void onEpochEnd(int epoch, Loss trainLoss, double seconds) {
        trainingSeconds += seconds;
        records.add(new Checkpoint.EpochRecord(
                epoch + 1, seconds, trainLoss, tests.after(epoch).orElse(null)));
    }

    /** {@return every epoch's record so far, the earlier run's included} */
    public List<Checkpoint.EpochRecord> records() {
        return List.copyOf(records);
    }

    /** {@return the training time of the epochs this run trained, test evaluations excluded} */
    public double trainingSeconds() {
        return trainingSeconds;
    }
}
