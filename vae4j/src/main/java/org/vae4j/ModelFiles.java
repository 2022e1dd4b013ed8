package org.vae4j;

import static org.vae4j.internal.Json.MAPPER;
import static org.vae4j.internal.Json.loss;
import static org.vae4j.internal.Json.round;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.vae4j.api.TrainingConfig;
import org.vae4j.api.TrainingProgress;
import org.vae4j.core.engine.Trainer;

/** The JSON of a model directory's own files: {@code metrics.json} and {@code evaluation.json}. */
final class ModelFiles {

    private ModelFiles() {}

    /** {@code metrics.json}: the run's settings, final losses, history, data and provenance. */
    static ObjectNode metrics(TrainingSummary s, Map<String, String> provenance) {
        ObjectNode metrics = MAPPER.createObjectNode();
        metrics.put("model", s.model());
        metrics.put("latentDims", s.latentDims());
        metrics.put("epochs", s.epochs());
        metrics.put("batchSize", s.batchSize());
        metrics.put("learningRate", s.learningRate());
        metrics.put("optimizer", s.optimizer());
        metrics.put("seed", s.seed());
        metrics.put("threads", s.threads());
        metrics.put("trainImages", s.trainImages());
        metrics.put("seconds", round(s.seconds()));
        // training steps only, comparable with ./vae bench; `seconds` also holds the per-epoch test
        // evaluations and checkpoints
        metrics.put("imagesPerSecond", Math.round(s.imagesPerSecond()));
        metrics.put("objective", s.objective());
        boolean penalty = s.penalty() != null;
        if (penalty) {
            metrics.put("penalty", s.penalty());
        }
        ObjectNode opts = metrics.putObject("options");
        s.options().forEach(opts::put);
        metrics.set("train", loss(s.train(), penalty));
        metrics.set("test", loss(s.test(), penalty));
        ArrayNode history = metrics.putArray("history");
        for (TrainingSummary.Epoch e : s.history()) {
            ObjectNode n = history.addObject();
            n.put("epoch", e.epoch());
            n.put("seconds", round(e.seconds()));
            n.set("train", loss(e.train(), penalty));
            if (e.test() != null) {
                n.set("test", loss(e.test(), penalty));
            }
        }
        ObjectNode ds = metrics.putObject("dataset");
        ds.put("name", s.dataset().name());
        ds.put("source", s.dataset().source());
        ObjectNode sums = ds.putObject("sha256");
        s.dataset().sha256().forEach(sums::put);
        if (s.warning() != null) {
            metrics.put("warning", s.warning());
        }
        ObjectNode prov = metrics.putObject("provenance");
        provenance.forEach(prov::put);
        return metrics;
    }

    /** {@code evaluation.json}. */
    static ObjectNode evaluation(Evaluation e) {
        ObjectNode result = MAPPER.createObjectNode();
        result.put("model", e.model());
        result.put("latentDims", e.latentDims());
        result.put("epochsCompleted", e.epochsCompleted());
        result.put("dataset", e.dataset());
        result.put("testImages", e.testImages());
        result.set("test", loss(e.test()));
        Evaluation.ImportanceWeighted iw = e.importanceWeighted();
        if (iw != null) {
            ObjectNode n = summary(iw.images(), iw.logLikelihood(), iw.standardError());
            n.put("samples", iw.samples());
            n.put("seed", iw.seed());
            n.put("seconds", round(iw.seconds()));
            n.put("quantity", iw.conditional() ? "log p(x | y), conditioned on the label" : "log p(x)");
            n.put("negElboSameImages", round(iw.negElboSameImages()));
            Double logLikelihood = round(iw.logLikelihood());
            n.put("gapToElbo", logLikelihood == null ? null : round(logLikelihood + iw.negElboSameImages()));
            result.set("importanceWeighted", n);
        }
        result.set("latent", latent(e.latent()));
        if (!e.perClass().isEmpty()) {
            ArrayNode perClass = result.putArray("perClass");
            for (Evaluation.ClassResult c : e.perClass()) {
                ObjectNode node = perClass.addObject();
                node.put("label", c.label());
                node.put("images", c.images());
                if (c.logLikelihood() != null) {
                    node.set(
                            "importanceWeighted",
                            summary((int) c.logLikelihood()[2], c.logLikelihood()[0], c.logLikelihood()[1]));
                }
                node.set("latent", latent(c.latent()));
            }
        }
        return result;
    }

    private static ObjectNode summary(int images, double mean, double standardError) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("images", images);
        n.put("logLikelihood", round(mean));
        n.put("standardError", round(standardError));
        return n;
    }

    private static ObjectNode latent(Evaluation.Latent l) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("activeUnits", l.activeUnits());
        n.put("activeUnitThreshold", Evaluation.ACTIVE_UNIT_THRESHOLD);
        n.put(
                "klPerDimension",
                l.klPerDimension() != null
                        ? "analytic KL(q(z_u|x) || N(0,1)), mean over images"
                        : "not computed: the model's prior is not N(0, I)");
        ArrayNode dims = n.putArray("dimensions");
        for (int u : l.order()) {
            ObjectNode d = dims.addObject();
            d.put("dim", u);
            if (l.klPerDimension() != null) {
                d.put("kl", round(l.klPerDimension()[u]));
            }
            d.put("varianceOfMean", round(l.varianceOfMean()[u]));
            d.put("active", l.varianceOfMean()[u] > Evaluation.ACTIVE_UNIT_THRESHOLD);
        }
        return n;
    }

    /**
     * The training progress at the end of a saved run; checkpoints from before the training-set size
     * was recorded were MNIST runs, 60,000 images.
     */
    static TrainingProgress endOfTraining(TrainingConfig training, int trainImages) {
        int images = trainImages > 0 ? trainImages : 60_000;
        return TrainingProgress.finished(
                training.epochs(), Trainer.stepsPerEpoch(images, training.batchSize()), images);
    }
}
