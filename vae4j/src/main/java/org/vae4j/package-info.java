/**
 * The vae4j library's entry point and model nouns: {@link org.vae4j.Vae4j} (registered models,
 * datasets and metrics; training, loading), {@link org.vae4j.ModelTrainer} and
 * {@link org.vae4j.TrainingRun}, the {@link org.vae4j.TrainedVae} with its inference on plain
 * arrays, {@link org.vae4j.Evaluation}, {@link org.vae4j.Benchmark}, provenance and summaries.
 * Scoring lives in {@code org.vae4j.analysis}, studies in {@code org.vae4j.study}, files for people
 * in {@code org.vae4j.report}.
 */
package org.vae4j;
