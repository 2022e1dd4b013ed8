package org.vae4j.api.nn;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;

/** The prior p(z) over latent codes. */
public interface Prior {

    /** {@return a stable name, e.g. {@code standard-normal}} */
    String name();

    /** {@return the latent dimensions} */
    int latentDims();

    /**
     * Writes log p(z) for each row of {@code z} into {@code out} ({@code [batch, 1]}).
     *
     * @param z codes, {@code [batch][latentDims]}
     * @param out receives log p(z) per example, {@code [batch][1]}
     */
    void logDensity(INDArray z, INDArray out);

    /**
     * Writes d log p(z) / dz into {@code out} (same shape as {@code z}).
     *
     * @param z codes, {@code [batch][latentDims]}
     * @param out receives the gradient, same shape
     */
    void gradLogDensity(INDArray z, INDArray out);

    /**
     * Fills {@code out} ({@code [batch, latentDims]}) with samples drawn with {@code rng}.
     *
     * @param out receives the samples, {@code [n][latentDims]}
     * @param rng the random generator
     */
    void sample(INDArray out, Random rng);
}
