package org.vae4j.core.engine;

import org.nd4j.linalg.factory.Nd4j;

/** Process-wide ND4J settings, applied in one place from the run's configuration. */
public final class NativeRuntime {
    private NativeRuntime() {
    }

    /**
     * Sets the number of threads for matrix products (BLAS) and the optimizer update. ND4J's
     * element-wise ops stay on one thread: on the model's 100x500 arrays OpenMP's hand-off costs
     * more than it saves (measured on 2 cores: 2,800 images/s with two OpenMP threads against 8,000
     * with one). Measure with {@code ./vae bench --threads N}.
     */
    public static void setThreads(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        Nd4j.getEnvironment().setMaxMasterThreads(1);
        Nd4j.getEnvironment().setMaxThreads(1);
        Nd4j.factory().blas().setMaxThreads(threads);
    }
}
