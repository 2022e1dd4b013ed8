package org.vae4j.models.beta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.vae4j.api.TrainingProgress;
import org.vae4j.api.nn.GaussianCode;
import org.vae4j.core.testkit.GradientCheck;

class TcDecompositionTest {
    private static final TrainingProgress PROGRESS = new TrainingProgress(0, 1, 0, 1, 1000);

    @Test
    void gradientOfTheEstimatorChecksOutInDoublePrecision() {
        GradientCheck.checkRegularizer(new TcDecomposition(0.5, 6, 3), 6, 3, PROGRESS, 3);
        GradientCheck.checkRegularizer(new TcDecomposition(1, 6, 1), 9, 4, PROGRESS, 4);
    }

    @Test
    void termsMatchADirectComputationWithDensities() {
        Random r = new Random(5);
        int m = 5;
        int l = 3;
        INDArray mu = GradientCheck.randn(r, m, l, 1);
        INDArray logVar = GradientCheck.randn(r, m, l, 0.5);
        INDArray z = GradientCheck.randn(r, m, l, 1);
        TcDecomposition.Terms t = new TcDecomposition(1, 1, 1).terms(new GaussianCode(mu, logVar), z, PROGRESS);
        double nm = 1000.0 * m;
        double mi = 0;
        double tc = 0;
        double dw = 0;
        for (int i = 0; i < m; i++) {
            double qz = 0;
            double[] qzd = new double[l];
            for (int j = 0; j < m; j++) {
                double product = 1;
                for (int d = 0; d < l; d++) {
                    double p = normal(z.getDouble(i, d), mu.getDouble(j, d), logVar.getDouble(j, d));
                    product *= p;
                    qzd[d] += p;
                }
                qz += product;
            }
            double qzx = 1;
            double pz = 1;
            double productOfMarginals = 1;
            for (int d = 0; d < l; d++) {
                qzx *= normal(z.getDouble(i, d), mu.getDouble(i, d), logVar.getDouble(i, d));
                pz *= normal(z.getDouble(i, d), 0, 0);
                productOfMarginals *= qzd[d] / nm;
            }
            mi += Math.log(qzx) - Math.log(qz / nm);
            tc += Math.log(qz / nm) - Math.log(productOfMarginals);
            dw += Math.log(productOfMarginals) - Math.log(pz);
        }
        assertThat(t.mutualInformation()).isCloseTo(mi / m, within(1e-9));
        assertThat(t.totalCorrelation()).isCloseTo(tc / m, within(1e-9));
        assertThat(t.dimensionWiseKl()).isCloseTo(dw / m, within(1e-9));
    }

    @Test
    void theThreeTermsSumToTheSampledKlAndUnitWeightsAddNothing() {
        Random r = new Random(9);
        INDArray mu = GradientCheck.randn(r, 8, 4, 1);
        INDArray logVar = GradientCheck.randn(r, 8, 4, 0.5);
        INDArray z = GradientCheck.randn(r, 8, 4, 1);
        GaussianCode q = new GaussianCode(mu, logVar);
        double sampledKl = 0;
        for (int i = 0; i < 8; i++) {
            for (int d = 0; d < 4; d++) {
                sampledKl += Math.log(normal(z.getDouble(i, d), mu.getDouble(i, d), logVar.getDouble(i, d)))
                        - Math.log(normal(z.getDouble(i, d), 0, 0));
            }
        }
        assertThat(new TcDecomposition(1, 1, 1).terms(q, z, PROGRESS).sum()).isCloseTo(sampledKl / 8, within(1e-9));
        assertThat(new TcDecomposition(1, 1, 1).value(q, z, PROGRESS)).isZero();
        TcDecomposition.Terms t = new TcDecomposition(1, 1, 1).terms(q, z, PROGRESS);
        assertThat(new TcDecomposition(2, 5, 0.5).value(q, z, PROGRESS))
                .isCloseTo(t.mutualInformation() + 4 * t.totalCorrelation() - 0.5 * t.dimensionWiseKl(), within(1e-9));
    }

    private static double normal(double x, double mean, double logVar) {
        double var = Math.exp(logVar);
        return Math.exp(-(x - mean) * (x - mean) / (2 * var)) / Math.sqrt(2 * Math.PI * var);
    }
}
