package org.vae4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A suite of two reduced studies, one on the generated IDX fixture and one on generated dSprites
 * with its own model options: each runs in its own folder with its own tables, the suite's report
 * links them, and the folder is protected and resumable as a single study's is.
 */
class StudySuiteIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    static final String SUITE = """
            {
              "name": "pair",
              "description": "two reduced studies for the integration test",
              "studies": [
                {
                  "name": "digits", "description": "the fixture digits", "dataset": "idx",
                  "epochs": 1, "batchSize": 50, "trainImages": 0, "seeds": [1],
                  "sensitivity": {"model": "vae", "latentSizes": [2], "kneeTolerance": 1, "iwSamples": 0, "iwImages": 0},
                  "tradeoff": {"models": ["beta-vae"], "betas": [1, 4], "latentDims": 2, "iwSamples": 0, "iwImages": 0},
                  "scoring": {"attributes": ["thickness", "slant", "width"], "metrics": ["mig"], "images": 100}
                },
                {
                  "name": "shapes", "description": "generated dSprites", "dataset": "dsprites",
                  "epochs": 1, "batchSize": 50, "options": {"hidden": "32"}, "trainImages": 200, "seeds": [1],
                  "sensitivity": {"model": "vae", "latentSizes": [3], "kneeTolerance": 1, "iwSamples": 0, "iwImages": 0},
                  "tradeoff": {"models": ["beta-vae"], "betas": [1, 4], "latentDims": 3, "iwSamples": 0, "iwImages": 0},
                  "scoring": {"attributes": ["shape", "scale", "orientation", "posX", "posY"],
                              "metrics": ["beta-vae-score", "factor-vae-score", "mig"], "images": 100, "points": 20}
                }
              ]
            }
            """;

    @Test
    void eachStudyOfASuiteRunsInItsFolderAndTheSuiteReportLinksThem() throws IOException {
        Path data = MainTest.writeIdxFixture(Files.createDirectories(dir.resolve("idx")));
        Path spec = Files.writeString(dir.resolve("pair.json"), SUITE);
        Path out = dir.resolve("suite");
        List<String> args = new ArrayList<>(List.of(
                "study",
                "--spec",
                spec.toString(),
                "--out",
                out.toString(),
                "--threads",
                "1",
                "--data",
                data.toString(),
                "--cache",
                dir.resolve("cache").toString()));
        MainTest.Result r = MainTest.run(args.toArray(String[]::new));
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("suite pair in " + out + ": 2 studies (digits, shapes)", "suite pair finished in");
        for (String study : List.of("digits", "shapes")) {
            assertThat(out.resolve(study).resolve("report.html")).exists();
            JsonNode tradeoff = JSON.readTree(out.resolve(study)
                    .resolve("tables")
                    .resolve("tradeoff.json")
                    .toFile());
            assertThat(tradeoff).as(study).hasSize(2);
        }
        JsonNode shapes = JSON.readTree(out.resolve("shapes/trials/beta-vae-z3-b4-s1/model/metrics.json")
                .toFile());
        assertThat(shapes.get("options").get("hidden").asText()).isEqualTo("32");
        assertThat(shapes.get("options").get("beta").asText()).isEqualTo("4");
        assertThat(shapes.get("dataset").get("name").asText()).isEqualTo("dsprites");
        JsonNode scores = JSON.readTree(out.resolve("shapes/trials/beta-vae-z3-b4-s1/model/disentanglement.json")
                .toFile());
        assertThat(scores.toString()).contains("beta-vae-score", "factor-vae-score");
        JsonNode digits = JSON.readTree(out.resolve("digits/trials/beta-vae-z2-b4-s1/model/metrics.json")
                .toFile());
        assertThat(digits.get("options").get("hidden").asText()).isEqualTo("500");
        assertThat(digits.get("dataset").get("name").asText()).isEqualTo("idx");
        String report = Files.readString(out.resolve("report.html"));
        assertThat(report)
                .contains(
                        "<h1>pair</h1>",
                        "<a href=\"digits/report.html\">digits</a> (dataset idx)",
                        "<a href=\"shapes/report.html\">shapes</a> (dataset dsprites)",
                        "model options {hidden=32}",
                        "every trial finished",
                        "<a href=\"shapes/tables/tradeoff.csv\">tradeoff.csv</a>");
        assertThat(JSON.readTree(out.resolve("suite.json").toFile()).get("studies"))
                .hasSize(2);

        MainTest.Result again = MainTest.run(args.toArray(String[]::new));
        assertThat(again.code()).isEqualTo(Main.USAGE);
        assertThat(again.err()).contains("already holds a study suite; add --resume");

        args.add("--resume");
        MainTest.Result resumed = MainTest.run(args.toArray(String[]::new));
        assertThat(resumed.code()).as(resumed.out() + resumed.err()).isZero();
        assertThat(resumed.out())
                .contains("tradeoff: 2 trials, 2 finished before, 0 to run")
                .doesNotContain("done in");

        List<String> plain = new ArrayList<>(args);
        plain.subList(1, 3).clear(); // no --spec: --resume --out continues the suite the folder holds
        MainTest.Result stored = MainTest.run(plain.toArray(String[]::new));
        assertThat(stored.code()).as(stored.out() + stored.err()).isZero();
        assertThat(stored.out()).contains("suite pair in " + out, "tradeoff: 2 trials, 2 finished before, 0 to run");

        MainTest.Result overridden = MainTest.run("study", "--spec", spec.toString(), "--dataset", "dsprites");
        assertThat(overridden.code()).isEqualTo(Main.USAGE);
        assertThat(overridden.err()).contains("--dataset cannot be given for a suite");
        MainTest.Result single = MainTest.run(
                "study", "--profile", "factors", "--out", out.resolve("digits").toString());
        assertThat(single.code()).isEqualTo(Main.USAGE);
        assertThat(single.err()).contains("holds a single study, not a suite");
        MainTest.Result unknown = MainTest.run("study", "--profile", "factor");
        assertThat(unknown.code()).isEqualTo(Main.USAGE);
        assertThat(unknown.err())
                .contains("--profile must be one of quick, paper, full, paper-faithful, factors-quick, factors;"
                        + " got 'factor'");
    }

    @Test
    void aModelOptionNoModelOfTheStudyHasIsRefusedBeforeAnythingTrains() throws IOException {
        String study = """
                {"name": "typo", "description": "a misspelt option", "epochs": 1, "batchSize": 50,
                 "options": {"hiden": "64"}, "trainImages": 0, "seeds": [1],
                 "sensitivity": {"model": "vae", "latentSizes": [2], "kneeTolerance": 1, "iwSamples": 0, "iwImages": 0},
                 "tradeoff": {"models": ["beta-vae"], "betas": [1], "latentDims": 2, "iwSamples": 0, "iwImages": 0},
                 "scoring": {"attributes": ["thickness"], "metrics": ["mig"], "images": 100}}
                """;
        Path spec = Files.writeString(dir.resolve("typo.json"), study);
        MainTest.Result r = MainTest.run(
                "study", "--spec", spec.toString(), "--out", dir.resolve("s").toString());
        assertThat(r.code()).as(r.out() + r.err()).isEqualTo(Main.USAGE);
        assertThat(r.err())
                .contains("model option 'hiden' is not an option of vae; its options are hidden, activation,"
                        + " likelihood (the study's options apply to every model it trains)");
        assertThat(dir.resolve("s")).doesNotExist();
    }
}
