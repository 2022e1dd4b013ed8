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
import org.vae4j.cli.MainTest.Result;
import org.vae4j.core.data.IdxFile;

/**
 * The commands on data whose factors are known: {@code ./vae datasets}, training on generated
 * dSprites and scoring it with the intervention metrics, and {@code ./vae perturb}.
 */
class GroundTruthCommandsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    /** Trains a model into {@code model} with the given options and checks that it succeeded. */
    private static void train(Path model, String... options) {
        String[] args = new String[options.length + 3];
        args[0] = "train";
        System.arraycopy(options, 0, args, 1, options.length);
        args[options.length + 1] = "--out";
        args[options.length + 2] = model.toString();
        Result r = MainTest.run(args);
        assertThat(r.code()).as(r.err()).isZero();
    }

    @Test
    void datasetsListsEverySourceWithItsFactors() {
        Result r = MainTest.run("datasets");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out())
                .contains("dsprites  dSprites-like 64x64 binary shapes")
                .contains("    images   727,280 train + 10,000 test, 64x64")
                .contains("    factors  5 (every combination: 737,280)")
                .contains("      scale  6 levels, 0.5000 .. 1.000")
                .contains("mnist-factors  MNIST digits at set levels of line weight, tilt and width")
                .contains("      tilt  5 levels, -20.00 .. 20.00")
                .contains("morpho-global  Morpho-MNIST's global set")
                .contains("morpho-local  Morpho-MNIST's local set")
                .contains("      perturbation  3 levels, 0.000 .. 4.000")
                .contains("mnist  mnist (IDX files")
                .contains("    factors  none (scores use measured attributes)");
    }

    @Test
    void aDSpritesModelIsScoredAgainstItsTrueFactorsWithTheInterventionScores() throws IOException {
        Path model = dir.resolve("ds");
        train(
                model,
                "--dataset",
                "dsprites",
                "--limit",
                "1500",
                "--epochs",
                "1",
                "--batch-size",
                "50",
                "--latent-dims",
                "3",
                "--option",
                "hidden=16");
        Result r = MainTest.run(
                "disentanglement",
                "--model-dir",
                model.toString(),
                "--images",
                "500",
                "--points",
                "60",
                "--metrics",
                "beta-vae-score,factor-vae-score,mig,dci");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("attributes [shape, scale, orientation, posX, posY]");
        JsonNode d = JSON.readTree(model.resolve("disentanglement.json").toFile());
        assertThat(d.get("metrics").fieldNames())
                .toIterable()
                .containsExactly("beta-vae-score", "factor-vae-score", "mig", "dci");
        JsonNode beta = d.get("metrics").get("beta-vae-score");
        // an accuracy over the 30 evaluation points: a multiple of 1/30
        double value = beta.get("value").asDouble();
        assertThat(value * 30).isCloseTo(Math.rint(value * 30), org.assertj.core.data.Offset.offset(1e-9));
        assertThat(beta.get("parameters").get("numTrain").asInt()).isEqualTo(60);
        assertThat(d.get("metrics")
                        .get("factor-vae-score")
                        .get("details")
                        .get("factors")
                        .size())
                .isEqualTo(5);
        // the same seed draws the same points: a second scoring gives the same values
        Result again = MainTest.run(
                "disentanglement",
                "--model-dir",
                model.toString(),
                "--images",
                "500",
                "--points",
                "60",
                "--metrics",
                "beta-vae-score,factor-vae-score");
        assertThat(again.code()).as(again.err()).isZero();
        JsonNode d2 = JSON.readTree(model.resolve("disentanglement.json").toFile());
        assertThat(d2.get("metrics").get("beta-vae-score").get("value").asDouble())
                .isEqualTo(value);

        // measured attributes have no factor levels to intervene on
        Result measured = MainTest.run(
                "disentanglement",
                "--model-dir",
                model.toString(),
                "--factors",
                "false",
                "--metrics",
                "factor-vae-score");
        assertThat(measured.code()).isEqualTo(Main.USAGE);
        assertThat(measured.err()).contains("--metrics factor-vae-score needs ground-truth factors");
        Result badFlag = MainTest.run("disentanglement", "--model-dir", model.toString(), "--factors", "maybe");
        assertThat(badFlag.code()).isEqualTo(Main.USAGE);
        assertThat(badFlag.err()).contains("--factors must be true or false, got 'maybe'");
        Result unknown = MainTest.run(
                "disentanglement", "--model-dir", model.toString(), "--attributes", "colour", "--metrics", "mig");
        assertThat(unknown.code()).isEqualTo(Main.USAGE);
        assertThat(unknown.err()).contains("--attributes: the data has no factor 'colour'; its factors are shape,");
    }

    @Test
    void aConditionalModelIsScoredWithTheClassOfEveryImageItDraws() throws IOException {
        Path model = dir.resolve("cvae");
        train(
                model,
                "--model",
                "cvae",
                "--dataset",
                "dsprites",
                "--limit",
                "1000",
                "--epochs",
                "1",
                "--latent-dims",
                "3",
                "--option",
                "hidden=16");
        Result r = MainTest.run(
                "disentanglement",
                "--model-dir",
                model.toString(),
                "--images",
                "300",
                "--points",
                "40",
                "--metrics",
                "beta-vae-score,factor-vae-score,mig");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode d = JSON.readTree(model.resolve("disentanglement.json").toFile());
        assertThat(d.get("metrics").get("factor-vae-score").get("value").asDouble())
                .isBetween(0.0, 1.0);
    }

    @Test
    void anInterventionScoreOnDataWithoutFactorsIsRefusedInOneLine() throws IOException {
        Path data = MainTest.writeIdxFixture(Files.createDirectories(dir.resolve("idx")));
        Path model = dir.resolve("m");
        train(
                model,
                "--dataset",
                "idx",
                "--data",
                data.toString(),
                "--epochs",
                "1",
                "--latent-dims",
                "2",
                "--option",
                "hidden=16");
        Result r = MainTest.run(
                "disentanglement",
                "--model-dir",
                model.toString(),
                "--dataset",
                "idx",
                "--data",
                data.toString(),
                "--metrics",
                "mig,beta-vae-score",
                "--cache",
                dir.resolve("cache").toString());
        assertThat(r.code()).isEqualTo(Main.USAGE);
        assertThat(r.err().strip().lines())
                .last()
                .asString()
                .contains("--metrics beta-vae-score needs ground-truth factors")
                .contains("dsprites with --factors true");
        assertThat(model.resolve("disentanglement.json")).doesNotExist();
    }

    @Test
    void perturbWritesThePerturbedImagesAndTheCentresAndNeverReplacesAResult() throws IOException {
        Path data = MainTest.writeIdxFixture(Files.createDirectories(dir.resolve("idx")));
        Path images = data.resolve("t10k-images-idx3-ubyte");
        Path thick = dir.resolve("thick-idx3-ubyte");
        Result r = MainTest.run(
                "perturb", "--images", images.toString(), "--perturbation", "thicken:1.0", "--out", thick.toString());
        assertThat(r.code()).as(r.err()).isZero();
        IdxFile before = IdxFile.read(images);
        IdxFile after = IdxFile.read(thick);
        assertThat(after.dims()).containsExactly(before.dims());
        assertThat((double) ink(after)).isGreaterThan(ink(before) * 1.3);

        Path fractured = dir.resolve("frac-idx3-ubyte");
        Result f = MainTest.run(
                "perturb",
                "--images",
                images.toString(),
                "--perturbation",
                "fracture:3",
                "--seed",
                "7",
                "--out",
                fractured.toString());
        assertThat(f.code()).as(f.err()).isZero();
        List<String> centres = Files.readAllLines(dir.resolve("frac-idx3-ubyte.centres.csv"));
        assertThat(centres.get(0)).isEqualTo("image,centre,row,col");
        assertThat(centres).hasSize(1 + 3 * before.dims()[0]);
        // the same seed gives the same file
        Path again = dir.resolve("frac2-idx3-ubyte");
        assertThat(MainTest.run(
                                "perturb",
                                "--images",
                                images.toString(),
                                "--perturbation",
                                "fracture:3",
                                "--seed",
                                "7",
                                "--out",
                                again.toString())
                        .code())
                .isZero();
        assertThat(Files.readAllBytes(again)).isEqualTo(Files.readAllBytes(fractured));

        byte[] kept = Files.readAllBytes(thick);
        Result exists = MainTest.run(
                "perturb", "--images", images.toString(), "--perturbation", "thin:0.5", "--out", thick.toString());
        assertThat(exists.code()).isEqualTo(Main.USAGE);
        assertThat(exists.err()).contains("--out " + thick + " exists");
        assertThat(Files.readAllBytes(thick)).isEqualTo(kept);

        Result unknown = MainTest.run(
                "perturb",
                "--images",
                images.toString(),
                "--perturbation",
                "blur:2",
                "--out",
                dir.resolve("x").toString());
        assertThat(unknown.code()).isEqualTo(Main.USAGE);
        assertThat(unknown.err()).contains("--perturbation 'blur:2' is not a perturbation; use plain, thin:AMOUNT");
        Result labels = MainTest.run(
                "perturb",
                "--images",
                data.resolve("t10k-labels-idx1-ubyte").toString(),
                "--perturbation",
                "thin:0.5",
                "--out",
                dir.resolve("y").toString());
        assertThat(labels.code()).isEqualTo(Main.FAILURE);
        assertThat(labels.err()).contains("holds an IDX array of 1 dimensions, not images");
        assertThat(dir.resolve("x")).doesNotExist();
        assertThat(dir.resolve("y")).doesNotExist();
    }

    private static long ink(IdxFile f) {
        long s = 0;
        for (byte b : f.data()) {
            s += b & 0xFF;
        }
        return s;
    }
}
