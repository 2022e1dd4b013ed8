package org.vae4j.metrics.score;

import java.util.Arrays;
import org.vae4j.api.metrics.Factors;

/** Statistics on plain arrays shared by the scores. */
public final class Stats {
    private Stats() {}

    public static double mean(double[] a) {
        double s = 0;
        for (double v : a) {
            s += v;
        }
        return s / a.length;
    }

    public static double variance(double[] a) {
        double m = mean(a);
        double s = 0;
        for (double v : a) {
            s += (v - m) * (v - m);
        }
        return s / a.length;
    }

    /** Pearson correlation; 0 when either side is constant. */
    public static double pearson(double[] a, double[] b) {
        double ma = mean(a);
        double mb = mean(b);
        double sab = 0;
        double saa = 0;
        double sbb = 0;
        for (int i = 0; i < a.length; i++) {
            sab += (a[i] - ma) * (b[i] - mb);
            saa += (a[i] - ma) * (a[i] - ma);
            sbb += (b[i] - mb) * (b[i] - mb);
        }
        return saa == 0 || sbb == 0 ? 0 : sab / Math.sqrt(saa * sbb);
    }

    /** Ranks 1..n with ties given their average rank. */
    public static double[] ranks(double[] a) {
        Integer[] order = new Integer[a.length];
        for (int i = 0; i < a.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (x, y) -> Double.compare(a[x], a[y]));
        double[] r = new double[a.length];
        int i = 0;
        while (i < a.length) {
            int j = i;
            while (j + 1 < a.length && a[order[j + 1]] == a[order[i]]) {
                j++;
            }
            double rank = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) {
                r[order[k]] = rank;
            }
            i = j + 1;
        }
        return r;
    }

    public static double spearman(double[] a, double[] b) {
        return pearson(ranks(a), ranks(b));
    }

    public static double[] column(double[][] m, int j) {
        double[] out = new double[m.length];
        for (int i = 0; i < m.length; i++) {
            out[i] = m[i][j];
        }
        return out;
    }

    /** Equal-width bin index 0..bins-1 of each value over its range (all 0 for a constant column). */
    public static int[] bin(double[] a, int bins) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double v : a) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        int[] out = new int[a.length];
        if (!(hi > lo)) {
            return out;
        }
        for (int i = 0; i < a.length; i++) {
            out[i] = Math.min(bins - 1, (int) ((a[i] - lo) / (hi - lo) * bins));
        }
        return out;
    }

    /** Mutual information in nats of two discrete variables with values 0..na-1 and 0..nb-1. */
    public static double mutualInformation(int[] a, int[] b) {
        int na = Arrays.stream(a).max().orElse(0) + 1;
        int nb = Arrays.stream(b).max().orElse(0) + 1;
        double[][] joint = new double[na][nb];
        double[] pa = new double[na];
        double[] pb = new double[nb];
        int n = a.length;
        for (int i = 0; i < n; i++) {
            joint[a[i]][b[i]] += 1.0 / n;
            pa[a[i]] += 1.0 / n;
            pb[b[i]] += 1.0 / n;
        }
        double mi = 0;
        for (int x = 0; x < na; x++) {
            for (int y = 0; y < nb; y++) {
                if (joint[x][y] > 0) {
                    mi += joint[x][y] * Math.log(joint[x][y] / (pa[x] * pb[y]));
                }
            }
        }
        return Math.max(0, mi);
    }

    /** Entropy in nats of a discrete variable. */
    public static double entropy(int[] a) {
        int na = Arrays.stream(a).max().orElse(0) + 1;
        double[] p = new double[na];
        for (int v : a) {
            p[v] += 1.0 / a.length;
        }
        double h = 0;
        for (double q : p) {
            if (q > 0) {
                h -= q * Math.log(q);
            }
        }
        return h;
    }

    /** Entropy of a distribution (weights normalised here) with logarithms to base {@code base}. */
    public static double entropy(double[] weights, int base) {
        double sum = Arrays.stream(weights).sum();
        if (sum <= 0 || base < 2) {
            return 0;
        }
        double h = 0;
        for (double w : weights) {
            double p = w / sum;
            if (p > 0) {
                h -= p * Math.log(p);
            }
        }
        return h / Math.log(base);
    }

    /** Discretised factor values: classes for discrete factors, equal-width bins for continuous ones. */
    public static int[] discretise(Factors f, int k, int bins) {
        return f.discrete()[k] ? f.classes(k) : bin(f.column(k), bins);
    }

    /** MI matrix {@code [codes][factors]} in nats, codes and continuous factors binned. */
    public static double[][] mutualInformation(double[][] codes, Factors f, int bins) {
        int d = codes[0].length;
        int[][] binnedCodes = new int[d][];
        for (int j = 0; j < d; j++) {
            binnedCodes[j] = bin(column(codes, j), bins);
        }
        double[][] mi = new double[d][f.count()];
        for (int k = 0; k < f.count(); k++) {
            int[] v = discretise(f, k, bins);
            for (int j = 0; j < d; j++) {
                mi[j][k] = mutualInformation(binnedCodes[j], v);
            }
        }
        return mi;
    }

    public static double[][] rows(double[][] m, int[] idx) {
        double[][] out = new double[idx.length][];
        for (int i = 0; i < idx.length; i++) {
            out[i] = m[idx[i]];
        }
        return out;
    }

    public static double[] select(double[] a, int[] idx) {
        double[] out = new double[idx.length];
        for (int i = 0; i < idx.length; i++) {
            out[i] = a[idx[i]];
        }
        return out;
    }

    public static int[] select(int[] a, int[] idx) {
        int[] out = new int[idx.length];
        for (int i = 0; i < idx.length; i++) {
            out[i] = a[idx[i]];
        }
        return out;
    }
}
