package org.vae4j.analysis;

import java.util.List;

/**
 * Mean and sample standard deviation over seeds.
 *
 * @param mean the mean of the finite values (NaN when there are none)
 * @param sd their sample standard deviation (0 for one value)
 * @param n how many finite values
 */
public record Spread(double mean, double sd, int n) {
    /**
     * {@return the spread of the finite values among {@code values}}
     *
     * @param values the values; nulls, NaN and infinities are left out
     */
    public static Spread of(List<Double> values) {
        List<Double> finite =
                values.stream().filter(v -> v != null && Double.isFinite(v)).toList();
        int n = finite.size();
        if (n == 0) {
            return new Spread(Double.NaN, Double.NaN, 0);
        }
        double mean = finite.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
        double ss = finite.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum();
        return new Spread(mean, n > 1 ? Math.sqrt(ss / (n - 1)) : 0, n);
    }
}
