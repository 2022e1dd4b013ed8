package org.vae4j.api;

/**
 * An objective evaluated on a batch: its value (per image) and its partial derivatives with
 * respect to the per-image reconstruction term D and rate term R, which the engine uses to weight
 * their gradients.
 */
public record ObjectiveTerms(double value, double reconstructionWeight, double rateWeight) {
    public ObjectiveTerms {
        if (!Double.isFinite(reconstructionWeight) || !Double.isFinite(rateWeight)) {
            throw new IllegalArgumentException("objective weights must be finite");
        }
    }
}
