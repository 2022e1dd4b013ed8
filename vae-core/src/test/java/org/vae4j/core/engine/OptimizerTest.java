package org.vae4j.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.vae4j.api.OptimizerKind;

class OptimizerTest {
    /** Adam written out from Kingma and Ba (and PyTorch's implementation), in double precision. */
    @Test
    void adamMatchesTheReferenceUpdate() {
        double[] p = {0.5, -1.0, 2.0};
        double[][] grads = {{0.1, -0.2, 0.3}, {-0.05, 0.4, 0.0}, {0.2, 0.2, -0.1}};
        double lr = 0.01;
        double[] m = new double[3];
        double[] v = new double[3];
        double[] ref = p.clone();
        for (int t = 1; t <= grads.length; t++) {
            for (int i = 0; i < 3; i++) {
                double g = grads[t - 1][i];
                m[i] = 0.9 * m[i] + 0.1 * g;
                v[i] = 0.999 * v[i] + 0.001 * g * g;
                double mh = m[i] / (1 - Math.pow(0.9, t));
                double vh = v[i] / (1 - Math.pow(0.999, t));
                ref[i] -= lr * mh / (Math.sqrt(vh) + 1e-8);
            }
        }
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            INDArray params = Nd4j.createFromArray(new double[][] {p}).castTo(type);
            Optimizer adam = new Optimizer(OptimizerKind.ADAM, lr, 3, 1);
            for (double[] g : grads) {
                adam.step(params, Nd4j.createFromArray(new double[][] {g}).castTo(type));
            }
            for (int i = 0; i < 3; i++) {
                assertThat(params.getDouble(0, i)).as(type + " p[" + i + "]").isCloseTo(ref[i], offset(1e-6));
            }
            assertThat(adam.iteration()).isEqualTo(3);
        }
    }

    @Test
    void adagradMatchesTheReferenceUpdate() {
        double[] g1 = {0.1, -0.2};
        double[] g2 = {0.3, 0.1};
        double lr = 0.1;
        INDArray params = Nd4j.createFromArray(new double[][] {{1, 1}});
        Optimizer opt = new Optimizer(OptimizerKind.ADAGRAD, lr, 2, 1);
        opt.step(params, Nd4j.createFromArray(new double[][] {g1}));
        opt.step(params, Nd4j.createFromArray(new double[][] {g2}));
        for (int i = 0; i < 2; i++) {
            double s1 = g1[i] * g1[i];
            double s2 = s1 + g2[i] * g2[i];
            double expected = 1 - lr * g1[i] / (Math.sqrt(s1) + 1e-10) - lr * g2[i] / (Math.sqrt(s2) + 1e-10);
            assertThat(params.getDouble(0, i)).isCloseTo(expected, offset(1e-9));
        }
    }

    @Test
    void parallelUpdateEqualsSerialUpdate() {
        // pieces taken by the calling thread and the products' worker, in both precisions; 200,003
        // parameters: the last piece is short
        org.vae4j.core.nn.Products.threads(2);
        try {
            for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
                int n = 200_003;
                INDArray a = Nd4j.rand(type, 1, n);
                INDArray b = a.dup();
                INDArray g = Nd4j.rand(type, 1, n).subi(0.5);
                Optimizer serial = new Optimizer(OptimizerKind.ADAM, 1e-3, n, 1);
                Optimizer parallel = new Optimizer(OptimizerKind.ADAM, 1e-3, n, 2);
                for (int i = 0; i < 3; i++) {
                    serial.step(a, g.dup());
                    parallel.step(b, g.dup());
                }
                assertThat(a.equals(b)).as(type.toString()).isTrue();
                assertThat(parallel.state()[0]).as(type + " first moment").isEqualTo(serial.state()[0]);
                assertThat(parallel.state()[1]).as(type + " second moment").isEqualTo(serial.state()[1]);
            }
        } finally {
            org.vae4j.core.nn.Products.threads(1);
        }
    }

    @Test
    void updatesOnlyTheViewItIsGiven() {
        // Parameters and gradients are views into larger buffers; the update copies ranges in and
        // out of heap arrays, so an offset error would write outside the view.
        int n = 20_000;
        INDArray whole = Nd4j.rand(DataType.FLOAT, 1, n + 10);
        INDArray before = whole.dup();
        INDArray params = whole.get(
                org.nd4j.linalg.indexing.NDArrayIndex.point(0),
                org.nd4j.linalg.indexing.NDArrayIndex.interval(7, 7 + n));
        INDArray gradWhole = Nd4j.rand(DataType.FLOAT, 1, n + 3).subi(0.5);
        INDArray grads = gradWhole.get(
                org.nd4j.linalg.indexing.NDArrayIndex.point(0),
                org.nd4j.linalg.indexing.NDArrayIndex.interval(3, 3 + n));
        INDArray reference = params.dup();
        new Optimizer(OptimizerKind.ADAM, 1e-2, n, 1).step(params, grads);
        new Optimizer(OptimizerKind.ADAM, 1e-2, n, 1).step(reference, grads.dup());
        assertThat(params.equals(reference)).isTrue();
        assertThat(params.equals(before.get(
                        org.nd4j.linalg.indexing.NDArrayIndex.point(0),
                        org.nd4j.linalg.indexing.NDArrayIndex.interval(7, 7 + n))))
                .isFalse();
        for (int i : new int[] {0, 1, 2, 3, 4, 5, 6, n + 7, n + 8, n + 9}) {
            assertThat(whole.getFloat(0, i)).as("element " + i).isEqualTo(before.getFloat(0, i));
        }
    }

    @Test
    void manyOptimizersShareTheirWorkerThreads() {
        // A study or a library user creates an optimizer per run; each used to start its own pool.
        int n = 100_000;
        INDArray params = Nd4j.rand(DataType.FLOAT, 1, n);
        INDArray grads = Nd4j.rand(DataType.FLOAT, 1, n).subi(0.5);
        new Optimizer(OptimizerKind.ADAM, 1e-3, n, 2).step(params, grads);
        long before = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("ForkJoinPool-"))
                .count();
        for (int i = 0; i < 50; i++) {
            new Optimizer(OptimizerKind.ADAM, 1e-3, n, 2).step(params, grads);
        }
        long after = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("ForkJoinPool-"))
                .count();
        assertThat(after - before).isLessThanOrEqualTo(2);
    }
}
