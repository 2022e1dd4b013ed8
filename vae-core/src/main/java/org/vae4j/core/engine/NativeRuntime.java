package org.vae4j.core.engine;

import org.nd4j.linalg.factory.Nd4j;

/** Process-wide ND4J settings, applied in one place from the run's configuration. */
public final class NativeRuntime {
    private NativeRuntime() {
    }

    /**
     * Sets the number of native threads for element-wise ops (OpenMP) and BLAS. On 2-core machines
     * one thread is often faster for this model's small element-wise ops; measure with
     * {@code ./vae bench --threads N}.
     */
    public static void setThreads(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        Nd4j.getEnvironment().setMaxMasterThreads(threads);
        Nd4j.getEnvironment().setMaxThreads(threads);
        Nd4j.factory().blas().setMaxThreads(threads);
    }
}
