package org.vae4j.api.nn;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The parameters of a diagonal Gaussian posterior q(z|x) for a batch: {@code mean} and
 * {@code logVariance}, both {@code [batch, latentDims]}. The arrays belong to the encoder that
 * produced them and stay valid until its next {@code encode} call.
 */
public record GaussianCode(INDArray mean, INDArray logVariance) {
    /**
     * Checks that mean and log-variance have one shape.
     *
     * @throws IllegalArgumentException if they differ
     * @param mean the posterior means, {@code [batch][latentDims]}
     * @param logVariance the posterior log-variances, same shape
     */
    public GaussianCode {
        if (mean == null || logVariance == null) {
            throw new IllegalArgumentException("mean and logVariance are required");
        }
        if (!java.util.Arrays.equals(mean.shape(), logVariance.shape())) {
            throw new IllegalArgumentException("mean " + java.util.Arrays.toString(mean.shape()) + " and logVariance "
                    + java.util.Arrays.toString(logVariance.shape()) + " differ in shape");
        }
    }

    /** {@return the number of examples} */
    public long batchSize() {
        return mean.size(0);
    }

    /** {@return the latent dimensions} */
    public int latentDims() {
        return (int) mean.size(1);
    }
}
