package org.vae4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vae4j.core.checkpoint.CheckpointIO;
import org.vae4j.core.data.KnownDataset;

/** End-to-end runs of the CLI on generated IDX data: exit codes, files written, one-line errors. */
class MainTest {
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
            new com.fasterxml.jackson.databind.ObjectMapper();

    @TempDir
    static Path shared;

    static Path data;

    @TempDir
    Path dir;

    record Result(int code, String out, String err) {}

    static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(
                args,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** 28x28 strokes of random position and thickness, 3 classes: an MNIST-shaped fixture. */
    @BeforeAll
    static void generateData() throws IOException {
        data = writeIdxFixture(Files.createDirectories(shared.resolve("idx")));
    }

    /** Writes the fixture's four IDX files (400 train, 100 test images) into {@code dir}. */
    static Path writeIdxFixture(Path dir) throws IOException {
        return org.vae4j.core.testkit.IdxFixture.write(dir);
    }

    /** A jar holding only a services file that names {@code pluginClass} (a class on the test classpath). */
    static Path servicesJar(Path jarFile, String pluginClass) throws IOException {
        try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(jarFile))) {
            jar.putNextEntry(new JarEntry("META-INF/services/org.vae4j.spi.VaePlugin"));
            jar.write((pluginClass + "\n").getBytes(StandardCharsets.UTF_8));
            jar.closeEntry();
        }
        return jarFile;
    }

    private Result train(Path out, String... extra) {
        String[] base = {
            "train",
            "--dataset",
            "idx",
            "--data",
            data.toString(),
            "--epochs",
            "2",
            "--batch-size",
            "50",
            "--latent-dims",
            "2",
            "--option",
            "hidden=32",
            "--out",
            out.toString()
        };
        String[] all = java.util.Arrays.copyOf(base, base.length + extra.length);
        System.arraycopy(extra, 0, all, base.length, extra.length);
        return run(all);
    }

    @Test
    void benchWithAModelMeasuresItsInferenceFromManyThreads() throws IOException {
        Path out = dir.resolve("bench-inference");
        assertThat(train(out).code()).isZero();
        Result r = run(
                "bench",
                "--model-dir",
                out.toString(),
                "--dataset",
                "idx",
                "--data",
                data.toString(),
                "--concurrency",
                "1,3",
                "--batches",
                "1,5",
                "--seconds",
                "0.2");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains(" 1 thread(s), batch   1:", " 3 thread(s), batch   5:");
        com.fasterxml.jackson.databind.JsonNode json = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(r.out().lines().reduce((a, b) -> b).orElseThrow());
        assertThat(json.get("encode")).hasSize(4);
        com.fasterxml.jackson.databind.JsonNode last = json.get("encode").get(3);
        assertThat(last.get("threads").asInt()).isEqualTo(3);
        assertThat(last.get("batch").asInt()).isEqualTo(5);
        assertThat(last.get("calls").asLong()).isPositive();
        assertThat(last.get("p50Millis").asDouble())
                .isLessThanOrEqualTo(last.get("p99Millis").asDouble());

        Result training = run("bench", "--concurrency", "2");
        assertThat(training.code()).isEqualTo(Main.USAGE);
        assertThat(training.err()).contains("--concurrency measures inference: give it with --model-dir DIR");
        Result bad = run("bench", "--model-dir", out.toString(), "--concurrency", "1,x");
        assertThat(bad.code()).isEqualTo(Main.USAGE);
        assertThat(bad.err())
                .contains("--concurrency must be comma-separated whole numbers such as 1,2,4,16, got '1,x'");
        Result zero = run(
                "bench",
                "--model-dir",
                out.toString(),
                "--dataset",
                "idx",
                "--data",
                data.toString(),
                "--concurrency",
                "0");
        assertThat(zero.code()).isEqualTo(Main.USAGE);
        assertThat(zero.err()).contains("--concurrency must list thread counts in 1..1024, got [0]");
    }

    @Test
    void pictureOptionsThatWereSilentlyAcceptedAreRefused() throws IOException {
        Path out = dir.resolve("pictures-strict");
        assertThat(train(out).code()).isZero();
        String[] model = {"--model-dir", out.toString(), "--dataset", "idx", "--data", data.toString()};
        Result repeated = run(concat(new String[] {"traverse", "--dims", "0,0"}, model));
        assertThat(repeated.code()).isEqualTo(Main.USAGE);
        assertThat(repeated.err()).contains("--dims 0,0 lists dimension 0 twice");
        Result huge = run(concat(new String[] {"traverse", "--range", "-1e308:1e308"}, model));
        assertThat(huge.code()).isEqualTo(Main.USAGE);
        assertThat(huge.err()).contains("--range -1e308:1e308 must be LOW:HIGH with -100 <= LOW < HIGH <= 100");
        Path nowhere = dir.resolve("no-such-folder").resolve("x.png");
        Result missing = run(concat(new String[] {"sample", "--out", nowhere.toString()}, model));
        assertThat(missing.code()).isEqualTo(Main.USAGE);
        assertThat(missing.err()).contains("folder " + nowhere.getParent() + " does not exist");
        assertThat(nowhere.getParent()).doesNotExist();
        Result empty = run(
                "train",
                "--dataset",
                "idx",
                "--data",
                data.toString(),
                "--option",
                "hidden=",
                "--out",
                dir.resolve("linear").toString());
        assertThat(empty.code()).isEqualTo(Main.USAGE);
        assertThat(empty.err()).contains("option hidden= is invalid");
        Result noOut = run("train", "--dataset", "idx", "--data", data.toString(), "--out", "");
        assertThat(noOut.code()).isEqualTo(Main.USAGE);
        assertThat(noOut.err()).contains("--out is empty");
    }

    @Test
    void resumeContinuesARunToMoreEpochsAndRefusesChangesToItsConfiguration() throws IOException {
        Path out = dir.resolve("resumed");
        assertThat(train(out).code()).isZero();
        Result changed = run(
                "train",
                "--resume",
                "--out",
                out.toString(),
                "--lr",
                "0.1",
                "--dataset",
                "idx",
                "--data",
                data.toString());
        assertThat(changed.code()).isEqualTo(Main.USAGE);
        assertThat(changed.err().strip()).doesNotContain("\n").contains("--lr cannot be given with it");
        Result done = run("train", "--resume", "--out", out.toString(), "--dataset", "idx", "--data", data.toString());
        assertThat(done.code()).isEqualTo(Main.USAGE);
        assertThat(done.err()).contains("holds 2 epochs already; pass --epochs N with N > 2");

        Result more = run(
                "train",
                "--resume",
                "--out",
                out.toString(),
                "--epochs",
                "3",
                "--dataset",
                "idx",
                "--data",
                data.toString());
        assertThat(more.code()).as(more.err()).isZero();
        assertThat(more.out()).contains("resuming vae").contains("after epoch 2 of 3");
        JsonNode m = JSON.readTree(out.resolve("metrics.json").toFile());
        assertThat(m.get("epochs").asInt()).isEqualTo(3);
        assertThat(m.get("history")).hasSize(3);
    }

    @Test
    void pluginsComeFromTheInstallationNeverFromTheWorkingDirectory() throws IOException {
        Path cwdPlugins = Path.of("plugins").toAbsolutePath();
        assertThat(cwdPlugins).doesNotExist();
        Path home = dir.resolve("install");
        try {
            servicesJar(Files.createDirectories(cwdPlugins).resolve("planted.jar"), BrokenVaePlugin.class.getName());
            Result planted = run("models");
            assertThat(planted.code()).isZero();
            assertThat(planted.out()).doesNotContain("broken plugin");

            servicesJar(
                    Files.createDirectories(home.resolve("plugins")).resolve("installed.jar"),
                    BrokenVaePlugin.class.getName());
            System.setProperty("vae4j.home", home.toString());
            Result installed = run("models");
            assertThat(installed.out()).contains("broken plugin " + BrokenVaePlugin.class.getName());
        } finally {
            System.clearProperty("vae4j.home");
            Files.deleteIfExists(cwdPlugins.resolve("planted.jar"));
            Files.deleteIfExists(cwdPlugins);
        }
    }

    @Test
    void aCheckpointWithANanOrInfiniteWeightIsRefusedNamingTheFile() throws IOException {
        Path out = dir.resolve("nan");
        assertThat(train(out).code()).isZero();
        Path file = out.resolve(CheckpointIO.FILE_NAME);
        for (float bad : new float[] {Float.NaN, Float.POSITIVE_INFINITY}) {
            var c = CheckpointIO.read(file);
            float[] params = c.params().clone();
            params[3] = bad;
            CheckpointIO.write(
                    new org.vae4j.core.checkpoint.Checkpoint(
                            c.provider(),
                            c.options(),
                            c.spec(),
                            c.training(),
                            c.epochsCompleted(),
                            c.optimizerIteration(),
                            params,
                            c.optimizerState(),
                            c.dataset(),
                            c.trainImages(),
                            c.provenance()),
                    file);
            Result r = run("evaluate", "--model-dir", out.toString(), "--dataset", "idx", "--data", data.toString());
            assertThat(r.code()).isEqualTo(Main.FAILURE);
            assertThat(r.err().strip())
                    .doesNotContain("\n")
                    .contains(file.toString())
                    .contains("holds 1 NaN or infinite parameters");
            assertThat(out.resolve("evaluation.json")).doesNotExist();
        }
    }

    @Test
    void exploreWritesASelfContainedPageThatTheReportLinks() throws IOException {
        Path out = dir.resolve("explored");
        assertThat(train(out).code()).isZero();
        String[] model = {"--model-dir", out.toString(), "--dataset", "idx", "--data", data.toString()};
        Result bad = run(
                concat(new String[] {"explore", "--out", dir.resolve("x.png").toString()}, model));
        assertThat(bad.code()).isEqualTo(Main.USAGE);
        assertThat(bad.err().strip()).doesNotContain("\n").contains("--out").contains("must name an .html file");

        Result r = run(concat(new String[] {"explore"}, model));
        assertThat(r.code()).as(r.err()).isZero();
        Path page = out.resolve("explorer.html");
        assertThat(r.out()).contains("written " + page);
        String html = Files.readString(page);
        assertThat(html)
                .contains("Latent explorer: vae (z=2, 2 epochs)")
                .contains("\"latentDims\":2")
                .doesNotContain("http://")
                .doesNotContain("https://")
                .doesNotContain("/*EXPLORER_DATA*/null");
        // the decoder's parameters are embedded: 2-32-784 with biases, float32, base64
        int params = 2 * 32 + 32 + 32 * 784 + 784;
        assertThat(html.length()).isGreaterThan(params * 4 * 4 / 3);

        assertThat(run(concat(new String[] {"report"}, model)).code()).isZero();
        assertThat(Files.readString(out.resolve("report.html"))).contains("<a href=\"explorer.html\">");
    }

    @Test
    void aRegularizersPenaltyIsReportedAsItsOwnTerm() throws IOException {
        Path out = dir.resolve("tc");
        Result r = train(out, "--model", "beta-tcvae");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err())
                .containsPattern("epoch 1/2 done in [0-9.]+s: objective [0-9.-]+ \\(penalty [0-9.-]+\\), train -ELBO");
        JsonNode m = JSON.readTree(out.resolve("metrics.json").toFile());
        assertThat(m.get("penalty").asText()).isEqualTo("tc-decomposition");
        JsonNode train = m.get("train");
        assertThat(train.has("penalty")).isTrue();
        assertThat(m.get("history").get(0).get("train").has("penalty")).isTrue();
        // a model without a regularizer has no penalty term
        Path plain = dir.resolve("plain");
        assertThat(train(plain).code()).isZero();
        JsonNode p = JSON.readTree(plain.resolve("metrics.json").toFile());
        assertThat(p.has("penalty")).isFalse();
        assertThat(p.get("train").has("penalty")).isFalse();
        assertThat(p.get("provenance").get("provider").asText()).isEqualTo("vae");
        assertThat(p.get("provenance").get("providerJar").asText()).contains("vae-models-vanilla");
    }

    @Test
    void modelsListsTheVanillaVae() {
        Result r = run("models");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("vae  vanilla VAE").contains("--option hidden=500");
    }

    @Test
    void modelsListsAllBuiltInFamilies() {
        Result r = run("models");
        assertThat(r.out())
                .contains("beta-vae  ", "beta-vae-capacity  ", "beta-tcvae  ", "cvae  ")
                .contains("--option beta=4")
                .contains("--option capacity-epochs=50%");
    }

    @Test
    void conditionalModelTrainsOnLabelledDataAndReportsHonestTerms() throws IOException {
        Path out = dir.resolve("cvae");
        Result r = train(out, "--model", "cvae", "--option", "beta=2");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode m = JSON.readTree(out.resolve("metrics.json").toFile());
        assertThat(m.get("objective").asText()).isEqualTo("D + 2.0 * R");
        JsonNode test = m.get("test");
        assertThat(test.get("negElbo").asDouble())
                .isCloseTo(
                        test.get("reconstruction").asDouble() + test.get("kl").asDouble(),
                        org.assertj.core.data.Offset.offset(1e-3));
        assertThat(test.get("objective").asDouble())
                .isCloseTo(
                        test.get("reconstruction").asDouble()
                                + 2 * test.get("kl").asDouble(),
                        org.assertj.core.data.Offset.offset(1e-3));
        Result e = run(
                "evaluate",
                "--model-dir",
                out.toString(),
                "--dataset",
                "idx",
                "--data",
                data.toString(),
                "--iw-samples",
                "5",
                "--iw-images",
                "60");
        assertThat(e.code()).as(e.err()).isZero();
        JsonNode ev = JSON.readTree(out.resolve("evaluation.json").toFile());
        assertThat(ev.get("importanceWeighted").get("quantity").asText()).contains("log p(x | y)");
        assertThat(ev.get("perClass")).hasSize(3);
        // estimated on 60 of the 100 test images: the ELBO it is compared with covers the same 60
        assertThat(ev.get("importanceWeighted").get("negElboSameImages").asDouble())
                .isNotEqualTo(ev.get("test").get("negElbo").asDouble());
        int images = 0;
        for (JsonNode c : ev.get("perClass")) {
            images += c.get("importanceWeighted").get("images").asInt();
            assertThat(c.get("latent").get("dimensions")).hasSize(2);
        }
        assertThat(images).isEqualTo(60);
    }

    private static java.awt.image.BufferedImage png(Path file) throws IOException {
        java.awt.image.BufferedImage image = javax.imageio.ImageIO.read(file.toFile());
        assertThat(image).as("readable PNG " + file).isNotNull();
        return image;
    }

    @Test
    void picturesOfATrainedModelAreWrittenAsPngs() throws IOException {
        Path out = dir.resolve("pics");
        assertThat(train(out).code()).isZero();
        String[] model = {"--model-dir", out.toString(), "--dataset", "idx", "--data", data.toString()};
        Result t = run(concat(new String[] {"traverse", "--steps", "5", "--image", "4"}, model));
        assertThat(t.code()).as(t.err()).isZero();
        Result t2 = run(concat(
                new String[] {
                    "traverse", "--dims", "1", "--out", dir.resolve("one.png").toString()
                },
                model));
        assertThat(t2.code()).as(t2.err()).isZero();
        // two rows of 56 px cells (zoom 2) against one
        assertThat(png(out.resolve("traverse.png")).getHeight()
                        - png(dir.resolve("one.png")).getHeight())
                .isEqualTo(56 + 2);
        assertThat(run(concat(new String[] {"sample", "--count", "9"}, model)).code())
                .isZero();
        assertThat(png(out.resolve("samples.png")).getWidth()).isGreaterThan(3 * 56);
        assertThat(run(concat(new String[] {"reconstruct", "--count", "20"}, model))
                        .code())
                .isZero();
        assertThat(run(concat(new String[] {"interpolate", "--from", "0", "--to", "99", "--steps", "4"}, model))
                        .code())
                .isZero();
        assertThat(png(out.resolve("interpolation.png")).getWidth()).isGreaterThan(6 * 56);
        assertThat(png(out.resolve("reconstructions.png"))).isNotNull();

        assertThat(run(concat(new String[] {"traverse", "--dims", "2"}, model)).err())
                .contains("dimension 2 is outside 0..1");
        assertThat(run(concat(new String[] {"interpolate", "--from", "0", "--to", "100"}, model))
                        .err())
                .contains("--to must be a test image index in 0..99");
        Result label = run(concat(new String[] {"sample", "--label", "1"}, model));
        assertThat(label.code()).isEqualTo(Main.USAGE);
        assertThat(label.err()).contains("--label is for conditional models");
        assertThat(run(concat(new String[] {"traverse", "--range", "3:-3"}, model))
                        .err())
                .contains("LOW < HIGH");
    }

    @Test
    void conditionalPicturesTakeALabel() throws IOException {
        Path out = dir.resolve("cvae-pics");
        assertThat(train(out, "--model", "cvae").code()).isZero();
        String[] model = {"--model-dir", out.toString(), "--dataset", "idx", "--data", data.toString()};
        Result noLabel = run(concat(new String[] {"traverse"}, model));
        assertThat(noLabel.code()).isEqualTo(Main.USAGE);
        assertThat(noLabel.err()).contains("give --label 0..2");
        assertThat(run(concat(new String[] {"traverse", "--label", "2"}, model)).code())
                .isZero();
        assertThat(run(concat(new String[] {"sample", "--label", "2", "--count", "4"}, model))
                        .code())
                .isZero();
        int oneClass = png(out.resolve("samples.png")).getHeight();
        assertThat(run(concat(new String[] {"sample", "--count", "6"}, model)).code())
                .isZero();
        // without --label: one row per class (3 rows of 2) instead of 2 rows of 2
        assertThat(png(out.resolve("samples.png")).getHeight()).isEqualTo(oneClass + 56 + 2);
        assertThat(run(concat(new String[] {"sample", "--label", "3"}, model)).err())
                .contains("--label must be in 0..2");
    }

    private static String[] concat(String[] a, String[] b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    @Test
    void conditionalModelOnUnlabelledDataIsAOneLineUsageError() throws IOException {
        Path unlabelled = Files.createDirectories(dir.resolve("images-only"));
        Files.copy(data.resolve(KnownDataset.TRAIN_IMAGES), unlabelled.resolve(KnownDataset.TRAIN_IMAGES));
        Files.copy(data.resolve(KnownDataset.TEST_IMAGES), unlabelled.resolve(KnownDataset.TEST_IMAGES));
        Result r = run(
                "train",
                "--model",
                "cvae",
                "--dataset",
                "idx",
                "--data",
                unlabelled.toString(),
                "--out",
                dir.resolve("x").toString());
        assertThat(r.code()).as(r.err()).isEqualTo(Main.USAGE);
        assertThat(r.err().strip())
                .doesNotContain("\n")
                .contains("cvae is conditioned on the class label")
                .contains("no labels");
        assertThat(dir.resolve("x")).doesNotExist();
    }

    @Test
    void twoCopiesOfOnePluginAreAnErrorNamingBothJars() throws IOException {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        servicesJar(plugins.resolve("dup-1.0.jar"), DuplicateVaePlugin.class.getName());
        servicesJar(plugins.resolve("dup-1.1.jar"), DuplicateVaePlugin.class.getName());
        Result r = run("models", "--plugins", plugins.toString());
        assertThat(r.code()).isEqualTo(Main.USAGE);
        assertThat(r.err().strip())
                .doesNotContain("\n")
                .contains(DuplicateVaePlugin.class.getName() + " is declared both by dup-1.0.jar and by dup-1.1.jar");
    }

    @Test
    void aCopyOfABuiltInPluginIsAnError() throws IOException {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        servicesJar(plugins.resolve("vanilla-copy.jar"), "org.vae4j.models.vanilla.VanillaVaePlugin");
        Result r = run("models", "--plugins", plugins.toString());
        assertThat(r.code()).isEqualTo(Main.USAGE);
        assertThat(r.err()).contains("declared both by the application class path and by vanilla-copy.jar");
    }

    @Test
    void brokenPluginIsReportedByClassWithItsCauseWhileTheOthersLoad() throws IOException {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        servicesJar(plugins.resolve("broken.jar"), BrokenVaePlugin.class.getName());
        Result r = run("models", "--plugins", plugins.toString());
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("vae  vanilla VAE").contains("cvae  ");
        assertThat(r.out() + r.err()).contains(BrokenVaePlugin.class.getName()).contains("license file missing");
    }

    @Test
    void attributesAreMeasuredOnceThenReadFromTheCache() throws IOException {
        Path cache = dir.resolve("cache");
        Path csv = dir.resolve("test.csv");
        String[] args = {
            "attributes",
            "--dataset",
            "idx",
            "--data",
            data.toString(),
            "--split",
            "test",
            "--cache",
            cache.toString(),
            "--out",
            csv.toString(),
            "--threads",
            "2"
        };
        Result first = run(args);
        assertThat(first.code()).as(first.err()).isZero();
        assertThat(first.err()).contains("measured 100 images");
        java.util.List<String> lines = Files.readAllLines(csv);
        assertThat(lines.get(0)).isEqualTo("index,label,area,length,thickness,slant,width,height");
        assertThat(lines).hasSize(101);
        // the fixture draws upright bars 1, 2 or 3 pixels wide for labels 0, 1, 2
        double[] thickness = new double[3];
        int[] count = new int[3];
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            int label = Integer.parseInt(f[1]);
            thickness[label] += Double.parseDouble(f[4]);
            count[label]++;
            assertThat(Math.abs(Double.parseDouble(f[5])))
                    .as("slant of an upright bar")
                    .isLessThan(0.05);
        }
        assertThat(thickness[0] / count[0]).isLessThan(thickness[1] / count[1]);
        assertThat(thickness[1] / count[1]).isLessThan(thickness[2] / count[2]);
        Result second = run(args);
        assertThat(second.err()).contains("from cache").doesNotContain("measured");
        assertThat(Files.readAllLines(csv)).isEqualTo(lines);
        assertThat(run("attributes", "--split", "odd").err()).contains("--split must be train, test or all");
    }

    @Test
    void disentanglementScoresAlignsAndDrawsATrainedModel() throws IOException {
        Path out = dir.resolve("dis");
        assertThat(train(out, "--latent-dims", "2").code()).isZero();
        String[] base = {
            "disentanglement",
            "--model-dir",
            out.toString(),
            "--dataset",
            "idx",
            "--data",
            data.toString(),
            "--cache",
            dir.resolve("cache").toString()
        };
        Result r = run(concat(base, new String[] {
            "--attributes",
            "thickness,label",
            "--metrics",
            "mig,sap,dci,modularity,explicitness,dlib-sap,dlib-dci,dlib-explicitness"
        }));
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode d = JSON.readTree(out.resolve("disentanglement.json").toFile());
        assertThat(d.get("metrics").fieldNames())
                .toIterable()
                .containsExactly(
                        "mig", "sap", "dci", "modularity", "explicitness", "dlib-sap", "dlib-dci", "dlib-explicitness");
        assertThat(d.get("protocol").asText()).isEqualTo("vae4j");
        assertThat(d.at("/metrics/dlib-sap/details/perFactor/0/score").asText()).isEqualTo("squared correlation");
        assertThat(d.get("metrics").get("sap").get("parameters").get("test").asInt())
                .isEqualTo(20);
        assertThat(d.get("alignment")).hasSize(2);
        java.util.Set<Integer> dims = new java.util.HashSet<>();
        d.get("alignment").forEach(a -> dims.add(a.get("dimension").asInt()));
        assertThat(dims).as("one-to-one").hasSize(2);
        assertThat(d.get("spearman")).hasSize(2);
        assertThat(d.get("spearman").get(0)).hasSize(7);
        assertThat(png(out.resolve("correlations.png"))).isNotNull();
        assertThat(png(out.resolve("aligned-traversal.png")).getHeight()).isGreaterThan(2 * 56);

        Result three = run(concat(base, new String[] {"--attributes", "thickness,slant,width"}));
        assertThat(three.code()).as(three.err()).isZero();
        assertThat(three.out()).contains("-> unassigned (2 latent dimensions)");
        JsonNode d3 = JSON.readTree(out.resolve("disentanglement.json").toFile());
        int unassigned = 0;
        for (JsonNode a : d3.get("alignment")) {
            unassigned += a.get("dimension").isNull() ? 1 : 0;
        }
        assertThat(unassigned).isEqualTo(1);
        Result dlib = run(concat(
                base, new String[] {"--attributes", "thickness,label", "--protocol", "dlib", "--metrics", "sap,dci"}));
        assertThat(dlib.code()).as(dlib.err()).isZero();
        assertThat(dlib.out())
                .contains("protocol dlib")
                .containsPattern("dci +[0-9.]+ \\(completeness [0-9.]+," + " informativeness [0-9.]+\\)");
        JsonNode dd = JSON.readTree(out.resolve("disentanglement.json").toFile());
        assertThat(dd.get("protocol").asText()).isEqualTo("dlib");
        assertThat(dd.at("/metrics/sap/metric").asText()).isEqualTo("dlib-sap");
        assertThat(dd.at("/metrics/dci/metric").asText()).isEqualTo("dlib-dci");
        assertThat(dd.at("/metrics/sap/details/perFactor/0/score").asText())
                .as("thickness cut into deciles")
                .startsWith("test accuracy of LinearSVC");
        assertThat(run(concat(base, new String[] {"--protocol", "lib"})).err())
                .contains("--protocol must be vae4j or dlib, got 'lib'");
        assertThat(run(concat(base, new String[] {"--attributes", "boldness"})).err())
                .contains("unknown attribute 'boldness'");
        assertThat(run(concat(base, new String[] {"--metrics", "mig,nope"})).err())
                .contains("unknown metric 'nope'; available metrics: mig, sap, dci, modularity, explicitness");
    }

    @Test
    void studyDescriptionsAreCheckedBeforeAnythingRuns() throws IOException {
        String spec = StudyResumeIT.SPEC.replace("\"models\": [\"beta-vae\", \"cvae\"]", "\"models\": [\"vae\"]");
        Path file = Files.writeString(dir.resolve("spec.json"), spec);
        Result r = run(
                "study",
                "--spec",
                file.toString(),
                "--out",
                dir.resolve("s").toString(),
                "--dataset",
                "idx",
                "--data",
                data.toString());
        assertThat(r.code()).isEqualTo(Main.USAGE);
        assertThat(r.err()).contains("tradeoff model 'vae' has no 'beta' option");
        assertThat(dir.resolve("s").resolve("trials")).doesNotExist();
        Path unknown = Files.writeString(
                dir.resolve("bad.json"), StudyResumeIT.SPEC.replace("\"epochs\": 2,", "\"epochs\": 2, \"colour\": 1,"));
        assertThat(run("study", "--spec", unknown.toString()).err())
                .contains("bad.json is not a valid study description")
                .contains("colour");
        assertThat(run("study", "--out", dir.resolve("none").toString(), "--resume")
                        .err())
                .contains("holds no study");
    }

    @Test
    void studyOnSparkNeedsTheSparkModuleAndNoThreadCount() throws IOException {
        Path file = Files.writeString(dir.resolve("spec.json"), StudyResumeIT.SPEC);
        Result both = run(
                "study",
                "--spec",
                file.toString(),
                "--out",
                dir.resolve("s").toString(),
                "--master",
                "local[2]",
                "--threads",
                "2");
        assertThat(both.code()).isEqualTo(Main.USAGE);
        assertThat(both.err()).contains("give --threads (trials side by side in this process) or --master");
        // this module's tests run without vae-spark on the class path, as a library consumer might
        Result missing = run(
                "study",
                "--spec",
                file.toString(),
                "--out",
                dir.resolve("s").toString(),
                "--master",
                "local[2]",
                "--dataset",
                "idx",
                "--data",
                data.toString());
        assertThat(missing.code()).isEqualTo(Main.USAGE);
        assertThat(missing.err()).contains("--master local[2] needs the vae-spark module on the class path");
        assertThat(dir.resolve("s")).doesNotExist();
    }

    @Test
    void studyDescriptionsNameTheirOptimizer() throws IOException {
        Path bad = Files.writeString(
                dir.resolve("sgd.json"),
                StudyResumeIT.SPEC.replace("\"epochs\": 2,", "\"epochs\": 2, \"optimizer\": \"sgd\","));
        Result r =
                run("study", "--spec", bad.toString(), "--out", dir.resolve("s").toString());
        assertThat(r.code()).isEqualTo(Main.USAGE);
        assertThat(r.err()).contains("sgd.json: optimizer must be adam or adagrad, got 'sgd'");
        Path rate = Files.writeString(
                dir.resolve("rate.json"),
                StudyResumeIT.SPEC.replace("\"epochs\": 2,", "\"epochs\": 2, \"learningRate\": -1,"));
        assertThat(run(
                                "study",
                                "--spec",
                                rate.toString(),
                                "--out",
                                dir.resolve("s").toString())
                        .err())
                .contains("learningRate must be > 0");
    }

    @Test
    void benchPrintsThroughputAndWithProfileTheTimeOfEachPhase() throws IOException {
        Result r = run(
                "bench",
                "--dataset",
                "idx",
                "--data",
                data.toString(),
                "--epochs",
                "2",
                "--batch-size",
                "50",
                "--option",
                "hidden=32",
                "--threads",
                "1",
                "--profile");
        assertThat(r.code()).as(r.err()).isEqualTo(Main.OK);
        String jsonLine =
                r.out().lines().filter(l -> l.startsWith("{")).findFirst().orElseThrow();
        com.fasterxml.jackson.databind.JsonNode json = JSON.readTree(jsonLine);
        assertThat(json.get("imagesPerSecond").asDouble()).isPositive();
        assertThat(json.get("nativeBuild").asText())
                .isEqualTo(org.vae4j.core.checkpoint.Provenances.nd4jBuildExpected())
                .startsWith("linux-x86_64");
        assertThat(r.out()).contains("; ND4J " + json.get("nativeBuild").asText() + ")");
        assertThat(json.get("epochImagesPerSecond")).hasSize(2);
        com.fasterxml.jackson.databind.JsonNode phases = json.get("msPerStep");
        assertThat(phases).hasSize(org.vae4j.core.engine.StepProfile.Phase.values().length);
        double total = 0;
        for (String phase : new String[] {
            "gather",
            "encoder-forward",
            "sample",
            "decoder-forward",
            "loss",
            "decoder-backward",
            "latent-gradient",
            "encoder-backward",
            "optimizer"
        }) {
            assertThat(phases.get(phase).asDouble()).as(phase).isGreaterThanOrEqualTo(0);
            total += phases.get(phase).asDouble();
        }
        // The phases cover the step: their sum is the time per step, 50 images at the measured rate,
        // less what runs between steps (progress listeners).
        double stepMs = 1000.0 * 50 / json.get("epochImagesPerSecond").get(1).asDouble();
        assertThat(total).isGreaterThan(0).isLessThanOrEqualTo(stepMs * 1.01);
        assertThat(r.out())
                .contains("time per step, mean of 8 steps (after the warm-up epoch)")
                .contains("encoder forward")
                .contains("optimizer update");
        assertThat(run(
                                "bench",
                                "--dataset",
                                "idx",
                                "--data",
                                data.toString(),
                                "--epochs",
                                "1",
                                "--batch-size",
                                "50",
                                "--option",
                                "hidden=32",
                                "--threads",
                                "1")
                        .out())
                .doesNotContain("msPerStep");
    }

    @Test
    void noArgumentsIsAUsageError() {
        assertThat(run().code()).isEqualTo(Main.USAGE);
        assertThat(run("frobnicate").err()).contains("unknown command 'frobnicate'");
    }

    @Test
    void unknownModelIsAOneLineUsageError() {
        Result r = run("train", "--model", "nope");
        assertThat(r.code()).isEqualTo(Main.USAGE);
        assertThat(r.err().strip())
                .doesNotContain("\n")
                .contains("unknown model 'nope'; available models: beta-tcvae, beta-vae, beta-vae-capacity, cvae, vae");
    }

    @Test
    void unknownOptionIsAOneLineUsageError() {
        Result r = run("train", "--option", "beta=4");
        assertThat(r.code()).isEqualTo(Main.USAGE);
        assertThat(r.err().strip()).doesNotContain("\n").contains("unknown option 'beta' for model vae");
    }

    @Test
    void badNumbersAreUsageErrors() {
        assertThat(run("train", "--epochs", "ten").err()).contains("--epochs ten is not an integer");
        assertThat(run("train", "--lr", "-1").code()).isEqualTo(Main.USAGE);
        assertThat(run("train", "--optimizer", "sgd").err()).contains("unknown optimizer 'sgd'");
        assertThat(run("sample", "--count", "0").err()).contains("--count must be between 1 and 1024, got 0");
        assertThat(run("train", "--test-every", "-1").err()).contains("--test-every must be >= 0, got -1");
    }

    @Test
    void trainWritesCheckpointAndMetricsAndEvaluateReproducesThem() throws IOException {
        Path out = dir.resolve("m");
        Result r = train(out);
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).contains("epoch 2/2 done");
        assertThat(out.resolve(CheckpointIO.FILE_NAME)).exists();
        JsonNode m = JSON.readTree(out.resolve("metrics.json").toFile());
        assertThat(m.get("model").asText()).isEqualTo("vae");
        assertThat(m.get("latentDims").asInt()).isEqualTo(2);
        assertThat(m.get("epochs").asInt()).isEqualTo(2);
        assertThat(m.get("imagesPerSecond").asLong()).isPositive();
        assertThat(m.get("history")).hasSize(2);
        // Throughput of the training steps alone: the epochs' own seconds, not the run's wall time
        // (which includes the test evaluations).
        double epochSeconds = m.get("history").get(0).get("seconds").asDouble()
                + m.get("history").get(1).get("seconds").asDouble();
        assertThat(m.get("imagesPerSecond").asDouble())
                .isCloseTo(2 * 400 / epochSeconds, org.assertj.core.data.Percentage.withPercentage(2));
        assertThat(m.get("history").get(0).has("test")).isTrue();
        assertThat(m.get("history").get(1).get("test")).isEqualTo(m.get("test"));
        for (String split : new String[] {"train", "test"}) {
            JsonNode s = m.get(split);
            assertThat(s.get("negElbo").asDouble())
                    .isCloseTo(
                            s.get("reconstruction").asDouble() + s.get("kl").asDouble(),
                            org.assertj.core.data.Offset.offset(1e-3));
            assertThat(s.get("kl").asDouble()).isPositive();
        }
        Result e = run(
                "evaluate",
                "--model-dir",
                out.toString(),
                "--dataset",
                "idx",
                "--data",
                data.toString(),
                "--iw-samples",
                "20");
        assertThat(e.code()).as(e.err()).isZero();
        JsonNode ev = JSON.readTree(e.out().lines().reduce((a, b) -> b).orElseThrow());
        assertThat(ev.get("test")).isEqualTo(m.get("test"));
        assertThat(e.err()).contains("importance sampling (K=20): 100/100 (100%)");

        JsonNode file = JSON.readTree(out.resolve("evaluation.json").toFile());
        JsonNode iw = file.get("importanceWeighted");
        assertThat(iw.get("samples").asInt()).isEqualTo(20);
        assertThat(iw.get("images").asInt()).isEqualTo(100);
        assertThat(iw.get("standardError").asDouble()).isPositive();
        assertThat(iw.get("negElboSameImages").asDouble())
                .isEqualTo(file.get("test").get("negElbo").asDouble());
        // the importance-weighted bound is above the ELBO (beyond noise)
        assertThat(iw.get("logLikelihood").asDouble())
                .isGreaterThan(-file.get("test").get("negElbo").asDouble()
                        - 3 * iw.get("standardError").asDouble());
        JsonNode latent = file.get("latent");
        assertThat(latent.get("dimensions")).hasSize(2);
        double firstKl = latent.get("dimensions").get(0).get("kl").asDouble();
        assertThat(firstKl)
                .isGreaterThanOrEqualTo(
                        latent.get("dimensions").get(1).get("kl").asDouble());
        assertThat(file.has("perClass")).isFalse();
    }

    @Test
    void trainingRefusesToOverwriteAModel() throws IOException {
        Path out = dir.resolve("m");
        assertThat(train(out).code()).isZero();
        byte[] before = Files.readAllBytes(out.resolve("metrics.json"));
        Result again = train(out);
        assertThat(again.code()).isEqualTo(Main.USAGE);
        assertThat(again.err()).contains("already holds a model");
        assertThat(Files.readAllBytes(out.resolve("metrics.json"))).isEqualTo(before);
    }

    @Test
    void corruptCheckpointIsARuntimeError() throws IOException {
        Path out = dir.resolve("m");
        assertThat(train(out).code()).isZero();
        Path ckpt = out.resolve(CheckpointIO.FILE_NAME);
        byte[] b = Files.readAllBytes(ckpt);
        b[b.length / 2] ^= 0x55;
        Files.write(ckpt, b);
        Result e = run("evaluate", "--model-dir", out.toString(), "--dataset", "idx", "--data", data.toString());
        assertThat(e.code()).isEqualTo(Main.FAILURE);
        assertThat(e.err().strip()).doesNotContain("\n").contains("corrupt or truncated");
    }

    @Test
    void truncatedIdxFileIsARuntimeError() throws IOException {
        Path bad = Files.createDirectories(dir.resolve("bad"));
        for (String f : KnownDataset.FILES) {
            Files.copy(data.resolve(f), bad.resolve(f));
        }
        byte[] b = Files.readAllBytes(bad.resolve(KnownDataset.TRAIN_IMAGES));
        Files.write(bad.resolve(KnownDataset.TRAIN_IMAGES), java.util.Arrays.copyOf(b, b.length - 100));
        Result r = run(
                "train",
                "--dataset",
                "idx",
                "--data",
                bad.toString(),
                "--out",
                dir.resolve("x").toString());
        assertThat(r.code()).isEqualTo(Main.FAILURE);
        assertThat(r.err().strip()).doesNotContain("\n").contains("truncated");
        assertThat(dir.resolve("x")).doesNotExist();
    }

    @Test
    void wrongMnistChecksumIsARuntimeError() {
        // the generated files are well-formed IDX but not MNIST
        Result r = run(
                "train", "--data", data.toString(), "--out", dir.resolve("x").toString());
        assertThat(r.code()).isEqualTo(Main.FAILURE);
        assertThat(r.err()).contains("has SHA-256").contains("replace it");
    }

    @Test
    void duplicatePluginNameIsAUsageErrorNamingBothClasses() throws IOException {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        servicesJar(plugins.resolve("dup.jar"), DuplicateVaePlugin.class.getName());
        Result r = run("models", "--plugins", plugins.toString());
        assertThat(r.code()).isEqualTo(Main.USAGE);
        assertThat(r.err())
                .contains("model 'vae' is registered twice")
                .contains("org.vae4j.models.vanilla.VanillaVaeProvider")
                .contains(DuplicateVaePlugin.class.getName());
    }
}
