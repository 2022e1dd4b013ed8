package org.vae4j.api;

/**
 * Per-image loss terms in nats: reconstruction D = E_q[-log p(x|z)], rate R (the divergence, KL to
 * the prior for the built-in models), and the training objective actually minimised.
 * {@link #negElbo()} is D + R whatever the objective.
 */
public record Loss(double reconstruction, double kl, double objective) {

    public double negElbo() {
        return reconstruction + kl;
    }

    public boolean isFinite() {
        return Double.isFinite(reconstruction) && Double.isFinite(kl) && Double.isFinite(objective);
    }
}
