package org.vae4j.models.beta;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.vae4j.core.plugin.ModelRegistry;
import org.vae4j.core.plugin.PluginLoader;
import org.vae4j.core.testkit.ProviderConformance;

class BetaFamilyConformanceTest {
    @TempDir
    Path dir;

    private static ModelRegistry registry() {
        ModelRegistry registry = PluginLoader.load(BetaFamilyConformanceTest.class.getClassLoader());
        assertThat(registry.failures()).isEmpty();
        return registry;
    }

    @Test
    void allThreeAreDiscovered() {
        assertThat(registry().names()).contains("beta-vae", "beta-vae-capacity", "beta-tcvae");
    }

    @ParameterizedTest
    @ValueSource(strings = {"beta-vae", "beta-vae-capacity", "beta-tcvae"})
    void passesTheConformanceKit(String name) {
        new ProviderConformance(registry().get(name), Map.of("hidden", "8")).runAll(dir);
    }

    @Test
    void nonDefaultWeightsAndAMidRunCapacityPassToo() {
        new ProviderConformance(registry().get("beta-tcvae"), Map.of("hidden", "8", "alpha", "0.5", "gamma", "3"))
                .runAll(dir);
        new ProviderConformance(
                        registry().get("beta-vae-capacity"),
                        Map.of("hidden", "8", "capacity-start", "0.5", "capacity-epochs", "3"))
                .runAll(dir);
    }
}
