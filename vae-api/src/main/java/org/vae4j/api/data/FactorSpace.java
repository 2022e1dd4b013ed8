package org.vae4j.api.data;

import java.util.ArrayList;
import java.util.List;

/**
 * The ground-truth factors of a dataset, in order, e.g. dSprites' shape, scale, orientation, posX
 * and posY. A full grid of the factors is numbered as a mixed-radix number of the level indices,
 * the last factor fastest ({@link #index(int[])}), which is dSprites' own order.
 *
 * @param factors the factors, at least one, with distinct names
 */
public record FactorSpace(List<Factor> factors) {
    /**
     * Checks the factors and copies the list.
     *
     * @param factors the factors
     * @throws IllegalArgumentException if there is none or two share a name
     */
    public FactorSpace {
        factors = List.copyOf(factors);
        if (factors.isEmpty()) {
            throw new IllegalArgumentException("a factor space needs at least one factor");
        }
        if (factors.stream().map(Factor::name).distinct().count() != factors.size()) {
            throw new IllegalArgumentException(
                    "factor names repeat: " + factors.stream().map(Factor::name).toList());
        }
    }

    /**
     * {@return a space of these factors}
     *
     * @param factors the factors, in order
     */
    public static FactorSpace of(Factor... factors) {
        return new FactorSpace(List.of(factors));
    }

    /** {@return the number of factors} */
    public int count() {
        return factors.size();
    }

    /**
     * {@return factor {@code k}}
     *
     * @param k the factor's position
     */
    public Factor factor(int k) {
        return factors.get(k);
    }

    /** {@return the factors' names, in order} */
    public List<String> names() {
        List<String> out = new ArrayList<>();
        factors.forEach(f -> out.add(f.name()));
        return out;
    }

    /** {@return the number of levels of each factor} */
    public int[] sizes() {
        return factors.stream().mapToInt(Factor::levels).toArray();
    }

    /** {@return the number of level combinations (the size of the full grid)} */
    public long combinations() {
        long n = 1;
        for (Factor f : factors) {
            n *= f.levels();
        }
        return n;
    }

    /**
     * Checks a combination of levels.
     *
     * @param levels one level per factor
     * @throws IllegalArgumentException naming the factor and its accepted levels, if one is outside its range
     */
    public void check(int[] levels) {
        if (levels.length != factors.size()) {
            throw new IllegalArgumentException(
                    levels.length + " factor levels given, expected " + factors.size() + " " + names());
        }
        for (int k = 0; k < levels.length; k++) {
            Factor f = factors.get(k);
            if (levels[k] < 0 || levels[k] >= f.levels()) {
                throw new IllegalArgumentException("factor " + f.name() + " level " + levels[k]
                        + " is outside the grid; it takes levels 0.." + (f.levels() - 1));
            }
        }
    }

    /**
     * {@return the position of a combination in the full grid: the mixed-radix number of its levels, last factor fastest}
     *
     * @param levels one level per factor
     * @throws IllegalArgumentException if a level is outside its factor's range
     */
    public long index(int[] levels) {
        check(levels);
        long index = 0;
        for (int k = 0; k < levels.length; k++) {
            index = index * factors.get(k).levels() + levels[k];
        }
        return index;
    }

    /**
     * {@return the levels of the combination at a position of the full grid (the inverse of {@link #index})}
     *
     * @param index a position in {@code [0, combinations())}
     */
    public int[] levels(long index) {
        if (index < 0 || index >= combinations()) {
            throw new IllegalArgumentException("grid position " + index + " outside 0.." + (combinations() - 1));
        }
        int[] out = new int[factors.size()];
        long rest = index;
        for (int k = factors.size() - 1; k >= 0; k--) {
            int n = factors.get(k).levels();
            out[k] = (int) (rest % n);
            rest /= n;
        }
        return out;
    }
}
