package org.vae4j.metrics.score;

import java.util.LinkedHashMap;
import java.util.Map;
import org.vae4j.api.data.FactorSampler;
import org.vae4j.api.metrics.InterventionMetric;
import org.vae4j.api.metrics.MetricResult;
import org.vae4j.api.metrics.RepresentationFunction;

/**
 * The FactorVAE score (Kim and Mnih 2018) as disentanglement_lib computes it
 * ({@code evaluation/metrics/factor_vae.py}, {@code factor_vae_metric.gin}): the variance (ddof 1) of
 * every code dimension over 10,000 drawn images; dimensions whose standard deviation is under 0.05
 * are pruned; each vote fixes a factor k over a batch of 64 and records the active dimension with
 * the least variance relative to its global one; a majority-vote classifier maps each dimension to
 * a factor from 10,000 votes, and the score is its accuracy on 5,000 more.
 *
 * <p>As there, the vote's dimension is the position of the minimum among the <em>active</em>
 * dimensions, recorded against that position in the full list of dimensions; the two agree
 * whenever no dimension is pruned before it. This class keeps disentanglement_lib's reading so that
 * values agree with its published ones.
 */
public final class FactorVaeScore implements InterventionMetric {
    private static final int CHUNK = 32;

    private final int batchSize;
    private final int numTrain;
    private final int numEval;
    private final int numVarianceEstimate;
    private final double pruneThreshold;

    /** disentanglement_lib's settings: 64, 10,000, 5,000, 10,000 and a threshold of 0.05. */
    public FactorVaeScore() {
        this(64, 10_000, 5_000, 10_000, 0.05);
    }

    /**
     * Other sizes, e.g. for quick runs.
     *
     * @param batchSize images per vote, at least 2
     * @param numTrain training votes, at least 1
     * @param numEval evaluation votes, at least 1
     * @param numVarianceEstimate images for the global variances, at least 2
     * @param pruneThreshold dimensions whose standard deviation is under this are left out
     */
    public FactorVaeScore(int batchSize, int numTrain, int numEval, int numVarianceEstimate, double pruneThreshold) {
        if (batchSize < 2 || numTrain < 1 || numEval < 1 || numVarianceEstimate < 2 || !(pruneThreshold >= 0)) {
            throw new IllegalArgumentException("need batchSize >= 2, numTrain, numEval >= 1,"
                    + " numVarianceEstimate >= 2 and pruneThreshold >= 0");
        }
        this.batchSize = batchSize;
        this.numTrain = numTrain;
        this.numEval = numEval;
        this.numVarianceEstimate = numVarianceEstimate;
        this.pruneThreshold = pruneThreshold;
    }

    /** The same metric with other vote counts; the global variances use as many images as training votes. */
    @Override
    public FactorVaeScore withPoints(int numTrain, int numEval) {
        return new FactorVaeScore(batchSize, numTrain, numEval, Math.max(2, numTrain), pruneThreshold);
    }

    @Override
    public String name() {
        return "factor-vae-score";
    }

    @Override
    public String description() {
        return "FactorVAE score (Kim & Mnih 2018) as disentanglement_lib computes it: majority-vote accuracy of the"
                + " dimension that varies least when one factor is fixed; needs a factor-sampling dataset";
    }

    @Override
    public MetricResult compute(FactorSampler data, RepresentationFunction representation, long seed) {
        Interventions draws = new Interventions(data, representation, new NumpyRandom(seed));
        double[] global = globalVariances(draws);
        boolean[] active = new boolean[global.length];
        int numActive = 0;
        for (int j = 0; j < global.length; j++) {
            active[j] = Math.sqrt(global[j]) >= pruneThreshold;
            numActive += active[j] ? 1 : 0;
        }
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("batchSize", batchSize);
        parameters.put("numTrain", numTrain);
        parameters.put("numEval", numEval);
        parameters.put("numVarianceEstimate", numVarianceEstimate);
        parameters.put("pruneThreshold", pruneThreshold);
        parameters.put("seed", seed);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("numActiveDims", numActive);
        details.put("factors", data.space().names());
        if (numActive == 0) {
            details.put("trainAccuracy", 0.0);
            details.put("evalAccuracy", 0.0);
            return new MetricResult(name(), 0.0, parameters, details);
        }
        long[][] trainVotes = votes(draws, numTrain, global, active);
        int[] classifier = new int[global.length];
        for (int j = 0; j < classifier.length; j++) {
            for (int k = 1; k < trainVotes.length; k++) {
                if (trainVotes[k][j] > trainVotes[classifier[j]][j]) {
                    classifier[j] = k;
                }
            }
        }
        double trainAccuracy = accuracy(trainVotes, classifier);
        long[][] evalVotes = votes(draws, numEval, global, active);
        double evalAccuracy = accuracy(evalVotes, classifier);
        details.put("trainAccuracy", trainAccuracy);
        details.put("evalAccuracy", evalAccuracy);
        details.put("dimensionFactor", classifier);
        return new MetricResult(name(), evalAccuracy, parameters, details);
    }

    /** {@code _compute_variances}: {@code numVarianceEstimate} images drawn at once, encoded in chunks. */
    private double[] globalVariances(Interventions draws) {
        int[][] levels = draws.sampleFactors(numVarianceEstimate);
        double[][] codes = new double[numVarianceEstimate][];
        int step = CHUNK * batchSize;
        for (int start = 0; start < numVarianceEstimate; start += step) {
            int count = Math.min(step, numVarianceEstimate - start);
            int[][] slice = java.util.Arrays.copyOfRange(levels, start, start + count);
            double[][] chunk = draws.encode(draws.render(slice), slice);
            System.arraycopy(chunk, 0, codes, start, count);
        }
        return Interventions.variances(codes, 0, numVarianceEstimate);
    }

    /** {@code _generate_training_batch}: votes {@code [factor][dimension]}. */
    private long[][] votes(Interventions draws, int n, double[] global, boolean[] active) {
        long[][] votes = new long[draws.factors()][global.length];
        for (int start = 0; start < n; start += CHUNK) {
            int count = Math.min(CHUNK, n - start);
            int[] fixed = new int[count];
            float[][] images = new float[count * batchSize][];
            int[][] drawn = new int[count * batchSize][];
            for (int p = 0; p < count; p++) {
                fixed[p] = draws.random().nextInt(draws.factors());
                int[][] factors = draws.sampleFactors(batchSize);
                for (int i = 1; i < batchSize; i++) {
                    factors[i][fixed[p]] = factors[0][fixed[p]];
                }
                System.arraycopy(draws.render(factors), 0, images, p * batchSize, batchSize);
                System.arraycopy(factors, 0, drawn, p * batchSize, batchSize);
            }
            double[][] codes = draws.encode(images, drawn);
            for (int p = 0; p < count; p++) {
                double[] local = Interventions.variances(codes, p * batchSize, batchSize);
                int argmin = -1;
                double best = Double.POSITIVE_INFINITY;
                int position = 0;
                for (int j = 0; j < local.length; j++) {
                    if (!active[j]) {
                        continue;
                    }
                    double ratio = local[j] / global[j];
                    if (argmin < 0 || ratio < best) {
                        best = ratio;
                        argmin = position;
                    }
                    position++;
                }
                votes[fixed[p]][argmin]++;
            }
        }
        return votes;
    }

    private static double accuracy(long[][] votes, int[] classifier) {
        long right = 0;
        long all = 0;
        for (int j = 0; j < classifier.length; j++) {
            right += votes[classifier[j]][j];
            for (long[] row : votes) {
                all += row[j];
            }
        }
        return (double) right / all;
    }
}
