package org.vae4j;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.vae4j.api.TrainingConfig;
import org.vae4j.api.TrainingProgress;
import org.vae4j.api.data.Dataset;
import org.vae4j.api.nn.GaussianCode;
import org.vae4j.core.checkpoint.Checkpoint;
import org.vae4j.core.checkpoint.CheckpointIO;
import org.vae4j.core.checkpoint.ModelCheckpoints;
import org.vae4j.core.engine.Encodings;
import org.vae4j.core.engine.ModelState;
import org.vae4j.core.engine.Optimizer;
import org.vae4j.core.engine.Trainer;
import org.vae4j.internal.ArrayInputs;
import org.vae4j.internal.Json;
import org.vae4j.internal.ModelHandle;
import org.vae4j.internal.Session;

/**
 * A trained model: inference on plain Java arrays (encode, decode, sample, reconstruct, traverse,
 * interpolate), evaluation, and saving. Obtained from {@link ModelTrainer#train} or
 * {@link Vae4j#load}.
 *
 * <p>Images are {@code float[n][pixels]} (784 for MNIST) or {@code float[n][height][width]}, values
 * in [0, 1]; codes are {@code float[n][latentDims]}. A conditional model (see
 * {@link #conditionSize()}) also takes the class of each image or code. A wrong shape throws an
 * {@link IllegalArgumentException} saying which shape was expected.
 */
public final class TrainedVae {
    /** The training metrics file of a model directory. */
    public static final String METRICS = "metrics.json";

    private final ModelHandle handle;
    private final ModelState state;
    private final TrainingConfig training;
    private final int epochsCompleted;
    private final Checkpoint.DatasetProvenance data;
    private final int trainImages;
    private final Map<String, String> provenance;
    private final TrainingSummary summary;
    private final ArrayInputs inputs;

    private TrainedVae(
            ModelHandle handle,
            TrainingConfig training,
            int epochsCompleted,
            Checkpoint.DatasetProvenance data,
            int trainImages,
            Map<String, String> provenance,
            TrainingSummary summary) {
        this.handle = handle;
        this.state = handle.state();
        this.training = training;
        this.epochsCompleted = epochsCompleted;
        this.data = data;
        this.trainImages = trainImages;
        this.provenance = provenance;
        this.summary = summary;
        this.inputs = new ArrayInputs(handle);
    }

    static TrainedVae trained(
            Session session,
            Trainer.Run run,
            TrainingConfig config,
            Checkpoint.DatasetProvenance data,
            int trainImages,
            Map<String, String> provenance,
            TrainingSummary summary) {
        return new TrainedVae(
                new ModelHandle(session, run.model(), run.optimizer()),
                config,
                run.epochsCompleted(),
                data,
                trainImages,
                provenance,
                summary);
    }

    static TrainedVae restore(Session session, Checkpoint checkpoint, boolean withOptimizer) {
        Checkpoint c = ModelCheckpoints.upgraded(checkpoint, session.factory());
        ModelState state = session.factory()
                .restore(
                        c.provider(),
                        c.spec(),
                        c.options(),
                        Nd4j.createFromArray(c.params()).castTo(session.dataType()));
        Optimizer optimizer = withOptimizer
                ? Optimizer.restore(
                        c.training().optimizer(),
                        c.training().learningRate(),
                        c.optimizerState(),
                        c.optimizerIteration(),
                        session.threads())
                : null;
        return new TrainedVae(
                new ModelHandle(session, state, optimizer),
                c.training(),
                c.epochsCompleted(),
                c.dataset(),
                c.trainImages(),
                c.provenance(),
                null);
    }

    /** {@return the registered model name it was built with, e.g. {@code beta-vae}} */
    public String modelName() {
        return state.provider();
    }

    /** {@return its options as text, defaults filled in} */
    public Map<String, String> options() {
        return state.options();
    }

    /** {@return the latent dimensions} */
    public int latentDims() {
        return state.spec().latentDims();
    }

    /** {@return the values per image (784 for MNIST)} */
    public int dataSize() {
        return state.spec().dataSize();
    }

    /** {@return the image rows} */
    public int imageHeight() {
        return state.spec().imageHeight();
    }

    /** {@return the image columns} */
    public int imageWidth() {
        return state.spec().imageWidth();
    }

    /** {@return the number of classes a conditional model is conditioned on; 0 for an unconditional model} */
    public int conditionSize() {
        return state.model().conditionSize();
    }

    /** {@return the number of parameters} */
    public long numParams() {
        return state.model().numParams();
    }

