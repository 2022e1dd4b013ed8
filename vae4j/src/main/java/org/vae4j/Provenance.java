package org.vae4j;

import java.util.Map;

/**
 * What produced a model, as recorded in its checkpoint and {@code metrics.json}: {@code vae4jVersion},
 * {@code provider}, {@code providerClass}, {@code providerPlugin}, {@code providerJar},
 * {@code providerVersion}, {@code providerJarSha256}, {@code nd4jVersion}, {@code java}, {@code os},
 * {@code arch} and {@code blas}. Models saved before provenance was recorded have none.
 *
 * @param values the recorded values by key, in the order above ("unknown" where it could not be determined)
 */
public record Provenance(Map<String, String> values) {
    public Provenance {
        values = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(values));
    }

    /** One recorded value, or null. */
    public String get(String key) {
        return values.get(key);
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }
}
