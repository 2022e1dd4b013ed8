package org.vae4j.api.metrics;

import java.util.List;

/**
 * Labelled attributes (factors of variation) of N examples: K named columns, each continuous
 * (e.g. thickness) or discrete (e.g. the digit class, values 0..C-1).
 *
 * @param names the factor names
 * @param values {@code [N][K]}
 * @param discrete which columns are discrete (integer-valued classes)
 */
public record Factors(List<String> names, double[][] values, boolean[] discrete) {
    /**
     * Checks that every row has one value per name and copies the names.
     *
     * @throws IllegalArgumentException if they do not fit
     * @param names attribute names
     * @param values {@code [N][K]} factor values
     * @param discrete which columns are discrete
     */
    public Factors {
        names = List.copyOf(names);
        if (discrete.length != names.size()) {
            throw new IllegalArgumentException(names.size() + " factor names but " + discrete.length + " kinds");
        }
        for (double[] row : values) {
            if (row.length != names.size()) {
                throw new IllegalArgumentException("a row has " + row.length + " values, expected " + names.size());
            }
        }
    }

    /** {@return the number of examples} */
    public int size() {
        return values.length;
    }

    /** {@return the number of factors} */
    public int count() {
        return names.size();
    }

    /**
     * {@return factor {@code k} of every example}
     *
     * @param k the factor's column
     */
    public double[] column(int k) {
        double[] out = new double[values.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = values[i][k];
        }
        return out;
    }

    /**
     * {@return integer classes of a discrete column}
     *
     * @param k a discrete factor's column
     */
    public int[] classes(int k) {
        if (!discrete[k]) {
            throw new IllegalArgumentException("factor " + names.get(k) + " is continuous");
        }
        int[] out = new int[values.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (int) Math.round(values[i][k]);
            if (out[i] < 0) {
                throw new IllegalArgumentException("factor " + names.get(k) + " has a negative class " + out[i]);
            }
        }
        return out;
    }
}
