package org.vae4j.core.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.vae4j.api.ConfigurationException;
import org.vae4j.spi.MlpOptions;
import org.vae4j.spi.Options;

class OptionSchemaTest {
    @Test
    void defaultsAreFilledIn() {
        Options o = MlpOptions.schema().resolve("vae", Map.of());
        assertThat(o.getIntList("hidden")).isEqualTo(List.of(500));
        assertThat(o.getString("activation")).isEqualTo("tanh");
        assertThat(o.asText()).containsEntry("likelihood", "bernoulli");
    }

    @Test
    void unknownOptionListsKnownOnes() {
        assertThatThrownBy(() -> MlpOptions.schema().resolve("vae", Map.of("beta", "4")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("unknown option 'beta' for model vae; known options: hidden, activation, likelihood");
    }

    @Test
    void badValuesNameTheOption() {
        assertThatThrownBy(() -> MlpOptions.schema().resolve("vae", Map.of("hidden", "500,x")))
                .hasMessageContaining("option hidden=500,x is not a comma-separated list of integers");
        assertThatThrownBy(() -> MlpOptions.schema().resolve("vae", Map.of("activation", "elu")))
                .hasMessageContaining("option activation=elu is invalid: must be one of tanh, relu, sigmoid");
        assertThatThrownBy(() -> MlpOptions.schema().resolve("vae", Map.of("hidden", "0")))
                .hasMessageContaining("positive integers");
    }
}
