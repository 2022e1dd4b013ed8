package org.vae4j.core.nn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.vae4j.api.nn.Activation;
import org.vae4j.api.nn.GaussianCode;
import org.vae4j.core.testkit.GradientCheck;

/**
 * The encoder's first layer over the input's non-zero entries (SparseInput): finite-difference
 * gradient checks in double precision with and without zeros in the input, and the float kernels
 * against double precision and against the dense products, on one thread and on two.
 */
class SparseInputTest {
    private static final int IN = 60;
    private static final int HIDDEN = 48;
    private static final int LATENT = 3;

    @BeforeEach
    void doubleTakesTheSparseSums() {
        SparseInput.inDouble = true;
    }

    @AfterEach
    void defaults() {
        SparseInput.maxDensity = 0.5;
        SparseInput.inDouble = false;
        Products.threads(1);
    }

    /**
     * Uniform inputs of which {@code zeros} are set to 0, with row 1 all zeros and column 2 zero in
     * every row (an empty row and an empty column of the compressed input).
     */
    private static INDArray inputs(int batch, double zeros, long seed) {
        Random r = new Random(seed);
        INDArray x = GradientCheck.uniform(r, batch, IN);
        for (int b = 0; b < batch; b++) {
            for (int j = 0; j < IN; j++) {
                if (b == 1 || j == 2 || r.nextDouble() < zeros) {
                    x.putScalar(b, j, 0.0);
                }
            }
        }
        return x;
    }

    private static MlpEncoder encoder() {
        return new MlpEncoder(IN, List.of(HIDDEN), LATENT, Activation.TANH);
    }

    @Test
    void gradientsCheckOutOnInputsWithZeros() {
        MlpEncoder encoder = encoder();
        GradientCheck.checkEncoder(encoder, inputs(10, 0.8, 1), 5);
        assertThat(encoder.inputLayer().sparse.used())
                .as("forward passes over the non-zero inputs")
                .isPositive();
    }

    @Test
    void gradientsCheckOutOnInputsWithoutZeros() {
        SparseInput.maxDensity = 1.0; // dense inputs take the sparse path too
        MlpEncoder encoder = encoder();
        INDArray x = GradientCheck.uniform(new Random(2), 10, IN).addi(0.1);
        GradientCheck.checkEncoder(encoder, x, 6);
        assertThat(encoder.inputLayer().sparse.used()).isPositive();
    }

    @Test
    void denseBatchesTakeTheDenseProducts() {
        MlpEncoder encoder = encoder();
        GradientCheck.checkEncoder(encoder, inputs(10, 0.2, 3), 7);
        assertThat(encoder.inputLayer().sparse.used()).as("80%-dense batches").isZero();
    }

    /** Runs one forward and backward pass; returns mean, log-variance and the parameter gradient. */
    private static INDArray[] pass(DataType type, INDArray x, boolean sparse) {
        SparseInput.maxDensity = sparse ? 1.0 : -1.0;
        MlpEncoder encoder = encoder();
        INDArray params = Nd4j.zeros(type, 1, encoder.numParams());
        INDArray grads = Nd4j.zeros(type, 1, encoder.numParams());
        encoder.bind(params, grads, true, Nd4j.getRandomFactory().getNewRandomInstance(11));
        Random r = new Random(4);
        INDArray gm = GradientCheck.randn(r, x.size(0), LATENT, 1).castTo(type);
        INDArray gv = GradientCheck.randn(r, x.size(0), LATENT, 1).castTo(type);
        GaussianCode q = encoder.encode(x.castTo(type));
        INDArray mean = q.mean().dup();
        INDArray logVar = q.logVariance().dup();
        encoder.backward(gm, gv);
        assertThat(encoder.inputLayer().sparse.used())
                .as(type + (sparse ? " sparse" : " dense"))
                .isEqualTo(sparse ? 1 : 0);
        return new INDArray[] {mean, logVar, grads.dup()};
    }

    private static void assertClose(String what, INDArray[] expected, INDArray[] actual, double tolerance) {
        for (int i = 0; i < expected.length; i++) {
            INDArray e = expected[i].castTo(DataType.DOUBLE);
            INDArray a = actual[i].castTo(DataType.DOUBLE);
            double scale = e.amaxNumber().doubleValue();
            assertThat(scale).isPositive();
            assertThat(a.sub(e).amaxNumber().doubleValue())
                    .as(what + ", result " + i)
                    .isLessThanOrEqualTo(tolerance * scale);
        }
    }

