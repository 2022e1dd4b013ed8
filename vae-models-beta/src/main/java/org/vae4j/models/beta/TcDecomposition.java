package org.vae4j.models.beta;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.vae4j.api.TrainingProgress;
import org.vae4j.api.nn.GaussianCode;
import org.vae4j.api.nn.Regularizer;

/**
 * The beta-TCVAE penalty (Chen et al. 2018). The KL to the prior, averaged over the data, splits
 * into index-code mutual information, total correlation and dimension-wise KL:
 * <pre>
 *   E[KL(q(z|x) || p(z))] = MI(x; z) + TC(z) + sum_d KL(q(z_d) || p(z_d))
 * </pre>
 * beta-TCVAE weights them alpha, beta and gamma. vae4j keeps the analytic KL as the rate term R (so
 * -ELBO stays honest) and adds this regularizer, {@code (alpha-1) MI + (beta-1) TC + (gamma-1) DWKL},
 * so that the training objective is D + alpha MI + beta TC + gamma DWKL in expectation.
 *
 * <p>The aggregate posterior q(z) and its marginals q(z_d) are estimated from the minibatch by
 * minibatch weighted sampling (the paper's eq. 9): with M examples from a dataset of N,
 * {@code log q(z_i) ~= logsumexp_j log q(z_i | x_j) - log(N M)}, and the same per dimension.
 * N is the size of the dataset being iterated ({@link TrainingProgress#datasetSize()}; the batch
 * size when unknown). Cost: O(M^2 * latentDims) per batch, computed in double precision.
 */
public final class TcDecomposition implements Regularizer {
    private static final double LOG_2PI = Math.log(2 * Math.PI);
    private final double alpha;
    private final double beta;
    private final double gamma;

    public TcDecomposition(double alpha, double beta, double gamma) {
        this.alpha = alpha;
        this.beta = beta;
        this.gamma = gamma;
    }

    /** The three estimated terms of one batch (means over the batch, nats). */
    public record Terms(double mutualInformation, double totalCorrelation, double dimensionWiseKl) {
        public double sum() {
            return mutualInformation + totalCorrelation + dimensionWiseKl;
        }
    }

    @Override
    public String name() {
        return "tc-decomposition";
    }

    @Override
    public String description() {
        return "(" + alpha + " - 1) * MI + (" + beta + " - 1) * TC + (" + gamma
                + " - 1) * DWKL, minibatch weighted sampling";
    }

    public Terms terms(GaussianCode posterior, INDArray z, TrainingProgress progress) {
        return compute(posterior, z, progress, 0, null, null, null);
    }

    @Override
    public double value(GaussianCode posterior, INDArray z, TrainingProgress progress) {
        if (alpha == 1 && beta == 1 && gamma == 1) {
            return 0;
        }
        Terms t = terms(posterior, z, progress);
        return (alpha - 1) * t.mutualInformation() + (beta - 1) * t.totalCorrelation()
                + (gamma - 1) * t.dimensionWiseKl();
    }

    @Override
    public void addGradient(GaussianCode posterior, INDArray z, TrainingProgress progress, double scale,
                            INDArray gradMean, INDArray gradLogVariance, INDArray gradZ) {
        if (alpha == 1 && beta == 1 && gamma == 1) {
            return;
        }
        int m = (int) z.size(0);
        int l = (int) z.size(1);
        double[][] gm = new double[m][l];
        double[][] gv = new double[m][l];
        double[][] gz = new double[m][l];
        compute(posterior, z, progress, scale, gm, gv, gz);
        DataType type = gradMean.dataType();
        gradMean.addi(Nd4j.createFromArray(gm).castTo(type));
        gradLogVariance.addi(Nd4j.createFromArray(gv).castTo(type));
        gradZ.addi(Nd4j.createFromArray(gz).castTo(type));
    }

