package org.vae4j;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.vae4j.api.Loss;
import org.vae4j.api.ModelSpec;
import org.vae4j.api.OptimizerKind;
import org.vae4j.api.TrainingConfig;
import org.vae4j.api.TrainingListener;
import org.vae4j.api.data.Dataset;
import org.vae4j.core.engine.ModelState;
import org.vae4j.core.engine.NativeRuntime;
import org.vae4j.core.engine.StepProfile;
import org.vae4j.core.engine.Trainer;
import org.vae4j.internal.Session;

/**
 * Training throughput on a training set: the first epoch warms up the JIT and is not counted when
 * more than one epoch runs; the figure is the median of the others.
 *
 * @param setup what ran: model, batch size, threads, epochs
 * @param imagesPerSecond the median over the counted epochs
 * @param epochImagesPerSecond every epoch's rate, the warm-up included
 * @param profile the mean time of each phase of a step after the warm-up (empty unless profiled)
 * @param nativeBuild the build of ND4J's native library that ran the products, as its Maven
 *     classifier ({@code linux-x86_64-onednn} by default)
 */
public record Benchmark(
        Setup setup, double imagesPerSecond, List<Double> epochImagesPerSecond, Profile profile, String nativeBuild) {

    /**
     * What ran.
     *
     * @param model the model name
     * @param batchSize images per step
     * @param threads threads used
     * @param epochs epochs run
     */
    public record Setup(String model, int batchSize, int threads, int epochs) {}

    /**
     * Where the time of a step went.
     *
     * @param millisPerStep mean time of each phase of a step after the warm-up (empty unless profiled)
     * @param profiledSteps steps the phase times are averaged over
     */
    public record Profile(Map<String, Phase> millisPerStep, long profiledSteps) {}

    /** {@return the model name} */
    public String model() {
        return setup.model();
    }

    /** {@return the images per step} */
    public int batchSize() {
        return setup.batchSize();
    }

    /** {@return the threads used} */
    public int threads() {
        return setup.threads();
    }

    /** {@return the epochs run} */
    public int epochs() {
        return setup.epochs();
    }

    /** {@return the mean time of each phase of a step after the warm-up (empty unless profiled)} */
    public Map<String, Phase> millisPerStep() {
        return profile.millisPerStep();
    }

    /** {@return the steps the phase times are averaged over} */
    public long profiledSteps() {
        return profile.profiledSteps();
    }

    /**
     * The mean time of one phase of a training step.
     *
     * @param description what the phase does
     * @param millis mean milliseconds per step
     */
    public record Phase(String description, double millis) {}

    /** Configures a benchmark; from {@link Vae4j#benchmark(String)}. */
    public static final class Builder {
        private final Session session;
        private final String model;
        private final Map<String, String> options = new LinkedHashMap<>();
        private int epochs = 3;
        private int batchSize = 100;
        private int latentDims = 10;
        private int threads;
        private boolean profile;
        private Consumer<String> log = m -> {};

        Builder(Session session, String model) {
            this.session = session;
            this.model = model;
            this.threads = session.threads();
        }

        /**
         * Sets the epochs to time (default 3; the first is warm-up).
         *
         * @param epochs epochs, at least 1
         * @return this builder
         */
        public Builder epochs(int epochs) {
            this.epochs = epochs;
            return this;
        }

        /**
         * Sets the images per step (default 100).
         *
         * @param batchSize images per step, at least 1
         * @return this builder
         */
        public Builder batchSize(int batchSize) {
            this.batchSize = batchSize;
            return this;
        }

        /**
         * Sets the latent dimensions (default 10).
         *
         * @param latentDims latent dimensions, at least 1
         * @return this builder
         */
        public Builder latentDims(int latentDims) {
            this.latentDims = latentDims;
            return this;
        }

        /**
         * Sets the threads (default: the instance's).
         *
         * @param threads threads, at least 1
         * @return this builder
         */
        public Builder threads(int threads) {
            this.threads = threads;
            return this;
        }

        /**
         * Adds model options as text.
         *
         * @param values option values by key
         * @return this builder
         */
        public Builder options(Map<String, String> values) {
            options.putAll(values);
            return this;
        }

        /**
         * Also times each phase of a step (encoder, decoder, loss, gradients, optimizer).
         *
         * @param profile true to time each phase of a step
         * @return this builder
         */
        public Builder profile(boolean profile) {
            this.profile = profile;
            return this;
        }

        /**
         * Receives one line per epoch.
         *
         * @param log receives one line per epoch
         * @return this builder
         */
        public Builder log(Consumer<String> log) {
            this.log = log;
            return this;
        }

        /**
         * Checks the settings without data.
         *
         * @return this builder
         */
        public Builder validate() {
            config();
            ModelSpec.mnist(latentDims);
            session.factory().resolveOptions(model, options);
            return this;
        }

        private TrainingConfig config() {
            return new TrainingConfig(epochs, batchSize, 1e-3, OptimizerKind.ADAM, 1, threads);
        }

        /**
         * Trains a fresh model for the epochs, timing each.
         *
         * @param train the training images
         * @return the throughput
         */
        public Benchmark run(Dataset train) {
            validate();
            TrainingConfig config = config();
            session.applySettings();
            NativeRuntime.setThreads(threads);
            ModelState state = session.factory()
                    .create(
                            model,
                            new ModelSpec(
                                    train.dataSize(), train.height(), train.width(), train.numClasses(), latentDims),
                            options,
                            session.dataType(),
                            1);
            List<Double> rates = new ArrayList<>();
            StepProfile steps = profile ? new StepProfile() : null;
            TrainingListener timer = new TrainingListener() {
                @Override
                public void onEpochStart(int epoch) {
                    if (steps != null && epoch == 1) {
                        steps.reset(); // the warm-up epoch is not counted
                    }
                }

                @Override
                public void onEpochEnd(int epoch, Loss loss, double seconds) {
                    double rate = train.size() / seconds;
                    rates.add(rate);
                    log.accept(String.format(
                            Locale.ROOT,
                            "epoch %d: %.2fs, %,.0f images/s%s",
                            epoch + 1,
                            seconds,
                            rate,
                            epoch == 0 && config.epochs() > 1 ? " (warm-up, not counted)" : ""));
                }
            };
            new Trainer(config, List.of(timer)).profile(steps).train(Trainer.start(state, config), train);
            List<Double> counted = new ArrayList<>(rates.size() > 1 ? rates.subList(1, rates.size()) : rates);
            Collections.sort(counted);
            double median = counted.size() % 2 == 1
                    ? counted.get(counted.size() / 2)
                    : (counted.get(counted.size() / 2 - 1) + counted.get(counted.size() / 2)) / 2;
            Map<String, Phase> phases = new LinkedHashMap<>();
            if (steps != null) {
                steps.millisPerStep()
                        .forEach((phase, ms) -> phases.put(
                                phase.name().toLowerCase(Locale.ROOT).replace('_', '-'),
                                new Phase(phase.description(), ms)));
            }
            return new Benchmark(
                    new Setup(model, batchSize, threads, epochs),
                    median,
                    rates,
                    new Profile(phases, steps == null ? 0 : steps.steps()),
                    NativeRuntime.nativeBuild());
        }
    }
}
