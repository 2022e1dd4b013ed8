package org.vae4j.models.beta;

import org.vae4j.api.Objective;
import org.vae4j.api.ObjectiveTerms;
import org.vae4j.api.TrainingProgress;

/**
 * Burgess et al. (2018), "Understanding disentangling in beta-VAE": D + gamma * |KL - C|, where the
 * capacity C grows linearly from {@code start} to {@code max} nats over the first
 * {@code rampEpochs} epochs and then stays at {@code max}. The penalty is applied to the batch mean
 * KL, as in the paper. The objective is not the ELBO; D and KL are reported separately.
 */
public final class CapacityObjective implements Objective {
    private final double gamma;
    private final double start;
    private final double max;
    private final CapacityRamp ramp;

    public CapacityObjective(double gamma, double start, double max, CapacityRamp ramp) {
        if (!(gamma > 0) || !Double.isFinite(gamma)) {
            throw new IllegalArgumentException("gamma must be a finite number > 0, got " + gamma);
        }
        if (!(start >= 0) || !(max >= start) || !Double.isFinite(max)) {
            throw new IllegalArgumentException(
                    "need 0 <= capacity-start <= capacity-max, got " + start + " and " + max);
        }
        this.gamma = gamma;
        this.start = start;
        this.max = max;
        this.ramp = ramp;
    }

    /** The capacity C in nats at this point of training. */
    public double capacity(TrainingProgress progress) {
        double rampEpochs = ramp.epochs(progress.totalEpochs());
        double t = rampEpochs <= 0 ? 1.0 : Math.min(1.0, progress.epochs() / rampEpochs);
        return start + (max - start) * t;
    }

    @Override
    public String description() {
        return "D + " + gamma + " * |KL - C|, C from " + start + " to " + max + " nats over " + ramp;
    }

    @Override
    public ObjectiveTerms evaluate(double reconstruction, double rate, TrainingProgress progress) {
        double c = capacity(progress);
        double gap = rate - c;
        return new ObjectiveTerms(reconstruction + gamma * Math.abs(gap), 1.0, gamma * Math.signum(gap));
    }
}
