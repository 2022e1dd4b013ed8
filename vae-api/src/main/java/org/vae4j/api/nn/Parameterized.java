package org.vae4j.api.nn;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A component with trainable parameters.
 *
 * <p>Gradient flow in vae4j is explicit: the model owns one flat parameter vector and one flat
 * gradient vector of the same length, and hands each component a contiguous view of each
 * ({@link #bind}). A component's {@code backward} <em>overwrites</em> its gradient view with the
 * gradient of the loss with respect to its parameters, so the optimizer updates every parameter
 * of a model with one fused operation and checkpoints are a single array.
 */
public interface Parameterized {

    /** {@return number of scalar parameters this component needs; 0 for parameter-free components} */
    long numParams();

    /**
     * Binds this component to its slices of the model's parameter and gradient vectors (row
     * vectors of length {@link #numParams()}). When {@code initialize} is true the component
     * writes its initial values into {@code params} using {@code rng}; otherwise the values
     * already there (e.g. loaded from a checkpoint) are kept.
     *
     * @param params the component's slice of the flat parameter vector
     * @param gradients the matching slice of the flat gradient vector
     * @param initialize true to initialise the parameters, false to keep their values
     * @param rng the random generator
     */
    void bind(INDArray params, INDArray gradients, boolean initialize, org.nd4j.linalg.api.rng.Random rng);
}
