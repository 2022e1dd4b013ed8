package org.vae4j.api;

/**
 * The shape of the problem a model is built for.
 *
 * @param dataSize values per example (784 for 28x28 images)
 * @param imageHeight image rows, for pictures (dataSize = imageHeight * imageWidth)
 * @param imageWidth image columns
 * @param numClasses number of label classes in the dataset (0 when unlabelled)
 * @param latentDims size of the latent code z
 */
public record ModelSpec(int dataSize, int imageHeight, int imageWidth, int numClasses, int latentDims) {

    /** The latent size unless given (the paper's). */
    public static final int DEFAULT_LATENT_DIMS = 10;

    /**
     * Checks the shape; an invalid one throws a {@link ConfigurationException} naming it.
     *
     * @param dataSize values per example
     * @param imageHeight image rows
     * @param imageWidth image columns
     * @param numClasses label classes (0 when unlabelled)
     * @param latentDims latent dimensions
     */
    public ModelSpec {
        if (latentDims < 1) {
            throw new ConfigurationException("{latentDims} must be >= 1, got " + latentDims);
        }
        if (dataSize < 1 || imageHeight * imageWidth != dataSize) {
            throw new ConfigurationException(
                    "data size " + dataSize + " does not match image shape " + imageHeight + "x" + imageWidth);
        }
        if (numClasses < 0) {
            throw new ConfigurationException("numClasses must be >= 0, got " + numClasses);
        }
    }

    /**
     * {@return the shape of MNIST: 784 = 28 x 28 pixels, 10 classes}
     *
     * @param latentDims latent dimensions
     */
    public static ModelSpec mnist(int latentDims) {
        return new ModelSpec(784, 28, 28, 10, latentDims);
    }
}
