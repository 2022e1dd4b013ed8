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

    /**
     * {@return one code per image, given also the factor levels each image was drawn for} The
     * default ignores the levels; a conditional model's representation reads its class from them.
     *
     * @param images {@code [n][dataSize]} images
     * @param levels {@code [n][factors]} the levels each image was drawn for
     */
    default double[][] apply(float[][] images, int[][] levels) {
        return apply(images);
    }
}
