package org.vae4j;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;
import org.vae4j.api.Loss;
import org.vae4j.api.data.Dataset;
import org.vae4j.core.engine.Encodings;
import org.vae4j.core.engine.Evaluator;
import org.vae4j.core.engine.LikelihoodEstimator;
import org.vae4j.core.engine.ModelState;
import org.vae4j.internal.Json;
import org.vae4j.internal.ModelHandle;

/**
 * A trained model measured on a test set: the loss terms (D, KL, -ELBO, objective), the
 * importance-weighted estimate of log p(x) (Burda et al. 2016) when asked for, active units and
 * the KL of each latent dimension, and for conditional models all of these per class.
 * {@link #writeTo} saves it as {@code evaluation.json}.
 *
 * @param subject what was evaluated: the model and the test set
 * @param test mean per-image loss terms in nats
 * @param importanceWeighted the log-likelihood estimate, or null when not asked for
 * @param latent statistics of the posterior means
 * @param perClass per-class statistics of a conditional model (empty otherwise)
 */
public record Evaluation(
        Subject subject, Loss test, ImportanceWeighted importanceWeighted, Latent latent, List<ClassResult> perClass) {

    /** The file {@link #writeTo} writes. */
    public static final String FILE = "evaluation.json";
    /** Var_x E[z_u] above which a dimension counts as active. */
    public static final double ACTIVE_UNIT_THRESHOLD = 0.01;
    /** The importance-sampling seed unless another is given. */
    public static final long DEFAULT_IW_SEED = 20220102L;

    /**
     * Copies the per-class list.
     *
     * @param subject what was evaluated
     * @param test the test loss terms
     * @param importanceWeighted the log-likelihood estimate, or null
     * @param latent statistics of the posterior means
     * @param perClass per-class statistics (empty for unconditional models)
     */
    public Evaluation {
        perClass = List.copyOf(perClass);
    }

    /**
     * What was evaluated.
     *
     * @param model the model name
     * @param latentDims latent dimensions
     * @param epochsCompleted epochs the model was trained
     * @param dataset the test set's name
     * @param testImages images evaluated for the loss terms
     */
    public record Subject(String model, int latentDims, int epochsCompleted, String dataset, int testImages) {}

    /** {@return the model name} */
    public String model() {
        return subject.model();
    }

    /** {@return the latent dimensions} */
    public int latentDims() {
        return subject.latentDims();
    }

    /** {@return the epochs the model was trained} */
    public int epochsCompleted() {
        return subject.epochsCompleted();
    }

    /** {@return the test set's name} */
    public String dataset() {
        return subject.dataset();
    }

    /** {@return the images evaluated for the loss terms} */
    public int testImages() {
        return subject.testImages();
    }

    /**
     * The importance-weighted estimate of log p(x) (log p(x|y) for conditional models).
     *
     * @param estimate the estimate: images, mean and standard error, and what it estimates
     * @param sampling how it was sampled: K, seed and time
     * @param negElboSameImages the -ELBO of the same images (the bound it tightens)
     * @param perImage the estimate of each image
     */
    public record ImportanceWeighted(
            Estimate estimate, Sampling sampling, double negElboSameImages, double[] perImage) {
        /**
         * The estimate.
         *
         * @param images images estimated
         * @param logLikelihood mean per image, nats
         * @param standardError of the mean
         * @param conditional whether it is log p(x|y)
         */
        public record Estimate(int images, double logLikelihood, double standardError, boolean conditional) {}

        /**
         * How it was sampled.
         *
         * @param samples importance samples per image (K)
         * @param seed the sampling seed
         * @param seconds time taken
         */
        public record Sampling(int samples, long seed, double seconds) {}

        /** {@return the images estimated} */
        public int images() {
            return estimate.images();
        }

        /** {@return the mean per image, nats} */
        public double logLikelihood() {
            return estimate.logLikelihood();
        }

        /** {@return the standard error of the mean} */
        public double standardError() {
            return estimate.standardError();
        }

        /** {@return whether it is log p(x|y)} */
        public boolean conditional() {
            return estimate.conditional();
        }

        /** {@return the importance samples per image (K)} */
        public int samples() {
            return sampling.samples();
        }

        /** {@return the sampling seed} */
        public long seed() {
            return sampling.seed();
        }

        /** {@return the time taken} */
        public double seconds() {
            return sampling.seconds();
        }

        /** {@return how far the estimate lies above the ELBO of the same images} */
        public double gapToElbo() {
            return logLikelihood() + negElboSameImages;
        }
    }

    /**
     * Statistics of the posterior means.
     *
     * @param activeUnits dimensions with Var_x E[z_u] above the threshold
     * @param varianceOfMean Var_x E[z_u] per dimension
     * @param klPerDimension mean KL(q(z_u|x) || N(0,1)) per dimension, or null when the prior is not N(0, I)
     * @param order the dimensions by decreasing KL (or variance when there is no KL)
     */
    public record Latent(int activeUnits, double[] varianceOfMean, double[] klPerDimension, int[] order) {
        static Latent of(Encodings codes, boolean gaussianKl) {
            double[] variance = codes.varianceOfMeans();
            double[] kl = gaussianKl ? codes.klPerDimension() : null;
            Comparator<Integer> by = gaussianKl
                    ? Comparator.comparingDouble(u -> -kl[u])
                    : Comparator.comparingDouble(u -> -variance[u]);
            int[] order = IntStream.range(0, variance.length)
                    .boxed()
                    .sorted(by)
                    .mapToInt(Integer::intValue)
                    .toArray();
            return new Latent(codes.activeUnits(ACTIVE_UNIT_THRESHOLD), variance, kl, order);
        }
    }

    /**
     * One class of a conditional model.
     *
     * @param label the class
     * @param images its test images
     * @param logLikelihood mean and standard error of its images' estimates ({@code [mean, se, images]}), or null
     * @param latent its latent statistics
     */
    public record ClassResult(int label, int images, double[] logLikelihood, Latent latent) {}

    /**
     * Writes {@code evaluation.json} into {@code modelDir} atomically.
     *
     * @param modelDir the model directory
     * @return the file written
     */
    public Path writeTo(Path modelDir) {
        Path file = modelDir.resolve(FILE);
        Json.write(file, ModelFiles.evaluation(this));
        return file;
    }

    /** {@return the evaluation as one line of JSON, without the per-dimension and per-class details} */
    public String summaryJson() {
        return Json.oneLine(ModelFiles.evaluation(this).without(List.of("latent", "perClass")));
    }

    /** Mean and standard error of per-image values, with their count. */
    static double[] meanAndStandardError(double[] values) {
        double mean = java.util.Arrays.stream(values).average().orElse(Double.NaN);
        double ss = 0;
        for (double v : values) {
            ss += (v - mean) * (v - mean);
        }
        double sd = values.length > 1 ? Math.sqrt(ss / (values.length - 1)) : Double.NaN;
        return new double[] {mean, sd / Math.sqrt(values.length), values.length};
    }

    /** Configures an evaluation; from {@link TrainedVae#evaluation(Dataset)}. */
    public static final class Builder {
        private final TrainedVae model;
        private final Dataset test;
        private int samples = 1000;
        private int images = Integer.MAX_VALUE;
        private long seed = DEFAULT_IW_SEED;
        private IntConsumer progress = done -> {};
        private String datasetName;

        Builder(TrainedVae model, Dataset test) {
            this.model = model;
            this.test = test;
        }

        /**
         * Importance samples per image (K, default 1000; 0 skips the estimate).
         *
         * @param k importance samples per image
         * @return this builder
         */
        public Builder importanceSamples(int k) {
            if (k < 0) {
                throw new org.vae4j.api.ConfigurationException("{importanceSamples} must be >= 0, got " + k);
            }
            this.samples = k;
            return this;
        }

        /**
         * Estimates log p(x) on the first {@code n} test images only (default all).
         *
         * @param n test images, at least 1
         * @return this builder
         */
        public Builder images(int n) {
            if (n < 1) {
                throw new org.vae4j.api.ConfigurationException("{images} must be >= 1, got " + n);
            }
            this.images = n;
            return this;
        }

        /**
         * Sets the importance-sampling seed (default {@link #DEFAULT_IW_SEED}).
         *
         * @param seed the seed
         * @return this builder
         */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * Called with the number of images estimated so far.
         *
         * @param progress the receiver
         * @return this builder
         */
        public Builder progress(IntConsumer progress) {
            this.progress = progress;
            return this;
        }

        /**
         * The name recorded for the test set (default: the dataset the model was trained on).
         *
         * @param name the name
         * @return this builder
         */
        public Builder datasetName(String name) {
            this.datasetName = name;
            return this;
        }

        /**
         * Evaluates the loss terms, the estimate if asked for, and the latent statistics.
         *
         * @return the evaluation
         */
        public Evaluation run() {
            ModelHandle h = model.handle();
            h.checkData(test);
            return h.infer(copy -> compute(h, copy));
        }

        private Evaluation compute(ModelHandle h, ModelState copy) {
            Loss loss = Evaluator.evaluate(copy, test, model.endOfTraining());
            boolean conditional = model.conditionSize() > 0;
            ImportanceWeighted iw = null;
            if (samples > 0) {
                int n = Math.min(images, test.size());
                long started = System.nanoTime();
                double[] estimates = new LikelihoodEstimator(copy.model(), copy.dataType())
                        .estimate(test, n, samples, seed, progress);
                double seconds = (System.nanoTime() - started) / 1e9;
                double[] summary = meanAndStandardError(estimates);
                Loss same = n == test.size() ? loss : Evaluator.evaluate(copy, test.head(n), model.endOfTraining());
                iw = new ImportanceWeighted(
                        new ImportanceWeighted.Estimate(n, summary[0], summary[1], conditional),
                        new ImportanceWeighted.Sampling(samples, seed, seconds),
                        same.negElbo(),
                        estimates);
            }
            Encodings codes = h.encodings(test, test.size());
            boolean gaussianKl = h.gaussianKl();
            List<ClassResult> perClass = new ArrayList<>();
            if (conditional && codes.labels() != null) {
                int[] labels = codes.labels();
                for (int label = 0; label < test.numClasses(); label++) {
                    Encodings c = codes.ofClass(label);
                    if (c.size() == 0) {
                        continue;
                    }
                    double[] ll = null;
                    if (iw != null) {
                        final int l = label;
                        final double[] all = iw.perImage();
                        double[] mine = IntStream.range(0, all.length)
                                .filter(i -> labels[i] == l)
                                .mapToDouble(i -> all[i])
                                .toArray();
                        ll = mine.length > 0 ? meanAndStandardError(mine) : null;
                    }
                    perClass.add(new ClassResult(label, c.size(), ll, Latent.of(c, gaussianKl)));
                }
            }
            return new Evaluation(
                    new Subject(
                            model.modelName(),
                            model.latentDims(),
                            model.epochsCompleted(),
                            datasetName != null
                                    ? datasetName
                                    : model.datasetName().orElse(test.name()),
                            test.size()),
                    loss,
                    iw,
                    Latent.of(codes, gaussianKl),
                    perClass);
        }
    }
}
