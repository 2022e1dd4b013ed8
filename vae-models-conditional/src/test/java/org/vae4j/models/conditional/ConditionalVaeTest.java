package org.vae4j.models.conditional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.vae4j.api.ConfigurationException;
import org.vae4j.api.ModelSpec;
import org.vae4j.api.OptimizerKind;
import org.vae4j.api.TrainingConfig;
import org.vae4j.api.data.Dataset;
import org.vae4j.core.engine.ModelFactory;
import org.vae4j.core.engine.ModelState;
import org.vae4j.core.engine.Trainer;
import org.vae4j.core.nn.BuiltinComponents;
import org.vae4j.core.plugin.ModelRegistry;
import org.vae4j.core.plugin.PluginLoader;
import org.vae4j.core.testkit.ProviderConformance;

class ConditionalVaeTest {
    @TempDir
    Path dir;

    private static ModelRegistry registry() {
        ModelRegistry registry = PluginLoader.load(ConditionalVaeTest.class.getClassLoader());
        assertThat(registry.failures()).isEmpty();
        return registry;
    }

    @Test
    void passesTheConformanceKit() {
        new ProviderConformance(registry().get(ConditionalVaeProvider.NAME), Map.of("hidden", "8")).runAll(dir);
        new ProviderConformance(registry().get(ConditionalVaeProvider.NAME), Map.of("hidden", "8", "beta", "4"))
                .runAll(dir);
    }

    @Test
    void encoderSeesImageAndLabelAndDecoderSeesCodeAndLabel() {
        ModelState state = new ModelFactory(registry(), new BuiltinComponents())
                .create("cvae", ModelSpec.mnist(10), Map.of(), DataType.FLOAT, 1);
        assertThat(state.model().conditionSize()).isEqualTo(10);
        assertThat(state.model().encoder().inputSize()).isEqualTo(794);
        assertThat(state.model().decoder().inputSize()).isEqualTo(20);
        assertThat(state.model().dataSize()).isEqualTo(784);
    }

    @Test
    void refusesAnUnlabelledProblemWhenBuilt() {
        ModelFactory factory = new ModelFactory(registry(), new BuiltinComponents());
        assertThatThrownBy(() -> factory.create("cvae", new ModelSpec(36, 6, 6, 0, 3), Map.of(), DataType.FLOAT, 1))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("no labels");
    }

    @Test
    void refusesToTrainOnDataWithoutLabels() {
        ModelState state = new ModelFactory(registry(), new BuiltinComponents())
                .create("cvae", ProviderConformance.SPEC, Map.of("hidden", "8"), DataType.FLOAT, 1);
        Dataset labelled = ProviderConformance.syntheticImages(20, 1);
        Dataset unlabelled = new Dataset("pixels-only", 20, 6, 6, labelled.pixels(), null, 0);
        TrainingConfig config = new TrainingConfig(1, 10, 1e-3, OptimizerKind.ADAM, 1, 1);
        Trainer trainer = new Trainer(config, List.of());
        assertThatThrownBy(() -> trainer.train(Trainer.start(state, config), unlabelled))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("'pixels-only' has no labels");
    }
}
