package org.vae4j.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.vae4j.TrainedVae;
import org.vae4j.api.ConfigurationException;
import org.vae4j.api.data.Dataset;
import org.vae4j.api.data.DatasetPair;
import org.vae4j.api.metrics.Factors;
import org.vae4j.api.metrics.MetricContext;
import org.vae4j.api.metrics.MetricResult;
import org.vae4j.core.engine.Encodings;
import org.vae4j.internal.Internals;
import org.vae4j.internal.ModelHandle;
import org.vae4j.internal.Session;
import org.vae4j.metrics.score.Alignment;
import org.vae4j.metrics.score.Correlations;

/**
 * A model's codes (posterior means of test images) scored against the digits' attributes: the
 * chosen disentanglement metrics, the optimal one-to-one alignment of latent dimensions with
 * attributes, and the Spearman and Pearson correlations of every dimension with every attribute.
 * {@code report.DisentanglementReport} writes it as {@code disentanglement.json}, a heat map and the aligned
 * traversal.
 *
 * @param subject what was scored: the model and its test images
 * @param metrics each chosen metric's result, in the order asked
 * @param protocol whose definitions the metrics follow
 * @param alignment one entry per attribute
 * @param alignedBy what the alignment maximised
 * @param correlations the Spearman and Pearson correlations of every dimension with every attribute
 */
