package org.vae4j.core.engine.listener;

import java.util.List;
import java.util.Optional;
import org.vae4j.api.Loss;
import org.vae4j.api.TrainingListener;
import org.vae4j.api.TrainingProgress;
import org.vae4j.api.data.Dataset;
import org.vae4j.core.engine.Evaluator;
import org.vae4j.core.engine.ModelState;

/**
 * Evaluates the model on the test set every {@code every} epochs and after the last (never when
 * {@code every} is 0), and tells the listeners given (the caller's, the history, the best epoch)
 * through {@link TrainingListener#onTestEvaluation}, after their {@code onEpochEnd}.
 */
public final class TestEvaluation implements TrainingListener {
    private final ModelState state;
    private final Dataset test;
    private final int every;
    private final int epochs;
    private final long stepsPerEpoch;
    private final int trainImages;
    private final List<TrainingListener> told;
    private int lastEpoch = -1;
    private Loss last;

    /**
     * Evaluates {@code state} on {@code test} during a run of {@code epochs} epochs.
     *
     * @param state the model being trained
     * @param test the test images
     * @param every epochs between evaluations (0: none during the run)
     * @param progress the run's length (epochs, steps per epoch, training images: what schedules read)
     * @param told the listeners told of each evaluation
     */
    public TestEvaluation(
            ModelState state, Dataset test, int every, TrainingProgress progress, List<TrainingListener> told) {
        this.state = state;
        this.test = test;
        this.every = every;
        this.epochs = progress.totalEpochs();
        this.stepsPerEpoch = progress.stepsPerEpoch();
        this.trainImages = progress.datasetSize();
        this.told = List.copyOf(told);
    }

    @Override
    public void onEpochEnd(int epoch, Loss trainLoss, double seconds) {
        if (every <= 0 || ((epoch + 1) % every != 0 && epoch + 1 != epochs)) {
            return;
        }
        TrainingProgress now =
                new TrainingProgress(epoch, epochs, (epoch + 1) * stepsPerEpoch - 1, stepsPerEpoch, trainImages);
        last = Evaluator.evaluate(state, test, now);
        lastEpoch = epoch;
        for (TrainingListener l : told) {
            l.onTestEvaluation(epoch, last);
        }
    }

    /**
     * {@return the test loss after {@code epoch}, when that epoch was evaluated}
     *
     * @param epoch the epoch, 0-based
     */
    public Optional<Loss> after(int epoch) {
        return epoch == lastEpoch ? Optional.of(last) : Optional.empty();
    }
}
