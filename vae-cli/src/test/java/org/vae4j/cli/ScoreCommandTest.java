package org.vae4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vae4j.analysis.Representation;

/**
 * {@code ./vae score} on arrays numpy wrote (src/test/resources/score/make_fixtures.py): CSV and .npy
 * give the same numbers, every supported dtype and header version reads what numpy saved, and every
 * malformed input is one line naming the file.
 */
class ScoreCommandTest {
    private static final Path FIXTURES = Path.of("src/test/resources/score");

    @TempDir
    Path dir;

    private static String f(String name) {
        return FIXTURES.resolve(name).toString();
    }

    private static List<String> scoreLines(MainTest.Result r) {
        return r.out().lines().filter(l -> l.startsWith("  ")).toList();
    }

    @Test
    void csvAndNpyOfTheSameArraysGiveTheSameScoresAndTheJsonRecordsTheInputs() throws IOException {
        Path json = dir.resolve("scores.json");
        MainTest.Result csv = MainTest.run(
                "score",
                "--codes",
                f("codes.csv"),
                "--factors",
                f("factors.csv"),
                "--train-rows",
                "240",
                "--metrics",
                "mig,sap,dci,modularity,explicitness,dlib-sap,dlib-dci,dlib-explicitness",
                "--out",
                json.toString());
        assertThat(csv.code()).as(csv.err()).isZero();
        assertThat(csv.out()).contains("300 examples, 3 codes, factors [digit, width] (discrete, continuous)");
        MainTest.Result npy = MainTest.run(
                "score",
                "--codes",
                f("codes.npy"),
                "--factors",
                f("factors.npy"),
                "--train-rows",
                "240",
                "--metrics",
                "mig,sap,dci,modularity,explicitness,dlib-sap,dlib-dci,dlib-explicitness");
        assertThat(npy.code()).as(npy.err()).isZero();
        assertThat(scoreLines(npy)).hasSize(8).isEqualTo(scoreLines(csv));
        MainTest.Result v2 = MainTest.run(
                "score",
                "--codes",
                f("codes-v2.npy"),
                "--factors",
                f("factors.npy"),
                "--train-rows",
                "240",
                "--metrics",
                "mig,sap,dci,modularity,explicitness,dlib-sap,dlib-dci,dlib-explicitness");
        assertThat(scoreLines(v2)).isEqualTo(scoreLines(csv));
        MainTest.Result noHeader = MainTest.run(
                "score",
                "--codes",
                f("codes-noheader.csv"),
                "--factors",
                f("factors.csv"),
                "--train-rows",
                "240",
                "--metrics",
                "mig,sap,dci,modularity,explicitness,dlib-sap,dlib-dci,dlib-explicitness");
        assertThat(scoreLines(noHeader)).isEqualTo(scoreLines(csv));

        JsonNode j = new ObjectMapper().readTree(json.toFile());
        assertThat(j.get("protocol").asText()).isEqualTo("vae4j");
        assertThat(j.at("/codes/sha256").asText())
                .isEqualTo(Representation.read(FIXTURES.resolve("codes.csv")).sha256())
                .hasSize(64);
        assertThat(j.at("/factors/kinds").toString()).isEqualTo("[\"discrete\",\"continuous\"]");
        assertThat(j.at("/split/trainRows").asInt()).isEqualTo(240);
        assertThat(j.at("/split/testRows").asInt()).isEqualTo(60);
        assertThat(j.at("/metrics/mig/value").asDouble()).isBetween(0.0, 1.0);
        assertThat(j.at("/metrics/dci/details").isObject()).isTrue();
        assertThat(j.at("/metrics/dlib-sap/details/scoreMatrix")).hasSize(3);
        assertThat(j.at("/metrics/dlib-sap/parameters/C").asDouble()).isEqualTo(0.01);
        assertThat(j.at("/metrics/dlib-dci/details/importance")).hasSize(3);
        assertThat(j.at("/metrics/dlib-dci/metric").asText()).isEqualTo("dlib-dci");
    }

    @Test
    void protocolDlibRunsDisentanglementLibsDefinitionsUnderTheUsualNames() throws IOException {
        Path json = dir.resolve("dlib.json");
        MainTest.Result dlib = MainTest.run(
                "score",
                "--codes",
                f("codes.csv"),
                "--factors",
                f("factors.csv"),
                "--train-rows",
                "240",
                "--protocol",
                "dlib",
                "--metrics",
                "mig,sap,dci,modularity,explicitness",
                "--out",
                json.toString());
        assertThat(dlib.code()).as(dlib.err()).isZero();
        MainTest.Result byName = MainTest.run(
                "score",
                "--codes",
                f("codes.csv"),
                "--factors",
                f("factors.csv"),
                "--train-rows",
                "240",
                "--metrics",
                "dlib-mig,dlib-sap,dlib-dci,dlib-modularity,dlib-explicitness");
        assertThat(scoreLines(dlib)).hasSize(5);
        for (int i = 0; i < 5; i++) {
            String value = scoreLines(byName).get(i).trim().split(" +")[1];
            assertThat(scoreLines(dlib).get(i)).contains(" " + value);
        }
        assertThat(scoreLines(dlib).get(1)).startsWith("  sap ").endsWith("(dlib-sap)");
        assertThat(scoreLines(dlib).get(0)).startsWith("  mig ").endsWith("(dlib-mig)");
        JsonNode j = new ObjectMapper().readTree(json.toFile());
        assertThat(j.get("protocol").asText()).isEqualTo("dlib");
        assertThat(j.at("/metrics/sap/metric").asText()).isEqualTo("dlib-sap");
        assertThat(j.at("/metrics/dci/metric").asText()).isEqualTo("dlib-dci");
        assertThat(j.at("/metrics/explicitness/metric").asText()).isEqualTo("dlib-explicitness");
        assertThat(j.at("/metrics/modularity/metric").asText()).isEqualTo("dlib-modularity");
        assertThat(j.at("/metrics/mig/metric").asText()).isEqualTo("dlib-mig");
        assertThat(j.at("/metrics/mig/parameters/train").asInt())
                .as("MIG on the train rows")
                .isEqualTo(240);
        assertThat(j.at("/metrics/dci/details/informativenessTest").asDouble()).isBetween(0.0, 1.0);
    }

