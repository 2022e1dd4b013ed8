package org.vae4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The third-party plugin proven from outside: builds docs/examples/vae-plugin-example as its own
 * Maven project (against the vae4j artifacts installed by {@code mvn install}), puts its jar on the
 * plugin path, and uses it through the CLI like a user would.
 */
class ExamplePluginIT {
    @TempDir
    static Path work;

    static Path pluginJar;
    static Path data;

    @BeforeAll
    static void buildTheExampleOnItsOwn() throws IOException, InterruptedException {
        Path source = Path.of(System.getProperty("vae4j.example.dir", "../docs/examples/vae-plugin-example"));
        Path project = work.resolve("vae-plugin-example");
        copyTree(source, project);
        List<String> command = new ArrayList<>(List.of(
                mavenExecutable(), "-B", "-q", "-f", project.resolve("pom.xml").toString(), "package"));
        String repo = System.getProperty("vae4j.maven.repo", "");
        if (!repo.isBlank()) {
            command.add("-Dmaven.repo.local=" + repo);
        }
        if (System.getProperty("vae4j.maven.offline", "").endsWith("true")) {
            command.add("-o");
        }
        Path log = work.resolve("example-build.log");
        Process p = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        boolean finished = p.waitFor(15, TimeUnit.MINUTES);
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(finished && p.exitValue() == 0)
                .as(
                        "building the example plugin (%s) failed; does ~/.m2 hold this vae4j version? run 'mvn install'."
                                + " Output:%n%s",
                        String.join(" ", command), output)
                .isTrue();
        pluginJar = project.resolve("target/vae-plugin-example-1.0.jar");
        assertThat(pluginJar).exists();
        data = MainTest.writeIdxFixture(Files.createDirectories(work.resolve("idx")));
    }

    static String mavenExecutable() {
        String home = System.getProperty("vae4j.maven.home", "");
        Path mvn = Path.of(home, "bin", "mvn");
        return !home.isBlank() && Files.isExecutable(mvn) ? mvn.toString() : "mvn";
    }

    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Path rel = from.relativize(f);
                if (rel.startsWith("target")) {
                    continue;
                }
                Path dest = to.resolve(rel.toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(dest);
                } else {
                    Files.copy(f, dest);
                }
            }
        }
    }

    private static Path pluginDir(Path dir, String... jarNames) throws IOException {
        Files.createDirectories(dir);
        for (String name : jarNames) {
            Files.copy(pluginJar, dir.resolve(name));
        }
        return dir;
    }

    @Test
    void exampleIsListedAndTrainsForOneShortEpoch(@TempDir Path dir) throws IOException {
        Path plugins = pluginDir(dir.resolve("plugins"), "vae-plugin-example-1.0.jar");
        MainTest.Result models = MainTest.run("models", "--plugins", plugins.toString());
        assertThat(models.code()).as(models.err()).isZero();
        assertThat(models.out())
                .contains("laplace-vae  example plugin")
                .contains("--option scale=")
                .contains("vae  vanilla VAE")
                .contains("cvae  ");

        Path out = dir.resolve("laplace");
        MainTest.Result train = MainTest.run(
                "train",
                "--plugins",
                plugins.toString(),
                "--model",
                "laplace-vae",
                "--dataset",
                "idx",
                "--data",
                data.toString(),
                "--epochs",
                "1",
                "--batch-size",
                "50",
                "--latent-dims",
                "2",
                "--option",
                "hidden=32",
                "--out",
                out.toString());
        assertThat(train.code()).as(train.err()).isZero();
        assertThat(out.resolve("model.vae4j")).exists();
        assertThat(Files.readString(out.resolve("metrics.json"))).contains("\"model\" : \"laplace-vae\"");

        MainTest.Result evaluate = MainTest.run(
                "evaluate",
                "--plugins",
                plugins.toString(),
                "--model-dir",
                out.toString(),
                "--dataset",
                "idx",
                "--data",
                data.toString());
        assertThat(evaluate.code()).as(evaluate.err()).isZero();
        assertThat(evaluate.out()).contains("laplace-vae (z=2, 1 epochs)");
    }

    @Test
    void theSamePluginTwiceIsAnErrorNamingBothJars(@TempDir Path dir) throws IOException {
        Path plugins = pluginDir(dir.resolve("plugins"), "laplace-a.jar", "laplace-b.jar");
        MainTest.Result models = MainTest.run("models", "--plugins", plugins.toString());
        assertThat(models.code()).isEqualTo(Main.USAGE);
        assertThat(models.err().strip())
                .doesNotContain("\n")
                .contains(
                        "com.example.vae.laplace.LaplaceVaePlugin is declared both by laplace-a.jar and by laplace-b.jar");
    }
}
