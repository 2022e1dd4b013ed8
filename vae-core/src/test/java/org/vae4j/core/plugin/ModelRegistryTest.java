package org.vae4j.core.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vae4j.api.ConfigurationException;
import org.vae4j.api.Objective;
import org.vae4j.api.VaeModel;
import org.vae4j.spi.MlpOptions;
import org.vae4j.spi.ModelContext;
import org.vae4j.spi.ModelProvider;
import org.vae4j.spi.OptionSchema;
import org.vae4j.spi.VaePlugin;

public class ModelRegistryTest {
    @TempDir
    Path dir;

    public static class TestProvider implements ModelProvider {
        private final String name;

        public TestProvider(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public String description() {
            return "test model";
        }

        @Override
        public OptionSchema optionSchema() {
            return MlpOptions.schema();
        }

        @Override
        public VaeModel create(ModelContext context) {
            return MlpOptions.standardModel(context, Objective.negativeElbo());
        }
    }

    public static class GoodPlugin implements VaePlugin {
        @Override
        public Collection<ModelProvider> modelProviders() {
            return List.of(new TestProvider("good"));
        }
    }

    public static class OtherGoodPlugin implements VaePlugin {
        @Override
        public Collection<ModelProvider> modelProviders() {
            return List.of(new TestProvider("good") {});
        }
    }

    public static class BrokenPlugin implements VaePlugin {
        public BrokenPlugin() {
            throw new IllegalStateException("native library missing");
        }
    }

    /** A class loader whose only VaePlugin service file lists {@code classes}. */
    private ClassLoader withServices(String... classes) throws IOException {
        Path services = Files.createDirectories(dir.resolve("META-INF/services"));
        Files.writeString(services.resolve(VaePlugin.class.getName()), String.join("\n", classes) + "\n");
        return new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader()) {
            @Override
            public java.util.Enumeration<URL> getResources(String name) throws IOException {
                // only our service file, not the ones of the test class path
                return name.startsWith("META-INF/services/") ? findResources(name) : super.getResources(name);
            }
        };
    }

