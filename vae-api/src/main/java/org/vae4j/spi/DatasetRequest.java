package org.vae4j.spi;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What the host asks of a {@link DatasetSource}.
 *
 * @param dataDirectory a directory the user named (e.g. {@code --data DIR}); when present, a source
 *                      reads its files from there and tries nothing else
 * @param cacheDirectory the root of the user's data cache (each source uses a folder of its own under it)
 * @param log receives one-line progress messages (sources tried, downloads)
 */
public record DatasetRequest(Optional<Path> dataDirectory, Path cacheDirectory, Consumer<String> log) {
    /**
     * Checks that nothing is null.
     *
     * @param dataDirectory the folder the user named, if any
     * @param cacheDirectory the data cache root
     * @param log receives one-line progress messages
     */
    public DatasetRequest {
        Objects.requireNonNull(dataDirectory, "dataDirectory");
        Objects.requireNonNull(cacheDirectory, "cacheDirectory");
        Objects.requireNonNull(log, "log");
    }
}
