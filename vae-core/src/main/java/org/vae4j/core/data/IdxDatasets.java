package org.vae4j.core.data;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import org.vae4j.api.VaeException;
import org.vae4j.api.data.Dataset;

/** Turns IDX image and label files into a {@link Dataset} with pixels scaled to [0, 1]. */
public final class IdxDatasets {
    private IdxDatasets() {
    }

    public static Dataset fromIdx(String name, IdxFile images, IdxFile labels, int numClasses) {
        if (images.dims().length != 3) {
            throw new VaeException(name + ": images must be a 3-d IDX array [n, rows, cols], got "
                    + Arrays.toString(images.dims()));
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
                throw new VaeException(name + ": " + n + " images but labels of shape " + Arrays.toString(labels.dims()));
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

    /** Reads an images file and an optional labels file (any IDX files, no checksum). */
    public static Dataset read(String name, Path imagesFile, Optional<Path> labelsFile, int numClasses) {
        return fromIdx(name, IdxFile.read(imagesFile), labelsFile.map(IdxFile::read).orElse(null), numClasses);
    }
}
