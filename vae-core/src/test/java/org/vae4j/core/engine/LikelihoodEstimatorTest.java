package org.vae4j.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;
import org.vae4j.api.Objective;
import org.vae4j.api.VaeModel;
import org.vae4j.api.data.Dataset;
import org.vae4j.api.nn.Decoder;
import org.vae4j.api.nn.Encoder;
import org.vae4j.api.nn.GaussianCode;
import org.vae4j.core.nn.GaussianKl;
import org.vae4j.core.nn.GaussianLikelihood;
import org.vae4j.core.nn.StandardNormalPrior;

/**
 * A linear-Gaussian model, z ~ N(0, I), x | z ~ N(W z + b, s2 I), whose W has orthogonal columns,
 * so the true posterior is a diagonal Gaussian the encoder can represent exactly. Then every
 * importance weight equals p(x), and the estimate must equal the closed form log N(x; b, W W' + s2 I)
 * for any K.
 */
class LikelihoodEstimatorTest {
    private static final double[][] W = {{0.8, 0.5}, {0.8, -0.5}, {0.0, 1.0}};
    private static final double[] B = {0.1, -0.2, 0.3};
    private static final double S2 = 0.3;

    /** Posterior variances 1 / (1 + |w_j|^2 / s2), scaled by {@code wrongScale} to make q imperfect. */
    private static double[] posteriorVariance() {
        double[] v = new double[2];
        for (int j = 0; j < 2; j++) {
            double norm = 0;
            for (int r = 0; r < 3; r++) {
                norm += W[r][j] * W[r][j];
            }
            v[j] = 1 / (1 + norm / S2);
        }
        return v;
    }

    private static VaeModel model(double meanShift, double varianceScale) {
        double[] v = posteriorVariance();
        Encoder encoder = new Encoder() {
            @Override
            public int inputSize() {
                return 3;
            }

            @Override
            public int latentDims() {
                return 2;
            }

            @Override
            public long numParams() {
                return 0;
            }

            @Override
            public void bind(INDArray params, INDArray grads, boolean initialize, Random rng) {}

            @Override
            public GaussianCode encode(INDArray x) {
                long n = x.size(0);
                INDArray mean = Nd4j.create(DataType.DOUBLE, n, 2);
                INDArray logVar = Nd4j.create(DataType.DOUBLE, n, 2);
                for (long i = 0; i < n; i++) {
                    for (int j = 0; j < 2; j++) {
                        double m = 0;
                        for (int r = 0; r < 3; r++) {
                            m += W[r][j] * (x.getDouble(i, r) - B[r]);
                        }
                        mean.putScalar(i, j, v[j] * m / S2 + meanShift);
                        logVar.putScalar(i, j, Math.log(v[j] * varianceScale));
                    }
                }
                return new GaussianCode(mean, logVar);
            }

            @Override
            public void backward(INDArray gradMean, INDArray gradLogVariance) {
                throw new UnsupportedOperationException();
            }
        };
        Decoder decoder = new Decoder() {
            @Override
            public int inputSize() {
                return 2;
            }

            @Override
            public int outputSize() {
                return 6;
            }

            @Override
            public long numParams() {
                return 0;
            }

            @Override
            public void bind(INDArray params, INDArray grads, boolean initialize, Random rng) {}

            @Override
            public INDArray decode(INDArray z) {
                long n = z.size(0);
                INDArray out = Nd4j.create(DataType.DOUBLE, n, 6);
                for (long i = 0; i < n; i++) {
                    for (int r = 0; r < 3; r++) {
                        out.putScalar(i, r, W[r][0] * z.getDouble(i, 0) + W[r][1] * z.getDouble(i, 1) + B[r]);
                        out.putScalar(i, 3 + r, Math.log(S2));
                    }
                }
                return out;
            }

            @Override
            public INDArray backward(INDArray gradOutput) {
                throw new UnsupportedOperationException();
            }
        };
        return new VaeModel(
                encoder,
                decoder,
                new GaussianLikelihood(),
                new StandardNormalPrior(2),
                new GaussianKl(),
                Objective.negativeElbo());
    }