public record Disentanglement(
        Subject subject,
        Map<String, MetricResult> metrics,
        Protocol protocol,
        List<Aligned> alignment,
        String alignedBy,
        CorrelationTable correlations) {

    /**
     * What was scored.
     *
     * @param model the trained model
     * @param title the model's title
     * @param latentDims its latent dimensions
     * @param images test images scored
     * @param attributes the attributes scored and aligned against
     * @param conditionLabel the class a conditional model's pictures decode, or -1
     */
    public record Subject(
            TrainedVae model, String title, int latentDims, int images, List<String> attributes, int conditionLabel) {}

    /**
     * Correlations of every latent dimension with every attribute.
     *
     * @param columns the columns (every morphometric, and the label when known)
     * @param spearman {@code [latentDims][columns]} Spearman correlations
     * @param pearson {@code [latentDims][columns]} Pearson correlations
     */
    public record CorrelationTable(List<String> columns, double[][] spearman, double[][] pearson) {}

    /** {@return the model's title} */
    public String title() {
        return subject.title();
    }

    /** {@return the model's latent dimensions} */
    public int latentDims() {
        return subject.latentDims();
    }

    /** {@return the test images scored} */
    public int images() {
        return subject.images();
    }

    /** {@return the attributes scored and aligned against} */
    public List<String> attributes() {
        return subject.attributes();
    }

    /** {@return the trained model} */
    public TrainedVae model() {
        return subject.model();
    }

    /** {@return the class a conditional model's pictures decode, or -1} */
    public int conditionLabel() {
        return subject.conditionLabel();
    }

    /** {@return the columns of the correlation matrices} */
    public List<String> correlationColumns() {
        return correlations.columns();
    }

    /** {@return the {@code [latentDims][columns]} Spearman correlations} */
    public double[][] spearman() {
        return correlations.spearman();
    }

    /** {@return the {@code [latentDims][columns]} Pearson correlations} */
    public double[][] pearson() {
        return correlations.pearson();
    }

    /** The file a scoring is written to in the model directory. */
    public static final String FILE = "disentanglement.json";

    /**
     * An attribute's latent dimension.
     *
     * @param attribute the attribute
     * @param dimension its dimension, or -1 when there are more attributes than dimensions
     * @param strength |Spearman| or mutual information with its dimension
     * @param spearman the signed Spearman correlation (the direction in which the attribute grows)
     * @param runnerUp the next-best dimension for this attribute, and the dimension's strongest other attribute
     */
    public record Aligned(String attribute, int dimension, double strength, double spearman, RunnerUp runnerUp) {
        /** {@return the next-best dimension for this attribute} */
        public int runnerUpDimension() {
            return runnerUp.dimension();
        }

        /** {@return its strength} */
        public double runnerUpStrength() {
            return runnerUp.strength();
        }

        /** {@return the dimension's strongest other attribute, or null} */
        public String competingAttribute() {
            return runnerUp.competingAttribute();
        }

        /** {@return its strength} */
        public double competingStrength() {
            return runnerUp.competingStrength();
        }
    }

    /**
     * What competes with an alignment.
     *
     * @param dimension the next-best dimension for the attribute
     * @param strength its strength
     * @param competingAttribute the aligned dimension's strongest other attribute, or null
     * @param competingStrength its strength
     */
    public record RunnerUp(int dimension, double strength, String competingAttribute, double competingStrength) {}

    /**
     * {@return a scoring of a trained model's codes against its test images' attributes, to configure
     * and run with the metrics and data cache of the instance that trained or loaded the model}
     *
     * @param model the trained model
     * @param data the data it is scored on (its test split)
     */
    public static Builder builder(TrainedVae model, DatasetPair data) {
        return new Builder(Internals.handle(model).session(), model, data);
    }

    /** Configures a scoring; from {@link #builder(TrainedVae, DatasetPair)}. */
    public static final class Builder {
        private final Session session;
        private final TrainedVae model;
        private final DatasetPair data;
        private List<String> attributes;
        private Boolean useFactors;
        private int[] points;
        private List<String> metricNames = List.of("mig", "sap", "dci", "modularity");
        private Protocol protocol = Protocol.VAE4J;
        private Alignment.Measure measure = Alignment.Measure.SPEARMAN;
        private int images = Integer.MAX_VALUE;
        private long seed;
        private Attributes.Measurer measurer;

        private Builder(Session session, TrainedVae model, DatasetPair data) {
            this.session = session;
            this.model = model;
            this.data = data;
            this.measurer = Attributes.measurer(Attributes.cacheIn(session.cacheDirectory()));
        }

        /**
         * Attributes to align and score against (default thickness, slant, width; {@code label} is the
         * class); with {@link #factors(boolean) factors}, factor names (default all).
         *
         * @param names attribute names
         * @return this builder
         */
        public Builder attributes(List<String> names) {
            this.attributes = List.copyOf(names);
            return this;
        }

        /**
         * Points drawn by the intervention metrics (default disentanglement_lib's: 10,000 to fit and
         * 5,000 to test); fewer for a quick look, whose values vary more from seed to seed.
         *
         * @param numTrain points (votes) that fit the classifier, at least 2
         * @param numEval points (votes) that test it, at least 1
         * @return this builder
         */
        public Builder interventionPoints(int numTrain, int numEval) {
            if (numTrain < 2 || numEval < 1) {
                throw new ConfigurationException("{points} must leave at least 2 points to fit and 1 to test, got "
                        + numTrain + " and " + numEval);
            }
            this.points = new int[] {numTrain, numEval};
            return this;
        }

        /**
         * Score against the dataset's ground-truth factors ({@code true}; the default when the data
         * carries them) or against measured attributes ({@code false}; the default otherwise). With
         * factors, the attributes are factor names (default all of them) and the intervention metrics
         * ({@code beta-vae-score}, {@code factor-vae-score}) can run.
         *
         * @param factors whether to use the ground-truth factors
         * @return this builder
         */
        public Builder factors(boolean factors) {
            this.useFactors = factors;
            return this;
        }

        /**
         * Metrics to compute by name (default mig, sap, dci, modularity).
         *
         * @param names attribute names
         * @return this builder
         */
        public Builder metrics(List<String> names) {
            names.forEach(session::metric);
            this.metricNames = List.copyOf(names);
            return this;
        }

        /**
         * Whose definitions the metrics follow: {@code vae4j} (the default) or {@code dlib}
         * (disentanglement_lib's, with each continuous attribute cut into deciles; see {@link Protocol}).
         *
         * @param name the protocol
         * @return this builder
         */
        public Builder protocol(String name) {
            return protocol(Protocol.parse(name));
        }

        /**
         * Whose definitions the metrics follow (default {@link Protocol#VAE4J}).
         *
         * @param protocol the protocol
         * @return this builder
         */
        public Builder protocol(Protocol protocol) {
            this.protocol = protocol;
            return this;
        }

        /**
         * {@code spearman} (|Spearman correlation|, the default) or {@code mi} (mutual information).
         *
         * @param measure {@code spearman} or {@code mi}
         * @return this builder
         */
        public Builder alignBy(String measure) {
            this.measure = Alignment.Measure.parse(measure);
            return this;
        }

        /**
         * Use the first {@code n} test images (default all; at least 10).
         *
         * @param n how many
         * @return this builder
         */
        public Builder images(int n) {
            if (n < 10) {
                throw new ConfigurationException("{images} must be >= 10, got " + n);
            }
            this.images = n;
            return this;
        }

        /**
         * Seed of the train/test split of the scores' predictors (default 0).
         *
         * @param seed the seed
         * @return this builder
         */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * How the attributes are measured (cache, threads, progress).
         *
         * @param measurer a configured measurer
         * @return this builder
         */
        public Builder attributeMeasurer(Attributes.Measurer measurer) {
            this.measurer = measurer;
            return this;
        }

        /**
         * Measures (or reads cached) attributes, encodes the test images and computes the scores.
         *
         * @return the scores, alignment and correlations
         */
        public Disentanglement run() {
            ModelHandle handle = Internals.handle(model);
            handle.checkData(data.test());
            if (useFactors == null ? data.test().groundTruth().isPresent() : useFactors) {
                return runOnFactors(handle);
            }
            FactorScoring.refuseInterventions(session, protocol, metricNames, data.name());
            List<String> attributes =
                    this.attributes == null ? List.of("thickness", "slant", "width") : this.attributes;
            Attributes.checkNames(attributes, "{attributes}");
            if (attributes.contains(Attributes.LABEL) && data.test().labels().isEmpty()) {
                throw new ConfigurationException("{attributes} label: dataset " + data.name() + " has no labels");
            }
            Attributes table = measurer.of(data, true);
            int n = Math.min(images, data.test().size());
            Dataset test = data.test().head(n);
            table = table.head(n);
            Encodings codes = handle.encodings(test, n);
            double[][] z = codes.mean();
            Factors chosen = table.factors(attributes);
            MetricContext context =
                    new MetricContext(seed, MetricContext.DEFAULT.trainFraction(), MetricContext.DEFAULT.bins());
            Map<String, MetricResult> results =
                    protocol.compute(session, metricNames, z, protocol.attributeFactors(chosen), context);
            List<String> all = new ArrayList<>(Attributes.NAMES);
            if (data.test().labels().isPresent()) {
                all.add(Attributes.LABEL);
            }
            return assemble(test, attributes, z, chosen, context, results, all, table.factors(all));
        }

        private Disentanglement runOnFactors(ModelHandle handle) {
            org.vae4j.api.data.GroundTruth truth = FactorScoring.truth(data.test());
            List<String> all = truth.space().names();
            List<String> chosenNames = attributes == null ? all : attributes;
            int n = Math.min(images, data.test().size());
            Dataset test = data.test().head(n);
            double[][] z = handle.encodings(test, n).mean();
            Factors chosen = FactorScoring.factors(truth, n, chosenNames);
            MetricContext context =
                    new MetricContext(seed, MetricContext.DEFAULT.trainFraction(), MetricContext.DEFAULT.bins());
            Map<String, MetricResult> results = FactorScoring.compute(
                    session, protocol, model, test, truth, metricNames, z, chosen, context, points);
            return assemble(test, chosenNames, z, chosen, context, results, all, FactorScoring.factors(truth, n, all));
        }

        /** The scoring of {@code test}'s codes: scores, alignment, and correlations with every column. */
        private Disentanglement assemble(
                Dataset test,
                List<String> names,
                double[][] z,
                Factors chosen,
                MetricContext context,
                Map<String, MetricResult> results,
                List<String> all,
                Factors everything) {
            int label = model.conditionSize() > 0 ? test.labels().orElseThrow()[0] : -1;
            return new Disentanglement(
                    new Subject(model, model.title(), model.latentDims(), test.size(), names, label),
                    results,
                    protocol,
                    aligned(z, chosen, context),
                    alignedBy(),
                    new CorrelationTable(
                            all, Correlations.spearman(z, everything), Correlations.pearson(z, everything)));
        }

        private List<Aligned> aligned(double[][] z, Factors chosen, MetricContext context) {
            List<Aligned> aligned = new ArrayList<>();
            for (Alignment.Assignment a : Alignment.align(z, chosen, measure, context.bins())) {
                aligned.add(new Aligned(
                        a.attribute(),
                        a.dimension(),
                        a.strength(),
                        a.spearman(),
                        new RunnerUp(
                                a.runnerUpDimension(),
                                a.runnerUpStrength(),
                                a.competingAttribute(),
                                a.competingStrength())));
            }
            return aligned;
        }

        private String alignedBy() {
            return measure == Alignment.Measure.SPEARMAN ? "|Spearman correlation|" : "mutual information (nats)";
        }
    }

    /**
     * For callers that only print: each line of the text summary {@code ./vae disentanglement} shows.
     *
     * @param out receives one line at a time
     */
    public void describe(Consumer<String> out) {
        DisentanglementText.describe(this, out);
    }
}
