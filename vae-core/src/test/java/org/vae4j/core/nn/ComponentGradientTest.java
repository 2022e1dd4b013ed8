package org.vae4j.core.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

class ComponentGradientTest {

    @ParameterizedTest
    @EnumSource(Activation.class)
    void mlpEncoderGradients(Activation activation) {
        GradientCheck.checkEncoder(new MlpEncoder(7, List.of(6, 5), 3, activation), 4, 1);
    }

    @ParameterizedTest
    @EnumSource(Activation.class)
    void mlpDecoderGradients(Activation activation) {
        GradientCheck.checkDecoder(new MlpDecoder(3, List.of(5, 6), 7, activation), 4, 2);
    }

    @Test
    void encoderWithoutHiddenLayersIsLinear() {
        GradientCheck.checkEncoder(new MlpEncoder(5, List.of(), 2, Activation.TANH), 3, 3);
        GradientCheck.checkDecoder(new MlpDecoder(2, List.of(), 5, Activation.TANH), 3, 3);
    }

    @Test
    void bernoulliGradient() {
        GradientCheck.checkLikelihood(new BernoulliLikelihood(), GradientCheck.uniform(new Random(4), 3, 8), 4);
    }

    @Test
    void gaussianLikelihoodGradient() {
        GradientCheck.checkLikelihood(new GaussianLikelihood(), GradientCheck.uniform(new Random(5), 3, 8), 5);
    }

    @Test
    void standardNormalPriorGradient() {
        GradientCheck.checkPrior(new StandardNormalPrior(4), 3, 6);
    }

    @Test
    void gaussianKlGradient() {
        GradientCheck.checkDivergence(new GaussianKl(), 3, 4, 7);
    }

    @Test
    void bernoulliMatchesClosedFormIncludingExtremeLogits() {
        INDArray x = Nd4j.createFromArray(new double[][] {{0, 1, 0.3, 1, 0}});
        INDArray logits = Nd4j.createFromArray(new double[][] {{-2, 3, 0.5, -200, 200}});
        INDArray out = Nd4j.create(DataType.DOUBLE, 1);
        new BernoulliLikelihood().negLogLikelihood(x, logits, out);
        double expected = 0;
        double[] xs = {0, 1, 0.3, 1, 0};
        double[] ls = {-2, 3, 0.5, -200, 200};
        for (int i = 0; i < 5; i++) {
            // softplus(l) - x l, computed stably
            expected += Math.max(ls[i], 0) + Math.log1p(Math.exp(-Math.abs(ls[i]))) - xs[i] * ls[i];
        }
        assertThat(out.getDouble(0)).isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void componentsFollowAChangeOfDataWidth() {
        BernoulliLikelihood bernoulli = new BernoulliLikelihood();
        GaussianLikelihood gaussian = new GaussianLikelihood();
        GaussianKl kl = new GaussianKl();
        Random r = new Random(9);
        for (int width : new int[] {8, 5}) {
            INDArray x = GradientCheck.uniform(r, 3, width);
            INDArray out = Nd4j.create(DataType.DOUBLE, 3);
            bernoulli.negLogLikelihood(x, GradientCheck.randn(r, 3, width, 1), out);
            assertThat(out.getDouble(0)).isPositive();
            gaussian.negLogLikelihood(x, GradientCheck.randn(r, 3, 2L * width, 1), out);
            assertThat(Double.isFinite(out.getDouble(0))).isTrue();
            INDArray mean = GradientCheck.randn(r, 3, width, 1);
            kl.value(new GaussianCode(mean, GradientCheck.randn(r, 3, width, 0.5)), mean, out);
            assertThat(out.getDouble(0)).isPositive();
        }
    }

    @Test
    void gaussianKlMatchesClosedForm() {
        INDArray mean = Nd4j.createFromArray(new double[][] {{0.5, -1}});
        INDArray logVar = Nd4j.createFromArray(new double[][] {{0.2, -0.3}});
        INDArray out = Nd4j.create(DataType.DOUBLE, 1);
        new GaussianKl().value(new GaussianCode(mean, logVar), mean, out);
        double expected = 0.5 * (0.25 + Math.exp(0.2) - 1 - 0.2) + 0.5 * (1 + Math.exp(-0.3) - 1 + 0.3);
        assertThat(out.getDouble(0)).isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-12));
    }

    @Test
    void standardNormalLogDensityMatchesClosedForm() {
        INDArray z = Nd4j.createFromArray(new double[][] {{0.5, -1, 2}});
        INDArray out = Nd4j.create(DataType.DOUBLE, 1);
        new StandardNormalPrior(3).logDensity(z, out);
        double expected = -0.5 * (0.25 + 1 + 4) - 1.5 * Math.log(2 * Math.PI);
        assertThat(out.getDouble(0)).isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-12));
    }

    @Test
    void encoderRejectsWrongInputWidth() {
        MlpEncoder encoder = new MlpEncoder(5, List.of(4), 2, Activation.TANH);
        GradientCheck.bindDouble(encoder, 1);
        assertThatThrownBy(() -> encoder.encode(Nd4j.zeros(DataType.DOUBLE, 2, 6)))
                .hasMessageContaining("expects 5 inputs, got 6");
    }

    @Test
    void parameterViewsShareTheModelVector() {
        INDArray flat = Nd4j.zeros(DataType.FLOAT, 1, 20);
        INDArray m = Views.matrix(flat, 4, 3, 2);
        m.putScalar(1, 1, 5f);
        // column-major: element (1,1) is at 4 + 1 + 1*3
        assertThat(flat.getFloat(0, 8)).isEqualTo(5f);
    }
}
