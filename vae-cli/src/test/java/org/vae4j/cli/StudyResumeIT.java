package org.vae4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A reduced study on the generated fixture data, killed in the middle of a trial and resumed: the
 * trials finished before the kill are not redone, the half-finished one restarts cleanly, and the
 * complete report is produced.
 */
class StudyResumeIT {
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
            new com.fasterxml.jackson.databind.ObjectMapper();

    @TempDir
    Path dir;

    static final String SPEC = """
            {
              "name": "tiny",
              "description": "a reduced study for the integration test",
              "epochs": 2, "batchSize": 50, "trainImages": 0, "seeds": [1],
              "sensitivity": {"model": "vae", "latentSizes": [2, 3, 4], "kneeTolerance": 1000, "iwSamples": 10, "iwImages": 50},
              "tradeoff": {"models": ["beta-vae", "cvae"], "betas": [1, 4], "latentDims": 0, "iwSamples": 0, "iwImages": 0},
              "scoring": {"attributes": ["thickness", "slant", "width"], "metrics": ["mig", "sap", "dci", "modularity"], "images": 100}
            }
            """;

    private static List<Path> finished(Path study) throws IOException {
        Path trials = study.resolve("trials");
        if (!Files.isDirectory(trials)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(trials)) {
            return s.filter(t -> Files.exists(t.resolve("trial.json"))).sorted().toList();
        }
    }

    private static long started(Path study) throws IOException {
        Path trials = study.resolve("trials");
        if (!Files.isDirectory(trials)) {
            return 0;
        }
        try (Stream<Path> s = Files.list(trials)) {
            return s.count();
        }
    }

    @Test
    void aKilledStudyResumesWithoutRedoingFinishedTrials() throws Exception {
        Path data = MainTest.writeIdxFixture(Files.createDirectories(dir.resolve("idx")));
        Path spec = Files.writeString(dir.resolve("tiny.json"), SPEC);
        Path study = dir.resolve("study");
        List<String> args = List.of(
                "study",
                "--spec",
                spec.toString(),
                "--out",
                study.toString(),
                "--threads",
                "1",
                "--dataset",
                "idx",
                "--data",
                data.toString(),
                "--cache",
                dir.resolve("cache").toString());
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx2g",
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName()));
        command.addAll(args);
        Process p = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("first-run.log").toFile())
                .start();
        // kill it while a trial is running, after at least two have finished
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (System.nanoTime() < deadline
                && p.isAlive()
                && !(finished(study).size() >= 2
                        && started(study) > finished(study).size())) {
            Thread.sleep(20);
        }
        assertThat(p.isAlive())
                .as(
                        "the study was still running when the test killed it; log:%n%s",
                        Files.readString(dir.resolve("first-run.log")))
                .isTrue();
        p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        List<Path> before = finished(study);
        assertThat(before).hasSizeGreaterThanOrEqualTo(2);
        List<String> stamps = new ArrayList<>();
        for (Path t : before) {
            stamps.add(Files.readString(t.resolve("trial.json"))
                    + Files.getLastModifiedTime(t.resolve("model").resolve("model.vae4j")));
        }

        // without --resume the directory is protected
        MainTest.Result again = MainTest.run(args.toArray(String[]::new));
        assertThat(again.code()).isEqualTo(Main.USAGE);
        assertThat(again.err()).contains("already holds a study; add --resume");

        List<String> resume = new ArrayList<>(args);
        resume.add("--resume");
        MainTest.Result r = MainTest.run(resume.toArray(String[]::new));
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        assertThat(r.out())
                .containsPattern("sensitivity: 3 trials, [1-3] finished before, [0-2] to run \\(1 at a time in"
                        + " this process\\)");
        List<Path> after = finished(study);
        assertThat(after).hasSize(3 + 2 * 2);
        for (int i = 0; i < before.size(); i++) {
            Path t = before.get(i);
            assertThat(Files.readString(t.resolve("trial.json"))
                            + Files.getLastModifiedTime(t.resolve("model").resolve("model.vae4j")))
                    .as("finished trial %s untouched", t.getFileName())
                    .isEqualTo(stamps.get(i));
        }
        for (String table : List.of("sensitivity", "tradeoff", "conditioning")) {
            assertThat(study.resolve("tables").resolve(table + ".csv")).exists();
            assertThat(study.resolve("tables").resolve(table + ".json")).exists();
        }
        for (String plot : List.of("sensitivity", "tradeoff", "pareto", "conditioning", "aligned-traversal")) {
            assertThat(study.resolve("plots").resolve(plot + ".png")).exists();
        }
        JsonNode tradeoff =
                JSON.readTree(study.resolve("tables").resolve("tradeoff.json").toFile());
        assertThat(tradeoff).hasSize(4);
        assertThat(tradeoff.get(0).get("latentDims").asInt())
                .as("the knee, with a huge tolerance the smallest z")
                .isEqualTo(2);
        String report = Files.readString(study.resolve("report.html"));
        assertThat(report)
                .contains(
                        "1. Latent-size sensitivity",
                        "2. Reconstruction against disentanglement",
                        "3. Conditioning",
                        "4. Alignment",
                        "data:image/png;base64,");
    }
}