    /** {@return the training objective as a formula, e.g. {@code D + 4.0 * R}} */
    public String objective() {
        return state.model().describeObjective();
    }

    /** {@return the epochs the model was trained} */
    public int epochsCompleted() {
        return epochsCompleted;
    }

    /** {@return the configuration it was trained with} */
    public TrainingConfig trainingConfig() {
        return training;
    }

    /** {@return the name of the dataset it was trained on, if recorded} */
    public Optional<String> datasetName() {
        return Optional.ofNullable(data).map(Checkpoint.DatasetProvenance::name);
    }

    /** {@return where its training data came from and the files' SHA-256, if recorded} */
    public Optional<TrainingSummary.DataInfo> dataset() {
        return Optional.ofNullable(data).map(d -> new TrainingSummary.DataInfo(d.name(), d.source(), d.sha256()));
    }

    /** {@return what produced it: vae4j, the provider's jar, ND4J, Java, OS, BLAS (empty for models saved before 0.1)} */
    public Provenance provenance() {
        return new Provenance(provenance);
    }

    /** {@return the training run's summary, present for a model trained in this process} */
    public Optional<TrainingSummary> summary() {
        return Optional.ofNullable(summary);
    }

    /** {@return true when the optimizer state is held (trained here or {@link Vae4j#loadForTraining}): it can be saved} */
    public boolean hasOptimizerState() {
        return handle.optimizer() != null;
    }

    /** {@return the title, e.g. {@code vae (z=10, 10 epochs)}} */
    public String title() {
        return modelName() + " (z=" + latentDims() + ", " + epochsCompleted + " epochs)";
    }

    /**
     * {@return the posterior means E[z|x] of images}
     *
     * @param images images, {@code [n][pixels]} with values in [0, 1]
     */
    public float[][] encode(float[][] images) {
        return posterior(images, null).mean();
    }

    /**
     * {@return the posterior means of images given as {@code [n][height][width]}}
     *
     * @param images images, {@code [n][height][width]} with values in [0, 1]
     */
    public float[][] encode(float[][][] images) {
        return encode(inputs.flatten(images));
    }

    /**
     * {@return the posterior means of images of a conditional model, with each image's class}
     *
     * @param images images, {@code [n][pixels]} with values in [0, 1]
     * @param labels the class of each row for a conditional model, or null for an unconditional one
     */
    public float[][] encode(float[][] images, int[] labels) {
        return posterior(images, labels).mean();
    }

    /**
     * {@return the posterior q(z|x): means and log-variances ({@code labels} null for an unconditional model)}
     *
     * @param images images, {@code [n][pixels]} with values in [0, 1]
     * @param labels the class of each row for a conditional model, or null for an unconditional one
     */
    public Posterior posterior(float[][] images, int[] labels) {
        INDArray x = inputs.matrix(images, dataSize(), "images", inputs.imageShape());
        INDArray condition = inputs.condition(labels, images.length, "images");
        GaussianCode q = handle.inferWithRunner(r -> r.encode(x, condition));
        return new Posterior(ArrayInputs.toFloats(q.mean()), ArrayInputs.toFloats(q.logVariance()));
    }

    /**
     * {@return the posterior of the first {@code count} images of a dataset (conditional models use its labels)}
     *
     * @param images a dataset of the model's image size
     * @param count how many of its first images
     */
    public Posterior posterior(Dataset images, int count) {
        Encodings e = handle.encodings(images, count);
        return new Posterior(ArrayInputs.toFloats(e.mean()), ArrayInputs.toFloats(e.logVariance()));
    }

    /**
     * {@return the decoder's mean images E[x|z] (Bernoulli probabilities, or Gaussian means) of codes}
     *
     * @param codes codes, {@code [n][latentDims]}
     */
    public float[][] decode(float[][] codes) {
        return decode(codes, null);
    }

    /**
     * {@return the mean images of codes of a conditional model, with each code's class}
     *
     * @param codes codes, {@code [n][latentDims]}
     * @param labels the class of each row for a conditional model, or null for an unconditional one
     */
    public float[][] decode(float[][] codes, int[] labels) {
        INDArray z = inputs.matrix(codes, latentDims(), "codes", "[n][" + latentDims() + "]");
        INDArray condition = inputs.condition(labels, codes.length, "codes");
        INDArray mean = handle.inferWithRunner(r -> r.decodeMean(z, condition));
        return ArrayInputs.toFloats(mean);
    }

    /**
     * {@return {@code count} images decoded from codes drawn from the prior with {@code seed}}
     *
     * @param count how many images
     * @param seed the seed of the prior draws
     */
    public float[][] sample(int count, long seed) {
        return sample(count, seed, -1);
    }

