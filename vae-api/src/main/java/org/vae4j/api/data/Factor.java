package org.vae4j.api.data;

import java.util.Objects;

/**
 * A ground-truth factor of variation with a finite number of levels, e.g. dSprites' {@code scale}
 * with six levels 0.5 .. 1. Images carry the factor as a level index in {@code [0, levels())};
 * {@link #values()} gives what each level means in the factor's own units.
 *
 * @param name a stable lower-case name, e.g. {@code scale}
 * @param values the value of each level, at least one
 */
public record Factor(String name, double[] values) {
    /**
     * Checks the name and copies the values.
     *
     * @param name the factor's name
     * @param values each level's value
     * @throws IllegalArgumentException if there is no level
     */
    public Factor {
        Objects.requireNonNull(name, "name");
        if (values.length < 1) {
            throw new IllegalArgumentException("factor " + name + " has no level");
        }
        values = values.clone();
    }

    /**
     * A factor whose levels are the integers {@code 0 .. levels - 1}, e.g. a class.
     *
     * @param name the factor's name
     * @param levels how many levels
     * @return the factor
     */
    public static Factor levels(String name, int levels) {
        double[] v = new double[levels];
        for (int i = 0; i < levels; i++) {
            v[i] = i;
        }
        return new Factor(name, v);
    }

    /**
     * A factor of {@code levels} equally spaced values from {@code first} to {@code last}
     * (numpy's {@code linspace}), e.g. dSprites' scale {@code linspace(0.5, 1, 6)}.
     *
     * @param name the factor's name
     * @param first the first level's value
     * @param last the last level's value
     * @param levels how many levels, at least 1
     * @return the factor
     */
    public static Factor linspace(String name, double first, double last, int levels) {
        double[] v = new double[levels];
        for (int i = 0; i < levels; i++) {
            v[i] = levels == 1 ? first : first + (last - first) * i / (levels - 1);
        }
        return new Factor(name, v);
    }

    /** {@return the number of levels} */
    public int levels() {
        return values.length;
    }

    /** {@return the values of the levels (a copy)} */
    @Override
    public double[] values() {
        return values.clone();
    }

    /**
     * {@return the value of a level}
     *
     * @param level a level in {@code [0, levels())}
     */
    public double value(int level) {
        return values[level];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Factor f && f.name.equals(name) && java.util.Arrays.equals(f.values, values);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + java.util.Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return name + " (" + values.length + " levels)";
    }
}
