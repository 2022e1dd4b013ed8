package org.vae4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vae4j.Vae4j;
import org.vae4j.api.VaeException;
import org.vae4j.core.checkpoint.CheckpointIO;
import org.vae4j.core.data.IdxDatasets;
import org.vae4j.core.data.KnownDataset;
import org.vae4j.core.testkit.CheckpointFiles;

/**
 * The fault suite, run by the README's test command: what a hostile user or a bad day does to
 * vae4j, counted. kill -9 at random moments of a training run that checkpoints every few
 * milliseconds; corrupted checkpoints and IDX files (truncations, bit flips, edited headers with
 * valid checksums); broken plugin jars; two writers into one model directory; and a run resumed
 * after every kill reaching exactly the parameters of an uninterrupted one. The table of counts is
 * printed at the end (docs/reliability.md quotes it).
 */
class FaultSuiteIT {
    @TempDir
    static Path work;

    static Path data;
    static final Map<String, int[]> TABLE = new LinkedHashMap<>();
    private static final Random RANDOM = new Random(20261127);

    @BeforeAll
    static void fixture() throws IOException {
        data = MainTest.writeIdxFixture(Files.createDirectories(work.resolve("idx")));
    }

    @AfterAll
    static void table() {
        StringBuilder b = new StringBuilder("\nfault suite\n| fault | cases | handled |\n|---|---|---|\n");
        TABLE.forEach((k, v) -> b.append("| ")
                .append(k)
                .append(" | ")
                .append(v[0])
                .append(" | ")
                .append(v[1])
                .append(" |\n"));
        System.out.println(b);
    }

    private static void count(String fault, int cases, int handled) {
        TABLE.put(fault, new int[] {cases, handled});
    }

    private static Process cli(Path log, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g",
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
    }

    private static String[] trainArgs(Path out, boolean resume, int epochs) {
        List<String> a = new ArrayList<>(List.of(
                "train",
                "--out",
                out.toString(),
                "--epochs",
                Integer.toString(epochs),
                "--threads",
                "1",
                "--test-every",
                "0",
                "--dataset",
                "idx",
                "--data",
                data.toString()));
        if (resume) {
            a.add("--resume");
        } else {
            a.addAll(List.of("--latent-dims", "2", "--batch-size", "50", "--option", "hidden=16", "--seed", "3"));
        }
        return a.toArray(String[]::new);
    }

