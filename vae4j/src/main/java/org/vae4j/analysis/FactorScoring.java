package org.vae4j.analysis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.vae4j.TrainedVae;
import org.vae4j.api.ConfigurationException;
import org.vae4j.api.data.Dataset;
import org.vae4j.api.data.FactorSampler;
import org.vae4j.api.data.GroundTruth;
import org.vae4j.api.metrics.DisentanglementMetric;
import org.vae4j.api.metrics.Factors;
import org.vae4j.api.metrics.InterventionMetric;
import org.vae4j.api.metrics.MetricContext;
import org.vae4j.api.metrics.MetricResult;
import org.vae4j.api.metrics.RepresentationFunction;
import org.vae4j.internal.Session;

/**
 * Scores against a dataset's ground-truth factors instead of measured attributes: the factors of the
 * test images as a table for the code metrics, and the intervention metrics run on the dataset's
 * sampler with the model's posterior means as the representation.
 */
final class FactorScoring {
    private FactorScoring() {}

    /** The ground truth of the test split, or a one-line error naming the dataset and the fix. */
    static GroundTruth truth(Dataset test) {
        return test.groundTruth()
                .orElseThrow(() -> new ConfigurationException("{factors} true: dataset " + test.name()
                        + " carries no ground-truth factors; use one that does (./vae datasets lists them) or"
                        + " {factors} false to score against measured attributes"));
    }

    /** The chosen factors of the first {@code n} images, all discrete (level indices). */
    static Factors factors(GroundTruth truth, int n, List<String> names) {
        List<String> known = truth.space().names();
        int[] columns = new int[names.size()];
        for (int k = 0; k < names.size(); k++) {
            columns[k] = known.indexOf(names.get(k));
            if (columns[k] < 0) {
                throw new ConfigurationException("{attributes}: the data has no factor '" + names.get(k)
                        + "'; its factors are " + String.join(", ", known));
            }
        }
        double[][] all = truth.values(0, n);
        double[][] values = new double[n][names.size()];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < columns.length; k++) {
                values[i][k] = all[i][columns[k]];
            }
        }
        boolean[] discrete = new boolean[names.size()];
        java.util.Arrays.fill(discrete, true);
        return new Factors(names, values, discrete);
    }

    /** Images between two progress lines of an intervention metric. */
    private static final int PROGRESS_EVERY = 250_000;

    /**
     * {@return a trained model's posterior means as a representation function, logging every
     * {@value #PROGRESS_EVERY} images it has encoded}
     */
    static RepresentationFunction progress(RepresentationFunction means, String metric, Consumer<String> log) {
        long start = System.nanoTime();
        long[] done = {0};
        return new RepresentationFunction() {
            @Override
            public double[][] apply(float[][] images) {
                return apply(images, null);
            }

            @Override
            public double[][] apply(float[][] images, int[][] levels) {
                double[][] z = levels == null ? means.apply(images) : means.apply(images, levels);
                count(images.length);
                return z;
            }

            private void count(int images) {
                long before = done[0];
                done[0] += images;
                if (done[0] / PROGRESS_EVERY > before / PROGRESS_EVERY) {
                    log.accept(String.format(
                            java.util.Locale.ROOT,
                            "%s: %,d images drawn and encoded (%.0fs)",
                            metric,
                            done[0],
                            (System.nanoTime() - start) / 1e9));
                }
            }
        };
    }

    /**
     * {@return a trained model's posterior means as a representation function; a conditional model
     * reads each image's class from the levels it was drawn for, at {@code labelFactor}}
     */
    static RepresentationFunction means(TrainedVae model, int labelFactor) {
        if (model.conditionSize() == 0) {
            return images -> toDouble(model.encode(images));
        }
        return new RepresentationFunction() {
            @Override
            public double[][] apply(float[][] images) {
                throw new IllegalStateException("a conditional model's codes need the class of every image");
            }

            @Override
            public double[][] apply(float[][] images, int[][] levels) {
                int[] labels = new int[levels.length];
                for (int i = 0; i < labels.length; i++) {
                    labels[i] = levels[i][labelFactor];
                }
                return toDouble(model.encode(images, labels));
            }
        };
    }

    private static double[][] toDouble(float[][] z) {
        double[][] out = new double[z.length][];
        for (int i = 0; i < z.length; i++) {
            out[i] = new double[z[i].length];
            for (int j = 0; j < z[i].length; j++) {
                out[i][j] = z[i][j];
            }
        }
        return out;
    }

    /**
     * The factor that is the class a conditional model is given: the one whose level equals every
     * test image's label (-1 for an unconditional model).
     */
    static int labelFactor(TrainedVae model, Dataset test, GroundTruth truth, int n) {
        if (model.conditionSize() == 0) {
            return -1;
        }
        int[] labels = test.labels().orElseThrow();
        for (int k = 0; k < truth.space().count(); k++) {
            boolean same = truth.space().factor(k).levels() == model.conditionSize();
            for (int i = 0; i < n && same; i++) {
                same = truth.level(i, k) == labels[i];
            }
            if (same) {
                return k;
            }
        }
        throw new ConfigurationException("{metrics}: the intervention scores draw images for chosen factor levels,"
                + " and none of the factors " + truth.space().names() + " is the class this conditional model is"
                + " given; score an unconditional model, or other metrics");
    }

    /**
     * Each metric under its name, in the order asked: intervention metrics on the sampler, the others
     * on the codes and factors as the protocol defines them.
     */
    static Map<String, MetricResult> compute(
            Session session,
            Protocol protocol,
            TrainedVae model,
            Dataset test,
            GroundTruth truth,
            List<String> names,
            double[][] codes,
            Factors factors,
            MetricContext context,
            int[] points) {
        Map<String, MetricResult> results = new LinkedHashMap<>();
        List<String> plain = new ArrayList<>();
        RepresentationFunction means = null; // the model's codes, set up once for every intervention metric
        for (String name : names) {
            DisentanglementMetric metric = session.metric(protocol.metric(name));
            if (metric instanceof InterventionMetric intervention) {
                FactorSampler sampler = truth.sampler()
                        .orElseThrow(() -> new ConfigurationException("{metrics} " + name + " draws images for"
                                + " chosen factor levels, which this dataset cannot; use a factor-sampling dataset"
                                + " (dsprites) or other metrics"));
                InterventionMetric sized =
                        points == null ? intervention : intervention.withPoints(points[0], points[1]);
                if (means == null) {
                    means = means(model, labelFactor(model, test, truth, test.size()));
                }
                results.put(name, sized.compute(sampler, progress(means, name, session.log()), context.seed()));
            } else {
                plain.add(name);
                results.put(name, null);
            }
        }
        protocol.compute(session, plain, codes, factors, context).forEach(results::put);
        return results;
    }

    /** Refuses intervention metrics when the scores run on measured attributes. */
    static void refuseInterventions(Session session, Protocol protocol, List<String> names, String dataset) {
        for (String name : names) {
            if (session.metric(protocol.metric(name)) instanceof InterventionMetric) {
                throw new ConfigurationException("{metrics} " + name + " needs ground-truth factors and images drawn"
                        + " for chosen levels; dataset " + dataset + " scores measured attributes (use a"
                        + " factor-sampling dataset such as dsprites with {factors} true)");
            }
        }
    }
}
