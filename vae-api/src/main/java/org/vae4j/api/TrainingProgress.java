package org.vae4j.api;

/**
 * Where training stands when an objective is evaluated: epoch (0-based), total epochs, step within
 * the run (0-based) and steps per epoch. Schedules such as capacity annealing read it.
 */
public record TrainingProgress(int epoch, int totalEpochs, long step, long stepsPerEpoch) {
    public TrainingProgress {
        if (epoch < 0 || totalEpochs < 1 || step < 0 || stepsPerEpoch < 1) {
            throw new IllegalArgumentException("invalid training progress " + epoch + "/" + totalEpochs
                    + " step " + step + "/" + stepsPerEpoch);
        }
    }

    /** Fraction of the whole run completed, in [0, 1]. */
    public double fraction() {
        return Math.min(1.0, (double) step / ((double) stepsPerEpoch * totalEpochs));
    }

    /** Progress measured in (fractional) epochs. */
    public double epochs() {
        return (double) step / stepsPerEpoch;
    }
}