    /** Computes the terms and, when {@code gm != null}, adds {@code scale *} the penalty's gradient. */
    private Terms compute(GaussianCode posterior, INDArray zArray, TrainingProgress progress, double scale,
                          double[][] gm, double[][] gv, double[][] gz) {
        double[][] mu = posterior.mean().castTo(DataType.DOUBLE).toDoubleMatrix();
        double[][] v = posterior.logVariance().castTo(DataType.DOUBLE).toDoubleMatrix();
        double[][] z = zArray.castTo(DataType.DOUBLE).toDoubleMatrix();
        int m = z.length;
        int l = z[0].length;
        int n = progress.datasetSize() > 0 ? progress.datasetSize() : m;
        double logNm = Math.log((double) n * m);
        double[][] precision = new double[m][l];
        for (int j = 0; j < m; j++) {
            for (int d = 0; d < l; d++) {
                precision[j][d] = Math.exp(-v[j][d]);
            }
        }
        // coefficients of the penalty (per example, before the 1/M batch mean) on each log-density
        double a = alpha - 1;
        double b = beta - 1;
        double g = gamma - 1;
        double[][] logq = new double[m][l];   // log q(z_i,d | x_j) for the current i
        double[] joint = new double[m];       // sum_d of it
        double[][] u = new double[m][l];      // softmax over j per dimension
        double[] w = new double[m];           // softmax over j of the joint
        double sumMi = 0;
        double sumTc = 0;
        double sumDw = 0;
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < m; j++) {
                double s = 0;
                for (int d = 0; d < l; d++) {
                    double diff = z[i][d] - mu[j][d];
                    double lp = -0.5 * (LOG_2PI + v[j][d] + diff * diff * precision[j][d]);
                    logq[j][d] = lp;
                    s += lp;
                }
                joint[j] = s;
            }
            double logQz = logSumExp(joint, w) - logNm;
            double logQzProduct = 0;
            double[] column = new double[m];
            double[] columnWeights = new double[m];
            for (int d = 0; d < l; d++) {
                for (int j = 0; j < m; j++) {
                    column[j] = logq[j][d];
                }
                logQzProduct += logSumExp(column, columnWeights) - logNm;
                for (int j = 0; j < m; j++) {
                    u[j][d] = columnWeights[j];
                }
            }
            double logQzGivenX = joint[i];
            double logPz = 0;
            for (int d = 0; d < l; d++) {
                logPz += -0.5 * (LOG_2PI + z[i][d] * z[i][d]);
            }
            sumMi += logQzGivenX - logQz;
            sumTc += logQz - logQzProduct;
            sumDw += logQzProduct - logPz;
            if (gm == null) {
                continue;
            }
            double c = scale / m;
            for (int j = 0; j < m; j++) {
                for (int d = 0; d < l; d++) {
                    double k = c * ((i == j ? a : 0) + (b - a) * w[j] + (g - b) * u[j][d]);
                    if (k == 0) {
                        continue;
                    }
                    double diff = z[i][d] - mu[j][d];
                    double t = diff * precision[j][d];
                    gz[i][d] -= k * t;
                    gm[j][d] += k * t;
                    gv[j][d] += k * (-0.5 + 0.5 * t * diff);
                }
            }
            for (int d = 0; d < l; d++) {
                gz[i][d] += c * g * z[i][d];
            }
        }
        return new Terms(sumMi / m, sumTc / m, sumDw / m);
    }

    /** log(sum(exp(x))), writing the softmax weights into {@code weights}. */
    private static double logSumExp(double[] x, double[] weights) {
        double max = Double.NEGATIVE_INFINITY;
        for (double value : x) {
            max = Math.max(max, value);
        }
        double sum = 0;
        for (int j = 0; j < x.length; j++) {
            weights[j] = Math.exp(x[j] - max);
            sum += weights[j];
        }
        for (int j = 0; j < x.length; j++) {
            weights[j] /= sum;
        }
        return max + Math.log(sum);
    }
}
