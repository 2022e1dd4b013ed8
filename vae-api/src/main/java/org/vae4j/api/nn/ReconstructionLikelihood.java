package org.vae4j.api.nn;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The decoder's output distribution p(x|z), parameterised by the decoder output.
 *
 * <p>Like DL4J's {@code ReconstructionDistribution}, value and gradient are given explicitly. All
 * quantities are in nats. {@code data} is {@code [batch, dataSize]}; {@code distributionParams}
 * is {@code [batch, dataSize * paramsPerValue()]}.
 */
public interface ReconstructionLikelihood {

    /** {@return a stable name, e.g. {@code bernoulli}; recorded in checkpoints} */
    String name();

    /** {@return the decoder outputs per data value: 1 for Bernoulli logits, 2 for Gaussian mean and log-variance} */
    int paramsPerValue();

    /**
     * Writes -log p(x|params) summed over each row into {@code out} ({@code [batch, 1]}).
     *
     * @param data the examples, {@code [batch][dataSize]}
     * @param distributionParams the decoder's outputs, {@code [batch][paramsPerValue * dataSize]}
     * @param out receives -log p(x|z) per example, {@code [batch][1]}
     */
    void negLogLikelihood(INDArray data, INDArray distributionParams, INDArray out);

    /**
     * Writes d(-log p(x|params))/d(params) for each element into {@code gradOut}, scaled by {@code scale}.
     *
     * @param data the examples, {@code [batch][dataSize]}
     * @param distributionParams the decoder's outputs, {@code [batch][paramsPerValue * dataSize]}
     * @param scale the factor of the added gradient
     * @param gradOut the loss gradient with respect to the outputs
     */
    void gradient(INDArray data, INDArray distributionParams, double scale, INDArray gradOut);

    /**
     * Writes the distribution mean (the image a user sees) into {@code out} ({@code [batch, dataSize]}).
     *
     * @param distributionParams the decoder's outputs, {@code [batch][paramsPerValue * dataSize]}
     * @param out receives E[x|z], {@code [batch][dataSize]}
     */
    void mean(INDArray distributionParams, INDArray out);
}
