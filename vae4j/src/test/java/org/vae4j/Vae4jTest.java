package org.vae4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.anyDouble;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mockito.InOrder;
import org.nd4j.linalg.factory.Nd4j;
import org.vae4j.api.ConfigurationException;
import org.vae4j.api.Loss;
import org.vae4j.api.TrainingListener;
import org.vae4j.api.data.Dataset;
import org.vae4j.api.data.DatasetPair;
import org.vae4j.api.metrics.DisentanglementMetric;
import org.vae4j.api.metrics.Factors;
import org.vae4j.api.metrics.MetricContext;
import org.vae4j.api.metrics.MetricResult;
import org.vae4j.spi.VaePlugin;

class Vae4jTest {
    @TempDir
    static Path dir;

    static DatasetPair data;
    static DatasetPair labelled;

    /** Blobs of varying size and position: learnable in one epoch, 28x28, labelled by size class. */
    static DatasetPair synthetic(int train, int test, long seed) {
        return new DatasetPair(
                "synthetic",
                images("synthetic-train", train, seed),
                images("synthetic-test", test, seed + 1),
                "generated",
                Map.of());
    }

    private static Dataset images(String name, int n, long seed) {
        Random r = new Random(seed);
        float[] px = new float[n * 784];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            int size = 3 + r.nextInt(8);
            int cx = 8 + r.nextInt(12);
            int cy = 8 + r.nextInt(12);
            labels[i] = size % 10;
            for (int y = 0; y < 28; y++) {
                for (int x = 0; x < 28; x++) {
                    double d = Math.hypot(x - cx, y - cy);
                    px[i * 784 + y * 28 + x] = d < size ? 1f : d < size + 1 ? 0.5f : 0f;
                }
            }
        }
        return new Dataset(name, n, 28, 28, px, labels, 10);
    }

    @BeforeAll
    static void data() {
        data = synthetic(400, 100, 1);
        labelled = data;
    }

    private static Vae4j library(int threads) {
        return Vae4j.builder()
                .threads(threads)
                .cacheDirectory(dir.resolve("cache"))
                .build();
    }

    @Test
    void modelsMetricsAndDatasetsAreRegisteredByName() {
        try (Vae4j vae = library(1)) {
            assertThat(vae.models())
                    .extracting(ModelInfo::name)
                    .contains("vae", "beta-vae", "beta-vae-capacity", "beta-tcvae", "cvae");
            assertThat(vae.model("beta-vae").option("beta"))
                    .hasValueSatisfying(o -> assertThat(o.defaultValue()).isEqualTo("4"));
            assertThat(vae.metricNames())
                    .containsExactly(
                            "mig",
                            "sap",
                            "dci",
                            "modularity",
                            "explicitness",
                            "dlib-mig",
                            "dlib-sap",
                            "dlib-dci",
                            "dlib-modularity",
                            "dlib-explicitness",
                            "beta-vae-score",
                            "factor-vae-score");
            assertThat(vae.metric("factor-vae-score")).isInstanceOf(org.vae4j.api.metrics.InterventionMetric.class);
            assertThat(vae.datasetNames()).contains("mnist", "fashion-mnist", "idx", "dsprites");
            assertThat(vae.datasetSources())
                    .filteredOn(d -> d.name().equals("dsprites"))
                    .singleElement()
                    .satisfies(d -> assertThat(d.factors().orElseThrow().names())
                            .containsExactly("shape", "scale", "orientation", "posX", "posY"));
            // one composition root: every model, metric and dataset source is a MapBinder entry
            assertThat(vae.session().bindingCount()).isGreaterThan(5 + 5 + 3);
            assertThatThrownBy(() -> vae.trainer("nope"))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageStartingWith("unknown model 'nope'; available models: beta-tcvae, beta-vae");
            assertThatThrownBy(() -> vae.metric("nope"))
                    .hasMessageContaining("available metrics: mig, sap, dci, modularity, explicitness");
            assertThatThrownBy(() -> vae.dataset("idx"))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("dataDirectory DIR");
        }
    }

    @Test
    void trainSaveLoadAndInferOnArrays() {
        Path modelDir = dir.resolve("m1");
        try (Vae4j vae = library(1)) {
            TrainedVae m = vae.trainer("beta-vae")
                    .option("beta", 4)
                    .latentDims(4)
                    .epochs(1)
                    .seed(7)
                    .option("hidden", 64)
                    .train(data);
            assertThat(m.summary()).isPresent();
            m.save(modelDir);
            assertThat(modelDir.resolve("model.vae4j")).exists();
            assertThat(modelDir.resolve("metrics.json")).exists();

            TrainedVae back = vae.load(modelDir);
            assertThat(back.modelName()).isEqualTo("beta-vae");
            assertThat(back.options()).containsEntry("beta", "4").containsEntry("hidden", "64");
            assertThat(back.latentDims()).isEqualTo(4);
            assertThat(back.hasOptimizerState()).isFalse();
            assertThat(back.provenance().get("providerJar")).isNotBlank();
            assertThat(back.provenance().get("vae4jVersion"))
                    .isEqualTo(m.provenance().get("vae4jVersion"))
                    .isEqualTo(org.vae4j.core.checkpoint.Provenances.vae4jVersion())
                    .isNotEqualTo("unknown");
            // the provider's jar records its version (the jar manifest's Implementation-Version)
            assertThat(back.provenance().get("providerJar")).startsWith("vae-models-beta");
            assertThat(back.provenance().get("providerVersion"))
                    .isEqualTo(back.provenance().get("vae4jVersion"));
            assertThat(back.provenance().get("providerJarSha256")).matches("[0-9a-f]{64}");
            assertThat(back.provenance().get("nd4jVersion")).isEqualTo("1.0.0-M2.1");
            assertThat(back.provenance().get("blas")).startsWith("OPENBLAS (OpenBLAS 0.3.19");

            float[][] images = firstImages(data.test(), 3);
            float[][] mu = back.encode(images);
            assertThat(mu).hasDimensions(3, 4);
            // the loaded model computes exactly what the trained one does
            assertThat(mu).isDeepEqualTo(m.encode(images));
            float[][][] square = new float[3][28][28];
            for (int i = 0; i < 3; i++) {
                for (int y = 0; y < 28; y++) {
                    System.arraycopy(images[i], y * 28, square[i][y], 0, 28);
                }
            }
            assertThat(back.encode(square)).isDeepEqualTo(mu);
            float[][] x = back.decode(mu);
            assertThat(x).hasDimensions(3, 784);
            for (float[] row : x) {
                for (float p : row) {
                    assertThat(p).isBetween(0f, 1f);
                }
            }
            assertThat(back.reconstruct(images)).isDeepEqualTo(x);
            assertThat(back.sample(5, 3L)).hasDimensions(5, 784).isDeepEqualTo(back.sample(5, 3L));
            float[][] sweep = back.traverse(mu[0], 2, -3, 3, 7, -1);
            assertThat(sweep).hasDimensions(7, 784);
            float[][] line = back.interpolate(mu[0], mu[1], 4, -1);
            // the ends decode the two codes (to float rounding: a batch of 4 and one of 1 block the product
            // differently)
            assertThat(line[0])
                    .containsExactly(back.decode(new float[][] {mu[0]})[0], org.assertj.core.data.Offset.offset(1e-5f));
            assertThat(line[3])
                    .containsExactly(back.decode(new float[][] {mu[1]})[0], org.assertj.core.data.Offset.offset(1e-5f));

            Evaluation e = back.evaluate(data.test(), 5);
            assertThat(e.test().negElbo())
                    .isCloseTo(m.summary().orElseThrow().test().negElbo(), org.assertj.core.data.Offset.offset(1e-9));
            assertThat(e.importanceWeighted().samples()).isEqualTo(5);
            assertThat(e.importanceWeighted().images()).isEqualTo(100);
            assertThatThrownBy(() -> back.save(dir.resolve("m1-copy")))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("loadForTraining");
            TrainedVae full = vae.loadForTraining(modelDir);
            full.save(dir.resolve("m1-copy"));
            assertThat(vae.load(dir.resolve("m1-copy")).encode(images)).isDeepEqualTo(mu);
        }
    }

    @Test
    void wrongShapesSayWhatWasExpected() throws Exception {
        try (Vae4j vae = library(1)) {
            TrainedVae m = vae.trainer("vae")
                    .latentDims(3)
                    .epochs(1)
                    .option("hidden", 16)
                    .train(data);
            assertThatThrownBy(() -> m.encode(new float[2][783]))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("images must be [n][784] or [n][28][28]; got [2][783]");
            assertThatThrownBy(() -> m.encode(new float[3][28][27]))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("images must be [n][784] or [n][28][28]; got [3][28][27]");
            assertThatThrownBy(() -> m.decode(new float[1][4]))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("codes must be [n][3]; got [1][4]");
            assertThatThrownBy(() -> m.encode(new float[0][])).hasMessageContaining("n >= 1");
            assertThatThrownBy(() -> m.sample(2, 1, 3)).hasMessageContaining("is not conditional");
            assertThatThrownBy(() -> m.traverse(new float[3], 3, -1, 1, 5, -1))
                    .hasMessage("dim must be in 0..2, got 3");
        }
    }

    @Test
    void conditionalModelsTakeLabels() {
        try (Vae4j vae = library(1)) {
            TrainedVae m = vae.trainer("cvae")
                    .latentDims(2)
                    .epochs(1)
                    .option("hidden", 16)
                    .train(labelled);
            assertThat(m.conditionSize()).isEqualTo(10);
            float[][] images = firstImages(labelled.test(), 2);
            assertThatThrownBy(() -> m.encode(images))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("is conditioned on 10 classes");
            float[][] mu = m.encode(images, new int[] {3, 4});
            assertThat(m.decode(mu, new int[] {3, 3})[0]).isNotEqualTo(m.decode(mu, new int[] {4, 4})[0]);
            assertThat(m.sample(3, 1, 7)).hasDimensions(3, 784);
            assertThatThrownBy(() -> m.decode(mu, new int[] {3, 10})).hasMessage("labels must be in 0..9; got 10");
        }
    }

    @Test
    void listenerCallbacksComeInOrderWithTheirArguments() {
        TrainingListener l = mock(TrainingListener.class);
        try (Vae4j vae = library(1)) {
            vae.trainer("vae")
                    .latentDims(2)
                    .epochs(2)
                    .batchSize(100)
                    .testEvery(2)
                    .option("hidden", 8)
                    .listener(l)
                    .train(data);
        }
        InOrder order = inOrder(l);
        order.verify(l).onTrainingStart(2, 4L);
        order.verify(l).onEpochStart(0);
        order.verify(l, times(4)).onBatch(eq(0), anyLong(), org.mockito.ArgumentMatchers.any(Loss.class), eq(100));
        order.verify(l).onEpochEnd(eq(0), org.mockito.ArgumentMatchers.any(Loss.class), anyDouble());
        order.verify(l).onEpochStart(1);
        order.verify(l, times(4)).onBatch(eq(1), anyLong(), org.mockito.ArgumentMatchers.any(Loss.class), eq(100));
        order.verify(l).onEpochEnd(eq(1), org.mockito.ArgumentMatchers.any(Loss.class), anyDouble());
        // --test-every 2: the test set is evaluated after epoch 2 only
        order.verify(l).onTestEvaluation(eq(1), org.mockito.ArgumentMatchers.any(Loss.class));
        order.verify(l).onTrainingEnd();
        order.verifyNoMoreInteractions();
        org.mockito.Mockito.verify(l, org.mockito.Mockito.never())
                .onTestEvaluation(eq(0), org.mockito.ArgumentMatchers.any(Loss.class));
        org.mockito.Mockito.verify(l, times(8))
                .onBatch(anyInt(), anyLong(), org.mockito.ArgumentMatchers.any(Loss.class), anyInt());
    }

    @Test
    void twoInstancesKeepTheirOwnThreadSettings() {
        Path modelDir = dir.resolve("threads");
        try (Vae4j one = library(1);
                Vae4j two = library(2)) {
            int[] seen = new int[2];
            one.trainer("vae")
                    .latentDims(2)
                    .epochs(1)
                    .option("hidden", 8)
                    .saveTo(modelDir)
                    .listener(blasThreads(seen, 0))
                    .train(data);
            assertThat(seen[0]).isEqualTo(1);
            two.trainer("vae")
                    .latentDims(2)
                    .epochs(1)
                    .option("hidden", 8)
                    .listener(blasThreads(seen, 1))
                    .train(data);
            assertThat(seen[1]).isEqualTo(2);
            // the first instance's operations run with its setting again, whatever the second did
            one.load(modelDir).encode(firstImages(data.test(), 1));
            assertThat(productThreads()).isEqualTo(1);
            two.load(modelDir).encode(firstImages(data.test(), 1));
            assertThat(productThreads()).isEqualTo(2);
            assertThat(one.threads()).isEqualTo(1);
            assertThat(two.threads()).isEqualTo(2);
        }
    }

    private static TrainingListener blasThreads(int[] seen, int slot) {
        return new TrainingListener() {
            @Override
            public void onEpochStart(int epoch) {
                seen[slot] = productThreads();
            }
        };
    }

    /** The threads sharing each large matrix product; BLAS itself stays on one thread per call. */
    private static int productThreads() {
        assertThat(Nd4j.factory().blas().getMaxThreads()).isEqualTo(1);
        return org.vae4j.core.nn.Products.threads();
    }

    /** A metric a plugin jar contributes; the jar holds only the service entry, the class is on the test path. */
    public static final class ConstantMetricPlugin implements VaePlugin {
        @Override
        public java.util.Collection<DisentanglementMetric> metrics() {
            return List.of(new DisentanglementMetric() {
                @Override
                public String name() {
                    return "constant";
                }

                @Override
                public String description() {
                    return "always 0.25";
                }

                @Override
                public MetricResult compute(double[][] codes, Factors factors, MetricContext context) {
                    return new MetricResult("constant", 0.25, Map.of(), Map.of("codes", codes.length));
                }
            });
        }
    }

    @Test
    void aMetricFromAPluginJarIsFoundByName() throws IOException {
        Path jar = dir.resolve("plugins").resolve("constant-metric.jar");
        Files.createDirectories(jar.getParent());
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry("META-INF/services/" + VaePlugin.class.getName()));
            out.write((ConstantMetricPlugin.class.getName() + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
            out.closeEntry();
        }
        for (Path where : List.of(jar.getParent(), jar)) {
            try (Vae4j vae = Vae4j.builder().pluginDirectory(where).threads(1).build()) {
                assertThat(vae.metricNames()).contains("constant", "mig");
                MetricResult r = vae.metric("constant")
                        .compute(
                                new double[3][2],
                                new Factors(List.of("a"), new double[3][1], new boolean[] {false}),
                                MetricContext.DEFAULT);
                assertThat(r.value()).isEqualTo(0.25);
            }
        }
        try (Vae4j vae = Vae4j.builder().threads(1).build()) {
            assertThat(vae.metricNames()).doesNotContain("constant");
        }
    }

    /** A plugin wiring a model through its own Guice module, into vae4j's MapBinder. */
    public static final class GuiceModulePlugin implements VaePlugin {
        @Override
        public Object guiceModule() {
            return new com.google.inject.AbstractModule() {
                @Override
                protected void configure() {
                    com.google.inject.multibindings.MapBinder.newMapBinder(
                                    binder(), String.class, org.vae4j.spi.ModelProvider.class)
                            .addBinding("guice-vae")
                            .toInstance(new GuiceVae());
                }
            };
        }
    }

    /** The vanilla VAE under another name. */
    static final class GuiceVae implements org.vae4j.spi.ModelProvider {
        private final org.vae4j.spi.ModelProvider vanilla = new org.vae4j.models.vanilla.VanillaVaeProvider();

        @Override
        public String name() {
            return "guice-vae";
        }

        @Override
        public String description() {
            return "the vanilla VAE, bound by a plugin's Guice module";
        }

        @Override
        public org.vae4j.spi.OptionSchema optionSchema() {
            return vanilla.optionSchema();
        }

        @Override
        public org.vae4j.api.VaeModel create(org.vae4j.spi.ModelContext context) {
            return vanilla.create(context);
        }
    }

    /** A plugin whose "module" is not a Guice module: a broken plugin, not a crash. */
    public static final class NotAModulePlugin implements VaePlugin {
        @Override
        public Object guiceModule() {
            return "not a module";
        }
    }

    private static Path servicesJar(Path jar, String... classes) throws IOException {
        Files.createDirectories(jar.getParent());
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry("META-INF/services/" + VaePlugin.class.getName()));
            out.write((String.join("\n", classes) + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
            out.closeEntry();
        }
        return jar;
    }

    @Test
    void aPluginsGuiceModuleAddsToTheRegistryAndABadOneIsReported() throws IOException {
        Path jar = servicesJar(
                dir.resolve("guice-plugins").resolve("guice.jar"),
                GuiceModulePlugin.class.getName(),
                NotAModulePlugin.class.getName());
        try (Vae4j vae = Vae4j.builder().pluginDirectory(jar).threads(1).build()) {
            assertThat(vae.models()).extracting(ModelInfo::name).contains("guice-vae", "vae");
            assertThat(vae.model("guice-vae").plugin()).isEqualTo("a Guice module");
            assertThat(vae.pluginFailures())
                    .singleElement()
                    .asString()
                    .contains(NotAModulePlugin.class.getName())
                    .contains("(guice.jar)")
                    .contains("not a com.google.inject.Module");
            TrainedVae m = vae.trainer("guice-vae")
                    .latentDims(2)
                    .epochs(1)
                    .option("hidden", 8)
                    .train(data);
            assertThat(m.modelName()).isEqualTo("guice-vae");
        }
    }

    /** A provider that fails in the method named by {@code where}. */
    static final class Faulty implements org.vae4j.spi.ModelProvider {
        private final String name;
        private final String where;

        Faulty(String name, String where) {
            this.name = name;
            this.where = where;
        }

        private void fail(String method) {
            if (method.equals(where)) {
                throw new UnsupportedOperationException(method + " is not implemented yet");
            }
        }

        @Override
        public String name() {
            fail("name");
            return name;
        }

        @Override
        public String description() {
            return "a faulty provider";
        }

        @Override
        public org.vae4j.spi.OptionSchema optionSchema() {
            fail("optionSchema");
            return where.equals("null-schema") ? null : org.vae4j.spi.MlpOptions.schema();
        }

        @Override
        public org.vae4j.api.VaeModel create(org.vae4j.spi.ModelContext context) {
            fail("create");
            return org.vae4j.spi.MlpOptions.standardModel(context, org.vae4j.api.Objective.negativeElbo());
        }
    }

    /** A plugin contributing one faulty provider; ServiceLoader needs a public class with a no-argument constructor. */
    abstract static class FaultyPlugin implements VaePlugin {
        private final Faulty provider;

        FaultyPlugin(String name, String where) {
            this.provider = new Faulty(name, where);
        }

        @Override
        public java.util.Collection<org.vae4j.spi.ModelProvider> modelProviders() {
            return List.of(provider);
        }
    }

    public static final class NameThrows extends FaultyPlugin {
        public NameThrows() {
            super("nameless", "name");
        }
    }

    public static final class SchemaThrows extends FaultyPlugin {
        public SchemaThrows() {
            super("schemaless", "optionSchema");
        }
    }

    public static final class NullSchema extends FaultyPlugin {
        public NullSchema() {
            super("null-schema", "null-schema");
        }
    }

    public static final class CreateThrows extends FaultyPlugin {
        public CreateThrows() {
            super("crashy", "create");
        }
    }

    @Test
    void brokenJarsAndFaultyPluginsAreReportedByJarAndEverythingElseWorks() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("faulty-plugins"));
        Files.write(
                folder.resolve("corrupt.jar"), "not a zip at all".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        Files.write(folder.resolve("empty.jar"), new byte[0]);
        servicesJar(folder.resolve("nameless.jar"), NameThrows.class.getName());
        servicesJar(folder.resolve("schemaless.jar"), SchemaThrows.class.getName());
        servicesJar(folder.resolve("nullschema.jar"), NullSchema.class.getName());
        servicesJar(folder.resolve("crashy.jar"), CreateThrows.class.getName());
        servicesJar(folder.resolve("good.jar"), ConstantMetricPlugin.class.getName());
        List<String> log = new java.util.ArrayList<>();
        try (Vae4j vae =
                Vae4j.builder().pluginDirectory(folder).threads(1).log(log::add).build()) {
            assertThat(vae.models())
                    .extracting(ModelInfo::name)
                    .contains("vae", "beta-vae", "cvae", "crashy")
                    .doesNotContain("nameless", "schemaless", "null-schema");
            assertThat(vae.metricNames()).contains("constant");
            assertThat(vae.pluginFailures())
                    .hasSize(5)
                    .anySatisfy(f -> assertThat(f).startsWith("jar corrupt.jar: not a readable jar"))
                    .anySatisfy(f -> assertThat(f).startsWith("jar empty.jar: not a readable jar"))
                    .anySatisfy(f -> assertThat(f)
                            .isEqualTo(NameThrows.class.getName()
                                    + " (nameless.jar): UnsupportedOperationException: name is not"
                                    + " implemented yet"))
                    .anySatisfy(f -> assertThat(f)
                            .isEqualTo(
                                    SchemaThrows.class.getName() + " (schemaless.jar): UnsupportedOperationException:"
                                            + " optionSchema is not implemented yet"))
                    .anySatisfy(
                            f -> assertThat(f).contains("(nullschema.jar)").contains("has no option schema (null)"));
            assertThat(log).anySatisfy(l -> assertThat(l).startsWith("plugin jar corrupt.jar is not a readable jar"));
            assertThatThrownBy(
                            () -> vae.trainer("crashy").latentDims(2).epochs(1).train(data))
                    .isInstanceOf(org.vae4j.api.VaeException.class)
                    .hasMessage("model 'crashy' of plugin " + CreateThrows.class.getName() + " (crashy.jar) failed to"
                            + " build: UnsupportedOperationException: create is not implemented yet; report it to the"
                            + " plugin's author");
            // the built-ins are untouched
            assertThat(vae.trainer("vae")
                            .latentDims(2)
                            .epochs(1)
                            .option("hidden", 8)
                            .train(data)
                            .epochsCompleted())
                    .isEqualTo(1);
        }
    }

    @Test
    void duplicatesNameTheJarsThatDeclareThem() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("dup-plugins"));
        servicesJar(folder.resolve("dup-a.jar"), CreateThrows.class.getName());
        servicesJar(folder.resolve("dup-b.jar"), CrashyAgain.class.getName());
        assertThatThrownBy(
                        () -> Vae4j.builder().pluginDirectory(folder).threads(1).build())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("model 'crashy' is registered twice")
                .hasMessageContaining("(dup-a.jar)")
                .hasMessageContaining("(dup-b.jar)");
    }

    public static final class CrashyAgain extends FaultyPlugin {
        public CrashyAgain() {
            super("crashy", "create");
        }
    }

    @Test
    void aJarWithoutPluginsIsReported() throws IOException {
        Path jar = dir.resolve("empty-plugins").resolve("nothing.jar");
        Files.createDirectories(jar.getParent());
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry("README"));
            out.closeEntry();
        }
        List<String> log = new java.util.ArrayList<>();
        try (Vae4j vae =
                Vae4j.builder().pluginDirectory(jar).threads(1).log(log::add).build()) {
            assertThat(vae.models()).isNotEmpty();
        }
        assertThat(log).singleElement().asString().contains("nothing.jar").contains("declares no plugin");
    }

    @Test
    void loadingAModelWhosePluginIsMissingSaysSo() throws IOException {
        Path modelDir = dir.resolve("m-missing");
        try (Vae4j vae = library(1)) {
            vae.trainer("vae")
                    .latentDims(2)
                    .epochs(1)
                    .option("hidden", 8)
                    .saveTo(modelDir)
                    .train(data);
        }
        // rewrite the provider name as a third-party one would be, with a valid checksum
        var c = org.vae4j.core.checkpoint.CheckpointIO.read(modelDir.resolve("model.vae4j"));
        Map<String, String> prov = new java.util.LinkedHashMap<>(c.provenance());
        prov.put("providerJar", "laplace-vae-1.0.jar");
        var renamed = new org.vae4j.core.checkpoint.Checkpoint(
                "laplace-vae",
                c.options(),
                c.spec(),
                c.training(),
                c.epochsCompleted(),
                c.optimizerIteration(),
                c.params(),
                c.optimizerState(),
                c.dataset(),
                c.trainImages(),
                prov);
        org.vae4j.core.checkpoint.CheckpointIO.write(renamed, modelDir.resolve("model.vae4j"));
        try (Vae4j vae = library(1)) {
            assertThatThrownBy(() -> vae.load(modelDir))
                    .hasMessageContaining("model 'laplace-vae'")
                    .hasMessageContaining("from plugin jar laplace-vae-1.0.jar")
                    .hasMessageContaining("pluginDirectory");
        }
    }

    static float[][] firstImages(Dataset d, int n) {
        float[][] out = new float[n][784];
        for (int i = 0; i < n; i++) {
            System.arraycopy(d.pixels(), i * 784, out[i], 0, 784);
        }
        return out;
    }
}
