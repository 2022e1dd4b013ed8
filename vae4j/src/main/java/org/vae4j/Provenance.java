package org.vae4j;

import java.util.Map;

/**
 * What produced a model, as recorded in its checkpoint and {@code metrics.json}: {@code vae4jVersion},
 * {@code provider}, {@code providerClass}, {@code providerPlugin}, {@code providerJar},
 * {@code providerVersion}, {@code providerJarSha256}, {@code nd4jVersion}, {@code java}, {@code os},
 * {@code arch}, {@code blas} and (since the oneDNN build) {@code nd4jBuild}, the build of ND4J's
 * native library that computed it ({@code linux-x86_64-onednn}). Models saved before provenance was
 * recorded have none.
 *
 * @param values the recorded values by key, in the order above ("unknown" where it could not be determined)
 */
public record Provenance(Map<String, String> values) {
    /**
     * Copies the values, keeping their order.
     *
     * @param values the values
     */
    public Provenance {
        values = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(values));
    }

    /**
     * {@return one recorded value, or null}
     *
     * @param key a key such as {@code providerJar}
     */
    public String get(String key) {
        return values.get(key);
    }

    /** {@return true when nothing was recorded (a model saved before provenance existed)} */
    public boolean isEmpty() {
        return values.isEmpty();
    }
}
