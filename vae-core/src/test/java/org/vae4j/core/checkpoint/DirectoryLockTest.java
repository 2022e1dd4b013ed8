package org.vae4j.core.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vae4j.api.ModelSpec;
import org.vae4j.api.OptimizerKind;
import org.vae4j.api.TrainingConfig;
import org.vae4j.api.VaeException;
import org.vae4j.core.plugin.Contribution;
import org.vae4j.core.plugin.ModelRegistryTest;
import org.vae4j.spi.ModelProvider;

/** The model directory's lock, the finite-parameters guard on saves, and provenance, in vae-core itself. */
class DirectoryLockTest {
    @TempDir
    Path dir;

    @Test
    @SuppressWarnings("try") // a lock held for the block, never referenced in it
    void oneHolderAtATimeAndTheSecondIsToldThePid() throws IOException {
        Path model = dir.resolve("m");
        try (DirectoryLock first = DirectoryLock.acquire(model)) {
            assertThat(Files.readString(model.resolve(DirectoryLock.FILE)).strip())
                    .isEqualTo(Long.toString(ProcessHandle.current().pid()));
            assertThatThrownBy(() -> DirectoryLock.acquire(model))
                    .isInstanceOf(VaeException.class)
                    .hasMessage(model + " is being written by another vae4j run (PID "
                            + ProcessHandle.current().pid() + "); wait for it to finish, or choose another saveTo");
        }
        try (DirectoryLock again = DirectoryLock.acquire(model)) {
            assertThat(again).isNotNull(); // released by close
        }
    }

    @Test
    @SuppressWarnings("try") // a lock held for the block, never referenced in it
    void neitherAHeldNorARefusedLockLeavesAFileOpen() throws IOException {
        Path model = dir.resolve("m");
        DirectoryLock.acquire(model).close();
        long before = openFiles();
        for (int i = 0; i < 40; i++) {
            try (DirectoryLock held = DirectoryLock.acquire(model)) {
                assertThatThrownBy(() -> DirectoryLock.acquire(model)).isInstanceOf(VaeException.class);
            }
        }
        // a leak would leave 40 or 80 descriptors open; a margin of 5 leaves room for whatever else
        // the JVM opens meanwhile (class files, logging)
        assertThat(openFiles())
                .as("open file descriptors after 40 held and 40 refused locks")
                .isLessThan(before + 5);
    }

    private static long openFiles() throws IOException {
        try (var fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        }
    }

    @Test
    @SuppressWarnings("try") // a lock held for the block, never referenced in it
    void theNextWriterRemovesTemporariesOfAKilledOneAndNothingElse() throws IOException {
        Path model = Files.createDirectories(dir.resolve("m"));
        Path stale = Files.write(model.resolve(".model.vae4j123.tmp"), new byte[4]);
        Path staleMetrics = Files.write(model.resolve(".metrics.json9.tmp"), new byte[4]);
        Path kept = Files.write(model.resolve("model.vae4j.tmp"), new byte[4]); // not a writer's temporary
        try (DirectoryLock lock = DirectoryLock.acquire(model)) {
            assertThat(stale).doesNotExist();
            assertThat(staleMetrics).doesNotExist();
            assertThat(kept).exists();
        }
    }

    @Test
    @SuppressWarnings("try") // a lock held for the block, never referenced in it
    void aFolderThatCannotBeCreatedIsOneLine() throws IOException {
        Path file = Files.write(dir.resolve("file"), new byte[1]);
        assertThatThrownBy(() -> DirectoryLock.acquire(file.resolve("m")))
                .isInstanceOf(VaeException.class)
                .hasMessageStartingWith("cannot write to " + file.resolve("m") + ": ")
                .hasMessageEndingWith("; choose another saveTo");
    }

    private static Checkpoint checkpoint(float[] params) {
        return new Checkpoint(
                "vae",
                Map.of(),
                ModelSpec.mnist(2),
                new TrainingConfig(3, 10, 1e-3, OptimizerKind.ADAM, 1, 1),
                2,
                7,
                params,
                new float[][] {new float[params.length], new float[params.length]},
                null);
    }

    @Test
    @SuppressWarnings("try") // a lock held for the block, never referenced in it
    void aSaveWithNonFiniteParametersKeepsTheFileAndSaysSo() throws IOException {
        Path file = dir.resolve("model.vae4j");
        ModelCheckpoints.writeIfFinite(checkpoint(new float[] {1, 2, 3}), file);
        byte[] good = Files.readAllBytes(file);
        assertThat(ModelCheckpoints.nonFinite(new float[] {1, Float.NaN, Float.NEGATIVE_INFINITY, 0}))
                .isEqualTo(2);
        assertThatThrownBy(() ->
                        ModelCheckpoints.writeIfFinite(checkpoint(new float[] {1, Float.POSITIVE_INFINITY, 3}), file))
                .isInstanceOf(VaeException.class)
                .hasMessage(
                        "training left 1 of 3 parameters NaN or infinite after epoch 2; " + file + " was not replaced"
                                + " (it keeps the last good epoch); lower learningRate or check the model's options");
        assertThat(Files.readAllBytes(file)).isEqualTo(good);
        Path fresh = dir.resolve("fresh.vae4j");
        assertThatThrownBy(() -> ModelCheckpoints.writeIfFinite(checkpoint(new float[] {Float.NaN}), fresh))
                .hasMessageContaining("was not replaced;");
        assertThat(fresh).doesNotExist();
    }

    @Test
    @SuppressWarnings("try") // a lock held for the block, never referenced in it
    void provenanceNamesVae4jTheProviderItsJarAndTheMachine() {
        ModelProvider p = new ModelRegistryTest.TestProvider("t");
        Map<String, String> prov = Provenances.of(new Contribution<>("t", p, "com.example.Plugin", "example.jar"));
        assertThat(prov)
                .containsOnlyKeys(
                        "vae4jVersion",
                        "provider",
                        "providerClass",
                        "providerPlugin",
                        "providerJar",
                        "providerVersion",
                        "providerJarSha256",
                        "nd4jVersion",
                        "java",
                        "os",
                        "arch",
                        "blas",
                        "nd4jBuild");
        assertThat(prov.get("vae4jVersion"))
                .isEqualTo(Provenances.vae4jVersion())
                .matches("\\d+\\.\\d+\\.\\d+.*");
        assertThat(prov)
                .containsEntry("provider", "t")
                .containsEntry("providerClass", p.getClass().getName())
                .containsEntry("providerPlugin", "com.example.Plugin")
                .containsEntry("nd4jVersion", "1.0.0-M2.1")
                .containsEntry("arch", System.getProperty("os.arch"));
        // the test provider comes from a class folder: no jar to hash, so the declared jar name and "unknown"
        assertThat(prov).containsEntry("providerJar", "example.jar").containsEntry("providerJarSha256", "unknown");
        assertThat(prov.get("blas")).startsWith("OPENBLAS (OpenBLAS 0.3.19");
        assertThat(prov.get("nd4jBuild"))
                .isEqualTo(Provenances.nd4jBuildExpected())
                .startsWith("linux-x86_64");
        assertThat(Provenances.jarOf(String.class)).isNull();
        assertThat(Provenances.jarOf(org.nd4j.linalg.factory.Nd4j.class))
                .isNotNull()
                .satisfies(j -> assertThat(j.getFileName().toString()).startsWith("nd4j-api"));
    }
}
