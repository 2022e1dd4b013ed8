package org.vae4j.api;

/**
 * An objective evaluated on a batch: its value (per image) and its partial derivatives with
 * respect to the per-image reconstruction term D and rate term R, which the engine uses to weight
 * their gradients.
 */
public record ObjectiveTerms(double value, double reconstructionWeight, double rateWeight) {
    /**
     * Checks that the derivatives are finite.
     *
     * @throws IllegalArgumentException if they are not
     * @param value the objective's value
     * @param reconstructionWeight the derivative of the objective with respect to D
     * @param rateWeight the derivative of the objective with respect to R
     */
    public ObjectiveTerms {
        if (!Double.isFinite(reconstructionWeight) || !Double.isFinite(rateWeight)) {
            throw new IllegalArgumentException("objective weights must be finite");
        }
    }
}
