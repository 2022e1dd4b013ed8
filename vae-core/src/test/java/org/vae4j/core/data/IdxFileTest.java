package org.vae4j.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vae4j.api.VaeException;

class IdxFileTest {
    @TempDir
    Path dir;

    private Path images(String name, int n) throws IOException {
        byte[] data = new byte[n * 4];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 7);
        }
        Path f = dir.resolve(name);
        IdxFile.write(f, new int[] {n, 2, 2}, data);
        return f;
    }

    @Test
    void readsRawAndGzipWithTheSameChecksum() throws IOException {
        Path raw = images("a-idx3-ubyte", 3);
        Path gz = dir.resolve("a-idx3-ubyte.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(Files.readAllBytes(raw));
        }
        IdxFile a = IdxFile.read(raw);
        IdxFile b = IdxFile.read(gz);
        assertThat(a.dims()).containsExactly(3, 2, 2);
        assertThat(b.data()).isEqualTo(a.data());
        assertThat(b.sha256()).isEqualTo(a.sha256()).hasSize(64);
    }

    @Test
    void rejectsWrongMagicNumber() throws IOException {
        Path f = dir.resolve("bad");
        Files.write(f, new byte[] {0, 0, 0x0D, 3, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 5});
        assertThatThrownBy(() -> IdxFile.read(f))
                .isInstanceOf(VaeException.class)
                .hasMessageContaining("magic number 0x00000d03")
                .hasMessageContaining(f.toString());
    }

    @Test
    void rejectsTruncatedRawFileBeforeAllocating() throws IOException {
        Path f = images("t-idx3-ubyte", 10);
        byte[] all = Files.readAllBytes(f);
        Files.write(f, java.util.Arrays.copyOf(all, all.length - 5));
        assertThatThrownBy(() -> IdxFile.read(f))
                .isInstanceOf(VaeException.class)
                .hasMessageContaining("truncated")
                .hasMessageContaining("needs 56");
    }

    @Test
    void rejectsTruncatedGzipFile() throws IOException {
        Path raw = images("g-idx3-ubyte", 10);
        byte[] all = Files.readAllBytes(raw);
        Path gz = dir.resolve("g-idx3-ubyte.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(java.util.Arrays.copyOf(all, all.length - 8));
        }
        assertThatThrownBy(() -> IdxFile.read(gz))
                .isInstanceOf(VaeException.class)
                .hasMessageContaining("truncated");
    }

    @Test
    void rejectsAbsurdDimensions() throws IOException {
        Path f = dir.resolve("huge");
        try (var out = new java.io.DataOutputStream(Files.newOutputStream(f))) {
            out.writeInt(0x0803);
            out.writeInt(Integer.MAX_VALUE);
            out.writeInt(Integer.MAX_VALUE);
            out.writeInt(28);
        }
        assertThatThrownBy(() -> IdxFile.read(f))
                .isInstanceOf(VaeException.class)
                .hasMessageContaining("corrupt");
    }

    @Test
    void rejectsEmptyFile() throws IOException {
        Path f = dir.resolve("empty");
        Files.write(f, new byte[0]);
        assertThatThrownBy(() -> IdxFile.read(f))
                .isInstanceOf(VaeException.class)
                .hasMessageContaining("not an IDX file");
    }

    @Test
    void trainAndTestImagesOfDifferentSizesAreOneLineNamingTheFiles() throws IOException {
        IdxFile.write(dir.resolve(KnownDataset.TRAIN_IMAGES), new int[] {3, 28, 28}, new byte[3 * 784]);
        IdxFile.write(dir.resolve(KnownDataset.TEST_IMAGES), new int[] {2, 14, 14}, new byte[2 * 196]);
        assertThatThrownBy(
                        () -> IdxDatasets.readSplits(dir, "idx", 0, "{dataDirectory} " + dir, "", false, (f, i) -> {}))
                .isInstanceOf(VaeException.class)
                .hasMessage("dataDirectory " + dir + ": the training images are 28x28 but the test images 14x14 ("
                        + KnownDataset.TRAIN_IMAGES + " and " + KnownDataset.TEST_IMAGES
                        + " must come from one dataset)");
    }

    @Test
    void aDownloadLargerThanAnyDatasetFileIsRefused() {
        java.io.InputStream endless = new java.io.InputStream() {
            @Override
            public int read() {
                return 0;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                return len;
            }
        };
        assertThatThrownBy(() -> DatasetLocator.copyBounded(endless, dir.resolve("x.gz"), "https://mirror/x.gz"))
                .isInstanceOf(IOException.class)
                .hasMessage("https://mirror/x.gz sent more than 67108864 bytes, more"
                        + " than the dataset's files are; not using it");
    }

    @Test
    void aLabelEqualToTheClassCountIsRefused() throws IOException {
        IdxFile images =
                IdxFile.read(IdxFile.writeAndReturn(dir.resolve("i-idx3-ubyte"), new int[] {2, 2, 2}, new byte[8]));
        IdxFile ok =
                IdxFile.read(IdxFile.writeAndReturn(dir.resolve("ok-idx1-ubyte"), new int[] {2}, new byte[] {0, 9}));
        assertThat(IdxDatasets.fromIdx("d", images, ok, 10).labels().orElseThrow())
                .containsExactly(0, 9);
        IdxFile bad =
                IdxFile.read(IdxFile.writeAndReturn(dir.resolve("bad-idx1-ubyte"), new int[] {2}, new byte[] {0, 10}));
        assertThatThrownBy(() -> IdxDatasets.fromIdx("d", images, bad, 10))
                .isInstanceOf(VaeException.class)
                .hasMessage("d: label 10 at index 1 is not below 10");
        // and the pixels are the bytes scaled to [0, 1]
        IdxFile px = IdxFile.read(IdxFile.writeAndReturn(
                dir.resolve("px-idx3-ubyte"), new int[] {1, 1, 3}, new byte[] {0, (byte) 128, (byte) 255}));
        assertThat(IdxDatasets.fromIdx("p", px, null, 0).pixels()).containsExactly(0f, 128f / 255, 1f);
    }

    @Test
    void aFileThatEndsInsideItsHeaderSaysSo() throws IOException {
        Path f = dir.resolve("four-bytes-idx3-ubyte");
        Files.write(f, new byte[] {0, 0, 8, 3});
        assertThatThrownBy(() -> IdxFile.read(f))
                .isInstanceOf(org.vae4j.api.VaeException.class)
                .hasMessage(f + " ends inside its header (3 dimensions declared, 0 present); the file is truncated,"
                        + " re-download it");
    }

    @Test
    void aSmallGzipClaimingGigabytesIsRefusedBeforeAllocating() throws IOException {
        // a 40-byte .gz whose header declares [2739000, 28, 28] (2.1 GB) but holds nothing more
        Path f = dir.resolve("bomb-idx3-ubyte.gz");
        try (var out = new java.io.DataOutputStream(new java.util.zip.GZIPOutputStream(Files.newOutputStream(f)))) {
            out.writeInt(0x00000803);
            out.writeInt(2739000);
            out.writeInt(28);
            out.writeInt(28);
        }
        assertThatThrownBy(() -> IdxFile.read(f))
                .isInstanceOf(org.vae4j.api.VaeException.class)
                .hasMessageContaining("decompresses to 16 bytes (mod 2^32) but its header [2739000, 28, 28] needs"
                        + " 2147376016; the file is truncated or corrupt");
    }

    private static byte[] header(int magic, int... dims) {
        java.nio.ByteBuffer b =
                java.nio.ByteBuffer.allocate(4 + 4 * dims.length).putInt(magic);
        for (int d : dims) {
            b.putInt(d);
        }
        return b.array();
    }

    @Test
    void fourDimensionsAreTheMostAndTheLargestPayloadIsStillChecked() throws IOException {
        Path four = dir.resolve("four");
        IdxFile.write(four, new int[] {1, 1, 2, 2}, new byte[] {1, 2, 3, 4});
        assertThat(IdxFile.read(four).dims()).containsExactly(1, 1, 2, 2);
        Path five = Files.write(dir.resolve("five"), header(0x0805, 1, 1, 1, 1, 1));
        assertThatThrownBy(() -> IdxFile.read(five)).hasMessageContaining("magic number 0x00000805");
        // exactly the largest payload: refused as truncated, not as too large
        Path largest = Files.write(dir.resolve("largest"), header(0x0801, Integer.MAX_VALUE - 8));
        assertThatThrownBy(() -> IdxFile.read(largest)).hasMessageContaining("the file is truncated or corrupt");
    }

    @Test
    void aGzipFileWithDataAfterThePayloadIsRefused() throws IOException {
        Path gz = dir.resolve("extra.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(header(0x0801, 2));
            out.write(new byte[] {5, 6});
        }
        assertThat(IdxFile.read(gz).data()).containsExactly(5, 6);
        // the trailer's length is checked, so the extra byte must be counted there too: write 3 data bytes
        // under a header of 2 and patch nothing else
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(header(0x0801, 2));
            out.write(new byte[] {5, 6, 7});
        }
        byte[] b = Files.readAllBytes(gz);
        java.nio.ByteBuffer.wrap(b, b.length - 4, 4)
                .order(java.nio.ByteOrder.LITTLE_ENDIAN)
                .putInt(8 + 2);
        Files.write(gz, b);
        assertThatThrownBy(() -> IdxFile.read(gz))
                .hasMessageContaining("has data after the 2 bytes its header declares");
    }

    @Test
    void readSplitsInfersTheClassesAndHandsEachFileToTheCheck() throws IOException {
        IdxFile.write(dir.resolve(KnownDataset.TRAIN_IMAGES), new int[] {3, 2, 2}, new byte[12]);
        IdxFile.write(dir.resolve(KnownDataset.TRAIN_LABELS), new int[] {3}, new byte[] {0, 4, 2});
        IdxFile.write(dir.resolve(KnownDataset.TEST_IMAGES), new int[] {2, 2, 2}, new byte[8]);
        IdxFile.write(dir.resolve(KnownDataset.TEST_LABELS), new int[] {2}, new byte[] {1, 3});
        java.util.List<String> checked = new java.util.ArrayList<>();
        var pair = IdxDatasets.readSplits(
                dir,
                "d",
                0,
                "--data " + dir,
                "",
                (f, i) -> checked.add(f.getFileName().toString()));
        assertThat(checked).containsExactlyInAnyOrderElementsOf(KnownDataset.FILES);
        assertThat(pair.train().numClasses())
                .as("inferred from the largest label, 4")
                .isEqualTo(5);
        assertThat(pair.test().labels().orElseThrow()).containsExactly(1, 3);
        assertThat(IdxDatasets.readSplits(dir, "d", 7, "--data " + dir, "", (f, i) -> {})
                        .train()
                        .numClasses())
                .isEqualTo(7);
    }

    @Test
    void imagesOfTheSameHeightButAnotherWidthAreRefused() throws IOException {
        IdxFile.write(dir.resolve(KnownDataset.TRAIN_IMAGES), new int[] {3, 28, 28}, new byte[3 * 784]);
        IdxFile.write(dir.resolve(KnownDataset.TEST_IMAGES), new int[] {2, 28, 14}, new byte[2 * 392]);
        assertThatThrownBy(
                        () -> IdxDatasets.readSplits(dir, "idx", 0, "{dataDirectory} " + dir, "", false, (f, i) -> {}))
                .hasMessageContaining("the training images are 28x28 but the test images 28x14");
    }

    @Test
    void aDownloadOfExactlyTheLimitIsCopiedWhole() throws IOException {
        long limit = DatasetLocator.MAX_DOWNLOAD;
        java.io.InputStream exact = new java.io.InputStream() {
            private long sent;
            private boolean pause = true;

            @Override
            public int read() {
                throw new UnsupportedOperationException();
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (sent >= limit) {
                    return -1;
                }
                pause = !pause;
                if (pause) {
                    return 0; // a slow network may hand back nothing for a while
                }
                int n = (int) Math.min(len, limit - sent);
                java.util.Arrays.fill(b, off, off + n, (byte) 7);
                sent += n;
                return n;
            }
        };
        Path target = dir.resolve("exact.gz");
        DatasetLocator.copyBounded(exact, target, "https://mirror/exact.gz");
        assertThat(Files.size(target)).isEqualTo(limit);
        try (var in = Files.newInputStream(target)) {
            in.skip(limit - 1);
            assertThat(in.read()).isEqualTo(7);
        }
        Files.delete(target);
    }
}