    private static boolean waitFor(Process p, int seconds) throws InterruptedException {
        boolean done = p.waitFor(seconds, TimeUnit.SECONDS);
        if (!done) {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        return done;
    }

    @Test
    void killNineDuringSavesLosesNothingAndResumesBitForBit() throws Exception {
        Path out = work.resolve("killed");
        int kills = 0;
        int corrupt = 0;
        int loadsChecked = 0;
        int saved = 0;
        while (kills < 20) {
            Path file = out.resolve(CheckpointIO.FILE_NAME);
            boolean resume = Files.exists(file);
            long before = resume ? Files.getLastModifiedTime(file).toMillis() : 0;
            int epochsBefore = resume ? CheckpointIO.read(file).epochsCompleted() : 0;
            Process p = cli(work.resolve("kill-" + kills + ".log"), trainArgs(out, resume, 1_000_000));
            // a random moment once this run is training, while its checkpoints follow each other every few ms
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (System.nanoTime() < deadline
                    && p.isAlive()
                    && (!Files.exists(file) || Files.getLastModifiedTime(file).toMillis() == before)) {
                Thread.sleep(5);
            }
            Thread.sleep(RANDOM.nextInt(300));
            assertThat(p.isAlive())
                    .as("run %d ended by itself: %s", kills, Files.readString(work.resolve("kill-" + kills + ".log")))
                    .isTrue();
            p.destroyForcibly(); // SIGKILL: no shutdown hook, no finally
            p.waitFor(10, TimeUnit.SECONDS);
            kills++;
            try {
                int epochs = CheckpointIO.read(file).epochsCompleted();
                loadsChecked++;
                saved += epochs - epochsBefore;
            } catch (VaeException e) {
                corrupt++;
            }
        }
        count(
                "kill -9 while training and saving (" + saved + " checkpoints written between kills), loads intact",
                kills,
                kills - corrupt);
        assertThat(corrupt).isZero();
        assertThat(loadsChecked).isEqualTo(kills);

        // resume to a few epochs more than the last checkpoint: the run ends normally, leaves no temporary file
        int done = CheckpointIO.read(out.resolve(CheckpointIO.FILE_NAME)).epochsCompleted();
        int target = done + 3;
        Process finish = cli(work.resolve("finish.log"), trainArgs(out, true, target));
        assertThat(waitFor(finish, 120)).isTrue();
        assertThat(finish.exitValue())
                .as(Files.readString(work.resolve("finish.log")))
                .isZero();
        try (Stream<Path> files = Files.list(out)) {
            assertThat(files.map(f -> f.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }
        // and reaches, after twenty kills, the parameters of one uninterrupted run
        Path whole = work.resolve("uninterrupted");
        Process straight = cli(work.resolve("straight.log"), trainArgs(whole, false, target));
        assertThat(waitFor(straight, 300)).isTrue();
        assertThat(straight.exitValue()).isZero();
        boolean identical = java.util.Arrays.equals(
                CheckpointIO.read(out.resolve(CheckpointIO.FILE_NAME)).params(),
                CheckpointIO.read(whole.resolve(CheckpointIO.FILE_NAME)).params());
        count(
                "resume after " + kills + " kills to epoch " + target + " (bit-identical to an uninterrupted run)",
                1,
                identical ? 1 : 0);
        assertThat(identical).isTrue();
    }

    @Test
    void corruptedCheckpointsAreAllRefusedNamingTheFile() throws Exception {
        Path good = work.resolve("good");
        try (Vae4j vae = Vae4j.builder().threads(1).build()) {
            vae.trainer("vae")
                    .latentDims(2)
                    .epochs(1)
                    .option("hidden", 8)
                    .saveTo(good)
                    .train(vae.dataset("idx", data));
        }
        byte[] original = Files.readAllBytes(good.resolve(CheckpointIO.FILE_NAME));
        List<Consumer<ObjectNode>> headerEdits = List.of(
                h -> ((ObjectNode) h.get("spec")).put("latentDims", RANDOM.nextInt(3) - 2),
                h -> ((ObjectNode) h.get("spec")).put("latentDims", 3 + RANDOM.nextInt(5)),
                h -> ((ObjectNode) h.get("spec")).put("dataSize", 1 + RANDOM.nextInt(700)),
                h -> ((ObjectNode) h.get("training")).put("epochs", -RANDOM.nextInt(3)),
                h -> ((ObjectNode) h.get("training")).put("optimizer", "sgd"),
                h -> ((ObjectNode) h.get("training")).put("learningRate", -RANDOM.nextDouble()),
                h -> h.put("epochsCompleted", -1 - RANDOM.nextInt(10)),
                h -> h.put("epochsCompleted", 2 + RANDOM.nextInt(10)),
                h -> h.put("provider", "no-such-model"),
                h -> ((ObjectNode) h.get("options")).put("hidden", Integer.toString(9 + RANDOM.nextInt(50))),
                h -> ((ObjectNode) h.get("options")).put("activation", "softsign"),
                h -> h.remove("training"),
                h -> h.put("formatVersion", 3));
        int cases = 0;
        int refused = 0;
        List<String> accepted = new ArrayList<>();
        try (Vae4j vae = Vae4j.builder().threads(1).build()) {
            for (int v = 0; v < 130; v++) {
                Path dir = Files.createDirectories(work.resolve("fuzz-" + v));
                Path file = dir.resolve(CheckpointIO.FILE_NAME);
                String kind;
                if (v < 40) {
                    kind = "truncated";
                    Files.write(file, java.util.Arrays.copyOf(original, RANDOM.nextInt(original.length)));
                } else if (v < 90) {
                    kind = "bit flip";
                    byte[] b = original.clone();
                    b[RANDOM.nextInt(b.length)] ^= (byte) (1 << RANDOM.nextInt(8));
                    Files.write(file, b);
                } else {
                    kind = "edited header";
                    Files.write(file, original);
                    CheckpointFiles.editHeader(file, headerEdits.get(v % headerEdits.size()));
                }
                cases++;
                try {
                    vae.load(dir);
                    accepted.add(kind + " " + v);
                } catch (VaeException e) {
                    if (e.getMessage().contains(dir.toString())
                            && !e.getMessage().contains("\n")) {
                        refused++;
                    } else {
                        accepted.add(kind + " " + v + " refused without naming the file: " + e.getMessage());
                    }
                }
            }
        }
        count(
                "corrupted checkpoints (truncated 40, bit flips 50, edited headers 40), refused naming the file",
                cases,
                refused);
        assertThat(accepted).isEmpty();
    }

    @Test
    void corruptedIdxFilesAreAllRefusedNamingTheFile() throws Exception {
        Map<String, String> sums = new LinkedHashMap<>();
        for (String f : KnownDataset.FILES) {
            sums.put(
                    f,
                    HexFormat.of()
                            .formatHex(java.security.MessageDigest.getInstance("SHA-256")
                                    .digest(Files.readAllBytes(data.resolve(f)))));
        }
        int cases = 0;
        int refused = 0;
        List<String> accepted = new ArrayList<>();
        for (int v = 0; v < 120; v++) {
            Path dir = Files.createDirectories(work.resolve("idx-fuzz-" + v));
            for (String f : KnownDataset.FILES) {
                Files.copy(data.resolve(f), dir.resolve(f));
            }
            String victim = KnownDataset.FILES.get(RANDOM.nextInt(KnownDataset.FILES.size()));
            Path file = dir.resolve(victim);
            byte[] b = Files.readAllBytes(file);
            if (v < 30) {
                Files.write(file, java.util.Arrays.copyOf(b, RANDOM.nextInt(b.length)));
            } else if (v < 70) {
                b[RANDOM.nextInt(b.length)] ^= (byte) (1 << RANDOM.nextInt(8));
                Files.write(file, b);
            } else if (v < 95) {
                // a crafted header: another first dimension, the payload resized to match
                java.nio.ByteBuffer h = java.nio.ByteBuffer.wrap(b);
                int rank = b[3];
                int n = h.getInt(4);
                int per = (b.length - 4 - 4 * rank) / n;
                int m = Math.max(1, n - 1 - RANDOM.nextInt(n - 1));
                byte[] c = java.util.Arrays.copyOf(b, 4 + 4 * rank + m * per);
                java.nio.ByteBuffer.wrap(c).putInt(4, m);
                Files.write(file, c);
            } else {
                // gzip-compressed and then truncated or flipped
                Files.delete(file);
                Path gz = dir.resolve(victim + ".gz");
                try (var out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(gz))) {
                    out.write(b);
                }
                byte[] z = Files.readAllBytes(gz);
                if (v % 2 == 0) {
                    Files.write(gz, java.util.Arrays.copyOf(z, 10 + RANDOM.nextInt(z.length - 10)));
                } else {
                    z[10 + RANDOM.nextInt(z.length - 10)] ^= (byte) (1 << RANDOM.nextInt(8));
                    Files.write(gz, z);
                }
            }
            cases++;
            try {
                // as for a known dataset: every file checked against its SHA-256
                IdxDatasets.readSplits(dir, "fixture", 3, "--data " + dir, "", (path, idx) -> {
                    String expected = sums.get(path.getFileName().toString().replace(".gz", ""));
                    if (!idx.sha256().equals(expected)) {
                        throw new VaeException(path + " has SHA-256 " + idx.sha256() + ", expected " + expected);
                    }
                });
                accepted.add("variant " + v + " of " + victim);
            } catch (VaeException e) {
                if (e.getMessage().contains(dir.toString()) && !e.getMessage().contains("\n")) {
                    refused++;
                } else {
                    accepted.add("variant " + v + " refused without naming the file: " + e.getMessage());
                }
            }
        }
        count(
                "corrupted IDX files (truncated 30, bit flips 40, crafted headers 25, bad gzip 25), refused naming the"
                        + " file",
                cases,
                refused);
        assertThat(accepted).isEmpty();
    }

    @Test
    void brokenPluginJarsAreReportedByNameAndTheBuiltInsKeepWorking() throws Exception {
        Path folder = Files.createDirectories(work.resolve("plugins"));
        Files.write(folder.resolve("corrupt.jar"), "PK but not really".getBytes(StandardCharsets.UTF_8));
        Files.write(folder.resolve("empty.jar"), new byte[0]);
        MainTest.servicesJar(folder.resolve("throws.jar"), BrokenVaePlugin.class.getName());
        MainTest.Result r = MainTest.run("models", "--plugins", folder.toString());
        int handled = 0;
        for (String jar : List.of("corrupt.jar", "empty.jar", "throws.jar")) {
            handled += r.code() == 0 && r.out().lines().anyMatch(l -> l.startsWith("broken plugin") && l.contains(jar))
                    ? 1
                    : 0;
        }
        boolean builtIns = r.out().contains("vae  vanilla VAE") && r.out().contains("cvae  ");
        count(
                "broken plugin jars (corrupt, empty, throwing), named while the built-ins work",
                3,
                builtIns ? handled : 0);
        assertThat(handled).as(r.out()).isEqualTo(3);
        assertThat(builtIns).isTrue();
    }

    @Test
    void aSecondWriterIsRefusedWhileTheFirstTrains() throws Exception {
        Path out = work.resolve("contended");
        Process first = cli(work.resolve("first.log"), trainArgs(out, false, 1_000_000));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline && !Files.exists(out.resolve(CheckpointIO.FILE_NAME))) {
            Thread.sleep(10);
        }
        Process second = cli(work.resolve("second.log"), trainArgs(out, true, 1_000_000));
        boolean ended = waitFor(second, 60);
        String log = Files.readString(work.resolve("second.log"));
        first.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        boolean refused = ended
                && second.exitValue() == 1
                && log.contains("is being written by another vae4j run (PID " + first.pid() + ")");
        count("two writers into one model directory, the second refused naming the first's PID", 1, refused ? 1 : 0);
        assertThat(refused).as(log).isTrue();
    }
}
