/**
 * What a representation is worth: the Morpho-MNIST attributes of images
 * ({@link org.vae4j.analysis.Attributes}), the disentanglement scores and alignment of a trained
 * model ({@link org.vae4j.analysis.Disentanglement}) or of any codes read from files
 * ({@link org.vae4j.analysis.Scores}, {@link org.vae4j.analysis.Representation}), under vae4j's or
 * disentanglement_lib's definitions ({@link org.vae4j.analysis.Protocol}). Computes results as
 * records; {@code org.vae4j.report} renders them.
 */
package org.vae4j.analysis;
