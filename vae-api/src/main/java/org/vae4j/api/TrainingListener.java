package org.vae4j.api;

/**
 * Observes training. All methods have empty defaults so listeners implement only what they need.
 * Called on the training thread; keep them cheap.
 */
public interface TrainingListener {

    /**
     * Before the first epoch.
     *
     * @param epochs the epochs to train
     * @param stepsPerEpoch optimizer steps per epoch
     */
    default void onTrainingStart(int epochs, long stepsPerEpoch) {}

    /**
     * Before the first step of an epoch.
     *
     * @param epoch the epoch, 0-based
     */
    default void onEpochStart(int epoch) {}

    /**
     * After each optimizer step, with the batch's per-image loss terms.
     *
     * @param epoch the epoch, 0-based
     * @param stepInEpoch the step within the epoch, 0-based
     * @param batchLoss the batch's per-image loss terms
     * @param batchSize images in the batch (the last of an epoch may be smaller)
     */
    default void onBatch(int epoch, long stepInEpoch, Loss batchLoss, int batchSize) {}

    /**
     * After each epoch, with the mean per-image training loss over the epoch and its duration.
     *
     * @param epoch the epoch, 0-based
     * @param trainLoss the mean per-image training loss over the epoch
     * @param seconds the epoch's training time
     */
    default void onEpochEnd(int epoch, Loss trainLoss, double seconds) {}

    /**
     * After an epoch whose model was evaluated on the test set (every {@code testEvery} epochs and
     * after the last), with the mean per-image test loss; called after {@link #onEpochEnd}.
     *
     * @param epoch the epoch, 0-based
     * @param testLoss the mean per-image test loss
     */
    default void onTestEvaluation(int epoch, Loss testLoss) {}

    /** After the last epoch (before the final evaluation). */
    default void onTrainingEnd() {}
}
