package org.vae4j.report;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.IntStream;
import org.vae4j.TrainedVae;
import org.vae4j.api.data.Dataset;
import org.vae4j.core.engine.Encodings;
import org.vae4j.internal.Internals;
import org.vae4j.internal.ModelHandle;

/**
 * The pictures users judge a VAE by: latent traversals (the paper's central figures), samples from
 * the prior, reconstructions and interpolations, each titled with the model. Obtained from
 * {@link #of(TrainedVae)}; conditional models take a class wherever they decode.
 */
public final class Pictures {
    private final TrainedVae model;
    private final ModelHandle handle;
    private final org.vae4j.core.render.Pictures render;

    private Pictures(TrainedVae model) {
        this.handle = Internals.handle(model);
        this.model = model;
        this.render = new org.vae4j.core.render.Pictures(handle.runner(), model.imageHeight(), model.imageWidth());
    }

    /**
     * {@return the pictures of {@code model}}
     *
     * @param model a trained model
     */
    public static Pictures of(TrainedVae model) {
        return new Pictures(model);
    }

    /**
     * One row per latent dimension, sweeping it over [low, high] in {@code steps} images while the
     * others stay at the prior mean or at the encoding of test image {@code image}.
     *
     * @param dims the dimensions, or null for all ordered by KL (by the variance of their means without a Gaussian KL)
     * @param image a test image index, or -1 for the prior mean
     * @param label the class for a conditional model (-1: the image's label), ignored otherwise
     * @param test the test images (for the codes' KL order and {@code image})
     * @param low the first value
     * @param high the last value
     * @param steps images along the way, ends included (at least 2)
     * @return the picture
     */
    public Picture traversal(Dataset test, int[] dims, double low, double high, int steps, int image, int label) {
        Encodings codes = handle.encodings(test, test.size());
        boolean gaussian = handle.gaussianKl();
        double[] score = gaussian ? codes.klPerDimension() : codes.varianceOfMeans();
        int[] rows = dims != null
                ? dims
                : IntStream.range(0, codes.latentDims())
                        .boxed()
                        .sorted((a, b) -> Double.compare(score[b], score[a]))
                        .mapToInt(Integer::intValue)
                        .toArray();
        String[] labels = new String[rows.length];
        for (int i = 0; i < rows.length; i++) {
            labels[i] = String.format(Locale.ROOT, "z%d %s %.2f", rows[i], gaussian ? "KL" : "var", score[rows[i]]);
        }
        int y = classFor(test, image, label);
        double[] base = image >= 0 ? codes.mean()[image].clone() : new double[model.latentDims()];
        String around = image >= 0 ? "test image " + image : "the prior mean";
        String title = model.title() + ": traversal around " + around + (y >= 0 ? ", y=" + y : "");
        return new Picture(handle.run(() -> render.traversal(base, rows, labels, low, high, steps, y, title)));
    }

    /**
     * {@return traversal rows of chosen dimensions with given row labels, around the prior mean (as disentanglement draws them)}
     *
     * @param dims the dimensions, one row each
     * @param rowLabels a label per row
     * @param low the first value
     * @param high the last value
     * @param steps images along the way, ends included (at least 2)
     * @param label the class to decode for a conditional model, or -1 for an unconditional one
     * @param title the picture's title
     */
    public Picture traversal(
            int[] dims, String[] rowLabels, double low, double high, int steps, int label, String title) {
        return new Picture(handle.run(() ->
                render.traversal(new double[model.latentDims()], dims, rowLabels, low, high, steps, label, title)));
    }

    /**
     * {@code count} samples from the prior. A conditional model draws one row per class when
     * {@code label} is -1, else rows of class {@code label}.
     *
     * @param count how many
     * @param label the class of every row of a conditional model, or -1 for one row per class
     * @param seed the seed
     * @return the picture
     */
    public Picture samples(int count, int label, long seed) {
        int classes = model.conditionSize();
        int rows;
        int cols;
        int[] labels;
        if (classes > 0 && label < 0) {
            rows = classes;
            cols = Math.max(1, count / classes);
            labels = IntStream.range(0, classes).toArray();
        } else {
            cols = (int) Math.ceil(Math.sqrt(count));
            rows = (count + cols - 1) / cols;
            labels = new int[rows];
            Arrays.fill(labels, classes > 0 ? label : -1);
        }
        String title = model.title() + ": samples" + (classes > 0 && label >= 0 ? " of y=" + label : "");
        return new Picture(handle.run(() -> render.samples(rows, cols, labels, seed, title)));
    }

    /**
     * {@return the first {@code count} test images, each above its reconstruction from the posterior mean}
     *
     * @param test the test images
     * @param count how many test images
     */
    public Picture reconstructions(Dataset test, int count) {
        handle.checkData(test);
        return new Picture(
                handle.run(() -> render.reconstructions(test, count, 16, model.title() + ": reconstructions")));
    }

    /**
     * {@return a picture of test images {@code from} and {@code to} with {@code steps} decoded points between their posterior means}
     *
     * @param test the test images
     * @param from the first test image's index
     * @param to the last test image's index
     * @param steps decoded points between them (at least 2)
     */
    public Picture interpolation(Dataset test, int from, int to, int steps) {
        handle.checkData(test);
        return new Picture(handle.run(() ->
                render.interpolation(test, from, to, steps, model.title() + ": test image " + from + " to " + to)));
    }

    /** The class to decode: {@code label} if given, else the image's label; -1 for an unconditional model. */
    private int classFor(Dataset test, int image, int label) {
        if (model.conditionSize() == 0) {
            return -1;
        }
        if (label >= 0) {
            return label;
        }
        if (image >= 0) {
            return test.labels().orElseThrow()[image];
        }
        throw new IllegalArgumentException("model " + model.modelName() + " is conditioned on the class: give a label");
    }
}
