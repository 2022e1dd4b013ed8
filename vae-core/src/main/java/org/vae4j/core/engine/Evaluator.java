package org.vae4j.core.engine;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.vae4j.api.Loss;
import org.vae4j.api.TrainingProgress;
import org.vae4j.api.data.Dataset;

/**
 * Mean per-image loss terms of a model over a whole dataset, with one posterior sample per image
 * drawn from a fixed-seed generator, so the same model and data always give the same numbers.
 * A model's regularizer (a batch-level estimate) enters the objective as the example-weighted mean
 * of its per-batch values.
 */
public final class Evaluator {
    /** Evaluation noise is independent of the training seed, so models are compared on equal terms. */
    public static final long EVALUATION_SEED = 20220101L;

    public static final int DEFAULT_BATCH = 500;

    private Evaluator() {}

    public static Loss evaluate(ModelState state, Dataset data, TrainingProgress progress) {
        return evaluate(state, data, progress, DEFAULT_BATCH);
    }

    public static Loss evaluate(ModelState state, Dataset data, TrainingProgress progress, int batchSize) {
        VaeStep step = new VaeStep(state).seed(EVALUATION_SEED);
        BatchGatherer gatherer =
                new BatchGatherer(data, state.dataType(), state.model().conditionSize());
        NoiseSource noise = NoiseSource.seeded(EVALUATION_SEED);
        TrainingProgress onData = progress.onDataset(data.size());
        double sumD = 0;
        double sumR = 0;
        double sumPenalty = 0;
        for (int from = 0; from < data.size(); from += batchSize) {
            int count = Math.min(batchSize, data.size() - from);
            INDArray x = gatherer.range(from, count);
            step.evaluate(x, gatherer.condition(), noise, onData);
            sumD += step.perExampleReconstruction().sumNumber().doubleValue();
            sumR += step.perExampleRate().sumNumber().doubleValue();
            sumPenalty += step.lastPenalty() * count;
        }
        double d = sumD / data.size();
        double r = sumR / data.size();
        double objective = state.model().objective().evaluate(d, r, onData).value() + sumPenalty / data.size();
        return new Loss(d, r, objective, sumPenalty / data.size());
    }
}
