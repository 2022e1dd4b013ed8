package org.vae4j.core.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.vae4j.api.nn.Activation;
import org.vae4j.api.nn.GaussianCode;
import org.vae4j.api.nn.Views;
import org.vae4j.core.testkit.GradientCheck;

/**
 * The single-precision fast paths against exact references: java.lang.Math in double precision,
 * and the double-precision ND4J paths that the gradient checks cover.
 */
class FloatKernelsTest {

    @Test
    void tanhSigmoidAndSoftplusAreWithinAFewUlpOfExactValues() {
        double tanhErr = 0;
        double sigmoidErr = 0;
        double softplusErr = 0;
        for (int i = -3_000_000; i <= 3_000_000; i++) {
            float x = i * 1e-5f;
            tanhErr = Math.max(tanhErr, Math.abs(FloatKernels.tanh(x) - Math.tanh(x)));
            sigmoidErr = Math.max(sigmoidErr, Math.abs(FloatKernels.sigmoid(x) - 1 / (1 + Math.exp(-x))));
            double softplus = Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
            softplusErr = Math.max(softplusErr, Math.abs(FloatKernels.softplus(x) - softplus) / Math.max(1, softplus));
        }
        assertThat(tanhErr).isLessThan(5e-7);
        assertThat(sigmoidErr).isLessThan(3e-7);
        assertThat(softplusErr).isLessThan(5e-7);
    }

    @Test
    void extremeInputsSaturateAndNanPropagates() {
        assertThat(FloatKernels.tanh(1e6f)).isCloseTo(1f, offset(1e-6f));
        assertThat(FloatKernels.tanh(Float.NEGATIVE_INFINITY)).isCloseTo(-1f, offset(1e-6f));
        assertThat(FloatKernels.softplus(1e4f)).isEqualTo(1e4f);
        assertThat(FloatKernels.softplus(-1e4f)).isCloseTo(0f, offset(1e-6f));
        assertThat(FloatKernels.softplus(Float.POSITIVE_INFINITY)).isInfinite();
        // The trainer stops on a non-finite loss: the fast paths must not hide a NaN.
        assertThat(FloatKernels.tanh(Float.NaN)).isNaN();
        assertThat(FloatKernels.sigmoid(Float.NaN)).isNaN();
        assertThat(FloatKernels.softplus(Float.NaN)).isNaN();
    }

