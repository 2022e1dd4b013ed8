package org.vae4j.api;

/**
 * How to train: validated on construction, so an invalid value fails before any work starts.
 *
 * @param epochs passes over the training set, >= 1
 * @param batchSize images per step, >= 1
 * @param learningRate optimizer step size, > 0
 * @param optimizer Adam or Adagrad
 * @param seed seeds parameter initialisation, shuffling and the reparameterisation noise
 * @param threads threads for matrix products (BLAS) and the optimizer update, >= 1
 */
public record TrainingConfig(int epochs, int batchSize, double learningRate, OptimizerKind optimizer,
                             long seed, int threads) {

    /** Epochs unless given. */
    public static final int DEFAULT_EPOCHS = 10;
    /** Images per step unless given. */
    public static final int DEFAULT_BATCH_SIZE = 100;
    /** The learning rate unless given. */
    public static final double DEFAULT_LEARNING_RATE = 1e-3;
    /** The seed unless given. */
    public static final long DEFAULT_SEED = 42;

    /**
     * The thread count when none is given: the available cores, at most 2. On the 2-core reference
     * machine 2 threads train the paper's VAE at about 20,000 images/s against 14,000 with 1, with
     * identical results; more threads were not measured.
     *
     * @return the default thread count
     */
    public static int defaultThreads() {
        return Math.min(2, Runtime.getRuntime().availableProcessors());
    }

    /**
     * Validates every value; an invalid one throws a {@link ConfigurationException} naming the option.
     *
     * @param epochs epochs, at least 1
     * @param batchSize images per step, at least 1
     * @param learningRate the optimizer's step size
     * @param optimizer {@code adam} or {@code adagrad}
     * @param seed the seed
     * @param threads threads, at least 1
     */
    public TrainingConfig {
        if (epochs < 1) {
            throw new ConfigurationException("--epochs must be >= 1, got " + epochs);
        }
        if (batchSize < 1) {
            throw new ConfigurationException("--batch-size must be >= 1, got " + batchSize);
        }
        if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
            throw new ConfigurationException("--lr must be a finite number > 0, got " + learningRate);
        }
        if (optimizer == null) {
            throw new ConfigurationException("an optimizer is required (adam or adagrad)");
        }
        if (threads < 1) {
            throw new ConfigurationException("--threads must be >= 1, got " + threads);
        }
    }

    /** {@return the defaults of {@code ./vae train}} */
    public static TrainingConfig defaults() {
        return new TrainingConfig(DEFAULT_EPOCHS, DEFAULT_BATCH_SIZE, DEFAULT_LEARNING_RATE, OptimizerKind.ADAM,
                DEFAULT_SEED, defaultThreads());
    }

    /**
     * {@return this configuration with another number of epochs}
     *
     * @param newEpochs epochs, at least 1
     */
    public TrainingConfig withEpochs(int newEpochs) {
        return new TrainingConfig(newEpochs, batchSize, learningRate, optimizer, seed, threads);
    }
}
