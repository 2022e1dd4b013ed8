package org.vae4j.api.data;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * An in-memory image dataset: {@code size} examples of {@code height x width} pixels scaled to
 * [0, 1], row-major, with optional integer class labels.
 *
 * <p>Pixels are held on the Java heap as one float array so batches can be gathered into
 * preallocated native buffers without allocating per step.
 */
public final class Dataset {
    private final String name;
    private final int size;
    private final int height;
    private final int width;
    private final float[] pixels;
    private final int[] labels;
    private final int numClasses;

    /**
     * A dataset; its arrays are kept, not copied.
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
        this.name = Objects.requireNonNull(name, "name");
        if (size < 1 || height < 1 || width < 1) {
            throw new IllegalArgumentException(
                    "dataset " + name + ": invalid shape " + size + "x" + height + "x" + width);
        }
        if (pixels.length != (long) size * height * width) {
            throw new IllegalArgumentException("dataset " + name + ": " + pixels.length + " pixels for " + size
                    + " images of " + height + "x" + width);
        }
        if (labels != null) {
            if (labels.length != size) {
                throw new IllegalArgumentException(
                        "dataset " + name + ": " + labels.length + " labels for " + size + " images");
            }
            for (int label : labels) {
                if (label < 0 || label >= numClasses) {
                    throw new IllegalArgumentException(
                            "dataset " + name + ": label " + label + " outside [0, " + numClasses + ")");
                }
            }
        }
        this.size = size;
        this.height = height;
        this.width = width;
        this.pixels = pixels;
        this.labels = labels;
        this.numClasses = labels == null ? 0 : numClasses;
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

    /** {@return the values per example, {@code height * width}} */
    public int dataSize() {
        return height * width;
    }

    /** {@return the backing pixel array, row-major, example after example. Callers must not modify it} */
    public float[] pixels() {
        return pixels;
    }

    /** {@return the labels, if the data has them} */
    public Optional<int[]> labels() {
        return Optional.ofNullable(labels);
    }

    /** {@return the number of classes; 0 when unlabelled} */
    public int numClasses() {
        return numClasses;
    }

    /**
     * {@return the first {@code n} examples (a copy), e.g. for quick runs and tests}
     *
     * @param n how many (fewer when the data has fewer)
     */
    public Dataset head(int n) {
        int m = Math.min(n, size);
        return new Dataset(
                name,
                m,
                height,
                width,
                Arrays.copyOf(pixels, m * dataSize()),
                labels == null ? null : Arrays.copyOf(labels, m),
                numClasses);
    }
}
