package org.vae4j.api.metrics;

/**
 * A map from images to codes, e.g. a trained model's posterior means: what the intervention scores
 * ({@link InterventionMetric}) evaluate.
 */
@FunctionalInterface
public interface RepresentationFunction {
    /**
     * {@return one code per image, {@code [n][D]}}
     *
     * @param images {@code [n][dataSize]} images
     */
    double[][] apply(float[][] images);
}
