package org.vae4j.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The process runs the build of ND4J's native library the Maven build chose: the plain build's
 * jar must not come along (through nd4j-native's own dependencies) and be loaded instead, which
 * would halve the speed of every product without failing anything else.
 */
class NativeRuntimeTest {
    @Test
    void theConfiguredNativeBuildIsTheOneLoaded() {
        String expected = System.getProperty("vae4j.test.nd4jClassifier");
        assertThat(expected).as("the build passes its nd4j.classifier to the tests").isNotBlank();
        assertThat(NativeRuntime.nativeBuild()).isEqualTo(expected);
    }
}
