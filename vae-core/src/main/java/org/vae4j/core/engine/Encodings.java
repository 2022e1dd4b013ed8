package org.vae4j.core.engine;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.vae4j.api.data.Dataset;
import org.vae4j.api.nn.GaussianCode;

/**
 * The posterior parameters q(z|x) of every image of a dataset (or its first {@code count}), as
 * plain arrays: what the evaluation statistics and the disentanglement metrics consume.
 *
 * @param mean posterior means, {@code [images][latentDims]}
 * @param logVariance posterior log-variances, same shape
 * @param labels the images' labels, or null for unlabelled data
 */
public record Encodings(double[][] mean, double[][] logVariance, int[] labels) {
    private static final int BATCH = 500;

    public static Encodings of(ModelRunner runner, Dataset data, int count, DataType type) {
        int n = Math.min(count, data.size());
        BatchGatherer gatherer = new BatchGatherer(data, type, runner.model().conditionSize());
        double[][] mean = new double[n][];
        double[][] logVar = new double[n][];
        for (int from = 0; from < n; from += BATCH) {
            int b = Math.min(BATCH, n - from);
            INDArray x = gatherer.range(from, b);
            GaussianCode q = runner.encode(x, gatherer.condition());
            double[][] m = q.mean().castTo(DataType.DOUBLE).toDoubleMatrix();
            double[][] v = q.logVariance().castTo(DataType.DOUBLE).toDoubleMatrix();
            System.arraycopy(m, 0, mean, from, b);
            System.arraycopy(v, 0, logVar, from, b);
        }
        int[] labels = data.labels().map(l -> java.util.Arrays.copyOf(l, n)).orElse(null);
        return new Encodings(mean, logVar, labels);
    }

    public int size() {
        return mean.length;
    }

    public int latentDims() {
        return mean.length == 0 ? 0 : mean[0].length;
    }

    /** The images with label {@code label}. */
    public Encodings ofClass(int label) {
        if (labels == null) {
            throw new IllegalStateException("the encodings have no labels");
        }
        java.util.List<Integer> idx = new java.util.ArrayList<>();
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] == label) {
                idx.add(i);
            }
        }
        double[][] m = new double[idx.size()][];
        double[][] v = new double[idx.size()][];
        int[] l = new int[idx.size()];
        for (int j = 0; j < idx.size(); j++) {
            m[j] = mean[idx.get(j)];
            v[j] = logVariance[idx.get(j)];
            l[j] = label;
        }
        return new Encodings(m, v, l);
    }

    /** Var_x(E_q[z_u]) per dimension (population variance over the images). */
    public double[] varianceOfMeans() {
        int d = latentDims();
        double[] out = new double[d];
        for (int u = 0; u < d; u++) {
            double s = 0;
            double s2 = 0;
            for (double[] m : mean) {
                s += m[u];
                s2 += m[u] * m[u];
            }
            double mu = s / size();
            out[u] = Math.max(0, s2 / size() - mu * mu);
        }
        return out;
    }

    /** Active units (Burda et al. 2016): dimensions whose posterior mean varies over the data by more than {@code threshold}. */
    public int activeUnits(double threshold) {
        int count = 0;
        for (double v : varianceOfMeans()) {
            if (v > threshold) {
                count++;
            }
        }
        return count;
    }

    /** Mean over images of KL(q(z_u|x) || N(0, 1)) per dimension, in nats. */
    public double[] klPerDimension() {
        int d = latentDims();
        double[] out = new double[d];
        for (int i = 0; i < size(); i++) {
            for (int u = 0; u < d; u++) {
                double m = mean[i][u];
                double v = logVariance[i][u];
                out[u] += 0.5 * (m * m + Math.exp(v) - 1 - v);
            }
        }
        for (int u = 0; u < d; u++) {
            out[u] /= size();
        }
        return out;
    }
}