    @Test
    void floatKernelsGiveTheDoubleAndTheDenseResultsOnOneThreadAndTwo() {
        for (double zeros : new double[] {0.0, 0.8}) {
            INDArray x = inputs(20, zeros, 8);
            INDArray[] doubleDense = pass(DataType.DOUBLE, x, false);
            assertClose("double sparse, zeros " + zeros, doubleDense, pass(DataType.DOUBLE, x, true), 1e-12);
            for (int threads = 1; threads <= 2; threads++) {
                Products.threads(threads);
                String what = "float, " + threads + " thread(s), zeros " + zeros;
                INDArray[] floatSparse = pass(DataType.FLOAT, x, true);
                assertClose(what + " against double", doubleDense, floatSparse, 1e-5);
                assertClose(what + " against float dense", pass(DataType.FLOAT, x, false), floatSparse, 1e-5);
            }
        }
    }

    @Test
    void aNewBatchSizeIsCompressedAfresh() {
        SparseInput.maxDensity = 1.0;
        INDArray small = inputs(3, 0.5, 9);
        INDArray large = inputs(30, 0.5, 10);
        INDArray[] expectedSmall = pass(DataType.FLOAT, small, false);
        INDArray[] expectedLarge = pass(DataType.FLOAT, large, false);
        MlpEncoder encoder = encoder();
        INDArray params = Nd4j.zeros(DataType.FLOAT, 1, encoder.numParams());
        INDArray grads = Nd4j.zeros(DataType.FLOAT, 1, encoder.numParams());
        encoder.bind(params, grads, true, Nd4j.getRandomFactory().getNewRandomInstance(11));
        SparseInput.maxDensity = 1.0;
        for (INDArray[] expected : List.of(expectedLarge, expectedSmall, expectedLarge)) {
            INDArray x = (expected == expectedSmall ? small : large).castTo(DataType.FLOAT);
            Random r = new Random(4);
            INDArray gm = GradientCheck.randn(r, x.size(0), LATENT, 1).castTo(DataType.FLOAT);
            INDArray gv = GradientCheck.randn(r, x.size(0), LATENT, 1).castTo(DataType.FLOAT);
            GaussianCode q = encoder.encode(x);
            INDArray[] got = {q.mean().dup(), q.logVariance().dup(), null};
            encoder.backward(gm, gv);
            got[2] = grads.dup();
            assertClose("batch of " + x.size(0), expected, got, 1e-5);
        }
    }

    @Test
    void parametersOfCheckpointFormatOneAreReorderedIntoTheFirstLayersRows() {
        MlpEncoder encoder = new MlpEncoder(3, List.of(2), 1, Activation.TANH);
        float[] flat = new float[(int) encoder.numParams() + 4]; // and four of a decoder's, untouched
        for (int i = 0; i < flat.length; i++) {
            flat[i] = i;
        }
        encoder.fromFormat1(flat);
        // format 1 held W[j][k] at j + 3k; the first layer now holds it at 2j + k
        assertThat(java.util.Arrays.copyOf(flat, 6)).containsExactly(0, 3, 1, 4, 2, 5);
        for (int i = 6; i < flat.length; i++) {
            assertThat(flat[i]).isEqualTo(i);
        }
        INDArray params = Nd4j.zeros(DataType.FLOAT, 1, encoder.numParams());
        encoder.bind(params, params.dup(), true, Nd4j.getRandomFactory().getNewRandomInstance(1));
        assertThat(encoder.inputLayer().weights().ordering())
                .as("the first layer's W")
                .isEqualTo('c');
        assertThat(encoder.inputLayer().weights().stride()).containsExactly(2, 1);
    }

    @Test
    void doublePrecisionTakesTheDenseProductsUnlessAsked() {
        SparseInput.inDouble = false;
        MlpEncoder encoder = encoder();
        GradientCheck.checkEncoder(encoder, inputs(10, 0.8, 12), 13);
        assertThat(encoder.inputLayer().sparse.used()).isZero();
    }

    @Test
    void batchesAboveTheRowLimitTakeTheDenseProducts() {
        MlpEncoder encoder = encoder();
        INDArray params = Nd4j.zeros(DataType.FLOAT, 1, encoder.numParams());
        INDArray grads = Nd4j.zeros(DataType.FLOAT, 1, encoder.numParams());
        encoder.bind(params, grads, true, Nd4j.getRandomFactory().getNewRandomInstance(11));
        encoder.encode(inputs(SparseInput.MAX_ROWS, 0.8, 14).castTo(DataType.FLOAT));
        assertThat(encoder.inputLayer().sparse.used()).isEqualTo(1);
        encoder.encode(inputs(SparseInput.MAX_ROWS + 1, 0.8, 15).castTo(DataType.FLOAT));
        assertThat(encoder.inputLayer().sparse.used()).isEqualTo(1);
    }
}
