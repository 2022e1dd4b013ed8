package org.vae4j.core.testkit;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Random;
import org.vae4j.core.data.IdxFile;
import org.vae4j.core.data.KnownDataset;

/**
 * A small generated stand-in for MNIST as the four IDX files (the {@code idx} dataset): 400
 * training and 100 test images of a vertical bar whose width is the label (0-2) plus one, at a
 * random column. Deterministic, so runs on it are comparable.
 */
public final class IdxFixture {
    private IdxFixture() {}

    /** Writes the four files into {@code dir} and returns it. */
    public static Path write(Path dir) throws IOException {
        writeSplit(dir, KnownDataset.TRAIN_IMAGES, KnownDataset.TRAIN_LABELS, 400, 1);
        writeSplit(dir, KnownDataset.TEST_IMAGES, KnownDataset.TEST_LABELS, 100, 2);
        return dir;
    }

    private static void writeSplit(Path dir, String images, String labels, int n, long seed) throws IOException {
        Random r = new Random(seed);
        byte[] px = new byte[n * 784];
        byte[] y = new byte[n];
        for (int i = 0; i < n; i++) {
            y[i] = (byte) r.nextInt(3);
            int x0 = 6 + r.nextInt(16);
            int w = 1 + y[i];
            for (int row = 4; row < 24; row++) {
                for (int col = x0; col < Math.min(28, x0 + w); col++) {
                    px[i * 784 + row * 28 + col] = (byte) 255;
                }
            }
        }
        IdxFile.write(dir.resolve(images), new int[] {n, 28, 28}, px);
        IdxFile.write(dir.resolve(labels), new int[] {n}, y);
    }
}
