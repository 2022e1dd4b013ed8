package org.vae4j.core.checkpoint;

import java.util.Map;
import org.vae4j.api.ModelSpec;
import org.vae4j.api.TrainingConfig;

/**
 * Everything needed to rebuild, evaluate or continue training a model.
 *
 * @param provider the model provider's name, used to find it again in the registry
 * @param options the provider options, as text, defaults filled in
 * @param spec the problem shape (data size, image shape, classes, latent size)
 * @param training the training configuration (seed, optimizer, learning rate, ...)
 * @param epochsCompleted epochs trained so far
 * @param optimizerIteration optimizer steps taken so far
 * @param params the flat parameter vector
 * @param optimizerState the optimizer's state arrays, each as long as {@code params}
 * @param dataset name of the training data, where it came from and the SHA-256 of each file
 */
public record Checkpoint(String provider, Map<String, String> options, ModelSpec spec, TrainingConfig training,
                         int epochsCompleted, long optimizerIteration, float[] params, float[][] optimizerState,
                         DatasetProvenance dataset) {

    /** Where the training data came from. */
    public record DatasetProvenance(String name, String source, Map<String, String> sha256) {
    }
}
