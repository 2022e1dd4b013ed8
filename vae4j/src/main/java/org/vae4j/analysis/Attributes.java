package org.vae4j.analysis;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;
import org.vae4j.Vae4j;
import org.vae4j.api.data.Dataset;
import org.vae4j.api.data.DatasetPair;
import org.vae4j.api.metrics.Factors;
import org.vae4j.core.data.KnownDataset;
import org.vae4j.core.io.AtomicFiles;
import org.vae4j.internal.Internals;
import org.vae4j.metrics.morpho.AttributeTable;
import org.vae4j.metrics.morpho.Morphometrics;

/**
 * The Morpho-MNIST morphometrics of a set of images (area, length, thickness, slant, width, height;
 * see docs/metrics.md), one row per image, with the images' labels when the data has them.
 */
public final class Attributes {
    /** The attribute names, in column order. */
    public static final List<String> NAMES = Morphometrics.Measurement.NAMES;
    /** The name under which the digit class can be used as a (discrete) factor. */
    public static final String LABEL = "label";
    /** Bump when the measurement changes, so stale caches are not reused. */
    // v2: the blur reflects at the image border as scikit-image does; v3: values stored exactly
    // (v2 kept 6 digits, so scores from a cached table differed from those of a fresh measurement)
    static final String VERSION = "morpho-v3";

    private final AttributeTable table;

    Attributes(AttributeTable table) {
        this.table = table;
    }

    /** {@return the number of images} */
    public int size() {
        return table.size();
    }

    /**
     * {@return one attribute of every image, e.g. {@code thickness}}
     *
     * @param name an attribute name ({@link #NAMES})
     */
    public double[] column(String name) {
        return table.column(name);
    }

    /** {@return the images' labels (-1 where unlabelled)} */
    public int[] labels() {
        return table.labels().clone();
    }

    /**
     * {@return the first {@code n} rows}
     *
     * @param n how many
     */
    public Attributes head(int n) {
        return new Attributes(table.head(n));
    }

    /**
     * {@return rows of this followed by rows of {@code other}}
     *
     * @param other the rows to append
     */
    public Attributes concat(Attributes other) {
        return new Attributes(AttributeTable.concat(table, other.table));
    }

    /** {@return the table as CSV: {@code index,label,area,length,thickness,slant,width,height}} */
    public String toCsv() {
        return table.toCsv();
    }