    @Test
    void unknownNameListsAvailableModels() {
        ModelRegistry r = new ModelRegistry(List.of(new TestProvider("b"), new TestProvider("a")), List.of());
        assertThat(r.names()).containsExactly("a", "b");
        assertThatThrownBy(() -> r.get("c"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("unknown model 'c'; available models: a, b");
    }

    @Test
    void duplicateNameNamesBothClasses() {
        assertThatThrownBy(() -> new ModelRegistry(List.of(new TestProvider("x"), new TestProvider("x") {}), List.of()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("model 'x' is registered twice")
                .hasMessageContaining(TestProvider.class.getName())
                .hasMessageContaining(getClass().getName() + "$");
    }

    @Test
    void brokenPluginIsReportedAndOthersStillLoad() throws IOException {
        ModelRegistry r = PluginLoader.load(withServices(GoodPlugin.class.getName(), BrokenPlugin.class.getName()));
        assertThat(r.names()).containsExactly("good");
        assertThat(r.failures()).singleElement().satisfies(f -> {
            assertThat(f.pluginClass()).isEqualTo(BrokenPlugin.class.getName());
            assertThat(f.cause()).contains("native library missing");
        });
    }

    @Test
    void missingPluginClassIsReportedByName() throws IOException {
        ModelRegistry r = PluginLoader.load(withServices("com.example.Missing", GoodPlugin.class.getName()));
        assertThat(r.names()).containsExactly("good");
        assertThat(r.failures()).extracting(PluginFailure::pluginClass).containsExactly("com.example.Missing");
    }

    @Test
    void duplicatePluginsThroughServiceLoaderFail() throws IOException {
        ClassLoader loader = withServices(GoodPlugin.class.getName(), OtherGoodPlugin.class.getName());
        assertThatThrownBy(() -> PluginLoader.load(loader))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("registered twice");
    }

    @Test
    void missingPluginDirectoryIsAnError() {
        assertThatThrownBy(() -> PluginLoader.classLoader(getClass().getClassLoader(), dir.resolve("none")))
                .hasMessageContaining("plugin directory")
                .hasMessageContaining("fix pluginDirectory");
    }

    private Path servicesJar(Path jar, String... classes) throws IOException {
        try (var out = new java.util.jar.JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new java.util.jar.JarEntry("META-INF/services/" + VaePlugin.class.getName()));
            out.write((String.join("\n", classes) + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
            out.closeEntry();
        }
        return jar;
    }

    @Test
    void eachJarIsOpenedOnItsOwnAndNamedByWhatDeclaresIt() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("plugins"));
        Files.write(folder.resolve("a-corrupt.jar"), new byte[] {'P', 'K', 1, 2});
        servicesJar(folder.resolve("b-good.jar"), GoodPlugin.class.getName());
        try (var out = new java.util.jar.JarOutputStream(Files.newOutputStream(folder.resolve("c-none.jar")))) {
            out.putNextEntry(new java.util.jar.JarEntry("README"));
            out.closeEntry();
        }
        Files.writeString(folder.resolve("notes.txt"), "not a jar, not looked at");
        List<String> warnings = new java.util.ArrayList<>();
        PluginLoader.PluginPath path = PluginLoader.open(getClass().getClassLoader(), folder, warnings::add);
        assertThat(path.failures()).singleElement().satisfies(f -> {
            assertThat(f.pluginClass()).isNull();
            assertThat(f.jar()).isEqualTo("a-corrupt.jar");
            assertThat(f.toString())
                    .startsWith("jar a-corrupt.jar: not a readable jar (")
                    .endsWith("); remove or replace it");
        });
        assertThat(path.declaredBy()).containsExactly(java.util.Map.entry(GoodPlugin.class.getName(), "b-good.jar"));
        assertThat(warnings)
                .containsExactly(
                        "plugin jar a-corrupt.jar is " + path.failures().get(0).cause(),
                        "plugin jar c-none.jar declares no plugin (no META-INF/services/" + VaePlugin.class.getName()
                                + " entry); it adds nothing");
        Plugins plugins = PluginLoader.discover(path);
        assertThat(plugins.models().contribution("good").jar()).isEqualTo("b-good.jar");
        assertThat(plugins.failures()).hasSize(1);
        // one jar, given directly, works the same; a non-jar file is refused
        assertThat(PluginLoader.open(getClass().getClassLoader(), folder.resolve("b-good.jar"), m -> {})
                        .declaredBy())
                .containsKey(GoodPlugin.class.getName());
        assertThatThrownBy(() -> PluginLoader.open(getClass().getClassLoader(), folder.resolve("notes.txt"), m -> {}))
                .hasMessageContaining("is not a .jar");
    }

    @Test
    void aServiceLoaderErrorNamesTheClassItCouldNotLoad() {
        assertThat(PluginLoader.classNameFrom(new java.util.ServiceConfigurationError(
                        VaePlugin.class.getName() + ": Provider com.example.Broken not found")))
                .isEqualTo("com.example.Broken");
        assertThat(PluginLoader.classNameFrom(new java.util.ServiceConfigurationError("Provider com.example.Last")))
                .isEqualTo("com.example.Last");
        assertThat(PluginLoader.classNameFrom(new java.util.ServiceConfigurationError("broken services file")))
                .isEqualTo("unknown plugin");
    }

    @Test
    void aDuplicateSaysWhichClassOfWhichPluginInWhichJar() {
        Contribution<String> fromJar = new Contribution<>("x", "one", "com.example.APlugin", "a.jar");
        Contribution<String> unknownJar = new Contribution<>("x", "two", String.class.getName(), null);
        assertThatThrownBy(() -> new NamedRegistry<>("metric", List.of(fromJar, unknownJar), List.of()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("metric 'x' is registered twice: by java.lang.String (a.jar) of plugin com.example.APlugin"
                        + " and by java.lang.String; remove one of the plugins");
    }

    @Test
    void codeSourceIsTheJarNameOrTheClassFolder() {
        assertThat(NamedRegistry.codeSource(String.class))
                .as("the JDK's classes have none")
                .isNull();
        assertThat(NamedRegistry.codeSource(org.nd4j.linalg.factory.Nd4j.class)).matches("nd4j-api-[^/]+\\.jar");
        assertThat(NamedRegistry.codeSource(getClass())).startsWith("/").endsWith("/test-classes/");
    }

    @Test
    void servicesFilesMayHoldCommentsAndBlankLines() throws IOException {
        Path jar = dir.resolve("commented.jar");
        servicesJar(jar, "# the plugins of this jar", "", "  " + GoodPlugin.class.getName() + "  # the good one", "#");
        assertThat(PluginLoader.open(getClass().getClassLoader(), jar, m -> {}).declaredBy())
                .containsExactly(java.util.Map.entry(GoodPlugin.class.getName(), "commented.jar"));
    }

    public static class GuicePlugin implements VaePlugin {
        @Override
        public Object guiceModule() {
            return new com.google.inject.AbstractModule() {};
        }
    }

    @Test
    void onlyPluginsWithAGuiceModuleContributeOne() throws IOException {
        Plugins plugins = PluginLoader.discover(withServices(GoodPlugin.class.getName(), GuicePlugin.class.getName()));
        assertThat(plugins.modules()).singleElement().satisfies(c -> {
            assertThat(c.pluginClass()).isEqualTo(GuicePlugin.class.getName());
            assertThat(c.value()).isInstanceOf(com.google.inject.Module.class);
        });
    }

    @Test
    void theCoreContributesTheBuiltInDatasets() {
        assertThat(new CorePlugin().datasetSources())
                .extracting(org.vae4j.spi.DatasetSource::name)
                .containsExactly("mnist", "fashion-mnist", "idx", "dsprites");
    }
}
