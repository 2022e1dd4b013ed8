package org.vae4j.metrics.score;

import java.util.LinkedHashMap;
import java.util.Map;
import org.vae4j.api.data.FactorSampler;
import org.vae4j.api.metrics.InterventionMetric;
import org.vae4j.api.metrics.MetricResult;
import org.vae4j.api.metrics.RepresentationFunction;

/**
 * The BetaVAE score (Higgins et al. 2017) as disentanglement_lib computes it
 * ({@code evaluation/metrics/beta_vae.py}, {@code compute_beta_vae_sklearn} with
 * {@code beta_vae_sklearn.gin}): each point picks a factor k, draws two batches of 64 level
 * combinations that share factor k, and takes the mean absolute difference of their codes; a
 * {@code LogisticRegression()} (C = 1) learns k from 10,000 such points, and the score is its
 * accuracy on 5,000 more. The draws use numpy's {@code RandomState(seed)}, so a seed gives the
 * points disentanglement_lib draws for it.
 */
public final class BetaVaeScore implements InterventionMetric {
    /** Points per chunk handed to the representation at once (each of {@code 2 * batch} images). */
    private static final int CHUNK = 16;

    private final int batchSize;
    private final int numTrain;
    private final int numEval;

    /** disentanglement_lib's settings: batches of 64, 10,000 training and 5,000 evaluation points. */
    public BetaVaeScore() {
        this(64, 10_000, 5_000);
    }

    /**
     * Other sizes, e.g. for quick runs.
     *
     * @param batchSize images per batch, at least 1
     * @param numTrain training points, at least 2
     * @param numEval evaluation points, at least 1
     */
    public BetaVaeScore(int batchSize, int numTrain, int numEval) {
        if (batchSize < 1 || numTrain < 2 || numEval < 1) {
            throw new IllegalArgumentException("need batchSize >= 1, numTrain >= 2 and numEval >= 1");
        }
        this.batchSize = batchSize;
        this.numTrain = numTrain;
        this.numEval = numEval;
    }

    @Override
    public BetaVaeScore withPoints(int numTrain, int numEval) {
        return new BetaVaeScore(batchSize, numTrain, numEval);
    }

    @Override
    public String name() {
        return "beta-vae-score";
    }

    @Override
    public String description() {
        return "BetaVAE score (Higgins et al. 2017) as disentanglement_lib computes it: accuracy of a logistic"
                + " regression that tells which factor two batches share; needs a factor-sampling dataset";
    }

    @Override
    public MetricResult compute(FactorSampler data, RepresentationFunction representation, long seed) {
        Interventions draws = new Interventions(data, representation, new NumpyRandom(seed));
        int[] trainLabels = new int[numTrain];
        double[][] train = points(draws, numTrain, trainLabels);
        if (java.util.Arrays.stream(trainLabels).distinct().count() < 2) {
            throw new IllegalArgumentException(
                    "beta-vae-score needs at least two factors to tell apart; the data has " + draws.factors());
        }
        Logistic model = Logistic.fit(train, trainLabels, 1.0);
        double trainAccuracy = accuracy(model, train, trainLabels);
        int[] evalLabels = new int[numEval];
        double[][] eval = points(draws, numEval, evalLabels);
        double evalAccuracy = accuracy(model, eval, evalLabels);
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("batchSize", batchSize);
        parameters.put("numTrain", numTrain);
        parameters.put("numEval", numEval);
        parameters.put("seed", seed);
        parameters.put("classifier", "LogisticRegression(C=1), exact optimum");
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("trainAccuracy", trainAccuracy);
        details.put("evalAccuracy", evalAccuracy);
        details.put("factors", data.space().names());
        return new MetricResult(name(), evalAccuracy, parameters, details);
    }

    /** {@code _generate_training_batch}: the feature of each point, its factor in {@code labels}. */
    private double[][] points(Interventions draws, int n, int[] labels) {
        double[][] out = new double[n][];
        for (int start = 0; start < n; start += CHUNK) {
            int count = Math.min(CHUNK, n - start);
            float[][] images = new float[2 * count * batchSize][];
            int[][] drawn = new int[2 * count * batchSize][];
            for (int p = 0; p < count; p++) {
                int index = draws.random().nextInt(draws.factors());
                int[][] factors1 = draws.sampleFactors(batchSize);
                int[][] factors2 = draws.sampleFactors(batchSize);
                for (int i = 0; i < batchSize; i++) {
                    factors2[i][index] = factors1[i][index];
                }
                labels[start + p] = index;
                System.arraycopy(draws.render(factors1), 0, images, 2 * p * batchSize, batchSize);
                System.arraycopy(draws.render(factors2), 0, images, (2 * p + 1) * batchSize, batchSize);
                System.arraycopy(factors1, 0, drawn, 2 * p * batchSize, batchSize);
                System.arraycopy(factors2, 0, drawn, (2 * p + 1) * batchSize, batchSize);
            }
            double[][] codes = draws.encode(images, drawn);
            for (int p = 0; p < count; p++) {
                int a = 2 * p * batchSize;
                int b = a + batchSize;
                double[] feature = new double[codes[0].length];
                for (int j = 0; j < feature.length; j++) {
                    double sum = 0;
                    for (int i = 0; i < batchSize; i++) {
                        sum += Math.abs(codes[a + i][j] - codes[b + i][j]);
                    }
                    feature[j] = sum / batchSize;
                }
                out[start + p] = feature;
            }
        }
        return out;
    }

    private static double accuracy(Logistic model, double[][] x, int[] y) {
        int[] classes = model.classes();
        int right = 0;
        for (int i = 0; i < x.length; i++) {
            double[] p = model.probabilities(x[i]);
            int best = 0;
            for (int c = 1; c < p.length; c++) {
                if (p[c] > p[best]) {
                    best = c;
                }
            }
            if (classes[best] == y[i]) {
                right++;
            }
        }
        return (double) right / x.length;
    }
}
