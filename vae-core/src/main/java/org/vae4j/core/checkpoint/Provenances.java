package org.vae4j.core.checkpoint;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.nd4j.linalg.factory.Nd4j;
import org.vae4j.core.plugin.Contribution;
import org.vae4j.spi.ModelProvider;

/**
 * What produced a model, recorded in its checkpoint and {@code metrics.json}: the vae4j version,
 * the provider's plugin, jar, jar version and jar SHA-256, and the ND4J, Java, OS and BLAS it ran
 * on. Values that cannot be determined are "unknown".
 */
public final class Provenances {
    public static final String UNKNOWN = "unknown";

    private Provenances() {}

    /** The vae4j version this code was built as. */
    public static String vae4jVersion() {
        return property("/org/vae4j/core/vae4j-version.properties", "version");
    }

    /**
     * {@return the build of ND4J's native library vae4j was built with, as its Maven classifier
     * (the root pom's {@code nd4j.classifier}: {@code linux-x86_64-onednn} unless overridden)}
     */
    public static String nd4jBuildExpected() {
        return property("/org/vae4j/core/vae4j-version.properties", "nd4jClassifier");
    }

    public static Map<String, String> of(Contribution<ModelProvider> provider) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("vae4jVersion", vae4jVersion());
        p.put("provider", provider.name());
        p.put("providerClass", provider.value().getClass().getName());
        p.put("providerPlugin", provider.pluginClass());
        Path jar = jarOf(provider.value().getClass());
        p.put(
                "providerJar",
                jar == null ? orUnknown(provider.jar()) : jar.getFileName().toString());
        // never null since Java 9: a class in no package has the unnamed package
        String version = provider.value().getClass().getPackage().getImplementationVersion();
        p.put("providerVersion", orUnknown(version));
        p.put("providerJarSha256", jar == null ? UNKNOWN : sha256(jar));
        p.put("nd4jVersion", property("/META-INF/maven/org.nd4j/nd4j-api/pom.properties", "version"));
        p.put("java", System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")");
        p.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        p.put("arch", System.getProperty("os.arch"));
        p.put("blas", blas());
        p.put("nd4jBuild", org.vae4j.core.engine.NativeRuntime.nativeBuild());
        return p;
    }

    /** The BLAS ND4J uses: the vendor and, for OpenBLAS, the version of the build ND4J bundles. */
    public static String blas() {
        String vendor;
        try {
            vendor = String.valueOf(Nd4j.factory().blas().getBlasVendor());
        } catch (RuntimeException | LinkageError e) {
            return UNKNOWN;
        }
        // the OpenBLAS build ND4J bundles, from its JavaCPP preset's version (e.g. 0.3.19-1.5.7)
        String preset = property("/META-INF/maven/org.bytedeco/openblas/pom.properties", "version");
        if (!UNKNOWN.equals(preset)) {
            return vendor + " (OpenBLAS " + preset.replaceFirst("-[0-9.]+$", "") + ", JavaCPP preset " + preset + ")";
        }
        return vendor;
    }

    private static String orUnknown(String s) {
        return s == null || s.isBlank() ? UNKNOWN : s;
    }

    private static String property(String resource, String key) {
        try (InputStream in = Provenances.class.getResourceAsStream(resource)) {
            if (in == null) {
                return UNKNOWN;
            }
            Properties props = new Properties();
            props.load(in);
            return orUnknown(props.getProperty(key));
        } catch (IOException e) {
            return UNKNOWN;
        }
    }

    /** The jar file {@code c} was loaded from, or null (a class folder, or unknown). */
    public static Path jarOf(Class<?> c) {
        var domain = c.getProtectionDomain();
        var source = domain == null ? null : domain.getCodeSource();
        if (source == null || source.getLocation() == null) {
            return null;
        }
        try {
            Path p = Path.of(source.getLocation().toURI());
            return Files.isRegularFile(p) && p.toString().endsWith(".jar") ? p : null;
        } catch (URISyntaxException | IllegalArgumentException e) {
            return null;
        }
    }

    private static final Map<Path, String> JAR_SUMS = new java.util.concurrent.ConcurrentHashMap<>();

    private static String sha256(Path file) {
        return JAR_SUMS.computeIfAbsent(file.toAbsolutePath(), f -> {
            try (InputStream in =
                    new DigestInputStream(Files.newInputStream(f), MessageDigest.getInstance("SHA-256"))) {
                in.transferTo(java.io.OutputStream.nullOutputStream());
                return HexFormat.of()
                        .formatHex(((DigestInputStream) in).getMessageDigest().digest());
            } catch (IOException | NoSuchAlgorithmException e) {
                return UNKNOWN;
            }
        });
    }
}
