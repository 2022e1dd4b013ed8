package org.vae4j.spi;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import org.vae4j.api.data.DatasetPair;

/**
 * What the host asks of a {@link DatasetSource}.
 *
 * @param dataDirectory a directory the user named (e.g. {@code --data DIR}); when present, a source
 *                      reads its files from there and tries nothing else
 * @param cacheDirectory the root of the user's data cache (each source uses a folder of its own under it)
 * @param log receives one-line progress messages (sources tried, downloads)
 * @param sources loads another registered source by name, from a directory or (empty) its own
 *                chain: how a source derived from another (e.g. {@code morpho-global} from
 *                {@code mnist}) reaches its data
 */
public record DatasetRequest(
        Optional<Path> dataDirectory,
        Path cacheDirectory,
        Consumer<String> log,
        BiFunction<String, Optional<Path>, DatasetPair> sources) {
    /**
     * Checks that nothing is null.
     *
     * @param dataDirectory the folder the user named, if any
     * @param cacheDirectory the data cache root
     * @param log receives one-line progress messages
     * @param sources loads another registered source
     */
    public DatasetRequest {
        Objects.requireNonNull(dataDirectory, "dataDirectory");
        Objects.requireNonNull(cacheDirectory, "cacheDirectory");
        Objects.requireNonNull(log, "log");
        Objects.requireNonNull(sources, "sources");
    }

    /**
     * A request whose source needs no other source (asking for one fails, naming it).
     *
     * @param dataDirectory the folder the user named, if any
     * @param cacheDirectory the data cache root
     * @param log receives one-line progress messages
     */
    public DatasetRequest(Optional<Path> dataDirectory, Path cacheDirectory, Consumer<String> log) {
        this(dataDirectory, cacheDirectory, log, (name, dir) -> {
            throw new IllegalStateException("this request cannot load the dataset source " + name);
        });
    }

    /**
     * {@return another registered source's data, from the directory the user named or its own chain}
     *
     * @param name the other source's name, e.g. {@code mnist}
     */
    public DatasetPair load(String name) {
        return sources.apply(name, dataDirectory);
    }
}