    /**
     * {@return {@code count} images of class {@code label} (conditional models; -1 for an unconditional model)}
     *
     * @param count how many images
     * @param seed the seed of the prior draws
     * @param label the class to decode for a conditional model, or -1 for an unconditional one
     */
    public float[][] sample(int count, long seed, int label) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be >= 1, got " + count);
        }
        INDArray z = Nd4j.create(state.dataType(), count, latentDims());
        state.model().prior().sample(z, Nd4j.getRandomFactory().getNewRandomInstance(seed));
        return decode(ArrayInputs.toFloats(z), inputs.repeatLabel(label, count));
    }

    /**
     * {@return images decoded from their posterior means}
     *
     * @param images images, {@code [n][pixels]} with values in [0, 1]
     */
    public float[][] reconstruct(float[][] images) {
        return reconstruct(images, null);
    }

    /**
     * {@return images of a conditional model decoded from their posterior means, with each image's class}
     *
     * @param images images, {@code [n][pixels]} with values in [0, 1]
     * @param labels the class of each row for a conditional model, or null for an unconditional one
     */
    public float[][] reconstruct(float[][] images, int[] labels) {
        return decode(encode(images, labels), labels);
    }

    /**
     * A latent traversal: {@code steps} images decoding {@code base} with dimension {@code dim} swept
     * evenly from {@code low} to {@code high} ({@code label}: the class for a conditional model, else -1).
     *
     * @param base the code the others dimensions are held at, {@code [latentDims]}
     * @param dim the dimension swept
     * @param low the first value
     * @param high the last value
     * @param steps images along the way, ends included (at least 2)
     * @param label the class to decode for a conditional model, or -1 for an unconditional one
     * @return the decoded images, {@code [steps][pixels]}
     */
    public float[][] traverse(float[] base, int dim, double low, double high, int steps, int label) {
        float[][] z = inputs.traversal(base, dim, low, high, steps);
        return decode(z, inputs.repeatLabel(label, steps));
    }

    /**
     * {@return {@code steps} images decoding the straight line from code {@code from} to code {@code to}, both included}
     *
     * @param from the first code
     * @param to the last code
     * @param steps images along the way, ends included (at least 2)
     * @param label the class to decode for a conditional model, or -1 for an unconditional one
     */
    public float[][] interpolate(float[] from, float[] to, int steps, int label) {
        float[][] z = inputs.interpolation(from, to, steps);
        return decode(z, inputs.repeatLabel(label, steps));
    }

    /**
     * {@return the test-set loss terms, importance-weighted log p(x) with {@code iwSamples} samples (0: none), latent statistics}
     *
     * @param test the test images (labelled for conditional models)
     * @param iwSamples importance samples per image (K; 0 skips the estimate)
     */
    public Evaluation evaluate(Dataset test, int iwSamples) {
        return evaluation(test).importanceSamples(iwSamples).run();
    }

    /**
     * {@return an evaluation to configure (images, samples, seed, progress) and run}
     *
     * @param test the test images (labelled for conditional models)
     */
    public Evaluation.Builder evaluation(Dataset test) {
        return new Evaluation.Builder(this, test);
    }

    /**
     * Writes the model directory: the checkpoint {@code model.vae4j} (atomically) and, for a model
     * trained in this process, {@code metrics.json}; the same files {@code ./vae train} writes.
     *
     * @throws IllegalStateException for a model loaded for inference only (its optimizer state was not read)
     * @param modelDir the model directory
     */
    public void save(Path modelDir) {
        if (handle.optimizer() == null) {
            throw new IllegalStateException("model " + title() + " was loaded for inference only, without its optimizer"
                    + " state; load it with Vae4j.loadForTraining to save it");
        }
        ModelCheckpoints.writeIfFinite(
                ModelCheckpoints.of(
                        new Trainer.Run(state, handle.optimizer(), epochsCompleted),
                        training,
                        data,
                        trainImages,
                        provenance),
                modelDir.resolve(CheckpointIO.FILE_NAME));
        if (summary != null) {
            Json.write(modelDir.resolve(METRICS), ModelFiles.metrics(summary, provenance));
        }
    }

    /** The engine side; other packages reach it through {@code Internals.handle}. */
    ModelHandle handle() {
        return handle;
    }

    /** The training progress at the end of the saved run (what schedules such as capacity annealing read). */
    TrainingProgress endOfTraining() {
        return ModelFiles.endOfTraining(training, trainImages);
    }
}
