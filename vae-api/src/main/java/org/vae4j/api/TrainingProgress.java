package org.vae4j.api;

/**
 * Where training stands when an objective is evaluated: epoch (0-based), total epochs, step within
 * the run (0-based), steps per epoch, and the number of examples in the dataset being iterated
 * (0 when unknown). Schedules such as capacity annealing read the first four; estimators that
 * extrapolate from a minibatch to the dataset (e.g. minibatch weighted sampling) read the last.
 */
public record TrainingProgress(int epoch, int totalEpochs, long step, long stepsPerEpoch, int datasetSize) {
    /**
     * Checks the values.
     *
     * @throws IllegalArgumentException if one is out of range
     * @param epoch the epoch
     * @param totalEpochs epochs in the run
     * @param step the step within the run, 0-based
     * @param stepsPerEpoch optimizer steps per epoch
     * @param datasetSize examples in the dataset being iterated (0 when unknown)
     */
    public TrainingProgress {
        if (epoch < 0 || totalEpochs < 1 || step < 0 || stepsPerEpoch < 1 || datasetSize < 0) {
            throw new IllegalArgumentException("invalid training progress " + epoch + "/" + totalEpochs + " step "
                    + step + "/" + stepsPerEpoch + " dataset size " + datasetSize);
        }
    }

    /**
     * Progress on a dataset of unknown size.
     *
     * @param epoch the epoch, 0-based
     * @param totalEpochs epochs in the run
     * @param step the step within the run, 0-based
     * @param stepsPerEpoch optimizer steps per epoch
     */
    public TrainingProgress(int epoch, int totalEpochs, long step, long stepsPerEpoch) {
        this(epoch, totalEpochs, step, stepsPerEpoch, 0);
    }

    /**
     * {@return the progress at the end of a run of {@code epochs} epochs, as used to evaluate a finished model}
     *
     * @param epochs epochs in the run
     * @param stepsPerEpoch optimizer steps per epoch
     * @param datasetSize examples in the training set
     */
    public static TrainingProgress finished(int epochs, long stepsPerEpoch, int datasetSize) {
        return new TrainingProgress(epochs - 1, epochs, epochs * stepsPerEpoch - 1, stepsPerEpoch, datasetSize);
    }

    /** {@return fraction of the whole run completed, in [0, 1]} */
    public double fraction() {
        return Math.min(1.0, (double) step / ((double) stepsPerEpoch * totalEpochs));
    }

    /** {@return progress measured in (fractional) epochs} */
    public double epochs() {
        return (double) step / stepsPerEpoch;
    }

    /**
     * {@return the same point of training, iterating a dataset of {@code size} examples}
     *
     * @param size the dataset's examples
     */
    public TrainingProgress onDataset(int size) {
        return new TrainingProgress(epoch, totalEpochs, step, stepsPerEpoch, size);
    }
}
