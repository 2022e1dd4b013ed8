package org.vae4j.api.data;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * An image dataset: {@code size} examples of {@code channels x height x width} values scaled to
 * [0, 1], row-major, with optional integer class labels and optional {@link GroundTruth} factors.
 *
 * <p>Images are held on the Java heap as one float array (so batches can be gathered into
 * preallocated native buffers without allocating per step), or come from an {@link ImageSource}
 * (bit-packed storage, a renderer) when one float per pixel would not fit: read them with
 * {@link #copyImages} and {@link #image}, which work for both.
 */
public final class Dataset {
    private final String name;
    private final int size;
    private final int height;
    private final int width;
    private final int channels;
    private final float[] pixels;
    private final ImageSource source;
    private final int[] labels;
    private final int numClasses;
    private final GroundTruth groundTruth;

    /**
     * A dataset held as one float array; its arrays are kept, not copied.
     *
     * @param name a name for messages
     * @param size the number of images
     * @param height image rows
     * @param width image columns
     * @param pixels {@code size * height * width} values in [0, 1], row-major, image after image
     * @param labels one class per image, or null
     * @param numClasses the number of classes (labels lie in [0, numClasses))
     * @throws IllegalArgumentException if the shapes or labels do not fit
     */
    public Dataset(String name, int size, int height, int width, float[] pixels, int[] labels, int numClasses) {
        this(builder(name, size, height, width).pixels(pixels).labels(labels, numClasses));
    }

    private Dataset(Builder b) {
        this.name = b.name;
        if (b.size < 1 || b.height < 1 || b.width < 1 || b.channels < 1) {
            throw new IllegalArgumentException("dataset " + name + ": invalid shape " + b.size + "x" + b.channels + "x"
                    + b.height + "x" + b.width);
        }
        if ((b.pixels == null) == (b.source == null)) {
            throw new IllegalArgumentException("dataset " + name + ": give either a pixel array or an image source");
        }
        if (b.pixels != null && b.pixels.length != (long) b.size * b.channels * b.height * b.width) {
            throw new IllegalArgumentException("dataset " + name + ": " + b.pixels.length + " pixels for " + b.size
                    + " images of " + b.height + "x" + b.width);
        }
        if (b.labels != null) {
            if (b.labels.length != b.size) {
                throw new IllegalArgumentException(
                        "dataset " + name + ": " + b.labels.length + " labels for " + b.size + " images");
            }
            for (int label : b.labels) {
                if (label < 0 || label >= b.numClasses) {
                    throw new IllegalArgumentException(
                            "dataset " + name + ": label " + label + " outside [0, " + b.numClasses + ")");
                }
            }
        }
        this.size = b.size;
        this.height = b.height;
        this.width = b.width;
        this.channels = b.channels;
        this.pixels = b.pixels;
        this.source = b.source;
        this.labels = b.labels;
        this.numClasses = b.labels == null ? 0 : b.numClasses;
        this.groundTruth = b.groundTruth;
    }

    /**
     * {@return a builder of a dataset of this shape (one channel unless set)}
     *
     * @param name a name for messages
     * @param size the number of images
     * @param height image rows
     * @param width image columns
     */
    public static Builder builder(String name, int size, int height, int width) {
        return new Builder(name, size, height, width);
    }

    /** Configures a {@link Dataset}; from {@link #builder}. Give its images as an array or a source. */
    public static final class Builder {
        private final String name;
        private final int size;
        private final int height;
        private final int width;
        private int channels = 1;
        private float[] pixels;
        private ImageSource source;
        private int[] labels;
        private int numClasses;
        private GroundTruth groundTruth;

        private Builder(String name, int size, int height, int width) {
            this.name = Objects.requireNonNull(name, "name");
            this.size = size;
            this.height = height;
            this.width = width;
        }

        /**
         * Colour channels (default 1); an image is {@code channels} planes of {@code height x width}.
         *
         * @param channels the channels
         * @return this builder
         */
        public Builder channels(int channels) {
            this.channels = channels;
            return this;
        }

        /**
         * The images as one array, kept not copied.
         *
         * @param pixels {@code size * channels * height * width} values, image after image
         * @return this builder
         */
        public Builder pixels(float[] pixels) {
            this.pixels = pixels;
            return this;
        }

        /**
         * The images from a source (bit-packed storage, a renderer).
         *
         * @param source writes any image on demand
         * @return this builder
         */
        public Builder images(ImageSource source) {
            this.source = source;
            return this;
        }

        /**
         * Class labels, kept not copied.
         *
         * @param labels one class per image, or null
         * @param numClasses the number of classes
         * @return this builder
         */
        public Builder labels(int[] labels, int numClasses) {
            this.labels = labels;
            this.numClasses = numClasses;
            return this;
        }

        /**
         * The factors that generated each image.
         *
         * @param groundTruth the factors, or null
         * @return this builder
         */
        public Builder groundTruth(GroundTruth groundTruth) {
            this.groundTruth = groundTruth;
            return this;
        }

        /**
         * {@return the dataset}
         *
         * @throws IllegalArgumentException if the shapes or labels do not fit
         */
        public Dataset build() {
            return new Dataset(this);
        }
    }

    /** {@return the name} */
    public String name() {
        return name;
    }

    /** {@return the number of images} */
    public int size() {
        return size;
    }

    /** {@return the image rows} */
    public int height() {
        return height;
    }

    /** {@return the image columns} */
    public int width() {
        return width;
    }

    /** {@return the colour channels (1 for grey images)} */
    public int channels() {
        return channels;
    }

    /** {@return the values per example, {@code channels * height * width}} */
    public int dataSize() {
        return channels * height * width;
    }

    /** {@return whether the images are held as one float array, so that {@link #pixels()} can return it} */
    public boolean hasPixelArray() {
        return pixels != null;
    }

    /**
     * {@return the backing pixel array, row-major, example after example. Callers must not modify it}
     *
     * @throws UnsupportedOperationException when the images come from an {@link ImageSource}; use
     *     {@link #copyImages} or {@link #image}, which work for every dataset
     */
    public float[] pixels() {
        if (pixels == null) {
            throw new UnsupportedOperationException("dataset " + name + " is not held as one float array (" + size
                    + " images of " + dataSize() + " values); read it with copyImages or image");
        }
        return pixels;
    }

    /**
     * Writes images {@code [from, from + count)} into {@code dst} from {@code offset}, image after image.
     *
     * @param from the first image
     * @param count how many
     * @param dst the destination, {@code count * dataSize()} values from {@code offset}
     * @param offset where the first value goes
     */
    public void copyImages(int from, int count, float[] dst, int offset) {
        Objects.checkFromIndexSize(from, count, size);
        int d = dataSize();
        if (pixels != null) {
            System.arraycopy(pixels, from * d, dst, offset, count * d);
            return;
        }
        for (int i = 0; i < count; i++) {
            source.copy(from + i, dst, offset + i * d);
        }
    }

    /**
     * {@return image {@code index}, a new array of {@link #dataSize()} values}
     *
     * @param index the image
     */
    public float[] image(int index) {
        float[] out = new float[dataSize()];
        copyImages(index, 1, out, 0);
        return out;
    }

    /** {@return the labels, if the data has them} */
    public Optional<int[]> labels() {
        return Optional.ofNullable(labels);
    }

    /** {@return the number of classes; 0 when unlabelled} */
    public int numClasses() {
        return numClasses;
    }

    /** {@return the factors that generated each image, when the data has them} */
    public Optional<GroundTruth> groundTruth() {
        return Optional.ofNullable(groundTruth);
    }

    /**
     * {@return the first {@code n} examples, e.g. for quick runs and tests: a copy when held as an
     * array, else a view}
     *
     * @param n how many (fewer when the data has fewer)
     */
    public Dataset head(int n) {
        int m = Math.min(n, size);
        if (pixels == null) {
            int[] first = new int[m];
            Arrays.setAll(first, i -> i);
            return select(first);
        }
        return builder(name, m, height, width)
                .channels(channels)
                .pixels(Arrays.copyOf(pixels, m * dataSize()))
                .labels(labels == null ? null : Arrays.copyOf(labels, m), numClasses)
                .groundTruth(groundTruth)
                .build();
    }

    /**
     * {@return a view of the chosen images, in the order given, with their labels and factors}
     *
     * @param indices images of this dataset (kept, not copied), at least one
     */
    public Dataset select(int[] indices) {
        for (int index : indices) {
            Objects.checkIndex(index, size);
        }
        int d = dataSize();
        ImageSource view = pixels != null
                ? (i, dst, off) -> System.arraycopy(pixels, indices[i] * d, dst, off, d)
                : (i, dst, off) -> source.copy(indices[i], dst, off);
        int[] chosen = null;
        if (labels != null) {
            chosen = new int[indices.length];
            for (int i = 0; i < indices.length; i++) {
                chosen[i] = labels[indices[i]];
            }
        }
        return builder(name, indices.length, height, width)
                .channels(channels)
                .images(view)
                .labels(chosen, numClasses)
                .groundTruth(groundTruth == null ? null : groundTruth.select(indices))
                .build();
    }
}
