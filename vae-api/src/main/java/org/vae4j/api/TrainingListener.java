package org.vae4j.api;

/**
 * Observes training. All methods have empty defaults so listeners implement only what they need.
 * Called on the training thread; keep them cheap.
 */
public interface TrainingListener {

    default void onTrainingStart(int epochs, long stepsPerEpoch) {
    }

    default void onEpochStart(int epoch) {
    }

    /** After each optimizer step, with the batch's per-image loss terms. */
    default void onBatch(int epoch, long stepInEpoch, Loss batchLoss, int batchSize) {
    }

    /** After each epoch, with the mean per-image training loss over the epoch and its duration. */
    default void onEpochEnd(int epoch, Loss trainLoss, double seconds) {
    }

    /**
     * After an epoch whose model was evaluated on the test set (every {@code testEvery} epochs and
     * after the last), with the mean per-image test loss; called after {@link #onEpochEnd}.
     */
    default void onTestEvaluation(int epoch, Loss testLoss) {
    }

    default void onTrainingEnd() {
    }
}
