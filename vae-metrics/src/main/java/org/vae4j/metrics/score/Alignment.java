package org.vae4j.metrics.score;

import java.util.ArrayList;
import java.util.List;
import org.vae4j.api.metrics.Factors;

/**
 * The paper's headline: which latent dimension carries which attribute. Attributes are assigned
 * to distinct dimensions by an optimal one-to-one assignment (Hungarian) maximising the total
 * association, measured as |Spearman correlation| or as binned mutual information. For each
 * attribute it reports its dimension, the strength and sign of the association, the runner-up
 * dimension, and how exclusively the dimension carries it: the dimension's second-strongest
 * attribute among all the given ones. With more attributes than dimensions, each dimension gets a
 * distinct attribute and the remaining attributes are unassigned (dimension -1).
 */
public final class Alignment {
    public enum Measure {
        SPEARMAN,
        MUTUAL_INFORMATION;

        public static Measure parse(String text) {
            return switch (text) {
                case "spearman" -> SPEARMAN;
                case "mi" -> MUTUAL_INFORMATION;
                default ->
                    throw new org.vae4j.api.ConfigurationException(
                            "{alignBy} must be spearman or mi, got '" + text + "'");
            };
        }
    }

    /**
     * One attribute's dimension.
     *
     * @param strength |rho| or MI (nats) between the attribute and its dimension
     * @param spearman signed Spearman correlation (the direction of the traversal)
     * @param runnerUpDimension the next-best dimension for this attribute, and its strength
     * @param competingAttribute the dimension's strongest other attribute (null if none), and its strength
     */
    public record Assignment(
            String attribute,
            int dimension,
            double strength,
            double spearman,
            int runnerUpDimension,
            double runnerUpStrength,
            String competingAttribute,
            double competingStrength) {}

    private Alignment() {}

    /** |Spearman| ({@code [dims][factors]}) or MI, per the measure. */
    public static double[][] association(double[][] codes, Factors factors, Measure measure, int bins) {
        if (measure == Measure.MUTUAL_INFORMATION) {
            return Stats.mutualInformation(codes, factors, bins);
        }
        double[][] rho = Correlations.spearman(codes, factors);
        double[][] out = new double[rho.length][];
        for (int j = 0; j < rho.length; j++) {
            out[j] = new double[rho[j].length];
            for (int k = 0; k < rho[j].length; k++) {
                out[j][k] = Math.abs(rho[j][k]);
            }
        }
        return out;
    }

    public static List<Assignment> align(double[][] codes, Factors factors, Measure measure, int bins) {
        int d = codes[0].length;
        int kf = factors.count();
        double[][] strength = association(codes, factors, measure, bins);
        double[][] rho = Correlations.spearman(codes, factors);
        int[] dims = new int[kf];
        if (kf <= d) {
            double[][] cost = new double[kf][d];
            for (int k = 0; k < kf; k++) {
                for (int j = 0; j < d; j++) {
                    cost[k][j] = -strength[j][k];
                }
            }
            dims = Hungarian.minimise(cost);
        } else {
            // more attributes than dimensions: each dimension gets its best distinct attribute
            double[][] cost = new double[d][kf];
            for (int j = 0; j < d; j++) {
                for (int k = 0; k < kf; k++) {
                    cost[j][k] = -strength[j][k];
                }
            }
            java.util.Arrays.fill(dims, -1);
            int[] attributeOf = Hungarian.minimise(cost);
            for (int j = 0; j < d; j++) {
                dims[attributeOf[j]] = j;
            }
        }
        List<Assignment> out = new ArrayList<>();
        for (int k = 0; k < kf; k++) {
            int dim = dims[k];
            if (dim < 0) {
                int bestDim = 0;
                for (int j = 1; j < d; j++) {
                    if (strength[j][k] > strength[bestDim][k]) {
                        bestDim = j;
                    }
                }
                out.add(new Assignment(
                        factors.names().get(k),
                        -1,
                        Double.NaN,
                        Double.NaN,
                        bestDim,
                        strength[bestDim][k],
                        null,
                        Double.NaN));
                continue;
            }
            int runnerUp = -1;
            for (int j = 0; j < d; j++) {
                if (j != dim && (runnerUp < 0 || strength[j][k] > strength[runnerUp][k])) {
                    runnerUp = j;
                }
            }
            int competitor = -1;
            for (int other = 0; other < kf; other++) {
                if (other != k && (competitor < 0 || strength[dim][other] > strength[dim][competitor])) {
                    competitor = other;
                }
            }
            out.add(new Assignment(
                    factors.names().get(k),
                    dim,
                    strength[dim][k],
                    rho[dim][k],
                    runnerUp,
                    runnerUp < 0 ? Double.NaN : strength[runnerUp][k],
                    competitor < 0 ? null : factors.names().get(competitor),
                    competitor < 0 ? Double.NaN : strength[dim][competitor]));
        }
        return out;
    }
}
