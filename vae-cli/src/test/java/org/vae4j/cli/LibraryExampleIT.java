package org.vae4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The library proven from outside: builds docs/examples/vae-library-example as its own Maven
 * project with its one dependency (org.vae4j:vae4j, as installed by {@code mvn install}), runs its
 * program on generated IDX data, and checks what it prints and saves.
 */
class LibraryExampleIT {
    @TempDir
    static Path work;

    @Test
    void theExampleProgramTrainsSavesLoadsInfersAndScores() throws IOException, InterruptedException {
        Path source = Path.of(System.getProperty("vae4j.example.dir", "../docs/examples/vae-plugin-example"))
                .resolveSibling("vae-library-example");
        Path project = work.resolve("vae-library-example");
        ExamplePluginIT.copyTree(source, project);
        List<String> build = new ArrayList<>(List.of(
                ExamplePluginIT.mavenExecutable(),
                "-B",
                "-q",
                "-f",
                project.resolve("pom.xml").toString(),
                "package"));
        String repo = System.getProperty("vae4j.maven.repo", "");
        if (!repo.isBlank()) {
            build.add("-Dmaven.repo.local=" + repo);
        }
        if (System.getProperty("vae4j.maven.offline", "").endsWith("true")) {
            build.add("-o");
        }
        assertThat(run(build, work.resolve("build.log")))
                .as("building the library example")
                .isEmpty();
        String classpath =
                Files.readString(project.resolve("target/classpath.txt")).strip();
        String natives = "nd4j-native-1.0.0-M2.1-" + org.vae4j.core.checkpoint.Provenances.nd4jBuildExpected() + ".jar";
        assertThat(classpath)
                .as("one dependency brings vae4j, the models and ND4J's natives (one build of them)")
                .contains("vae4j-0.1.0-SNAPSHOT.jar", "vae-models-beta", natives)
                .doesNotContain("vae-cli");
        assertThat(classpath.split(java.io.File.pathSeparator))
                .as("no other build of ND4J's natives")
                .filteredOn(jar -> jar.contains("nd4j-native-1.0.0-M2.1-linux"))
                .hasSize(1);

        Path data = MainTest.writeIdxFixture(Files.createDirectories(work.resolve("idx")));
        Path model = work.resolve("model");
        Path log = work.resolve("run.log");
        List<String> program = List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx2g",
                "-cp",
                project.resolve("target/classes") + java.io.File.pathSeparator + classpath,
                "com.example.vae.library.LibraryExample",
                "idx",
                data.toString(),
                model.toString());
        assertThat(run(program, log)).as("running the library example").isEmpty();
        String out = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(out)
                .contains("model beta-vae: ", "model cvae: ")
                .containsPattern("trained beta-vae \\(z=10, 1 epochs\\): test -ELBO \\d+\\.\\d\\d nats")
                .contains("encoded 5 images to 10-dimensional codes; decoded 5 x 784; sampled 16")
                .containsPattern("evaluation: -ELBO \\d+\\.\\d\\d .*log p\\(x\\) >= -\\d+\\.\\d\\d")
                .containsPattern("MIG against the digit labels: 0\\.\\d{4}")
                .doesNotContain("SLF4J");
        assertThat(model.resolve("model.vae4j")).exists();
        assertThat(Files.readString(model.resolve("metrics.json"))).contains("\"providerJar\" : \"vae-models-beta-");
    }

    /** Runs a command to completion (bounded); returns "" on success, else its output. */
    private static String run(List<String> command, Path log) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        boolean finished = p.waitFor(15, TimeUnit.MINUTES);
        if (!finished) {
            p.destroyForcibly();
        }
        return finished && p.exitValue() == 0 ? "" : String.join(" ", command) + "\n" + Files.readString(log);
    }
}
