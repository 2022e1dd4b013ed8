package org.vae4j.core.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import org.vae4j.api.VaeException;
import org.vae4j.api.data.Dataset;
import org.vae4j.api.data.DatasetPair;

/** Turns IDX image and label files into a {@link Dataset} with pixels scaled to [0, 1]. */
public final class IdxDatasets {
    private IdxDatasets() {}

    public static Dataset fromIdx(String name, IdxFile images, IdxFile labels, int numClasses) {
        if (images.dims().length != 3) {
            throw new VaeException(
                    name + ": images must be a 3-d IDX array [n, rows, cols], got " + Arrays.toString(images.dims()));
        }
        int n = images.dims()[0];
        int h = images.dims()[1];
        int w = images.dims()[2];
        byte[] raw = images.data();
        float[] pixels = new float[raw.length];
        for (int i = 0; i < raw.length; i++) {
            pixels[i] = (raw[i] & 0xFF) / 255f;
        }
        int[] y = null;
        if (labels != null) {
            if (labels.dims().length != 1 || labels.dims()[0] != n) {
                throw new VaeException(
                        name + ": " + n + " images but labels of shape " + Arrays.toString(labels.dims()));
            }
            y = new int[n];
            for (int i = 0; i < n; i++) {
                y[i] = labels.data()[i] & 0xFF;
                if (y[i] >= numClasses) {
                    throw new VaeException(name + ": label " + y[i] + " at index " + i + " is not below " + numClasses);
                }
            }
        }
        return new Dataset(name, n, h, w, pixels, y, numClasses);
    }

    /**
     * Reads the four files of a train/test dataset from {@code dir} ({@link KnownDataset#FILES}, each
     * raw or .gz), handing each to {@code check} as soon as it is read, and builds the two splits.
     *
     * @param name dataset name; the splits are named {@code name-train} and {@code name-test}
     * @param numClasses label classes, or 0 to infer them from the largest label
     * @param missingHint appended to the error for a missing file (may be empty)
     */
    public static DatasetPair readSplits(
            Path dir, String name, int numClasses, String source, String missingHint, BiConsumer<Path, IdxFile> check) {
        return readSplits(dir, name, numClasses, source, missingHint, true, check);
    }

    /**
     * As above; with {@code labelsRequired = false} the two label files may both be absent and the
     * splits are then unlabelled (one without the other is an error).
     */
    public static DatasetPair readSplits(
            Path dir,
            String name,
            int numClasses,
            String source,
            String missingHint,
            boolean labelsRequired,
            BiConsumer<Path, IdxFile> check) {
        boolean unlabelled = !labelsRequired
                && find(dir, KnownDataset.TRAIN_LABELS).isEmpty()
                && find(dir, KnownDataset.TEST_LABELS).isEmpty();
        Map<String, IdxFile> files = new LinkedHashMap<>();
        Map<String, String> sums = new LinkedHashMap<>();
        for (String f : KnownDataset.FILES) {
            if (unlabelled && (f.equals(KnownDataset.TRAIN_LABELS) || f.equals(KnownDataset.TEST_LABELS))) {
                continue;
            }
            Path file = find(dir, f)
                    .orElseThrow(() -> new VaeException(dir + " has no " + f + " (or " + f + ".gz)" + missingHint));
            IdxFile idx = IdxFile.read(file);
            check.accept(file, idx);
            files.put(f, idx);
            sums.put(f, idx.sha256());
        }
        int classes = numClasses;
        if (classes <= 0 && !unlabelled) {
            classes = 1;
            for (String f : List.of(KnownDataset.TRAIN_LABELS, KnownDataset.TEST_LABELS)) {
                for (byte b : files.get(f).data()) {
                    classes = Math.max(classes, (b & 0xFF) + 1);
                }
            }
        }
        Dataset train = fromIdx(
                name + "-train", files.get(KnownDataset.TRAIN_IMAGES), files.get(KnownDataset.TRAIN_LABELS), classes);
        Dataset test = fromIdx(
                name + "-test", files.get(KnownDataset.TEST_IMAGES), files.get(KnownDataset.TEST_LABELS), classes);
        if (train.height() != test.height() || train.width() != test.width()) {
            throw new VaeException(source + ": the training images are " + train.height() + "x" + train.width()
                    + " but the test images " + test.height() + "x" + test.width() + " (" + KnownDataset.TRAIN_IMAGES
                    + " and " + KnownDataset.TEST_IMAGES + " must come from one dataset)");
        }
        return new DatasetPair(name, train, test, source, sums);
    }

    /** {@code dir/file} or {@code dir/file.gz}, whichever exists (raw first). */
    public static Optional<Path> find(Path dir, String file) {
        for (String candidate : List.of(file, file + ".gz")) {
            Path p = dir.resolve(candidate);
            if (Files.isRegularFile(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** Reads an images file and an optional labels file (any IDX files, no checksum). */
    public static Dataset read(String name, Path imagesFile, Optional<Path> labelsFile, int numClasses) {
        return fromIdx(
                name, IdxFile.read(imagesFile), labelsFile.map(IdxFile::read).orElse(null), numClasses);
    }
}
