package org.vae4j.core.nn;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas_nolapack;
import org.nd4j.linalg.api.blas.params.MMulTranspose;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.reduce.Mmul;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Matrix products on two cores. ND4J computes them with oneDNN (the {@code linux-x86_64-onednn}
 * build of nd4j-native), whose AVX-512 kernels take about half as long as the plain build's
 * OpenBLAS on this model's 100-row products (100x500x784 in float on the reference machine: 0.44-0.47
 * against 0.90-0.94 ms), but only for a result in row-major order ({@link #product}).
 *
 * <p>With two threads, a product that computes a layer's output is split by the result's rows,
 * {@code C[half, :] = A[half, :] B}, the first half on the calling thread and the second on a
 * worker thread ({@link Split}): 0.31-0.35 ms for the product above, against
 * 0.34-0.50 ms for halves split by columns, whose strided results oneDNN computes more slowly. A
 * layer's weight gradient and its input gradient, which need only the incoming gradient, the input
 * and W, run side by side instead, one call on each thread ({@link Dense}).
 *
 * <p>The worker spins between tasks instead of sleeping: on the reference machine (a virtual
 * machine) waking a parked thread costs about as much as the half product it would compute
 * (100x784x500 with OpenBLAS: halves handed to a thread-pool executor 1.08 ms, to the spinning
 * worker 0.60-0.65 ms). It parks after {@link #SPIN_NANOS} without work, so an idle process uses
 * no CPU.
 *
 * <p>With one thread (the default of study trials) every product is one call. With two, the halves
 * may round differently from the whole product (up to about 1e-6 relative), so results differ from
 * one thread's in float rounding. Products below {@link #MIN_WORK} multiply-adds (the latent heads,
 * the decoder's first layer) are one call, straight to OpenBLAS ({@link #direct}). When the worker
 * is busy with another model's product, the caller computes both halves itself.
 */
public final class Products {
    /** Products below this many multiply-adds run as one call. */
    static final long MIN_WORK = 1L << 20;
    /** Each half keeps at least this many rows. */
    static final int MIN_ROWS = 16;
    /** How long the worker spins without work before it parks. */
    static final long SPIN_NANOS = 20_000_000L;

    private static volatile int threads = 1;
    private static Worker worker;
    /** Products computed in two halves so far (for tests). */
    static final java.util.concurrent.atomic.AtomicLong SPLIT = new java.util.concurrent.atomic.AtomicLong();

    private Products() {}

    /**
     * Sets the threads that share each large product: 1 (one BLAS call), or 2 and more (two halves
     * on two threads). BLAS itself must be single-threaded ({@link #singleThreadedCaller()}).
     *
     * @param count threads, at least 1
     */
    public static synchronized void threads(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + count);
        }
        if (count > 1 && worker == null) {
            singleThreadedCaller(); // loads ND4J here, before the worker's first native call
            worker = new Worker();
        }
        threads = count;
    }

    /** {@return the threads that share each large product (1 or 2)} */
    public static int threads() {
        return Math.min(2, threads);
    }

    /**
     * Runs {@code first} on the calling thread and {@code second} on the product worker at the same
     * time (both on the caller when the worker is missing or busy): for other work that splits in
     * two, such as the optimizer update, which would otherwise compete with the spinning worker
     * for the second core.
     *
     * @param first work for the calling thread
     * @param second work for the second core
     */
    public static void inParallel(Runnable first, Runnable second) {
        Worker w = worker;
        if (threads < 2 || w == null || !w.claim()) {
            first.run();
            second.run();
            return;
        }
        w.submit(second);
        try {
            first.run();
        } finally {
            w.await();
        }
    }

    /**
     * Makes BLAS and libnd4j calls from the current thread single-threaded (libnd4j's OpenMP thread
     * count is a per-thread setting).
     */
    public static void singleThreadedCaller() {
        // Nd4j first: it loads the native backend, which NativeOpsHolder alone cannot
        Nd4j.factory().blas().setMaxThreads(1);
        org.nd4j.nativeblas.NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(1);
    }

    /** The second core's thread: runs one task at a time, spinning while it waits for the next. */
    static final class Worker implements Runnable {
        private final AtomicBoolean owned = new AtomicBoolean();
        private final Thread thread;
        private volatile Runnable task;
        private volatile boolean parked;
        private volatile Throwable failure;

        Worker() {
            thread = new Thread(this, "vae4j-product");
            thread.setDaemon(true);
            thread.start();
        }

        /** Claims the worker for one task; false when another caller holds it. */
        boolean claim() {
            return owned.compareAndSet(false, true);
        }

        void submit(Runnable r) {
            task = r;
            if (parked) {
                LockSupport.unpark(thread);
            }
        }

        /** Waits for the submitted task, releases the worker, and rethrows what the task threw. */
        void await() {
            while (task != null) {
                if (!thread.isAlive()) {
                    owned.set(false);
                    throw new IllegalStateException("the thread for the second half of matrix products has died");
                }
                Thread.onSpinWait();
            }
            Throwable t = failure;
            failure = null;
            owned.set(false);
            if (t instanceof RuntimeException r) {
                throw r;
            }
            if (t instanceof Error e) {
                throw e;
            }
            if (t != null) {
                throw new IllegalStateException("a matrix product failed: " + t, t);
            }
        }

        @Override
        public void run() {
            try {
                singleThreadedCaller();
            } catch (Throwable t) {
                failure = t; // reported to the first caller; the worker still runs its tasks
            }
            long idleSince = System.nanoTime();
            while (true) {
                Runnable r = task;
                if (r != null) {
                    try {
                        r.run();
                    } catch (Throwable t) {
                        failure = t;
                    }
                    task = null;
                    idleSince = System.nanoTime();
                } else if (System.nanoTime() - idleSince > SPIN_NANOS) {
                    parked = true;
                    if (task == null) {
                        LockSupport.park(this);
                    }
                    parked = false;
                    idleSince = System.nanoTime();
                } else {
                    Thread.onSpinWait();
                }
            }
        }
    }

    /**
     * {@code c = alpha * op(a) op(b) + beta * c} as one call, with C in row-major order: a C stored
     * column-major (W's gradient, a column-major view) is computed as {@code C^T = op(b)^T op(a)^T}
     * into its row-major transpose. oneDNN, which computes ND4J's products, takes about half as long
     * for a row-major C (100x784x500 in float: 0.43 against 0.82 ms). Products below {@link
     * #MIN_WORK} multiply-adds go straight to OpenBLAS ({@link #direct}).
     */
    static void product(
            INDArray a, INDArray b, INDArray c, boolean transposeA, boolean transposeB, double alpha, double beta) {
        long k = transposeA ? a.size(0) : a.size(1);
        if (c.size(0) * c.size(1) * k < MIN_WORK && direct(a, b, c, transposeA, transposeB, alpha, beta)) {
            return;
        }
        if (c.ordering() == 'f' && c.rank() == 2 && c.size(0) > 1 && c.size(1) > 1) {
            Nd4j.gemm(b, a, c.transpose(), !transposeB, !transposeA, alpha, beta);
        } else {
            Nd4j.gemm(a, b, c, transposeA, transposeB, alpha, beta);
        }
    }

    /**
     * {@code c = alpha * op(a) op(b) + beta * c} with one call of OpenBLAS's {@code cblas_sgemm} or
     * {@code cblas_dgemm} on the arrays' memory, for matrices with one unit stride each; false (and
     * nothing done) otherwise. For small products ND4J's op costs more than the product: the latent
     * heads' 100x500x10 took 21-25 us this way against 54-73 us through {@link Nd4j#gemm}, their
     * input gradient 14-19 against 32-55 us. The same OpenBLAS that ND4J loads, so its thread count
     * ({@link #singleThreadedCaller}) applies.
     */
    static boolean direct(
            INDArray a, INDArray b, INDArray c, boolean transposeA, boolean transposeB, double alpha, double beta) {
        DataType type = c.dataType();
        if ((type != DataType.FLOAT && type != DataType.DOUBLE)
                || a.dataType() != type
                || b.dataType() != type
                || a.rank() != 2
                || b.rank() != 2
                || c.rank() != 2
                || c.size(0) < 2
                || c.size(1) < 2) {
            return false;
        }
        if (c.stride(1) != 1) {
            // column-major C: compute its row-major transpose
            return c.stride(0) == 1 && direct(b, a, c.transpose(), !transposeB, !transposeA, alpha, beta);
        }
        int transA = cblasTranspose(a, transposeA);
        int transB = cblasTranspose(b, transposeB);
        if (transA < 0 || transB < 0 || start(a) < 0 || start(b) < 0 || start(c) < 0) {
            return false;
        }
        int m = (int) c.size(0);
        int n = (int) c.size(1);
        int k = (int) (transposeA ? a.size(0) : a.size(1));
        int lda = (int) leadingDimension(a);
        int ldb = (int) leadingDimension(b);
        int ldc = c.stride(0);
        if (type == DataType.FLOAT) {
            openblas_nolapack.cblas_sgemm(
                    openblas_nolapack.CblasRowMajor,
                    transA,
                    transB,
                    m,
                    n,
                    k,
                    (float) alpha,
                    floats(a),
                    lda,
                    floats(b),
                    ldb,
                    (float) beta,
                    floats(c),
                    ldc);
        } else {
            openblas_nolapack.cblas_dgemm(
                    openblas_nolapack.CblasRowMajor,
                    transA,
                    transB,
                    m,
                    n,
                    k,
                    alpha,
                    doubles(a),
                    lda,
                    doubles(b),
                    ldb,
                    beta,
                    doubles(c),
                    ldc);
        }
        return true;
    }

    /** CBLAS's transposition flag for {@code x} read row-major, or -1 when neither stride is 1. */
    private static int cblasTranspose(INDArray x, boolean transposed) {
        if (x.size(0) < 2 || x.size(1) < 2) {
            return -1; // a vector's strides do not tell its layout
        }
        if (x.stride(1) == 1) {
            return transposed ? openblas_nolapack.CblasTrans : openblas_nolapack.CblasNoTrans;
        }
        if (x.stride(0) == 1) {
            // column-major: read row-major, it is the transpose
            return transposed ? openblas_nolapack.CblasNoTrans : openblas_nolapack.CblasTrans;
        }
        return -1;
    }

    private static long leadingDimension(INDArray x) {
        return x.stride(1) == 1 ? x.stride(0) : x.stride(1);
    }

    /**
     * Where x's first element lies from its buffer's address, in elements, or -1 when x has no
     * buffer of its own. A view's buffer (as ND4J 1.0.0-M2.1 makes them) already starts at the
     * view's offset, so this is usually 0.
     */
    private static long start(INDArray x) {
        DataBuffer data = x.data();
        if (data == null) {
            return -1;
        }
        long start = x.offset() - data.offset();
        return start >= 0 && start + (x.size(0) - 1) * x.stride(0) + (x.size(1) - 1) * x.stride(1) < data.length()
                ? start
                : -1;
    }

    private static FloatPointer floats(INDArray x) {
        return new FloatPointer(x.data().addressPointer()).position(start(x));
    }

    private static DoublePointer doubles(INDArray x) {
        return new DoublePointer(x.data().addressPointer()).position(start(x));
    }

    /** {@return whether a product of this many multiply-adds is worth sharing between two threads} */
    static boolean worthSharing(long multiplyAdds) {
        return threads >= 2 && multiplyAdds >= MIN_WORK;
    }

    /**
     * One product site's halves of A and C, made once and reused while they stay the same arrays
     * (B is not split): creating views costs about as much as a small product.
     */
    static final class Split {
        private INDArray a;
        private INDArray c;
        private INDArray a0;
        private INDArray a1;
        private INDArray c0;
        private INDArray c1;

        /**
         * {@code c = alpha * a b + beta * c}, as {@link Nd4j#gemm}; with two threads, each computes
         * half of C's rows (half of A's).
         */
        void gemm(INDArray a, INDArray b, INDArray c, double alpha, double beta) {
            long m = c.size(0);
            if (!worthSharing(m * c.size(1) * a.size(1)) || m < 2L * MIN_ROWS) {
                product(a, b, c, false, false, alpha, beta);
                return;
            }
            if (a != this.a || c != this.c) {
                long h = m / 2;
                a0 = a.get(NDArrayIndex.interval(0, h), NDArrayIndex.all());
                a1 = a.get(NDArrayIndex.interval(h, m), NDArrayIndex.all());
                c0 = c.get(NDArrayIndex.interval(0, h), NDArrayIndex.all());
                c1 = c.get(NDArrayIndex.interval(h, m), NDArrayIndex.all());
                this.a = a;
                this.c = c;
            }
            SPLIT.incrementAndGet();
            MMulTranspose mt = MMulTranspose.builder().build();
            INDArray firstA = a0;
            INDArray firstC = c0;
            INDArray secondA = a1;
            INDArray secondC = c1;
            // Nd4j.gemm refuses a view that is not contiguous (a row block of a column-major C); the
            // op it wraps takes one. Always halves with two threads, even when the worker is busy,
            // so results depend only on the thread count.
            inParallel(
                    () -> Nd4j.exec(new Mmul(firstA, b, firstC, alpha, beta, mt)),
                    () -> Nd4j.exec(new Mmul(secondA, b, secondC, alpha, beta, mt)));
        }
    }
}
