/**
 * The side jobs of a training run, each a named {@link org.vae4j.api.TrainingListener} called after
 * the caller's own listeners, in this order: {@link org.vae4j.core.engine.listener.TestEvaluation}
 * (the test set every N epochs and after the last), {@link org.vae4j.core.engine.listener.EpochHistory}
 * (one record per epoch), {@link org.vae4j.core.engine.listener.BestEpoch} (a copy of the best
 * epoch's checkpoint) and {@link org.vae4j.core.engine.listener.Checkpointing} (an atomic checkpoint
 * after every epoch).
 */
package org.vae4j.core.engine.listener;
