package org.vae4j.spark;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.vae4j.Vae4j;
import org.vae4j.study.Study;
import org.vae4j.study.StudySpec;
import org.vae4j.study.TrialRunner;

/** A reduced study on the generated IDX fixture, run by any runner, and what its results must equal. */
final class StudyFixture {
    static final String SPEC = """
            {
              "name": "spark-test",
              "description": "a reduced study for the Spark tests",
              "epochs": 2, "batchSize": 50, "trainImages": 0, "seeds": [1, 2],
              "sensitivity": {"model": "vae", "latentSizes": [2, 3], "kneeTolerance": 1000, "iwSamples": 10, "iwImages": 50},
              "tradeoff": {"models": ["beta-vae"], "betas": [4], "latentDims": 0, "iwSamples": 0, "iwImages": 0},
              "scoring": {"attributes": ["thickness", "slant", "width"], "metrics": ["mig", "sap"], "images": 100}
            }
            """;
    private static final ObjectMapper JSON = new ObjectMapper();
    /** 2 latent sizes x 2 seeds, then 1 beta x 2 seeds. */
    static final int TRIALS = 6;

    static final List<String> TABLES = List.of("sensitivity.csv", "tradeoff.csv", "alignment.json");

    /** What a run printed and decided. */
    record Run(Study.Outcome outcome, String log) {}

    private StudyFixture() {}

    static Run run(Vae4j vae, Path data, Path cache, Path out, TrialRunner runner, boolean resume) {
        return run(vae, SPEC, data, cache, out, runner, resume, false);
    }

    static Run runSpec(Vae4j vae, String spec, Path data, Path cache, Path out, TrialRunner runner) {
        return run(vae, spec, data, cache, out, runner, false, false);
    }

    static Run runSensitivity(Vae4j vae, Path data, Path cache, Path out, TrialRunner runner) {
        return run(vae, SPEC, data, cache, out, runner, false, true);
    }

    private static Run run(
            Vae4j vae,
            String spec,
            Path data,
            Path cache,
            Path out,
            TrialRunner runner,
            boolean resume,
            boolean sensitivityOnly) {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        try (PrintStream ps = new PrintStream(log, true, StandardCharsets.UTF_8)) {
            Study study = Study.builder(vae, StudySpec.parse(spec, "the test's spec"), out)
                    .runner(runner)
                    .resume(resume)
                    .sensitivityOnly(sensitivityOnly)
                    .dataset("idx", data)
                    .attributeCache(cache)
                    .out(ps)
                    .prepare(!resume);
            Study.Outcome outcome = study.run();
            return new Run(outcome, log.toString(StandardCharsets.UTF_8));
        }
    }

    /** The finished trials' ids. */
    static List<String> finished(Path study) throws IOException {
        try (Stream<Path> s = Files.list(study.resolve("trials"))) {
            return s.filter(t -> Files.exists(t.resolve(Study.TRIAL_DONE)))
                    .map(t -> t.getFileName().toString())
                    .sorted()
                    .toList();
        }
    }

    /** Every table of {@code actual} has the same content as in {@code expected}, and every trial's results too. */
    static void assertSameResults(Path expected, Path actual) throws IOException {
        for (String table : TABLES) {
            assertThat(Files.readString(actual.resolve("tables").resolve(table)))
                    .as("tables/%s", table)
                    .isEqualTo(Files.readString(expected.resolve("tables").resolve(table)));
        }
        assertThat(finished(actual)).isEqualTo(finished(expected)).hasSize(TRIALS);
        for (String id : finished(expected)) {
            for (String file : List.of("model/metrics.json", "model/evaluation.json", "model/disentanglement.json")) {
                assertThat(withoutTimes(actual.resolve("trials").resolve(id).resolve(file)))
                        .as("trial %s: %s", id, file)
                        .isEqualTo(withoutTimes(
                                expected.resolve("trials").resolve(id).resolve(file)));
            }
        }
    }

    /** A result file without what depends on the machine's speed (seconds, images per second, provenance). */
    private static JsonNode withoutTimes(Path file) throws IOException {
        JsonNode n = JSON.readTree(file.toFile());
        strip(n);
        return n;
    }

    private static void strip(JsonNode n) {
        if (n instanceof ObjectNode o) {
            o.remove(List.of("seconds", "imagesPerSecond", "provenance"));
        }
        n.forEach(StudyFixture::strip);
    }
}
