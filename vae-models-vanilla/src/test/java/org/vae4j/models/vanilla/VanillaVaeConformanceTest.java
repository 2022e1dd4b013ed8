package org.vae4j.models.vanilla;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vae4j.core.plugin.ModelRegistry;
import org.vae4j.core.plugin.PluginLoader;
import org.vae4j.core.testkit.ProviderConformance;
import org.vae4j.spi.ModelProvider;

class VanillaVaeConformanceTest {
    @TempDir
    Path dir;

    private static ModelProvider discovered() {
        ModelRegistry registry = PluginLoader.load(VanillaVaeConformanceTest.class.getClassLoader());
        assertThat(registry.failures()).isEmpty();
        return registry.get(VanillaVaeProvider.NAME);
    }

    @Test
    void isFoundThroughServiceLoader() {
        assertThat(discovered()).isInstanceOf(VanillaVaeProvider.class);
        assertThat(discovered().optionSchema().options())
                .extracting(o -> o.name())
                .containsExactly("hidden", "activation", "likelihood");
    }

    @Test
    void passesTheConformanceKit() {
        new ProviderConformance(discovered(), Map.of("hidden", "8")).runAll(dir);
    }

    @Test
    void passesTheConformanceKitWithGaussianLikelihoodAndTwoHiddenLayers() {
        new ProviderConformance(discovered(), Map.of("hidden", "7,5", "likelihood", "gaussian", "activation", "relu"))
                .runAll(dir);
    }
}
