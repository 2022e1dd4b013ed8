package org.vae4j.core.nn;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.nd4j.linalg.api.blas.params.MMulTranspose;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.reduce.Mmul;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Matrix products on two cores, split by the result's columns: {@code C[:, half] = op(A)
 * op(B)[:, half]}, the first half on the calling thread, the second on a worker thread, each with
 * single-threaded BLAS. Each thread packs only its half of B, where OpenBLAS's own threads each
 * pack all of it.
 *
 * <p>The worker spins between products instead of sleeping: on the reference machine (a virtual
 * machine) waking a parked thread costs about as much as the half product it would compute.
 * Measured there for 100x784x500 in float, per product: one thread 0.92-1.08 ms, the halves
 * handed to a thread-pool executor 1.08 ms, handed to the spinning worker 0.60-0.65 ms. It parks
 * after {@link #SPIN_NANOS} without work, so an idle process uses no CPU.
 *
 * <p>With one thread (the default of study trials) every product is one BLAS call, as before.
 * With two, BLAS rounds a half's elements differently from the whole product's (up to about 1e-6
 * relative), so results differ from one thread's in float rounding. Products below {@link
 * #MIN_WORK} multiply-adds (the latent heads) are one call. When the worker is busy with another
 * model's product, the caller computes both halves itself.
 */
public final class Products {
    /** Products below this many multiply-adds run as one call. */
    static final long MIN_WORK = 1L << 20;
    /** Each half keeps at least this many columns. */
    static final int MIN_COLUMNS = 16;
    /** How long the worker spins without work before it parks. */
    static final long SPIN_NANOS = 20_000_000L;
    private static volatile int threads = 1;
    private static Worker worker;
    /** Products computed in two halves so far (for tests). */
    static final java.util.concurrent.atomic.AtomicLong SPLIT = new java.util.concurrent.atomic.AtomicLong();

    private Products() {
    }

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
            singleThreadedCaller();   // loads ND4J here, before the worker's first native call
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
                failure = t;   // reported to the first caller; the worker still runs its tasks
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
     * One product site's halves of B and C, made once and reused while they stay the same arrays
     * (A is not split): creating views costs about as much as a small product.
     */
    static final class Split {
        private INDArray b;
        private INDArray c;
        private boolean transposeB;
        private INDArray b0;
        private INDArray b1;
        private INDArray c0;
        private INDArray c1;

        /** {@code c = alpha * op(a) op(b) + beta * c}, as {@link Nd4j#gemm}. */
        void gemm(INDArray a, INDArray b, INDArray c, boolean transposeA, boolean transposeB, double alpha,
                  double beta) {
            long m = c.size(0);
            long n = c.size(1);
            long k = transposeA ? a.size(0) : a.size(1);
            if (threads < 2 || m * n * k < MIN_WORK || n < 2L * MIN_COLUMNS) {
                Nd4j.gemm(a, b, c, transposeA, transposeB, alpha, beta);
                return;
            }
            if (b != this.b || c != this.c || transposeB != this.transposeB) {
                long h = n / 2;
                c0 = c.get(NDArrayIndex.all(), NDArrayIndex.interval(0, h));
                c1 = c.get(NDArrayIndex.all(), NDArrayIndex.interval(h, n));
                b0 = transposeB ? b.get(NDArrayIndex.interval(0, h), NDArrayIndex.all())
                        : b.get(NDArrayIndex.all(), NDArrayIndex.interval(0, h));
                b1 = transposeB ? b.get(NDArrayIndex.interval(h, n), NDArrayIndex.all())
                        : b.get(NDArrayIndex.all(), NDArrayIndex.interval(h, n));
                this.b = b;
                this.c = c;
                this.transposeB = transposeB;
            }
            SPLIT.incrementAndGet();
            MMulTranspose mt = MMulTranspose.builder().transposeA(transposeA).transposeB(transposeB).build();
            INDArray first = b0;
            INDArray firstOut = c0;
            INDArray second = b1;
            INDArray secondOut = c1;
            // Nd4j.gemm refuses a strided C (a column block of a row-major matrix); the op it wraps
            // takes one, and BLAS writes it in place through its leading dimension. Always halves
            // with two threads, even when the worker is busy, so results depend only on the count.
            inParallel(() -> Nd4j.exec(new Mmul(a, first, firstOut, alpha, beta, mt)),
                    () -> Nd4j.exec(new Mmul(a, second, secondOut, alpha, beta, mt)));
        }
    }
}
