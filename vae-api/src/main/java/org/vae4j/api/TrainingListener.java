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

    default void onTrainingEnd() {
    }
}
