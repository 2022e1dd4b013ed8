package org.vae4j.core.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.vae4j.api.nn.Activation;
import org.vae4j.core.testkit.GradientCheck;

/**
 * Products shared between two threads (Products): layers large enough to share (64 rows x 128 x 128
 * = 2^20 multiply-adds; forward products in row halves, the weight gradient beside the input
 * gradient) must give the one-thread results up to rounding and pass the finite-difference
 * gradient checks in double precision; a column-major result is computed through its row-major
 * transpose and must equal the plain product.
 */
class ProductsTest {
    @AfterEach
    void oneThreadAgain() {
        Products.threads(1);
    }

    @Test
    void gradientsCheckOutWhenProductsAreSplit() {
        Products.threads(2);
        long before = Products.SPLIT.get();
        GradientCheck.checkEncoder(new MlpEncoder(128, List.of(128), 3, Activation.TANH), 64, 5);
        GradientCheck.checkDecoder(new MlpDecoder(3, List.of(128), 128, Activation.TANH), 64, 6);
        assertThat(Products.SPLIT.get() - before)
                .as("products computed in halves")
                .isGreaterThan(6);
    }

    @Test
    void halvesGiveTheOneCallResultsUpToRoundingInBothPrecisions() {
        for (DataType type : new DataType[] {DataType.DOUBLE, DataType.FLOAT}) {
            double tolerance = type == DataType.DOUBLE ? 1e-12 : 1e-5;
            INDArray[][] results = new INDArray[2][];
            for (int threads = 1; threads <= 2; threads++) {
                Products.threads(threads);
                long before = Products.SPLIT.get();
                MlpDecoder decoder = new MlpDecoder(3, List.of(128), 128, Activation.TANH);
                INDArray params = Nd4j.zeros(type, 1, decoder.numParams());
                INDArray grads = Nd4j.zeros(type, 1, decoder.numParams());
                decoder.bind(params, grads, true, Nd4j.getRandomFactory().getNewRandomInstance(9));
                Random r = new Random(3);
                INDArray z = GradientCheck.randn(r, 64, 3, 1).castTo(type);
                INDArray delta = GradientCheck.randn(r, 64, 128, 1).castTo(type);
                INDArray out = decoder.decode(z).dup();
                INDArray gradZ = decoder.backward(delta).dup();
                results[threads - 1] = new INDArray[] {out, gradZ, grads.dup()};
                assertThat(Products.SPLIT.get() > before)
                        .as(type + " split with " + threads + " thread(s)")
                        .isEqualTo(threads == 2);
            }
            for (int i = 0; i < 3; i++) {
                INDArray one = results[0][i].castTo(DataType.DOUBLE);
                INDArray two = results[1][i].castTo(DataType.DOUBLE);
                double scale = one.amaxNumber().doubleValue();
                assertThat(scale).isPositive();
                assertThat(two.sub(one).amaxNumber().doubleValue())
                        .as(type + " result " + i)
                        .isLessThanOrEqualTo(tolerance * scale);
            }
        }
    }

    @Test
    void aColumnMajorResultIsComputedThroughItsTransposeWithTheSameValues() {
        for (DataType type : new DataType[] {DataType.DOUBLE, DataType.FLOAT}) {
            Random r = new Random(11);
            INDArray a = GradientCheck.randn(r, 7, 5, 1).castTo(type);
            INDArray b = GradientCheck.randn(r, 7, 6, 1).castTo(type);
            INDArray prior = GradientCheck.randn(r, 5, 6, 1).castTo(type);
            for (boolean accumulate : new boolean[] {false, true}) {
                // c = a^T b (+ c): the weight gradient's shape, stored column-major as W's gradient is
                INDArray c = Nd4j.create(type, new long[] {5, 6}, 'f').assign(prior);
                Products.product(a, b, c, true, false, 1.0, accumulate ? 1.0 : 0.0);
                assertThat(c.ordering()).isEqualTo('f');
                INDArray expected = a.castTo(DataType.DOUBLE).transpose().mmul(b.castTo(DataType.DOUBLE));
                if (accumulate) {
                    expected.addi(prior.castTo(DataType.DOUBLE));
                }
                double tolerance = type == DataType.DOUBLE ? 1e-12 : 1e-5;
                assertThat(c.castTo(DataType.DOUBLE).sub(expected).amaxNumber().doubleValue())
                        .as(type + (accumulate ? ", accumulated" : ""))
                        .isLessThanOrEqualTo(tolerance);
                // and a b^T into a column-major c of shape [7, 7]: the other transposition flag
                INDArray d = Nd4j.create(type, new long[] {7, 7}, 'f');
                Products.product(a, a, d, false, true, 1.0, 0.0);
                INDArray expectedD =
                        a.castTo(DataType.DOUBLE).mmul(a.castTo(DataType.DOUBLE).transpose());
                assertThat(d.castTo(DataType.DOUBLE).sub(expectedD).amaxNumber().doubleValue())
                        .as(type + " a a^T")
                        .isLessThanOrEqualTo(tolerance);
            }
        }
    }

