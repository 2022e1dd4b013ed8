package org.vae4j.api.data;

import java.util.Map;
import java.util.Objects;

/**
 * A train and a test split with their provenance: where they came from and the SHA-256 of each
 * source file, recorded in model metadata so results can be traced to their data.
 */
public record DatasetPair(String name, Dataset train, Dataset test, String source, Map<String, String> sha256) {
    /**
     * Checks that the splits' images have one size and copies the checksums.
     *
     * @throws IllegalArgumentException if they differ
     * @param name the dataset's name
     * @param train the training split
     * @param test the test split
     * @param source where the files were read from
     * @param sha256 the SHA-256 of each file, by file name
     */
    public DatasetPair {
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(test, "test");
        if (train.dataSize() != test.dataSize()) {
            throw new IllegalArgumentException("train and test images differ in size");
        }
        sha256 = Map.copyOf(sha256);
    }
}
