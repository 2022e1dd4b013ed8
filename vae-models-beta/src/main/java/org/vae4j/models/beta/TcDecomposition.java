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
        return (alpha - 1) * t.mutualInformation()
                + (beta - 1) * t.totalCorrelation()
                + (gamma - 1) * t.dimensionWiseKl();
    }

    @Override
    public void addGradient(
            GaussianCode posterior,
            INDArray z,
            TrainingProgress progress,
            double scale,
            INDArray gradMean,
            INDArray gradLogVariance,
            INDArray gradZ) {
        if (alpha == 1 && beta == 1 && gamma == 1) {
            return;
        }
        int n = (int) z.length();
        double[] gm = new double[n];
        double[] gv = new double[n];
        double[] gz = new double[n];
        compute(posterior, z, progress, scale, gm, gv, gz);
        addInto(gradMean, gm);
        addInto(gradLogVariance, gv);
        addInto(gradZ, gz);
    }

    /*
     * The arrays are moved through their buffers in bulk rather than with castTo/toDoubleMatrix and
     * createFromArray: those allocate native arrays (nine per training step), and that allocation,
     * not the arithmetic, made up most of the 8-10 ms per call measured before (now ~1 ms).
     */

    /** The elements of a [rows, cols] array in row-major order, in double precision. */
    private static double[] read(INDArray a) {
        INDArray c = contiguous(a);
        double[] out = new double[(int) c.length()];
        if (c.dataType() == DataType.DOUBLE) {
            c.data().asNioDouble().get((int) c.offset(), out, 0, out.length);
        } else if (c.dataType() == DataType.FLOAT) {
            float[] f = new float[out.length];
            c.data().asNioFloat().get((int) c.offset(), f, 0, f.length);
            for (int i = 0; i < f.length; i++) {
                out[i] = f[i];
            }
        } else {
            return c.castTo(DataType.DOUBLE).data().asDouble();
        }
        return out;
    }

    /** {@code target += values} (row-major), in place. */
    private static void addInto(INDArray target, double[] values) {
        INDArray c = contiguous(target);
        if (c != target || !(c.dataType() == DataType.DOUBLE || c.dataType() == DataType.FLOAT)) {
            target.addi(Nd4j.createFromArray(values).reshape(target.shape()).castTo(target.dataType()));
            return;
        }
        int at = (int) c.offset();
        if (c.dataType() == DataType.DOUBLE) {
            java.nio.DoubleBuffer b = c.data().asNioDouble();
            for (int i = 0; i < values.length; i++) {
                b.put(at + i, b.get(at + i) + values[i]);
            }
        } else {
            java.nio.FloatBuffer b = c.data().asNioFloat();
            for (int i = 0; i < values.length; i++) {
                b.put(at + i, (float) (b.get(at + i) + values[i]));
            }
        }
    }

    /** {@code a} itself when its elements lie row-major from its offset, else a row-major copy. */
    private static INDArray contiguous(INDArray a) {
        return org.vae4j.api.nn.Views.isRowMajor(a) ? a : a.dup('c');
    }

    /** Computes the terms and, when {@code gm != null}, adds {@code scale *} the penalty's gradient. */
    private Terms compute(
            GaussianCode posterior,
            INDArray zArray,
            TrainingProgress progress,
            double scale,
            double[] gm,
            double[] gv,
            double[] gz) {
        double[] mu = read(posterior.mean());
        double[] v = read(posterior.logVariance());
        double[] z = read(zArray);
        int m = (int) zArray.size(0);
        int l = (int) zArray.size(1);
        int n = progress.datasetSize() > 0 ? progress.datasetSize() : m;
        double logNm = Math.log((double) n * m);
        double[] precision = new double[m * l];
        for (int k = 0; k < m * l; k++) {
            precision[k] = Math.exp(-v[k]);
        }
        // coefficients of the penalty (per example, before the 1/M batch mean) on each log-density
        double a = alpha - 1;
        double b = beta - 1;
        double g = gamma - 1;
        double[] logq = new double[l * m]; // log q(z_i,d | x_j) for the current i, at [d * m + j]
        double[] joint = new double[m]; // sum_d of it
        double[] u = new double[l * m]; // softmax over j per dimension, at [d * m + j]
        double[] w = new double[m]; // softmax over j of the joint
        double sumMi = 0;
        double sumTc = 0;
        double sumDw = 0;
        for (int i = 0; i < m; i++) {
            java.util.Arrays.fill(joint, 0);
            for (int j = 0; j < m; j++) {
                double s = 0;
                for (int d = 0; d < l; d++) {
                    double diff = z[i * l + d] - mu[j * l + d];
                    double lp = -0.5 * (LOG_2PI + v[j * l + d] + diff * diff * precision[j * l + d]);
                    logq[d * m + j] = lp;
                    s += lp;
                }
                joint[j] = s;
            }
            double logQz = logSumExp(joint, 0, m, w, 0) - logNm;
            double logQzProduct = 0;
            for (int d = 0; d < l; d++) {
                logQzProduct += logSumExp(logq, d * m, m, u, d * m) - logNm;
            }
            double logQzGivenX = joint[i];
            double logPz = 0;
            for (int d = 0; d < l; d++) {
                logPz += -0.5 * (LOG_2PI + z[i * l + d] * z[i * l + d]);
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
                    double k = c * ((i == j ? a : 0) + (b - a) * w[j] + (g - b) * u[d * m + j]);
                    if (k == 0) {
                        continue;
                    }
                    double diff = z[i * l + d] - mu[j * l + d];
                    double t = diff * precision[j * l + d];
                    gz[i * l + d] -= k * t;
                    gm[j * l + d] += k * t;
                    gv[j * l + d] += k * (-0.5 + 0.5 * t * diff);
                }
            }
            for (int d = 0; d < l; d++) {
                gz[i * l + d] += c * g * z[i * l + d];
            }
        }
        return new Terms(sumMi / m, sumTc / m, sumDw / m);
    }

    /** log(sum(exp(x[from..from+len)))), writing the softmax weights into {@code weights[at..]}. */
    private static double logSumExp(double[] x, int from, int len, double[] weights, int at) {
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < len; j++) {
            max = Math.max(max, x[from + j]);
        }
        double sum = 0;
        for (int j = 0; j < len; j++) {
            double e = Math.exp(x[from + j] - max);
            weights[at + j] = e;
            sum += e;
        }
        for (int j = 0; j < len; j++) {
            weights[at + j] /= sum;
        }
        return max + Math.log(sum);
    }
}
