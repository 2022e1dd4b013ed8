package org.vae4j;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.vae4j.api.Loss;
import org.vae4j.api.TrainingConfig;

/**
 * What a training run measured: its settings, the final train and test loss terms, the per-epoch
 * history and the data it ran on; {@link TrainedVae#save} writes it as {@code metrics.json}. Built by
 * the training run through {@link #builder()}, read through its accessors.
 */
public final class TrainingSummary {
    private final String model;
    private final int latentDims;
    private final TrainingConfig config;
    private final int trainImages;
    private final double seconds;
    private final double imagesPerSecond;
    private final String objective;
    private final String penalty;
    private final Map<String, String> options;
    private final Loss train;
    private final Loss test;
    private final List<Epoch> history;
    private final DataInfo dataset;
    private final String warning;

    private TrainingSummary(Builder b) {
        this.model = Objects.requireNonNull(b.model, "model");
        this.latentDims = b.latentDims;
        this.config = Objects.requireNonNull(b.config, "config");
        this.trainImages = b.trainImages;
        this.seconds = b.seconds;
        this.imagesPerSecond = b.imagesPerSecond;
        this.objective = Objects.requireNonNull(b.objective, "objective");
        this.penalty = b.penalty;
        this.options = Collections.unmodifiableMap(new LinkedHashMap<>(b.options));
        this.train = b.train;
        this.test = b.test;
        this.history = List.copyOf(b.history);
        this.dataset = b.dataset;
        this.warning = b.warning;
    }

    /** {@return a builder of a summary; the training run fills it} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return the model name} */
    public String model() {
        return model;
    }

    /** {@return latent dimensions} */
    public int latentDims() {
        return latentDims;
    }

    /** {@return epochs, at least 1} */
    public int epochs() {
        return config.epochs();
    }

    /** {@return images per step, at least 1} */
    public int batchSize() {
        return config.batchSize();
    }

    /** {@return the optimizer's step size} */
    public double learningRate() {
        return config.learningRate();
    }

    /** {@return {@code adam} or {@code adagrad}} */
    public String optimizer() {
        return config.optimizer().id();
    }

    /** {@return the seed} */
    public long seed() {
        return config.seed();
    }

    /** {@return threads, at least 1} */
    public int threads() {
        return config.threads();
    }

    /** {@return images in the training set used} */
    public int trainImages() {
        return trainImages;
    }

    /** {@return its training time} */
    public double seconds() {
        return seconds;
    }

    /** {@return training steps' throughput} */
    public double imagesPerSecond() {
        return imagesPerSecond;
    }

    /** {@return the training objective} */
    public String objective() {
        return objective;
    }

    /** {@return the regularizer's name, or null} */
    public String penalty() {
        return penalty;
    }

    /** {@return the options} */
    public Map<String, String> options() {
        return options;
    }

    /** {@return mean loss terms of its training steps} */
    public Loss train() {
        return train;
    }

    /** {@return the test loss after it, or null when the test set was not evaluated} */
    public Loss test() {
        return test;
    }

    /** {@return one record per epoch} */
    public List<Epoch> history() {
        return history;
    }

    /** {@return the data's name, source and checksums} */
    public DataInfo dataset() {
        return dataset;
    }

    /** {@return what went wrong without stopping the run, or null} */
    public String warning() {
        return warning;
    }

    @Override
    public String toString() {
        return "TrainingSummary[model=" + model + ", latentDims=" + latentDims + ", epochs=" + config.epochs()
                + ", test=" + test + "]";
    }

    /** Fills a {@link TrainingSummary}, group by group. */
    public static final class Builder {
        private String model;
        private int latentDims;
        private TrainingConfig config;
        private int trainImages;
        private double seconds;
        private double imagesPerSecond;
        private String objective;
        private String penalty;
        private Map<String, String> options = Map.of();
        private Loss train;
        private Loss test;
        private List<Epoch> history = List.of();
        private DataInfo dataset;
        private String warning;

        private Builder() {}

        /**
         * Sets the model's name and latent dimensions.
         *
         * @param name the registered model name
         * @param latentDims latent dimensions
         * @return this builder
         */
        public Builder model(String name, int latentDims) {
            this.model = name;
            this.latentDims = latentDims;
            return this;
        }

        /**
         * Sets the run's configuration: epochs, batch size, learning rate, optimizer, seed, threads.
         *
         * @param config the configuration
         * @return this builder
         */
        public Builder config(TrainingConfig config) {
            this.config = config;
            return this;
        }

        /**
         * Sets the training images used.
         *
         * @param n images in the training set used
         * @return this builder
         */
        public Builder trainImages(int n) {
            this.trainImages = n;
            return this;
        }

        /**
         * Sets how long the run took.
         *
         * @param seconds wall time of the run, test evaluations and checkpoints included
         * @param imagesPerSecond of the training steps alone
         * @return this builder
         */
        public Builder timing(double seconds, double imagesPerSecond) {
            this.seconds = seconds;
            this.imagesPerSecond = imagesPerSecond;
            return this;
        }

        /**
         * Sets what was minimised and the model's options.
         *
         * @param formula the training objective as a formula
         * @param penalty the name of the model's batch-level penalty, or null
         * @param options the model options, defaults filled in
         * @return this builder
         */
        public Builder objective(String formula, String penalty, Map<String, String> options) {
            this.objective = formula;
            this.penalty = penalty;
            this.options = options;
            return this;
        }

        /**
         * Sets the final loss terms.
         *
         * @param train on the training set
         * @param test on the test set
         * @return this builder
         */
        public Builder losses(Loss train, Loss test) {
            this.train = train;
            this.test = test;
            return this;
        }

        /**
         * Sets the per-epoch history.
         *
         * @param history one record per epoch
         * @return this builder
         */
        public Builder history(List<Epoch> history) {
            this.history = history;
            return this;
        }

        /**
         * Sets where the data came from.
         *
         * @param dataset the data's name, source and SHA-256 per file
         * @return this builder
         */
        public Builder dataset(DataInfo dataset) {
            this.dataset = dataset;
            return this;
        }

        /**
         * Sets what went wrong without stopping the run.
         *
         * @param warning the warning, or null
         * @return this builder
         */
        public Builder warning(String warning) {
            this.warning = warning;
            return this;
        }

        /** {@return the summary} */
        public TrainingSummary build() {
            return new TrainingSummary(this);
        }
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
