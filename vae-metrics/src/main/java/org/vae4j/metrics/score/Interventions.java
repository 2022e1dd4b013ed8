package org.vae4j.metrics.score;

import org.vae4j.api.data.FactorSampler;
import org.vae4j.api.metrics.RepresentationFunction;

/**
 * Draws images for levels and encodes them in chunks: the draws happen in disentanglement_lib's
 * order (every random draw of a point before the next point's), while the representation sees many
 * images at once instead of one batch of 64 at a time.
 */
final class Interventions {
    private final FactorSampler data;
    private final RepresentationFunction representation;
    private final NumpyRandom random;

    Interventions(FactorSampler data, RepresentationFunction representation, NumpyRandom random) {
        this.data = data;
        this.representation = representation;
        this.random = random;
    }

    NumpyRandom random() {
        return random;
    }

    int factors() {
        return data.space().count();
    }

    /** {@code sample_factors(n)}. */
    int[][] sampleFactors(int n) {
        return random.sampleFactors(n, data.space().sizes());
    }

    /** {@code sample_observations_from_factors}: one image per row, drawn in order. */
    float[][] render(int[][] levels) {
        return data.render(levels, random);
    }

    /** The codes of the images drawn for {@code levels}, checked to be one row of equal length per image. */
    double[][] encode(float[][] images, int[][] levels) {
        double[][] codes = representation.apply(images, levels);
        if (codes.length != images.length) {
            throw new IllegalStateException(
                    "the representation returned " + codes.length + " codes for " + images.length + " images");
        }
        for (double[] c : codes) {
            if (c.length != codes[0].length || c.length == 0) {
                throw new IllegalStateException("the representation returned codes of different or no length");
            }
            for (double v : c) {
                if (!Double.isFinite(v)) {
                    throw new IllegalStateException("the representation returned a non-finite code " + v);
                }
            }
        }
        return codes;
    }

    /** Rows {@code [from, from + count)} of {@code rows}. */
    static double[][] slice(double[][] rows, int from, int count) {
        return java.util.Arrays.copyOfRange(rows, from, from + count);
    }

    /** numpy's {@code np.var(x, axis=0, ddof=1)} of rows {@code [from, from + n)}. */
    static double[] variances(double[][] x, int from, int n) {
        int d = x[from].length;
        double[] out = new double[d];
        for (int j = 0; j < d; j++) {
            double sum = 0;
            for (int i = from; i < from + n; i++) {
                sum += x[i][j];
            }
            double mean = sum / n;
            double ss = 0;
            for (int i = from; i < from + n; i++) {
                double e = x[i][j] - mean;
                ss += e * e;
            }
            out[j] = ss / (n - 1);
        }
        return out;
    }
}