    /**
     * Writes the CSV atomically.
     *
     * @param file the file
     */
    public void writeCsv(Path file) {
        AtomicFiles.write(file, toCsv().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Checks attribute names ({@link #NAMES} or {@code label}); a ConfigurationException naming the unknown one.
     *
     * @param names attribute names
     * @param where the file or option the names came from, for the message
     */
    public static void checkNames(List<String> names, String where) {
        for (String a : names) {
            if (!a.equals(LABEL) && !NAMES.contains(a)) {
                throw new org.vae4j.api.ConfigurationException(
                        where + ": unknown attribute '" + a + "'; known: " + String.join(", ", NAMES) + ", label");
            }
        }
    }

    /**
     * {@return the named attributes as factors for the metrics: {@code label} is discrete, the morphometrics continuous}
     *
     * @param names attribute names
     */
    public Factors factors(List<String> names) {
        double[][] values = new double[size()][names.size()];
        boolean[] discrete = new boolean[names.size()];
        for (int k = 0; k < names.size(); k++) {
            String name = names.get(k);
            discrete[k] = name.equals(LABEL);
            double[] column = discrete[k]
                    ? java.util.Arrays.stream(table.labels()).asDoubleStream().toArray()
                    : table.column(name);
            for (int i = 0; i < values.length; i++) {
                values[i][k] = column[i];
            }
        }
        return new Factors(names, values, discrete);
    }

    /**
     * {@return a measurer of datasets' attributes (measured once per dataset and kept in the instance's data cache)}
     *
     * @param vae the library instance whose data cache is used
     */
    public static Measurer measurer(Vae4j vae) {
        return new Measurer(cacheIn(Internals.session(vae).cacheDirectory()));
    }

    /**
     * {@return a measurer that keeps the measured tables in {@code cacheDirectory}}
     *
     * @param cacheDirectory the folder of measured tables (created when first written)
     */
    public static Measurer measurer(Path cacheDirectory) {
        return new Measurer(Objects.requireNonNull(cacheDirectory, "cacheDirectory"));
    }

    /**
     * {@return where measured tables are kept under a data cache root: its {@code attributes/} folder}
     *
     * @param cacheRoot the data cache root
     */
    public static Path cacheIn(Path cacheRoot) {
        return cacheRoot.resolve("attributes");
    }

    /**
     * Measures the attributes of a dataset's splits, or reads them from the cache: each split is
     * measured once and kept per images-file checksum. From {@link Attributes#measurer(Vae4j)}.
     */
    public static final class Measurer {
        private Path cacheDirectory;
        private boolean useCache = true;
        private int threads = Runtime.getRuntime().availableProcessors();
        private Consumer<String> log = m -> {};
        private ProgressListener progress = (what, done, total) -> {};

        /** Progress of a measurement. */
        @FunctionalInterface
        public interface ProgressListener {
            /**
             * {@code done} of {@code total} images of {@code what} measured.
             *
             * @param what what is measured, e.g. {@code measuring mnist-test}
             * @param done images measured so far
             * @param total images in all
             */
            void update(String what, long done, long total);
        }

        private Measurer(Path cacheDirectory) {
            this.cacheDirectory = cacheDirectory;
        }

        /**
         * Where measured tables are kept (default: {@code attributes/} in the data cache).
         *
         * @param dir a folder
         * @return this measurer
         */
        public Measurer cacheDirectory(Path dir) {
            this.cacheDirectory = dir;
            return this;
        }

        /**
         * False: measure again even if a cached table exists (it is then replaced).
         *
         * @param useCache false to measure again
         * @return this measurer
         */
        public Measurer useCache(boolean useCache) {
            this.useCache = useCache;
            return this;
        }

        /**
         * Measuring threads (default: all cores).
         *
         * @param threads threads, at least 1
         * @return this measurer
         */
        public Measurer threads(int threads) {
            if (threads < 1) {
                throw new org.vae4j.api.ConfigurationException("{threads} must be >= 1, got " + threads);
            }
            this.threads = threads;
            return this;
        }

        /**
         * Receives one-line messages (cache hits, measuring speed).
         *
         * @param log the receiver
         * @return this measurer
         */
        public Measurer log(Consumer<String> log) {
            this.log = log;
            return this;
        }

        /**
         * Receives the measuring progress.
         *
         * @param progress the receiver
         * @return this measurer
         */
        public Measurer progress(ProgressListener progress) {
            this.progress = progress;
            return this;
        }

        /**
         * {@return the attributes of the test split ({@code test} true) or the training split}
         *
         * @param data the dataset
         * @param test true for the test split, false for the training split
         */
        public Attributes of(DatasetPair data, boolean test) {
            Dataset split = test ? data.test() : data.train();
            String imagesFile = test ? KnownDataset.TEST_IMAGES : KnownDataset.TRAIN_IMAGES;
            String sum = data.sha256().get(imagesFile);
            Path cached = sum == null ? null : cacheDirectory.resolve(sum + "-" + VERSION + ".csv");
            if (cached != null && Files.exists(cached) && useCache) {
                AttributeTable table = AttributeTable.readCsv(cached);
                if (table.size() == split.size()) {
                    log.accept(String.format(
                            Locale.ROOT,
                            "attributes: %s (%,d images) from cache %s",
                            split.name(),
                            table.size(),
                            cached));
                    return new Attributes(table);
                }
                log.accept("attributes: cached " + cached + " has " + table.size() + " rows, not " + split.size()
                        + "; measuring again");
            }
            long started = System.nanoTime();
            String what = "measuring " + split.name();
            AttributeTable table = AttributeTable.measure(split, threads, done -> {
                synchronized (this) {
                    progress.update(what, done, split.size());
                }
            });
            double seconds = (System.nanoTime() - started) / 1e9;
            log.accept(String.format(
                    Locale.ROOT,
                    "attributes: measured %,d images of %s in %.1f s (%,.0f images/s, %d" + " threads)",
                    split.size(),
                    split.name(),
                    seconds,
                    split.size() / seconds,
                    threads));
            if (cached != null) {
                AtomicFiles.write(cached, table.toCsv().getBytes(StandardCharsets.UTF_8));
            }
            return new Attributes(table);
        }
    }
}
