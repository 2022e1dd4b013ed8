package org.vae4j.api.data;

/**
 * Where a {@link Dataset} that is not held as one float array gets its images: bit-packed storage,
 * a renderer, or a view of another dataset. Implementations must be safe to call from several
 * threads at once.
 */
@FunctionalInterface
public interface ImageSource {
    /**
     * Writes image {@code index} ({@code channels * height * width} values in [0, 1], row-major) into
     * {@code dst} from {@code offset}.
     *
     * @param index the image, in {@code [0, size)}
     * @param dst the destination
     * @param offset where its first value goes
     */
    void copy(int index, float[] dst, int offset);
}
