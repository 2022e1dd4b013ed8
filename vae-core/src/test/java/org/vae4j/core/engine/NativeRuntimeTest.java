package org.vae4j.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.vae4j.core.checkpoint.Provenances;

/**
 * The process runs the build of ND4J's native library the Maven build chose: the plain build's
 * jar must not come along (through nd4j-native's own dependencies) and be loaded instead, which
 * would halve the speed of every product without failing anything else.
 */
class NativeRuntimeTest {
    @Test
    void theNativeBuildVae4jWasBuiltWithIsTheOneLoaded() {
        String expected = Provenances.nd4jBuildExpected();
        assertThat(expected).as("recorded at build time from the root pom's nd4j.classifier")
                .startsWith("linux-x86_64").doesNotContain("$");
        assertThat(NativeRuntime.nativeBuild()).isEqualTo(expected);
    }
}
