package org.vae4j.metrics.score;

import java.util.random.RandomGenerator;

/**
 * numpy's legacy {@code RandomState(seed)}: the MT19937 generator seeded as {@code init_genrand}, with
 * {@code randint(n)} drawn as numpy draws bounded integers (32-bit words masked to the smallest
 * covering power of two, rejected until in range). The intervention scores draw their factors with
 * it so that they draw exactly what disentanglement_lib draws for the same seed.
 */
public final class NumpyRandom implements RandomGenerator {
    private static final int N = 624;
    private static final int M = 397;
    private final int[] mt = new int[N];
    private int pos;

    /**
     * {@code numpy.random.RandomState(seed)}.
     *
     * @param seed in {@code [0, 2^32)}, as numpy accepts
     */
    public NumpyRandom(long seed) {
        if (seed < 0 || seed > 0xFFFFFFFFL) {
            throw new IllegalArgumentException("seed must be between 0 and 2^32 - 1, got " + seed);
        }
        int s = (int) seed;
        for (int i = 0; i < N; i++) {
            mt[i] = s;
            s = 1812433253 * (s ^ (s >>> 30)) + i + 1;
        }
        pos = N;
    }

    private void generate() {
        for (int i = 0; i < N; i++) {
            int y = (mt[i] & 0x80000000) | (mt[(i + 1) % N] & 0x7fffffff);
            mt[i] = mt[(i + M) % N] ^ (y >>> 1) ^ ((y & 1) == 0 ? 0 : 0x9908b0df);
        }
        pos = 0;
    }

    /** {@return the next 32-bit word of MT19937 (numpy's {@code next_uint32})} */
    public int nextUint32() {
        if (pos >= N) {
            generate();
        }
        int y = mt[pos++];
        y ^= y >>> 11;
        y ^= (y << 7) & 0x9d2c5680;
        y ^= (y << 15) & 0xefc60000;
        y ^= y >>> 18;
        return y;
    }

    @Override
    public int nextInt() {
        return nextUint32();
    }

    @Override
    public long nextLong() {
        return ((long) nextUint32() << 32) | (nextUint32() & 0xFFFFFFFFL);
    }

    /**
     * {@code randint(bound)}: a uniform integer in {@code [0, bound)}, drawn as numpy's legacy
     * generator draws it (no word is consumed when {@code bound} is 1).
     *
     * @param bound the exclusive upper bound, at least 1
     * @return the integer
     */
    @Override
    public int nextInt(int bound) {
        if (bound < 1) {
            throw new IllegalArgumentException("bound must be positive, got " + bound);
        }
        long rng = bound - 1L;
        if (rng == 0) {
            return 0;
        }
        long mask = rng;
        mask |= mask >>> 1;
        mask |= mask >>> 2;
        mask |= mask >>> 4;
        mask |= mask >>> 8;
        mask |= mask >>> 16;
        long value;
        do {
            value = nextUint32() & mask;
        } while (value > rng);
        return (int) value;
    }

    /**
     * {@code sample_factors}: {@code n} combinations of levels, each factor drawn for all {@code n}
     * rows before the next factor ({@code randint(size, size=n)} per factor), as disentanglement_lib's
     * state spaces draw them.
     *
     * @param n how many combinations
     * @param sizes the levels of each factor
     * @return {@code [n][factors]} levels
     */
    public int[][] sampleFactors(int n, int[] sizes) {
        int[][] out = new int[n][sizes.length];
        for (int k = 0; k < sizes.length; k++) {
            for (int i = 0; i < n; i++) {
                out[i][k] = nextInt(sizes[k]);
            }
        }
        return out;
    }
}