    @Test
    void everyDtypeReadsWhatNumpySaved() {
        double[][] csv = Representation.read(FIXTURES.resolve("factors.csv")).values();
        for (String digit : List.of("digit-int64.npy", "digit-int32.npy", "digit-uint8.npy")) {
            double[][] v = Representation.read(FIXTURES.resolve(digit)).values();
            assertThat(v).as(digit).hasNumberOfRows(300);
            for (int i = 0; i < 300; i++) {
                assertThat(v[i]).as(digit + " row " + i).containsExactly(csv[i][0]);
            }
        }
        double[][] codes = Representation.read(FIXTURES.resolve("codes.csv")).values();
        double[][] f32 =
                Representation.read(FIXTURES.resolve("codes-float32.npy")).values();
        for (int i = 0; i < 300; i++) {
            for (int j = 0; j < 3; j++) {
                assertThat(f32[i][j]).isEqualTo((double) (float) codes[i][j]);
            }
        }
    }

    private void refused(String expected, String... args) {
        MainTest.Result r = MainTest.run(args);
        assertThat(r.code()).as(String.join(" ", args)).isNotZero();
        assertThat(r.err().strip())
                .as(String.join(" ", args))
                .doesNotContain("\n")
                .contains(expected);
    }

    @Test
    void badFilesAndOptionsAreOneLineNamingTheFile() throws IOException {
        Path ragged = Files.writeString(dir.resolve("ragged.csv"), "a,b\n1,2\n3\n");
        Path word = Files.writeString(dir.resolve("word.csv"), "a,b\n1,2\n3,x\n");
        Path fewer = Files.writeString(dir.resolve("fewer.csv"), "d,w\n0,0.5\n1,0.25\n");
        refused(
                f("codes-nan.npy") + ": row 42, column 3 (c2) is NaN",
                "score",
                "--codes",
                f("codes-nan.npy"),
                "--factors",
                f("factors.csv"));
        refused(
                f("codes-fortran.npy") + " is in Fortran (column-major) order",
                "score",
                "--codes",
                f("codes-fortran.npy"),
                "--factors",
                f("factors.csv"));
        refused(
                f("codes-complex.npy") + " holds dtype '<c16'",
                "score",
                "--codes",
                f("codes-complex.npy"),
                "--factors",
                f("factors.csv"));
        refused(
                f("codes-truncated.npy") + " holds 7100 data bytes but its header declares 300x3 values",
                "score",
                "--codes",
                f("codes-truncated.npy"),
                "--factors",
                f("factors.csv"));
        refused(
                ragged + ": line 3 has 1 values, the first line 2",
                "score",
                "--codes",
                ragged.toString(),
                "--factors",
                f("factors.csv"));
        refused(
                word + ": line 3, column 2 ('x') is not a number",
                "score",
                "--codes",
                word.toString(),
                "--factors",
                f("factors.csv"));
        refused(
                f("codes.csv") + " has 300 rows but " + fewer + " has 2",
                "score",
                "--codes",
                f("codes.csv"),
                "--factors",
                fewer.toString());
        refused(
                f("factors.csv") + ": row 1, column 2 (width) is 0.",
                "score",
                "--codes",
                f("codes.csv"),
                "--factors",
                f("factors.csv"),
                "--factor-kinds",
                "discrete");
        refused(
                "--factor-kinds depth:discrete: 'depth:discrete' is not NAME:discrete",
                "score",
                "--codes",
                f("codes.csv"),
                "--factors",
                f("factors.csv"),
                "--factor-kinds",
                "depth:discrete");
        refused(
                "--protocol must be vae4j or dlib, got 'dlib2'",
                "score",
                "--codes",
                f("codes.csv"),
                "--factors",
                f("factors.csv"),
                "--protocol",
                "dlib2");
        refused(
                "unknown metric 'beta'",
                "score",
                "--codes",
                f("codes.csv"),
                "--factors",
                f("factors.csv"),
                "--metrics",
                "beta");
        refused(
                "--train-rows must be between 1 and 299",
                "score",
                "--codes",
                f("codes.csv"),
                "--factors",
                f("factors.csv"),
                "--train-rows",
                "300");
        refused(
                dir.resolve("none.npy") + " does not exist",
                "score",
                "--codes",
                dir.resolve("none.npy").toString(),
                "--factors",
                f("factors.csv"));
    }
}
