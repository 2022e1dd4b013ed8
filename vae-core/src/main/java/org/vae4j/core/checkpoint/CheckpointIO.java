package org.vae4j.core.checkpoint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.vae4j.api.ModelSpec;
import org.vae4j.api.OptimizerKind;
import org.vae4j.api.TrainingConfig;
import org.vae4j.api.VaeException;
import org.vae4j.core.io.AtomicFiles;

/**
 * The checkpoint file format, version 2 (see docs/checkpoint-format.md; version 1 files, whose
 * only difference is a parameter layout, are read too). No Java serialization:
 * <pre>
 *   8 bytes   magic "VAE4JCK1"
 *   4 bytes   header length H, big-endian
 *   H bytes   header, UTF-8 JSON (provider, options, spec, training, counters, array lengths, dataset)
 *   4*P bytes parameters, float32 little-endian
 *   4*P*K     K optimizer state arrays, float32 little-endian
 *   32 bytes  SHA-256 of everything before it
 * </pre>
 * Written to a temporary file in the target directory and renamed over the target, so a crash
 * never leaves a half-written checkpoint; the checksum is verified before anything is parsed.
 */
public final class CheckpointIO {
    public static final String FILE_NAME = "model.vae4j";
    private static final byte[] MAGIC = "VAE4JCK1".getBytes(StandardCharsets.US_ASCII);
    private static final int FORMAT_VERSION = Checkpoint.FORMAT_VERSION;
    /** The largest checkpoint the format can hold (its writer refuses more), checked before reading a byte. */
    static final long MAX_SIZE = Integer.MAX_VALUE - 8;

    private static final ObjectMapper JSON = new ObjectMapper();

    private CheckpointIO() {}

