package org.vae4j.metrics.score;

import org.vae4j.api.metrics.Factors;

/** Pearson and Spearman correlation matrices {@code [codes][factors]} between codes and factors. */
public final class Correlations {
    private Correlations() {}

    public static double[][] pearson(double[][] codes, Factors factors) {
        int d = codes[0].length;
        double[][] out = new double[d][factors.count()];
        for (int k = 0; k < factors.count(); k++) {
            double[] v = factors.column(k);
            for (int j = 0; j < d; j++) {
                out[j][k] = Stats.pearson(Stats.column(codes, j), v);
            }
        }
        return out;
    }

    public static double[][] spearman(double[][] codes, Factors factors) {
        int d = codes[0].length;
        double[][] codeRanks = new double[d][];
        for (int j = 0; j < d; j++) {
            codeRanks[j] = Stats.ranks(Stats.column(codes, j));
        }
        double[][] out = new double[d][factors.count()];
        for (int k = 0; k < factors.count(); k++) {
            double[] v = Stats.ranks(factors.column(k));
            for (int j = 0; j < d; j++) {
                out[j][k] = Stats.pearson(codeRanks[j], v);
            }
        }
        return out;
    }
}
