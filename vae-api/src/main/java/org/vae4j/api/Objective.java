package org.vae4j.api;

/**
 * The training objective minimised as a function of the batch means of the reconstruction term D
 * (negative log-likelihood) and the rate term R (divergence). The true negative ELBO is always
 * D + R; an objective such as beta-VAE's D + beta * R is not, and vae4j reports both separately.
 */
public interface Objective {

    /** A short formula for reports, e.g. {@code D + R} or {@code D + 4 * R}. */
    String description();

    ObjectiveTerms evaluate(double reconstruction, double rate, TrainingProgress progress);

    /** The evidence lower bound objective, D + R. */
    static Objective negativeElbo() {
        return weighted(1.0);
    }

    /** D + beta * R. */
    static Objective weighted(double beta) {
        if (!(beta >= 0) || !Double.isFinite(beta)) {
            throw new IllegalArgumentException("beta must be a finite number >= 0, got " + beta);
        }
        return new Objective() {
            @Override
            public String description() {
                return beta == 1.0 ? "D + R" : "D + " + beta + " * R";
            }

            @Override
            public ObjectiveTerms evaluate(double reconstruction, double rate, TrainingProgress progress) {
                return new ObjectiveTerms(reconstruction + beta * rate, 1.0, beta);
            }
        };
    }
}
