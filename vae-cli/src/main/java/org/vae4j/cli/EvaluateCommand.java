package org.vae4j.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.IntStream;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;
import org.nd4j.linalg.api.buffer.DataType;
import org.vae4j.api.Loss;
import org.vae4j.api.data.Dataset;
import org.vae4j.api.data.DatasetPair;
import org.vae4j.core.engine.Encodings;
import org.vae4j.core.engine.Evaluator;
import org.vae4j.core.engine.LikelihoodEstimator;
import org.vae4j.core.nn.GaussianKl;

/**
 * {@code ./vae evaluate}: the test-set loss terms of a saved model, the importance-weighted
 * log-likelihood, active units and KL per latent dimension (per class for conditional models);
 * written to {@code evaluation.json} beside the model.
 */
final class EvaluateCommand implements Main.Command {
    static final String EVALUATION = "evaluation.json";
    static final double ACTIVE_UNIT_THRESHOLD = 0.01;
    static final long IW_SEED = 20220102L;

    @Override
    public String summary() {
        return "evaluate a saved model on the test set: -ELBO, D, KL, importance-weighted log p(x), active units";
    }

    @Override
    public int run(String[] args, PrintStream out, PrintStream err) throws ParseException {
        Options o = new Options();
        SavedModel.addOptions(o);
        o.addOption(CommonOptions.opt("iw-samples", "K",
                "importance samples per image for log p(x) (default 1000; 5000 for a tighter bound; 0 skips it)"));
        o.addOption(CommonOptions.opt("iw-images", "N", "estimate log p(x) on the first N test images (default all)"));
        CommonOptions.addHelp(o);
        CommandLine cl = CommonOptions.parse(o, args);
        if (CommonOptions.help(cl, o, "./vae evaluate --model-dir DIR [options]", out)) {
            return Main.OK;
        }
        int samples = CommonOptions.intOption(cl, "iw-samples", 1000, 0, Integer.MAX_VALUE);
        int iwImages = CommonOptions.intOption(cl, "iw-images", Integer.MAX_VALUE, 1, Integer.MAX_VALUE);
        SavedModel saved = SavedModel.open(cl);
        DatasetPair data = saved.data(cl, err);
        Dataset test = data.test();
        Loss loss = Evaluator.evaluate(saved.state(), test, saved.endOfTraining(data));
        ObjectNode result = Json.MAPPER.createObjectNode();
        result.put("model", saved.checkpoint().provider());
        result.put("latentDims", saved.checkpoint().spec().latentDims());
        result.put("epochsCompleted", saved.checkpoint().epochsCompleted());
        result.put("dataset", data.name());
        result.put("testImages", test.size());
        result.set("test", Json.loss(loss));
        out.printf(Locale.ROOT, "%s: test -ELBO %.2f nats (D %.2f + KL %.2f)%n", saved.title(), loss.negElbo(),
                loss.reconstruction(), loss.kl());

        boolean conditional = saved.state().model().isConditional();
        double[] iwEstimates = null;
        if (samples > 0) {
            int n = Math.min(iwImages, test.size());
            long started = System.nanoTime();
            Progress.Counter counter = new Progress.Counter(err, "importance sampling (K=" + samples + ")", n);
            iwEstimates = new LikelihoodEstimator(saved.state().model(), DataType.FLOAT)
                    .estimate(test, n, samples, IW_SEED, counter::update);
            double seconds = (System.nanoTime() - started) / 1e9;
            ObjectNode iw = summary(iwEstimates);
            iw.put("samples", samples);
            iw.put("seed", IW_SEED);
            iw.put("seconds", Json.round(seconds));
            iw.put("quantity", conditional ? "log p(x | y), conditioned on the label" : "log p(x)");
            // the bound it tightens, on the same images (the test -ELBO above may cover more)
            Loss same = n == test.size() ? loss : Evaluator.evaluate(saved.state(), test.head(n), saved.endOfTraining(data));
            iw.put("negElboSameImages", Json.round(same.negElbo()));
            iw.put("gapToElbo", Json.round(iw.get("logLikelihood").asDouble() + same.negElbo()));
            result.set("importanceWeighted", iw);
            out.printf(Locale.ROOT, "importance-weighted %s, K=%d on %d images: %.2f +- %.2f nats"
                    + " (ELBO on the same images %.2f)%n", conditional ? "log p(x|y)" : "log p(x)", samples, n,
                    iw.get("logLikelihood").asDouble(), iw.get("standardError").asDouble(), -same.negElbo());
        }

        Encodings codes = Encodings.of(saved.runner(), test, test.size(), DataType.FLOAT);
        boolean gaussianKl = GaussianKl.NAME.equals(saved.state().model().divergence().name());
        result.set("latent", latentNode(codes, gaussianKl));
        out.printf(Locale.ROOT, "active units: %d of %d (Var_x E[z_u] > %.2f)%n", codes.activeUnits(ACTIVE_UNIT_THRESHOLD),
                codes.latentDims(), ACTIVE_UNIT_THRESHOLD);
        final double[] logLikelihoods = iwEstimates;
        if (conditional && codes.labels() != null) {
            ArrayNode perClass = result.putArray("perClass");
            for (int label = 0; label < test.numClasses(); label++) {
                Encodings c = codes.ofClass(label);
                if (c.size() == 0) {
                    continue;
                }
                ObjectNode node = perClass.addObject();
                node.put("label", label);
                node.put("images", c.size());
                if (logLikelihoods != null) {
                    final int l = label;
                    int[] labels = codes.labels();
                    double[] ll = IntStream.range(0, logLikelihoods.length).filter(i -> labels[i] == l)
                            .mapToDouble(i -> logLikelihoods[i]).toArray();
                    if (ll.length > 0) {
                        node.set("importanceWeighted", summary(ll));
                    }
                }
                node.set("latent", latentNode(c, gaussianKl));
            }
        }
        Json.write(saved.dir().resolve(EVALUATION), result);
        out.println("written " + saved.dir().resolve(EVALUATION));
        out.println(Json.oneLine(result.deepCopy().without(java.util.List.of("latent", "perClass"))));
        return Main.OK;
    }