    @Test
    void onlyContiguousFloatArraysTakeTheFastPath() {
        assertThat(FloatKernels.applies(Nd4j.create(DataType.FLOAT, 3, 4))).isTrue();
        assertThat(FloatKernels.applies(Nd4j.create(DataType.DOUBLE, 3, 4))).isFalse();
        assertThat(FloatKernels.applies(Nd4j.create(DataType.FLOAT, new long[] {3, 4}, 'f')))
                .isFalse();
        assertThat(FloatKernels.applies(Nd4j.create(DataType.FLOAT, 3, 4).transpose()))
                .isFalse();
        // A layer's bias: a row view into the middle of the flat parameter vector.
        assertThat(FloatKernels.applies(Views.row(Nd4j.create(DataType.FLOAT, 1, 100), 10, 50)))
                .isTrue();
        assertThat(FloatKernels.applies(Nd4j.create(DataType.FLOAT, 6, 4)
                        .get(
                                org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 2, 6),
                                org.nd4j.linalg.indexing.NDArrayIndex.all())))
                .isFalse();
    }

    @Test
    void bernoulliMatchesTheDoublePrecisionPath() {
        Random r = new Random(11);
        int rows = 7;
        int cols = 784;
        INDArray x = GradientCheck.uniform(r, rows, cols);
        // Logits from small to saturated, as a trained decoder produces.
        INDArray logits = GradientCheck.randn(r, rows, cols, 12);
        INDArray exact = Nd4j.create(DataType.DOUBLE, rows);
        BernoulliLikelihood reference = new BernoulliLikelihood();
        reference.negLogLikelihood(x, logits, exact);
        INDArray fast = Nd4j.create(DataType.FLOAT, rows);
        BernoulliLikelihood single = new BernoulliLikelihood();
        single.negLogLikelihood(x.castTo(DataType.FLOAT), logits.castTo(DataType.FLOAT), fast);
        for (int i = 0; i < rows; i++) {
            assertThat(fast.getDouble(i))
                    .as("row " + i)
                    .isCloseTo(exact.getDouble(i), offset(2e-5 * exact.getDouble(i)));
        }

        INDArray exactGrad = Nd4j.create(DataType.DOUBLE, rows, cols);
        reference.gradient(x, logits, 0.25, exactGrad);
        INDArray fastGrad = Nd4j.create(DataType.FLOAT, rows, cols);
        single.gradient(x.castTo(DataType.FLOAT), logits.castTo(DataType.FLOAT), 0.25, fastGrad);
        double maxDiff =
                fastGrad.castTo(DataType.DOUBLE).sub(exactGrad).amaxNumber().doubleValue();
        assertThat(maxDiff).isLessThan(2e-7);
    }

    @Test
    void aNanLogitMakesItsRowsLossNanInTheVectorisedLoop() {
        // Wide rows, so the value goes through the JIT-vectorised loops, not only the scalar tail.
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, 784);
        INDArray logits = Nd4j.randn(DataType.FLOAT, 2, 784);
        logits.putScalar(0, 300, Float.NaN);
        INDArray out = Nd4j.create(DataType.FLOAT, 2);
        BernoulliLikelihood bernoulli = new BernoulliLikelihood();
        for (int i = 0; i < 20_000; i++) { // long enough for C2 to compile the loops
            bernoulli.negLogLikelihood(x, logits, out);
        }
        assertThat(out.getFloat(0)).isNaN();
        assertThat(Float.isFinite(out.getFloat(1))).isTrue();
    }

    @ParameterizedTest
    @EnumSource(Activation.class)
    void mlpForwardMatchesTheDoublePrecisionPath(Activation activation) {
        MlpEncoder doubleEncoder = new MlpEncoder(30, List.of(40), 3, activation);
        MlpEncoder floatEncoder = new MlpEncoder(30, List.of(40), 3, activation);
        INDArray params = GradientCheck.bindDouble(doubleEncoder, 5)[0];
        floatEncoder.bind(params.castTo(DataType.FLOAT), Nd4j.create(DataType.FLOAT, params.shape()), false, null);
        INDArray input = GradientCheck.randn(new Random(3), 6, 30, 5);
        GaussianCode exact = doubleEncoder.encode(input);
        GaussianCode fast = floatEncoder.encode(input.castTo(DataType.FLOAT));
        assertThat(fast.mean()
                        .castTo(DataType.DOUBLE)
                        .sub(exact.mean())
                        .amaxNumber()
                        .doubleValue())
                .isLessThan(1e-5);
        assertThat(fast.logVariance()
                        .castTo(DataType.DOUBLE)
                        .sub(exact.logVariance())
                        .amaxNumber()
                        .doubleValue())
                .isLessThan(1e-5);
    }

    @ParameterizedTest
    @EnumSource(Activation.class)
    void mlpBackwardMatchesTheDoublePrecisionPath(Activation activation) {
        MlpDecoder doubleDecoder = new MlpDecoder(3, List.of(40, 30), 50, activation);
        MlpDecoder floatDecoder = new MlpDecoder(3, List.of(40, 30), 50, activation);
        INDArray[] exact = GradientCheck.bindDouble(doubleDecoder, 8);
        INDArray floatGrads = Nd4j.create(DataType.FLOAT, exact[1].shape());
        floatDecoder.bind(exact[0].castTo(DataType.FLOAT), floatGrads, false, null);
        Random r = new Random(4);
        INDArray z = GradientCheck.randn(r, 6, 3, 2);
        INDArray gradOut = GradientCheck.randn(r, 6, 50, 1);
        doubleDecoder.decode(z);
        INDArray exactInputGrad = doubleDecoder.backward(gradOut.dup()).dup();
        floatDecoder.decode(z.castTo(DataType.FLOAT));
        INDArray fastInputGrad = floatDecoder.backward(gradOut.castTo(DataType.FLOAT));
        double scale = exact[1].amaxNumber().doubleValue();
        assertThat(scale).isPositive();
        assertThat(floatGrads.castTo(DataType.DOUBLE).sub(exact[1]).amaxNumber().doubleValue())
                .isLessThan(1e-5 * scale);
        assertThat(fastInputGrad
                        .castTo(DataType.DOUBLE)
                        .sub(exactInputGrad)
                        .amaxNumber()
                        .doubleValue())
                .isLessThan(1e-5 * exactInputGrad.amaxNumber().doubleValue());
    }

    @Test
    void gaussianLikelihoodMatchesTheDoublePrecisionPath() {
        Random r = new Random(21);
        int rows = 5;
        int cols = 784;
        INDArray x = GradientCheck.uniform(r, rows, cols);
        INDArray params = GradientCheck.randn(r, rows, 2L * cols, 1.5);
        GaussianLikelihood reference = new GaussianLikelihood();
        GaussianLikelihood single = new GaussianLikelihood();
        INDArray exact = Nd4j.create(DataType.DOUBLE, rows);
        reference.negLogLikelihood(x, params, exact);
        INDArray fast = Nd4j.create(DataType.FLOAT, rows);
        single.negLogLikelihood(x.castTo(DataType.FLOAT), params.castTo(DataType.FLOAT), fast);
        for (int i = 0; i < rows; i++) {
            assertThat(fast.getDouble(i))
                    .as("row " + i)
                    .isCloseTo(exact.getDouble(i), offset(1e-5 * Math.abs(exact.getDouble(i))));
        }
        INDArray exactGrad = Nd4j.create(DataType.DOUBLE, rows, 2L * cols);
        reference.gradient(x, params, 0.3, exactGrad);
        INDArray fastGrad = Nd4j.create(DataType.FLOAT, rows, 2L * cols);
        single.gradient(x.castTo(DataType.FLOAT), params.castTo(DataType.FLOAT), 0.3, fastGrad);
        double scale = exactGrad.amaxNumber().doubleValue();
        assertThat(fastGrad.castTo(DataType.DOUBLE).sub(exactGrad).amaxNumber().doubleValue())
                .isLessThan(1e-6 * scale);
    }
}
