package org.vae4j.study;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.vae4j.analysis.StudyResults;
import org.vae4j.api.ConfigurationException;
import org.vae4j.api.OptimizerKind;
import org.vae4j.report.StudyReport;

/**
 * A study described as JSON (the profiles {@code quick}, {@code paper} and {@code full} are such
 * files; users copy and edit them): training settings, the latent-size sensitivity grid, the
 * beta trade-off grid (at a fixed latent size, or 0 for the knee the sensitivity analysis finds)
 * and what the trials are scored on. {@code options} (optional) are model options every trial's
 * model is built with, e.g. {@code {"hidden": "1200,1200"}}; every model of the study must have them.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StudySpec(
        String name,
        String description,
        String dataset,
        int epochs,
        int batchSize,
        String optimizer,
        Double learningRate,
        Map<String, String> options,
        int trainImages,
        List<Long> seeds,
        Sensitivity sensitivity,
        Tradeoff tradeoff,
        Scoring scoring) {

    /** Adam unless the description names another optimizer ({@code adam} or {@code adagrad}). */
    public OptimizerKind optimizerKind() {
        return optimizer == null ? OptimizerKind.ADAM : OptimizerKind.parse(optimizer);
    }

    /** {@return the sensitivity phase's trials: every latent size with every seed} */
    public List<Study.Trial> sensitivityTrials() {
        List<Study.Trial> trials = new ArrayList<>();
        for (int z : sensitivity.latentSizes()) {
            for (long seed : seeds) {
                trials.add(new Study.Trial("sensitivity", sensitivity.model(), z, 1.0, seed));
            }
        }
        return trials;
    }

    /**
     * {@return the trade-off phase's trials at latent size {@code z}: every model, beta and seed}
     *
     * @param z the trade-off's latent size
     */
    public List<Study.Trial> tradeoffTrials(int z) {
        List<Study.Trial> trials = new ArrayList<>();
        for (String model : tradeoff.models()) {
            for (double beta : tradeoff.betas()) {
                for (long seed : seeds) {
                    trials.add(new Study.Trial("tradeoff", model, z, beta, seed));
                }
            }
        }
        return trials;
    }

    /** {@return what the study varies and scores, as its results are grouped by} */
    public StudyResults.Plan plan() {
        return new StudyResults.Plan(
                tradeoff().models(),
                tradeoff().betas(),
                scoring().metrics(),
                scoring().attributes(),
                sensitivity().kneeTolerance());
    }

    /** {@return what the study's report says of this description} */
    public StudyReport.Heading heading() {
        return new StudyReport.Heading(
                name(),
                description(),
                String.format(
                        Locale.ROOT,
                        "%d epochs, batch %d, %s, seeds %s%s",
                        epochs(),
                        batchSize(),
                        trainImages() > 0 ? trainImages() + " training images" : "all training images",
                        seeds(),
                        optionsOrEmpty().isEmpty() ? "" : ", model options " + optionsOrEmpty()),
                new StudyReport.SensitivityHeading(
                        sensitivity().model(),
                        sensitivity().iwSamples(),
                        sensitivity().iwImages()));
    }

    /** The learning rate the description names, or 0.001 (the trainer's default). */
    public double learningRateOrDefault() {
        return learningRate == null ? 0.001 : learningRate;
    }

    /**
     * The latent-size sensitivity grid.
     *
     * @param model the model trained at every size
     * @param latentSizes the sizes z
     * @param kneeTolerance nats within the best mean -ELBO that the knee may lie
     * @param iwSamples importance samples per image (0: none)
     * @param iwImages test images for the estimate (0: all)
     */
    public record Sensitivity(
            String model, List<Integer> latentSizes, double kneeTolerance, int iwSamples, int iwImages) {}

    /**
     * The beta trade-off grid.
     *
     * @param models models that have the option beta
     * @param betas the values of beta
     * @param latentDims z, or 0 for the knee of the sensitivity analysis
     * @param iwSamples importance samples per image (0: none)
     * @param iwImages test images for the estimate (0: all)
     */
    public record Tradeoff(List<String> models, List<Double> betas, int latentDims, int iwSamples, int iwImages) {}

    /**
     * What every trial is scored on.
     *
     * @param attributes attributes to align and score against (factor names on data with ground truth)
     * @param metrics metrics to compute
     * @param images test images scored
     * @param points training points of the intervention scores (null: disentanglement_lib's 10,000;
     *               half as many test them)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Scoring(List<String> attributes, List<String> metrics, int images, Integer points) {}

    /** {@return the model options every trial is built with, sorted by name (empty if none)} */
    public Map<String, String> optionsOrEmpty() {
        return options == null ? Map.of() : new TreeMap<>(options);
    }

    /** {@return the dataset source the description names, or mnist} */
    public String datasetOrDefault() {
        return dataset == null ? "mnist" : dataset;
    }

    /** The built-in profiles. */
    public static final List<String> PROFILES = List.of("quick", "paper", "full", "paper-faithful", "factors-quick");

    static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    /**
     * {@return a built-in profile by name}
     *
     * @param name {@code quick}, {@code paper}, {@code full}, {@code paper-faithful} or {@code factors-quick}
     *     ({@code factors} is a suite of studies: {@link StudySuite#profile})
     */
    public static StudySpec profile(String name) {
        if (!PROFILES.contains(name)) {
            throw new ConfigurationException("{profile} must be one of " + String.join(", ", PROFILES)
                    + (StudySuite.PROFILES.contains(name)
                            ? "; " + name + " is a suite of studies (StudySuite.profile)"
                            : "")
                    + ", got '" + name + "'");
        }
        try (InputStream in = StudySpec.class.getResourceAsStream(name + ".json")) {
            return MAPPER.readValue(in, StudySpec.class).validated("profile " + name);
        } catch (IOException e) {
            throw new IllegalStateException("built-in profile " + name + " is unreadable", e);
        }
    }

    /**
     * {@return a study description from a JSON file; a ConfigurationException naming the problem}
     *
     * @param file the file
     */
    public static StudySpec read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ConfigurationException("{spec} " + file + " does not exist");
        }
        try {
            return MAPPER.readValue(file.toFile(), StudySpec.class).validated(file.toString());
        } catch (IOException e) {
            throw new ConfigurationException(file + " is not a valid study description: "
                    + e.getMessage().lines().findFirst().orElse("") + " (see docs/study.md)");
        }
    }

    /**
     * {@return a study description from JSON text, as {@link #json()} writes it (e.g. shipped to
     * the machines that run the trials); a ConfigurationException naming {@code where} if invalid}
     *
     * @param json the description
     * @param where what to name in an error
     */
    public static StudySpec parse(String json, String where) {
        try {
            return MAPPER.readValue(json, StudySpec.class).validated(where);
        } catch (IOException e) {
            throw new ConfigurationException(where + " is not a valid study description: "
                    + e.getMessage().lines().findFirst().orElse("") + " (see docs/study.md)");
        }
    }

    /** {@return the description as JSON} */
    public String json() {
        try {
            return new ObjectMapper()
                    .enable(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(this);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void check(boolean ok, String where, String message) {
        if (!ok) {
            throw new ConfigurationException(where + ": " + message + " (see docs/study.md)");
        }
    }

    StudySpec validated(String where) {
        check(name != null && name.matches("[A-Za-z0-9_.-]+"), where, "name must be a simple word");
        check(epochs >= 1, where, "epochs must be >= 1");
        check(batchSize >= 1, where, "batchSize must be >= 1");
        check(
                optimizer == null || optimizer.equals("adam") || optimizer.equals("adagrad"),
                where,
                "optimizer must be adam or adagrad, got '" + optimizer + "'");
        check(
                learningRate == null || (learningRate > 0 && Double.isFinite(learningRate)),
                where,
                "learningRate must be > 0");
        check(
                options == null
                        || options.entrySet().stream()
                                .allMatch(
                                        e -> e.getValue() != null && !e.getKey().equals("beta")),
                where,
                "options must map option names to values, and leave beta to the trade-off grid");
        check(trainImages >= 0, where, "trainImages must be >= 0 (0: all)");
        check(seeds != null && !seeds.isEmpty(), where, "seeds must list at least one seed");
        check(
                sensitivity != null
                        && sensitivity.model() != null
                        && sensitivity.latentSizes() != null
                        && !sensitivity.latentSizes().isEmpty(),
                where,
                "sensitivity needs a model and latentSizes");
        check(sensitivity.latentSizes().stream().allMatch(z -> z >= 1), where, "latent sizes must be >= 1");
        check(sensitivity.kneeTolerance() >= 0, where, "kneeTolerance must be >= 0 nats");
        check(sensitivity.iwSamples() >= 0 && sensitivity.iwImages() >= 0, where, "iwSamples/iwImages must be >= 0");
        check(
                tradeoff != null
                        && tradeoff.models() != null
                        && !tradeoff.models().isEmpty()
                        && tradeoff.betas() != null
                        && !tradeoff.betas().isEmpty(),
                where,
                "tradeoff needs models and betas");
        check(tradeoff.betas().stream().allMatch(b -> b > 0), where, "betas must be > 0");
        check(tradeoff.latentDims() >= 0, where, "tradeoff.latentDims must be >= 0 (0: the knee)");
        check(
                scoring != null
                        && scoring.attributes() != null
                        && !scoring.attributes().isEmpty()
                        && scoring.metrics() != null
                        && !scoring.metrics().isEmpty(),
                where,
                "scoring needs attributes and metrics");
        check(scoring.images() >= 10, where, "scoring.images must be >= 10");
        check(scoring.points() == null || scoring.points() >= 2, where, "scoring.points must be >= 2");
        return this;
    }
}
