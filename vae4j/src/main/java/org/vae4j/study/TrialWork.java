package org.vae4j.study;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Consumer;
import org.vae4j.Evaluation;
import org.vae4j.ModelTrainer;
import org.vae4j.TrainedVae;
import org.vae4j.analysis.Attributes;
import org.vae4j.analysis.Disentanglement;
import org.vae4j.api.Loss;
import org.vae4j.api.TrainingListener;
import org.vae4j.api.VaeException;
import org.vae4j.api.data.DatasetPair;
import org.vae4j.internal.Internals;
import org.vae4j.internal.Json;
import org.vae4j.internal.Session;
import org.vae4j.report.DisentanglementReport;
import org.vae4j.report.StudyReport;

/** One trial's work in its folder, through the library: train, evaluate, score, then mark it done. */
final class TrialWork {
    private final Session session;
    private final StudySpec spec;
    private final Path attributeCache;

    TrialWork(Session session, StudySpec spec, Path attributeCache) {
        this.session = session;
        this.spec = spec;
        this.attributeCache = attributeCache;
    }

    /** Runs {@code t} in {@code trialDir}; null on success, else the one-line reason, also in {@code trial.log}. */
    String run(Study.Trial t, DatasetPair data, Path trialDir) throws IOException {
        if (Files.exists(trialDir)) {
            TrialFolders.deleteTree(trialDir); // half-finished by an interrupted run: start it cleanly
        }
        Files.createDirectories(trialDir);
        Path modelDir = trialDir.resolve("model");
        try (PrintStream log =
                new PrintStream(Files.newOutputStream(trialDir.resolve("trial.log")), true, StandardCharsets.UTF_8)) {
            long t0 = System.nanoTime();
            try {
                TrainedVae model = train(t, data, modelDir, log);
                evaluate(t, model, data, modelDir, log);
                score(model, data, modelDir, log);
            } catch (VaeException | IllegalArgumentException e) {
                log.println("failed: " + e.getMessage());
                return e.getMessage();
            }
            markDone(t, trialDir, (System.nanoTime() - t0) / 1e9);
            return null;
        }
    }

    private TrainedVae train(Study.Trial t, DatasetPair data, Path modelDir, PrintStream log) {
        ModelTrainer trainer = Internals.trainer(session, t.model())
                .latentDims(t.latent())
                .epochs(spec.epochs())
                .batchSize(spec.batchSize())
                .optimizer(spec.optimizerKind())
                .learningRate(spec.learningRateOrDefault())
                .seed(t.seed())
                .threads(1)
                .testEvery(0)
                .saveTo(modelDir)
                .listener(epochLog(log::println));
        if (spec.trainImages() > 0) {
            trainer.limit(spec.trainImages());
        }
        trainer.options(spec.optionsOrEmpty());
        if (t.phase().equals("tradeoff")) {
            trainer.option("beta", StudyReport.number(t.beta()));
        }
        log.println("train " + t.id());
        return trainer.train(data);
    }

    private void evaluate(Study.Trial t, TrainedVae model, DatasetPair data, Path modelDir, PrintStream log) {
        boolean sensitivity = t.phase().equals("sensitivity");
        int iwSamples =
                sensitivity ? spec.sensitivity().iwSamples() : spec.tradeoff().iwSamples();
        int iwImages =
                sensitivity ? spec.sensitivity().iwImages() : spec.tradeoff().iwImages();
        Evaluation.Builder evaluation =
                model.evaluation(data.test()).importanceSamples(iwSamples).datasetName(data.name());
        if (iwSamples > 0 && iwImages > 0) {
            evaluation.images(iwImages);
        }
        log.println("evaluate (K=" + iwSamples + ")");
        Evaluation e = evaluation.run();
        e.writeTo(modelDir);
        log.println(e.summaryJson());
    }

    private void score(TrainedVae model, DatasetPair data, Path modelDir, PrintStream log) {
        Attributes.Measurer measurer = Attributes.measurer(
                        attributeCache != null ? attributeCache : Attributes.cacheIn(session.cacheDirectory()))
                .threads(1)
                .log(log::println);
        log.println("disentanglement");
        Disentanglement.Builder scoring = Disentanglement.builder(model, data)
                .attributes(spec.scoring().attributes())
                .metrics(spec.scoring().metrics())
                .images(spec.scoring().images())
                .attributeMeasurer(measurer);
        if (spec.scoring().points() != null) {
            scoring.interventionPoints(
                    spec.scoring().points(), Math.max(1, spec.scoring().points() / 2));
        }
        Disentanglement d = scoring.run();
        d.describe(log::println);
        DisentanglementReport.write(d, modelDir);
    }

    /** Writes {@code trial.json}, which marks the trial finished, last and atomically. */
    private static void markDone(Study.Trial t, Path trialDir, double seconds) {
        ObjectNode done = Json.MAPPER.createObjectNode();
        done.put("id", t.id());
        done.put("phase", t.phase());
        done.put("model", t.model());
        done.put("latentDims", t.latent());
        done.put("beta", t.beta());
        done.put("seed", t.seed());
        done.put("seconds", Json.round(seconds));
        Json.write(trialDir.resolve(Study.TRIAL_DONE), done);
    }

    /** One line per epoch into a trial's log. */
    private static TrainingListener epochLog(Consumer<String> log) {
        return new TrainingListener() {
            @Override
            public void onEpochEnd(int epoch, Loss train, double seconds) {
                log.accept(String.format(
                        Locale.ROOT,
                        "epoch %d done in %.1fs: objective %.2f, train -ELBO %.2f" + " (D %.2f + KL %.2f)",
                        epoch + 1,
                        seconds,
                        train.objective(),
                        train.negElbo(),
                        train.reconstruction(),
                        train.kl()));
            }
        };
    }
}