    public static void write(Checkpoint c, Path file) {
        if (c.formatVersion() != FORMAT_VERSION) {
            throw new IllegalArgumentException("checkpoint in the parameter layout of format " + c.formatVersion()
                    + "; convert it first (ModelCheckpoints.upgraded)");
        }
        int p = c.params().length;
        for (float[] s : c.optimizerState()) {
            if (s.length != p) {
                throw new IllegalArgumentException(
                        "optimizer state of length " + s.length + " for " + p + " parameters");
            }
        }
        ObjectNode h = JSON.createObjectNode();
        h.put("formatVersion", FORMAT_VERSION);
        h.put("provider", c.provider());
        ObjectNode opts = h.putObject("options");
        c.options().forEach(opts::put);
        ObjectNode spec = h.putObject("spec");
        spec.put("dataSize", c.spec().dataSize());
        spec.put("imageHeight", c.spec().imageHeight());
        spec.put("imageWidth", c.spec().imageWidth());
        spec.put("numClasses", c.spec().numClasses());
        spec.put("latentDims", c.spec().latentDims());
        ObjectNode t = h.putObject("training");
        t.put("epochs", c.training().epochs());
        t.put("batchSize", c.training().batchSize());
        t.put("learningRate", c.training().learningRate());
        t.put("optimizer", c.training().optimizer().id());
        t.put("seed", c.training().seed());
        t.put("threads", c.training().threads());
        h.put("epochsCompleted", c.epochsCompleted());
        h.put("optimizerIteration", c.optimizerIteration());
        h.put("numParams", p);
        h.put("optimizerStateArrays", c.optimizerState().length);
        h.put("trainImages", c.trainImages());
        if (!c.provenance().isEmpty()) {
            ObjectNode prov = h.putObject("provenance");
            c.provenance().forEach(prov::put);
        }
        if (c.noiseState() != null) {
            h.putArray("noiseState").add(c.noiseState()[0]).add(c.noiseState()[1]);
        }
        if (!c.history().isEmpty()) {
            com.fasterxml.jackson.databind.node.ArrayNode history = h.putArray("history");
            for (Checkpoint.EpochRecord e : c.history()) {
                ObjectNode n = history.addObject();
                n.put("epoch", e.epoch());
                n.put("seconds", e.seconds());
                n.set("train", loss(e.train()));
                if (e.test() != null) {
                    n.set("test", loss(e.test()));
                }
            }
        }
        if (c.dataset() != null) {
            ObjectNode d = h.putObject("dataset");
            d.put("name", c.dataset().name());
            d.put("source", c.dataset().source());
            ObjectNode sums = d.putObject("sha256");
            c.dataset().sha256().forEach(sums::put);
        }
        byte[] header;
        try {
            header = JSON.writeValueAsBytes(h);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        long total = 8L + 4 + header.length + 4L * p * (1 + c.optimizerState().length) + 32;
        if (total > Integer.MAX_VALUE - 8) {
            throw new VaeException("model too large for a checkpoint: " + total + " bytes");
        }
        ByteBuffer buf = ByteBuffer.allocate((int) total);
        buf.put(MAGIC);
        buf.putInt(header.length);
        buf.put(header);
        buf.order(ByteOrder.LITTLE_ENDIAN);
        buf.asFloatBuffer().put(c.params());
        buf.position(buf.position() + 4 * p);
        for (float[] s : c.optimizerState()) {
            buf.asFloatBuffer().put(s);
            buf.position(buf.position() + 4 * p);
        }
        MessageDigest sha = sha256();
        sha.update(buf.array(), 0, buf.position());
        buf.put(sha.digest());
        AtomicFiles.write(file, buf.array());
    }

    /** Reads a checkpoint with its optimizer state (to continue training). */
    public static Checkpoint read(Path file) {
        return read(file, true);
    }

    /**
     * Reads a checkpoint, streaming it through SHA-256 so that memory holds only what is kept: with
     * {@code withOptimizerState} false the optimizer arrays are hashed and skipped, never held (an
     * inference-only load), and the checkpoint has no optimizer state arrays.
     */
    public static Checkpoint read(Path file, boolean withOptimizerState) {
        // one open file for the size and every byte: a writer renames a new checkpoint over the path
        // at any moment, and the size of one file with the bytes of another would read as corruption
        java.nio.channels.FileChannel channel;
        long size;
        try {
            channel = java.nio.channels.FileChannel.open(file);
            size = channel.size();
        } catch (NoSuchFileException e) {
            throw new VaeException(
                    "no checkpoint at " + file + "; train a model there first ({train:a trainer with} {saveTo} DIR)");
        } catch (IOException e) {
            throw new VaeException("cannot read checkpoint " + file + ": " + e.getMessage());
        }
        MessageDigest sha = sha256();
        try (channel;
                var in = new java.io.DataInputStream(new java.security.DigestInputStream(
                        new java.io.BufferedInputStream(java.nio.channels.Channels.newInputStream(channel), 1 << 16),
                        sha))) {
            byte[] magic = new byte[MAGIC.length];
            if (size > MAX_SIZE) {
                throw new VaeException(file + " is " + size + " bytes, more than a vae4j checkpoint can be (" + MAX_SIZE
                        + "); point {modelDir} at a directory written by {train:a trainer}");
            }
            if (size < MAGIC.length + 4 + 32 || in.read(magic) != MAGIC.length || !Arrays.equals(magic, MAGIC)) {
                throw new VaeException(file + " is not a vae4j checkpoint (bad magic or too short); "
                        + "point {modelDir} at a directory written by {train:a trainer}");
            }
            int headerLength = in.readInt();
            if (headerLength < 2 || headerLength > size - 44) {
                throw corrupt(file, channel, size, "has an invalid header length " + headerLength);
            }
            byte[] headerBytes = new byte[headerLength];
            in.readFully(headerBytes);
            JsonNode h;
            try {
                h = JSON.readTree(new String(headerBytes, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw corrupt(
                        file,
                        channel,
                        size,
                        "has an unreadable header: "
                                + e.getMessage().lines().findFirst().orElse(""));
            }
            int p = h.path("numParams").asInt(-1);
            int k = h.path("optimizerStateArrays").asInt(-1);
            if (!h.isObject() || p < 1 || k < 0 || k > 8) {
                throw corrupt(
                        file,
                        channel,
                        size,
                        "has an invalid header (numParams " + p + ", optimizerStateArrays " + k + "); it is corrupt");
            }
            long expected = MAGIC.length + 4L + headerLength + 4L * p * (1 + k) + 32;
            if (expected != size) {
                throw corrupt(
                        file,
                        channel,
                        size,
                        "declares " + p + " parameters and " + k
                                + " optimizer arrays but its size does not match; it is corrupt");
            }
            float[] params = readFloats(in, p);
            float[][] state = new float[withOptimizerState ? k : 0][];
            for (int a = 0; a < k; a++) {
                if (withOptimizerState) {
                    state[a] = readFloats(in, p);
                } else {
                    // read, not skip: skipped bytes would bypass the digest
                    discard(in, 4L * p);
                }
            }
            byte[] digest = sha.digest();
            byte[] trailer = in.readNBytes(32);
            if (!Arrays.equals(digest, trailer)) {
                throw checksumMismatch(file);
            }
            int version = h.path("formatVersion").asInt(-1);
            if (version < 1 || version > FORMAT_VERSION) {
                throw new VaeException("checkpoint " + file + " has format version " + version + "; this vae4j reads"
                        + " versions 1 to " + FORMAT_VERSION + " (a newer vae4j wrote it? then use that one)");
            }
            return parse(file, h, params, state, version);
        } catch (java.io.EOFException e) {
            throw checksumMismatch(file);
        } catch (IOException e) {
            throw new VaeException("cannot read checkpoint " + file + ": " + e.getMessage());
        }
    }

    private static void discard(java.io.InputStream in, long bytes) throws IOException {
        byte[] chunk = new byte[1 << 16];
        while (bytes > 0) {
            int n = in.read(chunk, 0, (int) Math.min(chunk.length, bytes));
            if (n < 0) {
                throw new java.io.EOFException();
            }
            bytes -= n;
        }
    }

    private static float[] readFloats(java.io.InputStream in, int n) throws IOException {
        float[] out = new float[n];
        byte[] chunk = new byte[1 << 16];
        ByteBuffer view = ByteBuffer.wrap(chunk).order(ByteOrder.LITTLE_ENDIAN);
        int done = 0;
        while (done < n) {
            int count = Math.min(n - done, chunk.length / 4);
            int bytes = in.readNBytes(chunk, 0, 4 * count);
            if (bytes != 4 * count) {
                throw new java.io.EOFException();
            }
            view.clear();
            view.asFloatBuffer().get(out, done, count);
            done += count;
        }
        return out;
    }

    /**
     * A structural problem: if the checksum does not match either, the file is corrupt and that is
     * what the user needs to hear; otherwise the structural message stands.
     */
    private static VaeException corrupt(Path file, java.nio.channels.FileChannel channel, long size, String problem)
            throws IOException {
        MessageDigest whole = sha256();
        byte[] trailer;
        channel.position(0);
        // not closed here: the caller's try closes the channel
        var all = new java.io.BufferedInputStream(java.nio.channels.Channels.newInputStream(channel), 1 << 16);
        byte[] chunk = new byte[1 << 16];
        long left = size - 32;
        while (left > 0) {
            int n = all.read(chunk, 0, (int) Math.min(chunk.length, left));
            if (n < 0) {
                return checksumMismatch(file);
            }
            whole.update(chunk, 0, n);
            left -= n;
        }
        trailer = all.readNBytes(32);
        return Arrays.equals(whole.digest(), trailer)
                ? new VaeException("checkpoint " + file + " " + problem)
                : checksumMismatch(file);
    }

    private static VaeException checksumMismatch(Path file) {
        return new VaeException("checkpoint " + file + " is corrupt or truncated (checksum mismatch); "
                + "retrain or restore it from a copy");
    }

    /** The header's fields, each checked: a hand-edited or damaged header fails naming the file and the field. */
    private static Checkpoint parse(Path file, JsonNode h, float[] params, float[][] state, int version) {
        Header f = new Header(file, h);
        String provider = f.text("provider", "[a-z][a-z0-9-]*");
        int latent = f.integer("spec", "latentDims", 1, 1 << 20);
        int height = f.integer("spec", "imageHeight", 1, 1 << 16);
        int width = f.integer("spec", "imageWidth", 1, 1 << 16);
        int dataSize = f.integer("spec", "dataSize", 1, Integer.MAX_VALUE);
        if ((long) height * width != dataSize) {
            throw f.invalid("spec.dataSize", dataSize + " is not imageHeight x imageWidth = " + height + " x " + width);
        }
        int classes = f.integer("spec", "numClasses", 0, 1 << 20);
        int epochs = f.integer("training", "epochs", 1, Integer.MAX_VALUE);
        int batch = f.integer("training", "batchSize", 1, Integer.MAX_VALUE);
        double lr = h.path("training").path("learningRate").asDouble(Double.NaN);
        if (!(lr > 0) || !Double.isFinite(lr)) {
            throw f.invalid("training.learningRate", h.path("training").path("learningRate") + " is not a number > 0");
        }
        String optimizer = h.path("training").path("optimizer").asText("");
        if (java.util.Arrays.stream(OptimizerKind.values()).noneMatch(o -> o.id().equals(optimizer))) {
            throw f.invalid("training.optimizer", "'" + optimizer + "' is not adam or adagrad");
        }
        int threads = f.integer("training", "threads", 1, Integer.MAX_VALUE);
        if (!h.path("training").path("seed").canConvertToLong()) {
            throw f.invalid("training.seed", h.path("training").path("seed") + " is not an integer");
        }
        int completed = f.integer(null, "epochsCompleted", 0, epochs);
        if (!h.path("optimizerIteration").canConvertToLong()
                || h.path("optimizerIteration").asLong() < 0) {
            throw f.invalid("optimizerIteration", h.path("optimizerIteration") + " is not an integer >= 0");
        }
        int trainImages = h.has("trainImages") ? f.integer(null, "trainImages", 0, Integer.MAX_VALUE) : 0;
        if (!h.path("options").isObject() && !h.path("options").isMissingNode()) {
            throw f.invalid("options", "it is not an object of option values");
        }
        return new Checkpoint(
                provider,
                strings(h.path("options")),
                new ModelSpec(dataSize, height, width, classes, latent),
                new TrainingConfig(
                        epochs,
                        batch,
                        lr,
                        OptimizerKind.parse(optimizer),
                        h.path("training").path("seed").asLong(),
                        threads),
                completed,
                h.path("optimizerIteration").asLong(),
                params,
                state,
                dataset(h),
                trainImages,
                strings(h.path("provenance")),
                noiseState(h),
                history(h),
                version);
    }

    /** Reads a header's fields with their ranges, naming the file and the field when one is off. */
    private record Header(Path file, JsonNode h) {
        VaeException invalid(String field, String problem) {
            return new VaeException("checkpoint " + file + " has an invalid header field " + field + ": " + problem
                    + "; it was edited or damaged: retrain, or restore a copy");
        }

        int integer(String group, String name, int min, int max) {
            JsonNode n = group == null ? h.path(name) : h.path(group).path(name);
            String field = group == null ? name : group + "." + name;
            if (!n.canConvertToInt() || !n.isIntegralNumber() || n.asInt() < min || n.asInt() > max) {
                throw invalid(
                        field,
                        n.isMissingNode() ? "it is missing" : n + " is not an integer in [" + min + ", " + max + "]");
            }
            return n.asInt();
        }

        String text(String name, String pattern) {
            String t = h.path(name).asText("");
            if (!t.matches(pattern)) {
                throw invalid(name, "'" + t + "' is not a model name");
            }
            return t;
        }
    }

    private static Map<String, String> strings(JsonNode object) {
        Map<String, String> out = new LinkedHashMap<>();
        object.properties().forEach(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }

    private static Checkpoint.DatasetProvenance dataset(JsonNode h) {
        if (!h.has("dataset")) {
            return null;
        }
        JsonNode d = h.get("dataset");
        return new Checkpoint.DatasetProvenance(
                d.path("name").asText(), d.path("source").asText(), strings(d.path("sha256")));
    }

    private static long[] noiseState(JsonNode h) {
        JsonNode n = h.path("noiseState");
        return n.isArray() && n.size() == 2
                ? new long[] {n.get(0).asLong(), n.get(1).asLong()}
                : null;
    }

    private static java.util.List<Checkpoint.EpochRecord> history(JsonNode h) {
        java.util.List<Checkpoint.EpochRecord> history = new java.util.ArrayList<>();
        for (JsonNode e : h.path("history")) {
            history.add(new Checkpoint.EpochRecord(
                    e.path("epoch").asInt(),
                    e.path("seconds").asDouble(),
                    loss(e.path("train")),
                    e.has("test") ? loss(e.path("test")) : null));
        }
        return history;
    }

    private static ObjectNode loss(org.vae4j.api.Loss l) {
        ObjectNode n = JSON.createObjectNode();
        n.put("reconstruction", l.reconstruction());
        n.put("kl", l.kl());
        n.put("objective", l.objective());
        n.put("penalty", l.penalty());
        return n;
    }

    private static org.vae4j.api.Loss loss(JsonNode n) {
        return new org.vae4j.api.Loss(
                n.path("reconstruction").asDouble(Double.NaN),
                n.path("kl").asDouble(Double.NaN),
                n.path("objective").asDouble(Double.NaN),
                n.path("penalty").asDouble(0));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
