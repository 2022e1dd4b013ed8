package org.vae4j.core.engine;

import org.nd4j.linalg.factory.Nd4j;

/** Process-wide ND4J settings, applied in one place from the run's configuration. */
public final class NativeRuntime {
    private NativeRuntime() {}

    /**
     * Sets the number of threads for matrix products and the optimizer update. Products are split
     * by columns between that many threads, each calling single-threaded BLAS ({@link
     * org.vae4j.core.nn.Products}): on the model's 100-row products that is faster than OpenBLAS's
     * own threads. ND4J's element-wise ops stay on one thread: on the model's 100x500 arrays
     * OpenMP's hand-off costs more than it saves (measured on 2 cores: 2,800 images/s with two
     * OpenMP threads against 8,000 with one). Measure with {@code ./vae bench --threads N}.
     */
    public static void setThreads(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        Nd4j.getEnvironment().setMaxMasterThreads(1);
        Nd4j.getEnvironment().setMaxThreads(1);
        org.vae4j.core.nn.Products.singleThreadedCaller();
        org.vae4j.core.nn.Products.threads(threads);
    }

    /**
     * {@return the build of ND4J's native library this process loaded, as its Maven classifier
     * (such as {@code linux-x86_64-onednn}, vae4j's default, or the plain {@code linux-x86_64}),
     * or "unknown"} Benchmarks report it: the two builds' matrix products differ in speed by about
     * two (docs/performance.md).
     */
    public static String nativeBuild() {
        Nd4j.getExecutioner(); // loads the backend
        String path = org.bytedeco.javacpp.Loader.getLoadedLibraries().get("nd4jcpu");
        if (path == null) {
            return "unknown";
        }
        java.nio.file.Path dir = java.nio.file.Path.of(path).getParent();
        return dir == null ? "unknown" : dir.getFileName().toString();
    }

    /**
     * {@return a one-line warning when ND4J's loaded native build is not the one vae4j was built
     * with (the two builds' products differ in speed by about two, and round differently), else
     * empty; nothing when either is unknown}
     *
     * @param loaded the loaded build ({@link #nativeBuild()})
     * @param expected the build vae4j was built with
     */
    public static java.util.Optional<String> buildMismatch(String loaded, String expected) {
        if (loaded.equals(expected) || "unknown".equals(loaded) || "unknown".equals(expected)) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of("warning: ND4J's native build " + loaded + " is loaded, but vae4j was built with "
                + expected + " (products differ in speed by about two, and in rounding): put nd4j-native's " + expected
                + " jar on the class path (declare nd4j-native with classifier " + expected + "; see docs/library.md)");
    }
}
