package org.vae4j.api;

/**
 * Per-image loss terms in nats: reconstruction D = E_q[-log p(x|z)], rate R (the divergence, KL to
 * the prior for the built-in models), the training objective actually minimised, and the part of
 * it that a model's {@link org.vae4j.api.nn.Regularizer} contributes (0 without one).
 * {@link #negElbo()} is D + R whatever the objective.
 *
 * @param reconstruction D
 * @param kl the rate R
 * @param objective what training minimises, penalty included
 * @param penalty the regularizer's batch-level term, included in {@code objective}
 */
public record Loss(double reconstruction, double kl, double objective, double penalty) {

    /**
     * Terms of a model without a regularizer.
     *
     * @param reconstruction the batch mean of D
     * @param kl the rate R
     * @param objective how D and R are combined into the training objective
     */
    public Loss(double reconstruction, double kl, double objective) {
        this(reconstruction, kl, objective, 0);
    }

    /** {@return the negative evidence lower bound, D + R} */
    public double negElbo() {
        return reconstruction + kl;
    }

    /** {@return true when no term is NaN or infinite} */
    public boolean isFinite() {
        return Double.isFinite(reconstruction)
                && Double.isFinite(kl)
                && Double.isFinite(objective)
                && Double.isFinite(penalty);
    }
}
