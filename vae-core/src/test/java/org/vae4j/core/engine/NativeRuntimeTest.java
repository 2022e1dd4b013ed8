package org.vae4j.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.vae4j.core.checkpoint.Provenances;

/**
 * The process runs the build of ND4J's native library the Maven build chose: another build would
 * change the speed of every product by about two, and their rounding, without failing anything
 * else; a user who ends up with another one is told.
 */
class NativeRuntimeTest {
    @Test
    void theNativeBuildVae4jWasBuiltWithIsTheOneLoaded() {
        String expected = Provenances.nd4jBuildExpected();
        assertThat(expected)
                .as("recorded at build time from the root pom's nd4j.classifier")
                .startsWith("linux-x86_64")
                .doesNotContain("$");
        assertThat(NativeRuntime.nativeBuild()).isEqualTo(expected);
    }

    @Test
    void anotherLoadedBuildGetsAOneLineWarningNamingBothAndTheFix() {
        assertThat(NativeRuntime.buildMismatch("linux-x86_64-onednn", "linux-x86_64-onednn"))
                .isEmpty();
        assertThat(NativeRuntime.buildMismatch("unknown", "linux-x86_64-onednn"))
                .isEmpty();
        assertThat(NativeRuntime.buildMismatch("linux-x86_64", "unknown")).isEmpty();
        assertThat(NativeRuntime.buildMismatch("linux-x86_64", "linux-x86_64-onednn"))
                .hasValueSatisfying(m -> assertThat(m)
                        .startsWith(
                                "warning: ND4J's native build linux-x86_64 is loaded, but vae4j was built with linux-x86_64-onednn")
                        .contains("declare nd4j-native with classifier linux-x86_64-onednn")
                        .doesNotContain("\n"));
        // this process loaded the right one: no warning
        assertThat(NativeRuntime.buildMismatch(NativeRuntime.nativeBuild(), Provenances.nd4jBuildExpected()))
                .isEmpty();
    }
}