    /** log N(x; b, W W' + s2 I) with a 3x3 Cholesky factorisation. */
    private static double exactLogLikelihood(float[] x) {
        double[][] c = new double[3][3];
        for (int r = 0; r < 3; r++) {
            for (int s = 0; s < 3; s++) {
                c[r][s] = W[r][0] * W[s][0] + W[r][1] * W[s][1] + (r == s ? S2 : 0);
            }
        }
        double[][] l = new double[3][3];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j <= i; j++) {
                double sum = c[i][j];
                for (int k = 0; k < j; k++) {
                    sum -= l[i][k] * l[j][k];
                }
                l[i][j] = i == j ? Math.sqrt(sum) : sum / l[j][j];
            }
        }
        double[] y = new double[3];
        double logDet = 0;
        double quad = 0;
        for (int i = 0; i < 3; i++) {
            double sum = x[i] - B[i];
            for (int k = 0; k < i; k++) {
                sum -= l[i][k] * y[k];
            }
            y[i] = sum / l[i][i];
            quad += y[i] * y[i];
            logDet += 2 * Math.log(l[i][i]);
        }
        return -0.5 * (3 * Math.log(2 * Math.PI) + logDet + quad);
    }

    private static Dataset data(int n) {
        java.util.Random r = new java.util.Random(4);
        float[] pixels = new float[n * 3];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = r.nextFloat();
        }
        return new Dataset("points", n, 1, 3, pixels, null, 0);
    }

    @Test
    void withTheTruePosteriorEveryEstimateIsExactForAnyK() {
        Dataset d = data(7);
        LikelihoodEstimator estimator = new LikelihoodEstimator(model(0, 1), DataType.DOUBLE);
        // 7,200 exceeds one chunk of samples (5,000 rows): every weight is p(x), so drawing more or
        // fewer samples than K would shift the estimate by log(drawn / K)
        for (int k : new int[] {1, 3, 250, 7200}) {
            double[] estimates = estimator.estimate(d, 7, k, 11, done -> {});
            for (int i = 0; i < 7; i++) {
                float[] x = java.util.Arrays.copyOfRange(d.pixels(), i * 3, i * 3 + 3);
                assertThat(estimates[i]).as("image %d, K=%d", i, k).isCloseTo(exactLogLikelihood(x), within(1e-9));
            }
        }
    }

    @Test
    void withAnImperfectPosteriorTheBoundRisesWithKTowardsTheTruth() {
        Dataset d = data(40);
        LikelihoodEstimator estimator = new LikelihoodEstimator(model(0.4, 2.5), DataType.DOUBLE);
        double exact = 0;
        for (int i = 0; i < 40; i++) {
            exact += exactLogLikelihood(java.util.Arrays.copyOfRange(d.pixels(), i * 3, i * 3 + 3)) / 40;
        }
        double k1 = mean(estimator.estimate(d, 40, 1, 3, done -> {}));
        double k20 = mean(estimator.estimate(d, 40, 20, 3, done -> {}));
        double k5000 = mean(estimator.estimate(d, 40, 5000, 3, done -> {}));
        assertThat(k1).isLessThan(k20);
        assertThat(k20).isLessThan(k5000);
        assertThat(exact - k1).isGreaterThan(0.1);
        assertThat(k5000).isCloseTo(exact, within(0.02));
    }

    @Test
    void aPartialLastBatchIsEstimatedAndProgressCountsImages() {
        Dataset d = data(45); // K = 250 gives batches of 20 images: 20, 20 and a last one of 5
        java.util.List<Integer> progress = new java.util.ArrayList<>();
        double[] estimates =
                new LikelihoodEstimator(model(0, 1), DataType.DOUBLE).estimate(d, 45, 250, 11, progress::add);
        assertThat(progress).containsExactly(20, 40, 45);
        for (int i : new int[] {0, 39, 40, 44}) {
            assertThat(estimates[i])
                    .as("image %d", i)
                    .isCloseTo(
                            exactLogLikelihood(java.util.Arrays.copyOfRange(d.pixels(), i * 3, i * 3 + 3)),
                            within(1e-9));
        }
    }

    @Test
    void farFromTheModelTheWeightsDoNotUnderflow() {
        // points 40 units from the mean: log weights near -8,000, where exp() underflows to 0 unless
        // the sum is taken relative to the largest weight
        float[] pixels = {40, -40, 40, 41, 39, -40};
        Dataset d = new Dataset("far", 2, 1, 3, pixels, null, 0);
        double[] estimates = new LikelihoodEstimator(model(0, 1), DataType.DOUBLE).estimate(d, 2, 30, 5, done -> {});
        for (int i = 0; i < 2; i++) {
            double exact = exactLogLikelihood(java.util.Arrays.copyOfRange(pixels, i * 3, i * 3 + 3));
            assertThat(exact).isLessThan(-1000);
            assertThat(estimates[i]).as("image %d", i).isCloseTo(exact, within(1e-6 * Math.abs(exact)));
        }
    }

    private static double mean(double[] a) {
        return java.util.Arrays.stream(a).average().orElseThrow();
    }

    @Test
    void tileRowsStacksCopiesOfTheRowsForEitherPrecisionAndFromAView() {
        INDArray whole = Nd4j.createFromArray(new float[][] {{1, 2}, {3, 4}, {5, 6}, {7, 8}});
        INDArray src = whole.get(
                org.nd4j.linalg.indexing.NDArrayIndex.interval(1, 3),
                org.nd4j.linalg.indexing.NDArrayIndex.all()); // rows {3,4}, {5,6}, at an offset
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            INDArray dest = Nd4j.create(type, 6, 2);
            LikelihoodEstimator.tileRows(src, 3, dest);
            assertThat(dest.castTo(DataType.FLOAT)).isEqualTo(Nd4j.createFromArray(new float[][] {
                {3, 4}, {5, 6}, {3, 4}, {5, 6}, {3, 4}, {5, 6}
            }));
        }
        INDArray strided = whole.get(
                org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 2, 4),
                org.nd4j.linalg.indexing.NDArrayIndex.all()); // rows {1,2}, {5,6}: not contiguous
        INDArray dest = Nd4j.create(DataType.FLOAT, 4, 2);
        LikelihoodEstimator.tileRows(strided, 2, dest);
        assertThat(dest).isEqualTo(Nd4j.createFromArray(new float[][] {{1, 2}, {5, 6}, {1, 2}, {5, 6}}));
    }
}
