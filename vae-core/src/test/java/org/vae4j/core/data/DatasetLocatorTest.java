package org.vae4j.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vae4j.api.VaeException;

class DatasetLocatorTest {
    @TempDir
    Path dir;

    /** Four well-formed IDX files that are not MNIST: every checksum must fail. */
    private Path fakeMnist() throws IOException {
        Path d = Files.createDirectories(dir.resolve("fake"));
        IdxFile.write(d.resolve(KnownDataset.TRAIN_IMAGES), new int[] {2, 2, 2}, new byte[8]);
        IdxFile.write(d.resolve(KnownDataset.TRAIN_LABELS), new int[] {2}, new byte[2]);
        IdxFile.write(d.resolve(KnownDataset.TEST_IMAGES), new int[] {1, 2, 2}, new byte[4]);
        IdxFile.write(d.resolve(KnownDataset.TEST_LABELS), new int[] {1}, new byte[1]);
        return d;
    }

    @Test
    void explicitDirectoryWithWrongFilesFailsWithTheChecksum() throws IOException {
        Path d = fakeMnist();
        DatasetLocator locator = new DatasetLocator(KnownDataset.MNIST, dir.resolve("cache"), s -> { }, List.of(), false);
        assertThatThrownBy(() -> locator.load(Optional.of(d))).isInstanceOf(VaeException.class)
                .hasMessageContaining("has SHA-256").hasMessageContaining(KnownDataset.TRAIN_IMAGES);
    }

    @Test
    void explicitDirectoryMissingIsAnError() {
        DatasetLocator locator = new DatasetLocator(KnownDataset.MNIST, dir.resolve("cache"), s -> { }, List.of(), false);
        assertThatThrownBy(() -> locator.load(Optional.of(dir.resolve("nope")))).isInstanceOf(VaeException.class)
                .hasMessageContaining("--data").hasMessageContaining("is not a directory");
    }

    @Test
    void chainReportsEverySourceItTried() throws IOException {
        List<String> log = new ArrayList<>();
        // a closed local port: the download fails at once, offline-safe
        DatasetLocator locator = new DatasetLocator(KnownDataset.MNIST, dir.resolve("cache"), log::add,
                List.of("http://127.0.0.1:9/"), false);
        assertThatThrownBy(() -> locator.load(Optional.empty())).isInstanceOf(VaeException.class)
                .hasMessageContaining("could not obtain mnist").hasMessageContaining("cache")
                .hasMessageContaining("http://127.0.0.1:9/").hasMessageContaining("--data DIR");
        assertThat(log).anyMatch(l -> l.contains("127.0.0.1:9"));
    }

    @Test
    void corruptCacheIsReportedAndSkipped() throws IOException {
        Path cache = dir.resolve("cache");
        Path fake = fakeMnist();
        Files.createDirectories(cache.resolve("mnist"));
        for (String f : KnownDataset.FILES) {
            Files.copy(fake.resolve(f), cache.resolve("mnist").resolve(f));
        }
        List<String> log = new ArrayList<>();
        DatasetLocator locator = new DatasetLocator(KnownDataset.MNIST, cache, log::add, List.of(), false);
        assertThatThrownBy(() -> locator.load(Optional.empty())).hasMessageContaining("could not obtain mnist").hasMessageContaining("SHA-256");
        assertThat(log).anyMatch(l -> l.contains("unusable"));
    }

    @Test
    void loadsRealMnistWhenAvailable() {
        // Runs wherever ./vae has fetched MNIST into the user cache; skipped on machines that never have.
        Path real = DatasetLocator.defaultCacheRoot().resolve(KnownDataset.MNIST.id());
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(real), "real MNIST not in the cache " + real);
        var pair = new DatasetLocator(KnownDataset.MNIST, dir, s -> { }).load(Optional.of(real));
        assertThat(pair.train().size()).isEqualTo(60000);
        assertThat(pair.test().size()).isEqualTo(10000);
        assertThat(pair.train().labels()).isPresent();
        assertThat(pair.train().pixels()[pair.train().dataSize() * 0 + 14 * 28 + 14]).isBetween(0f, 1f);
    }
}
