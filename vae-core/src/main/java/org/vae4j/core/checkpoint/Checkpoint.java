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
 * @param trainImages the number of training images (0 when unknown: checkpoints before it was recorded)
 * @param provenance what produced the model: vae4j, the provider's jar, ND4J, Java, OS, BLAS (empty when unknown)
 * @param noiseState the reparameterisation noise generator's state after the completed epochs, or null
 * @param history one record per completed epoch (empty when not recorded)
 * @param formatVersion the checkpoint format whose parameter layout {@code params} and
 *     {@code optimizerState} have: {@link #FORMAT_VERSION}, or 1 for a file of format 1 as read
 *     ({@link ModelCheckpoints#upgraded} converts it)
 */
public record Checkpoint(
        String provider,
        Map<String, String> options,
        ModelSpec spec,
        TrainingConfig training,
        int epochsCompleted,
        long optimizerIteration,
        float[] params,
        float[][] optimizerState,
        DatasetProvenance dataset,
        int trainImages,
        Map<String, String> provenance,
        long[] noiseState,
        java.util.List<EpochRecord> history,
        int formatVersion) {
    /**
     * The format this vae4j writes. Format 2 stores the built-in encoder's first layer's weights
     * row-major (format 1: column-major, as every other layer's); the file layout is the same.
     */
    public static final int FORMAT_VERSION = 2;

    public Checkpoint {
        provenance = provenance == null
                ? Map.of()
                : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(provenance));
        history = history == null ? java.util.List.of() : java.util.List.copyOf(history);
        if (formatVersion < 1 || formatVersion > FORMAT_VERSION) {
            throw new IllegalArgumentException("checkpoint format " + formatVersion + " is not 1 to " + FORMAT_VERSION);
        }
    }

    /** A checkpoint in this vae4j's parameter layout ({@link #FORMAT_VERSION}). */
    public Checkpoint(
            String provider,
            Map<String, String> options,
            ModelSpec spec,
            TrainingConfig training,
            int epochsCompleted,
            long optimizerIteration,
            float[] params,
            float[][] optimizerState,
            DatasetProvenance dataset,
            int trainImages,
            Map<String, String> provenance,
            long[] noiseState,
            java.util.List<EpochRecord> history) {
        this(
                provider,
                options,
                spec,
                training,
                epochsCompleted,
                optimizerIteration,
                params,
                optimizerState,
                dataset,
                trainImages,
                provenance,
                noiseState,
                history,
                FORMAT_VERSION);
    }

    /**
     * {@return a copy whose parameters, optimizer moments and noise state are its own arrays} (a
     * checkpoint of a running model taken at one epoch, kept while training goes on)
     */
    public Checkpoint copy() {
        float[][] moments = new float[optimizerState.length][];
        for (int i = 0; i < moments.length; i++) {
            moments[i] = optimizerState[i].clone();
        }
        return new Checkpoint(
                provider,
                options,
                spec,
                training,
                epochsCompleted,
                optimizerIteration,
                params.clone(),
                moments,
                dataset,
                trainImages,
                provenance,
                noiseState == null ? null : noiseState.clone(),
                history,
                formatVersion);
    }

    /**
     * One completed epoch, as the history of {@code metrics.json} records it.
     *
     * @param epoch 1-based
     * @param seconds its training time
     * @param train the mean loss terms of its steps
     * @param test the test loss after it, or null
     */
    public record EpochRecord(int epoch, double seconds, org.vae4j.api.Loss train, org.vae4j.api.Loss test) {}

    /** A checkpoint without noise state and history. */
    public Checkpoint(
            String provider,
            Map<String, String> options,
            ModelSpec spec,
            TrainingConfig training,
            int epochsCompleted,
            long optimizerIteration,
            float[] params,
            float[][] optimizerState,
            DatasetProvenance dataset,
            int trainImages,
            Map<String, String> provenance) {
        this(
                provider,
                options,
                spec,
                training,
                epochsCompleted,
                optimizerIteration,
                params,
                optimizerState,
                dataset,
                trainImages,
                provenance,
                null,
                null);
    }

    /** A checkpoint without training-set size and provenance (as written before they were recorded). */
    public Checkpoint(
            String provider,
            Map<String, String> options,
            ModelSpec spec,
            TrainingConfig training,
            int epochsCompleted,
            long optimizerIteration,
            float[] params,
            float[][] optimizerState,
            DatasetProvenance dataset) {
        this(
                provider,
                options,
                spec,
                training,
                epochsCompleted,
                optimizerIteration,
                params,
                optimizerState,
                dataset,
                0,
                Map.of(),
                null,
                null);
    }

    /** True when the optimizer state was read (or is present): the run can be continued from it. */
    public boolean hasOptimizerState() {
        return optimizerState.length > 0 || optimizerIteration == 0;
    }

    /** Where the training data came from. */
    public record DatasetProvenance(String name, String source, Map<String, String> sha256) {}
}
