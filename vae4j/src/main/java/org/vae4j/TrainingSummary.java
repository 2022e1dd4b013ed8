package org.vae4j;

import java.util.List;
import java.util.Map;
import org.vae4j.api.Loss;

/**
 * What a training run measured: its settings, the final train and test loss terms, the per-epoch
 * history and the data it ran on; {@link TrainedVae#save} writes it as {@code metrics.json}.
 *
 * @param model the model name
 * @param latentDims latent dimensions
 * @param epochs epochs trained
 * @param batchSize images per step
 * @param learningRate optimizer step size
 * @param optimizer {@code adam} or {@code adagrad}
 * @param seed the run's seed
 * @param threads threads used
 * @param trainImages images in the training set used
 * @param seconds wall time of the run, test evaluations and checkpoints included
 * @param imagesPerSecond of the training steps alone (comparable with {@link Benchmark})
 * @param objective the training objective as a formula
 * @param penalty the name of the model's batch-level penalty, reported as its own term, or null
 * @param options the model options, defaults filled in
 * @param train the final loss terms on the training set
 * @param test the final loss terms on the test set
 * @param history one record per epoch
 * @param dataset the data's name, source and SHA-256 per file
 * @param warning what went wrong without stopping the run (e.g. a test -ELBO that ended far above its
 *                best epoch's), or null
 */
public record TrainingSummary(
        String model,
        int latentDims,
        int epochs,
        int batchSize,
        double learningRate,
        String optimizer,
        long seed,
        int threads,
        int trainImages,
        double seconds,
        double imagesPerSecond,
        String objective,
        String penalty,
        Map<String, String> options,
        Loss train,
        Loss test,
        List<Epoch> history,
        DataInfo dataset,
        String warning) {

    /**
     * Copies the options and the history.
     *
     * @param model the model name
     * @param latentDims latent dimensions
     * @param epochs epochs, at least 1
     * @param batchSize images per step, at least 1
     * @param learningRate the optimizer's step size
     * @param optimizer {@code adam} or {@code adagrad}
     * @param seed the seed
     * @param threads threads, at least 1
     * @param trainImages images in the training set used
     * @param seconds the time taken
     * @param imagesPerSecond training steps' throughput
     * @param objective the training objective
     * @param penalty the regularizer's name, or null
     * @param options the options
     * @param train the final loss terms on the training set
     * @param test the final loss terms on the test set
     * @param history one record per epoch
     * @param dataset the data's name, source and checksums
     * @param warning what went wrong without stopping the run, or null
     */
    public TrainingSummary {
        options = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(options));
        history = List.copyOf(history);
    }

    /**
     * One epoch.
     *
     * @param epoch 1-based
     * @param seconds its training time
     * @param train mean loss terms of its training steps
     * @param test the test loss after it, or null when the test set was not evaluated
     */
    public record Epoch(int epoch, double seconds, Loss train, Loss test) {}

    /**
     * Where the data came from.
     *
     * @param name the dataset's name
     * @param source where it was read from
     * @param sha256 the SHA-256 of each file
     */
    public record DataInfo(String name, String source, Map<String, String> sha256) {
        /**
         * Copies the checksums, sorted by file.
         *
         * @param name the registered name
         * @param source where the files were read from
         * @param sha256 the SHA-256 of each file, by file name
         */
        public DataInfo {
            sha256 = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(sha256));
        }
    }
}
