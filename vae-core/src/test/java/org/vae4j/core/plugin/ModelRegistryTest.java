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
            return List.of(new TestProvider("good") { });
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
        assertThatThrownBy(() -> r.get("c")).isInstanceOf(ConfigurationException.class)
                .hasMessage("unknown model 'c'; available models: a, b");
    }

    @Test
    void duplicateNameNamesBothClasses() {
        assertThatThrownBy(() -> new ModelRegistry(List.of(new TestProvider("x"), new TestProvider("x") { }), List.of()))
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
        assertThatThrownBy(() -> PluginLoader.load(loader)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("registered twice");
    }

    @Test
    void missingPluginDirectoryIsAnError() {
        assertThatThrownBy(() -> PluginLoader.classLoader(getClass().getClassLoader(), dir.resolve("none")))
                .hasMessageContaining("plugin directory").hasMessageContaining("--plugins");
    }
}
