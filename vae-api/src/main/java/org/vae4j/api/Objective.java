package org.vae4j.api;

/**
 * The training objective minimised as a function of the batch means of the reconstruction term D
 * (negative log-likelihood) and the rate term R (divergence). The true negative ELBO is always
 * D + R; an objective such as beta-VAE's D + beta * R is not, and vae4j reports both separately.
 */
public interface Objective {

    /** {@return a short formula for reports, e.g. {@code D + R} or {@code D + 4 * R}} */
    String description();

    /**
     * Combines the batch means of D and R.
     *
     * @param reconstruction the batch mean of D
     * @param rate the batch mean of R
     * @param progress where training stands (for schedules)
     * @return the objective's value and its partial derivatives
     */
    ObjectiveTerms evaluate(double reconstruction, double rate, TrainingProgress progress);

    /** {@return the evidence lower bound objective, D + R} */
    static Objective negativeElbo() {
        return weighted(1.0);
    }

    /**
     * {@return the objective D + beta * R}
     *
     * @param beta the weight of R, finite and >= 0
     */
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