    @Test
    void smallProductsCallOpenBlasDirectlyOnViewsOfEveryLayoutWithTheExactValues() {
        for (DataType type : new DataType[] {DataType.DOUBLE, DataType.FLOAT}) {
            double tolerance = type == DataType.DOUBLE ? 1e-12 : 1e-5;
            Random r = new Random(5);
            // operands inside flat vectors at odd offsets, as W and its gradient are in a model
            INDArray flat = GradientCheck.randn(r, 1, 200, 1).castTo(type);
            INDArray cFlat = Nd4j.zeros(type, 1, 100);
            for (boolean transposeA : new boolean[] {false, true}) {
                for (boolean transposeB : new boolean[] {false, true}) {
                    for (char orderA : new char[] {'c', 'f'}) {
                        for (char orderB : new char[] {'c', 'f'}) {
                            for (char orderC : new char[] {'c', 'f'}) {
                                // op(A) is 4 x 3, op(B) 3 x 5, C 4 x 5
                                INDArray a = view(flat, 7, transposeA ? 3 : 4, transposeA ? 4 : 3, orderA);
                                INDArray b = view(flat, 31, transposeB ? 5 : 3, transposeB ? 3 : 5, orderB);
                                INDArray c = view(cFlat, 13, 4, 5, orderC);
                                INDArray prior = GradientCheck.randn(r, 4, 5, 1).castTo(type);
                                c.assign(prior);
                                INDArray da = a.castTo(DataType.DOUBLE);
                                INDArray db = b.castTo(DataType.DOUBLE);
                                INDArray expected = (transposeA ? da.transpose() : da)
                                        .mmul(transposeB ? db.transpose() : db)
                                        .muli(0.5)
                                        .addi(prior.castTo(DataType.DOUBLE).muli(2));
                                String what = type + " op(A) " + orderA + (transposeA ? "^T" : "") + ", op(B) " + orderB
                                        + (transposeB ? "^T" : "") + ", C " + orderC;
                                assertThat(Products.direct(a, b, c, transposeA, transposeB, 0.5, 2.0))
                                        .as(what)
                                        .isTrue();
                                assertThat(c.castTo(DataType.DOUBLE)
                                                .sub(expected)
                                                .amaxNumber()
                                                .doubleValue())
                                        .as(what)
                                        .isLessThanOrEqualTo(tolerance);
                                assertThat(cFlat.getDouble(0, 12))
                                        .as(what + ": nothing before C")
                                        .isZero();
                                assertThat(cFlat.getDouble(0, 33))
                                        .as(what + ": nothing after C")
                                        .isZero();
                            }
                        }
                    }
                }
            }
            // a vector's layout is not told by its strides: left to ND4J
            INDArray row = Nd4j.ones(type, 1, 3);
            assertThat(Products.direct(row, Nd4j.ones(type, 3, 5), Nd4j.zeros(type, 1, 5), false, false, 1, 0))
                    .isFalse();
        }
    }

    private static INDArray view(INDArray flat, long offset, long rows, long cols, char order) {
        return order == 'c'
                ? org.vae4j.api.nn.Views.rowMajorMatrix(flat, offset, rows, cols)
                : org.vae4j.api.nn.Views.matrix(flat, offset, rows, cols);
    }

    @Test
    void theDecodersOutputLayerInTheseTestsIsLargeEnoughToShare() {
        Products.threads(2);
        assertThat(Products.worthSharing(64L * 128 * 128)).isTrue();
        assertThat(Products.worthSharing(64L * 128 * 3)).isFalse();
        Products.threads(1);
        assertThat(Products.worthSharing(64L * 128 * 128)).isFalse();
    }

    @Test
    void whatTheSecondCoreThrowsReachesTheCallerAndTheWorkerCarriesOn() {
        Products.threads(2);
        assertThatThrownBy(() -> Products.inParallel(() -> {}, () -> {
                    throw new IllegalStateException("second half failed");
                }))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("second half failed");
        int[] ran = new int[2];
        Products.inParallel(() -> ran[0]++, () -> ran[1]++);
        assertThat(ran).containsExactly(1, 1);
    }
}
