package org.vae4j;

/**
 * The diagonal Gaussian posterior q(z|x) of a batch of images.
 *
 * @param mean the means, {@code [n][latentDims]}
 * @param logVariance the log-variances, same shape
 */
public record Posterior(float[][] mean, float[][] logVariance) {}
