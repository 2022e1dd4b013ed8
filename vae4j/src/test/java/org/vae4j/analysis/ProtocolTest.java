package org.vae4j.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vae4j.api.ConfigurationException;
import org.vae4j.api.metrics.Factors;

class ProtocolTest {
    @Test
    void dlibRunsDisentanglementLibsVariantsOfEveryBuiltInScore() {
        assertThat(Protocol.parse("dlib")).isEqualTo(Protocol.DLIB);
        assertThat(List.of("mig", "sap", "dci", "modularity", "explicitness", "my-plugin-score").stream()
                        .map(Protocol.DLIB::metric))
                .containsExactly(
                        "dlib-mig", "dlib-sap", "dlib-dci", "dlib-modularity", "dlib-explicitness", "my-plugin-score");
        assertThat(Protocol.VAE4J.metric("sap")).isEqualTo("sap");
        assertThat(Protocol.VAE4J.metric("mig")).isEqualTo("mig");
        assertThat(Protocol.DLIB.id()).isEqualTo("dlib");
        assertThatThrownBy(() -> Protocol.parse("DLIB"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("protocol must be vae4j or dlib, got 'DLIB'");
    }

    @Test
    void dlibCutsContinuousAttributesIntoDecilesAndKeepsClasses() {
        int n = 200;
        double[][] values = new double[n][];
        for (int i = 0; i < n; i++) {
            values[i] = new double[] {Math.exp(i * 0.05) * (i % 2 == 0 ? 1 : 1.01), i % 7};
        }
        Factors f = new Factors(List.of("thickness", "label"), values, new boolean[] {false, true});
        Factors cut = Protocol.DLIB.attributeFactors(f);
        assertThat(cut.discrete()).containsExactly(true, true);
        int[] classes = cut.classes(0);
        int[] count = new int[Protocol.ATTRIBUTE_CLASSES];
        for (int c : classes) {
            count[c]++;
        }
        assertThat(count).as("equal-frequency classes").containsOnly(n / Protocol.ATTRIBUTE_CLASSES);
        for (int i = 1; i < n; i++) {
            assertThat(classes[i]).as("classes follow the attribute's order").isGreaterThanOrEqualTo(classes[i - 1]);
        }
        assertThat(cut.classes(1)).isEqualTo(f.classes(1));
        assertThat(values[0][0]).as("the input is not changed").isEqualTo(1.0);
        assertThat(Protocol.VAE4J.attributeFactors(f)).isSameAs(f);
        assertThat(Arrays.stream(cut.column(0)).max().orElseThrow()).isEqualTo(Protocol.ATTRIBUTE_CLASSES - 1);
    }
}