    /** Mean and standard error of per-image estimates. */
    static ObjectNode summary(double[] values) {
        double mean = java.util.Arrays.stream(values).average().orElse(Double.NaN);
        double ss = 0;
        for (double v : values) {
            ss += (v - mean) * (v - mean);
        }
        double sd = values.length > 1 ? Math.sqrt(ss / (values.length - 1)) : Double.NaN;
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("images", values.length);
        n.put("logLikelihood", Json.round(mean));
        n.put("standardError", Json.round(sd / Math.sqrt(values.length)));
        return n;
    }

    /** Active units and, per dimension sorted by KL (or by variance), the KL and Var_x E[z_u]. */
    static ObjectNode latentNode(Encodings codes, boolean gaussianKl) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        double[] variance = codes.varianceOfMeans();
        double[] kl = gaussianKl ? codes.klPerDimension() : null;
        n.put("activeUnits", codes.activeUnits(ACTIVE_UNIT_THRESHOLD));
        n.put("activeUnitThreshold", ACTIVE_UNIT_THRESHOLD);
        n.put("klPerDimension", gaussianKl ? "analytic KL(q(z_u|x) || N(0,1)), mean over images"
                : "not computed: the model's prior is not N(0, I)");
        ArrayNode dims = n.putArray("dimensions");
        Comparator<Integer> order = gaussianKl ? Comparator.comparingDouble(u -> -kl[u])
                : Comparator.comparingDouble(u -> -variance[u]);
        IntStream.range(0, variance.length).boxed().sorted(order).forEach(u -> {
            ObjectNode d = dims.addObject();
            d.put("dim", u);
            if (kl != null) {
                d.put("kl", Json.round(kl[u]));
            }
            d.put("varianceOfMean", Json.round(variance[u]));
            d.put("active", variance[u] > ACTIVE_UNIT_THRESHOLD);
        });
        return n;
    }
}
