package org.vae4j.metrics.score;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.vae4j.api.metrics.DisentanglementMetric;
import org.vae4j.api.metrics.Factors;
import org.vae4j.api.metrics.MetricContext;
import org.vae4j.api.metrics.MetricResult;

/**
 * Explicitness as disentanglement_lib computes it ({@code modularity_explicitness.py}): per factor,
 * scikit-learn's default {@code LogisticRegression()} (C = 1; binary or multinomial) fitted on the
 * raw codes of the train rows, scored by the mean one-vs-rest ROC AUC of its class probabilities
 * over the classes; the value is the mean over factors on the test rows, and the train-row value is
 * in the details. Continuous factors are first cut into the context's equal-width bins (20 by
 * default), as disentanglement_lib cuts codes; a class absent from the test rows (where
 * disentanglement_lib fails) is left out of that factor's mean.
 */
public final class DlibExplicitness implements DisentanglementMetric {
    private static final double C = 1;

    @Override
    public String name() {
        return "dlib-explicitness";
    }

    @Override
    public String description() {
        return "explicitness as disentanglement_lib defines it: LogisticRegression() one-vs-rest ROC AUC";
    }

    @Override
    public MetricResult compute(double[][] codes, Factors factors, MetricContext context) {
        int[][] split = context.split(codes.length);
        double[][] xTrain = Stats.rows(codes, split[0]);
        double[][] xTest = Stats.rows(codes, split[1]);
        Map<String, Double> testPerFactor = new LinkedHashMap<>();
        Map<String, Double> trainPerFactor = new LinkedHashMap<>();
        double sumTest = 0;
        double sumTrain = 0;
        for (int k = 0; k < factors.count(); k++) {
            int[] y = Stats.discretise(factors, k, context.bins());
            int[] yTrain = Stats.select(y, split[0]);
            int[] yTest = Stats.select(y, split[1]);
            double train = 0;
            double test = 0;
            if (Arrays.stream(yTrain).distinct().count() >= 2) {
                Logistic model = Logistic.fit(xTrain, yTrain, C);
                train = meanAuc(model, xTrain, yTrain);
                test = meanAuc(model, xTest, yTest);
            }
            trainPerFactor.put(factors.names().get(k), train);
            testPerFactor.put(factors.names().get(k), test);
            sumTrain += train;
            sumTest += test;
        }
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("classifier", "LogisticRegression(C=1), exact optimum");
        parameters.put("continuousFactors", context.bins() + " equal-width bins");
        parameters.put("train", split[0].length);
        parameters.put("test", split[1].length);
        parameters.put("trainRows", context.trainRows());
        return new MetricResult(
                name(),
                sumTest / factors.count(),
                parameters,
                Map.of(
                        "perFactor",
                        testPerFactor,
                        "train",
                        sumTrain / factors.count(),
                        "trainPerFactor",
                        trainPerFactor));
    }

    /** The mean over the model's classes of the one-vs-rest AUC, leaving out a class absent from y. */
    private static double meanAuc(Logistic model, double[][] x, int[] y) {
        double[][] p = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            p[i] = model.probabilities(x[i]);
        }
        return LinearModels.meanAuc(p, y, model.classes());
    }
}
