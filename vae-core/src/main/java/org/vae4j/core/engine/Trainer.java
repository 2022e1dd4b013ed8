package org.vae4j.core.engine;

import java.util.List;
import java.util.Random;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.vae4j.api.Loss;
import org.vae4j.api.TrainingConfig;
import org.vae4j.api.TrainingListener;
import org.vae4j.api.TrainingProgress;
import org.vae4j.api.VaeException;
import org.vae4j.api.data.Dataset;

/**
 * Minibatch training: each epoch shuffles the training set with a generator seeded from the run
 * seed and the epoch number (so a resumed run sees the same order), and takes one optimizer step
 * per batch; the last batch of an epoch may be smaller.
 */
public final class Trainer {
    private final TrainingConfig config;
    private final List<TrainingListener> listeners;
    private StepProfile profile;

    public Trainer(TrainingConfig config, List<TrainingListener> listeners) {
        this.config = config;
        this.listeners = List.copyOf(listeners);
    }

    /** Times the phases of every following training step into {@code profile} (null: no timing). */
    public Trainer profile(StepProfile profile) {
        this.profile = profile;
        return this;
    }

    /** The state of a run between epochs: what a checkpoint stores besides the parameters. */
    public static final class Run {
        private final ModelState model;
        private final Optimizer optimizer;
        private int epochsCompleted;
        private long[] noiseState;

        public Run(ModelState model, Optimizer optimizer, int epochsCompleted) {
            this(model, optimizer, epochsCompleted, null);
        }

        /**
         * @param noiseState the reparameterisation noise generator's state after {@code epochsCompleted}
         *                   epochs, or null (a fresh run, or a checkpoint that did not record it)
         */
        public Run(ModelState model, Optimizer optimizer, int epochsCompleted, long[] noiseState) {
            this.model = model;
            this.optimizer = optimizer;
            this.epochsCompleted = epochsCompleted;
            this.noiseState = noiseState == null ? null : noiseState.clone();
        }

        /** The noise generator's state after the last completed epoch, or null. */
        public long[] noiseState() {
            return noiseState == null ? null : noiseState.clone();
        }

        public ModelState model() {
            return model;
        }

        public Optimizer optimizer() {
            return optimizer;
        }

        public int epochsCompleted() {
            return epochsCompleted;
        }
    }

    public static Run start(ModelState model, TrainingConfig config) {
        return new Run(
                model,
                new Optimizer(
                        config.optimizer(), config.learningRate(), model.model().numParams(), config.threads()),
                0);
    }

    public static long stepsPerEpoch(int examples, int batchSize) {
        return ((long) examples + batchSize - 1) / batchSize;
    }

    /** Trains from {@code run.epochsCompleted()} up to the configured number of epochs. */
    public void train(Run run, Dataset train) {
        ModelState state = run.model;
        VaeStep step = new VaeStep(state).seed(config.seed());
        step.profile(profile);
        BatchGatherer gatherer =
                new BatchGatherer(train, state.dataType(), state.model().conditionSize());
        int n = train.size();
        int batchSize = Math.min(config.batchSize(), n);
        long stepsPerEpoch = stepsPerEpoch(n, batchSize);
        NoiseSource.Seeded noise = new NoiseSource.Seeded(config.seed() * 31 + 7 + run.epochsCompleted);
        if (run.noiseState != null) {
            noise.restore(run.noiseState); // resumed: the noise continues exactly where it stopped
        }
        listeners.forEach(l -> l.onTrainingStart(config.epochs(), stepsPerEpoch));
        int[] order = new int[n];
        for (int epoch = run.epochsCompleted; epoch < config.epochs(); epoch++) {
            final int e = epoch;
            listeners.forEach(l -> l.onEpochStart(e));
            long started = System.nanoTime();
            shuffle(order, new Random(config.seed() ^ (0x9E3779B97F4A7C15L * (epoch + 1))));
            double sumD = 0;
            double sumR = 0;
            double sumObjective = 0;
            double sumPenalty = 0;
            for (long s = 0; s < stepsPerEpoch; s++) {
                int from = (int) (s * batchSize);
                int count = Math.min(batchSize, n - from);
                if (profile != null) {
                    profile.start();
                }
                INDArray x = gatherer.gather(order, from, count);
                if (profile != null) {
                    profile.mark(StepProfile.Phase.GATHER);
                }
                TrainingProgress progress =
                        new TrainingProgress(epoch, config.epochs(), epoch * stepsPerEpoch + s, stepsPerEpoch, n);
                Loss loss = step.computeGradient(x, gatherer.condition(), noise, progress);
                if (!loss.isFinite()) {
                    throw new VaeException(
                            "training diverged at epoch " + (epoch + 1) + ", step " + (s + 1) + ": the loss is "
                                    + loss.objective() + "; lower {learningRate} or check the model's options");
                }
                run.optimizer.step(state.params(), state.gradients());
                if (profile != null) {
                    profile.mark(StepProfile.Phase.OPTIMIZER);
                }
                sumD += loss.reconstruction() * count;
                sumR += loss.kl() * count;
                sumObjective += loss.objective() * count;
                sumPenalty += loss.penalty() * count;
                final long stepInEpoch = s;
                listeners.forEach(l -> l.onBatch(e, stepInEpoch, loss, count));
            }
            run.epochsCompleted = epoch + 1;
            run.noiseState = noise.state();
            Loss epochLoss = new Loss(sumD / n, sumR / n, sumObjective / n, sumPenalty / n);
            double seconds = (System.nanoTime() - started) / 1e9;
            listeners.forEach(l -> l.onEpochEnd(e, epochLoss, seconds));
        }
        listeners.forEach(TrainingListener::onTrainingEnd);
    }

    private static void shuffle(int[] order, Random random) {
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
    }
}
