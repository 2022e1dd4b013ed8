package org.vae4j.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.SparkConf;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.SparkListenerTaskStart;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.vae4j.Vae4j;
import org.vae4j.core.testkit.IdxFixture;
import org.vae4j.study.TrialRunner;

/**
 * A real Spark standalone cluster on 127.0.0.1: a master and a worker (2 cores) in their own JVMs,
 * started from the Spark jars on the test class path with a SPARK_HOME-like folder whose
 * {@code jars/} holds them (the worker launches executors from it). The reduced study runs through
 * it; while the first trials run, the test {@code kill -9}s the executor JVM. Spark retries the
 * lost tasks on the executor the worker starts next, and the study completes with every trial
 * exactly once and the same results as the in-process runner.
 */
@Timeout(900)
class SparkStandaloneIT {
    private static final long BOOT_SECONDS = 120;

    @TempDir
    Path dir;

    /** Task starts and the tasks that ended because their executor was lost. */
    public static final class Tasks extends SparkListener {
        static final AtomicInteger STARTED = new AtomicInteger();
        static final AtomicInteger LOST = new AtomicInteger();
        static final Map<String, Boolean> EXECUTORS = new ConcurrentHashMap<>();

        @Override
        public void onTaskStart(SparkListenerTaskStart start) {
            STARTED.incrementAndGet();
            EXECUTORS.put(start.taskInfo().executorId(), true);
        }

        @Override
        public void onTaskEnd(SparkListenerTaskEnd end) {
            if (end.reason().toString().contains("ExecutorLostFailure")) {
                LOST.incrementAndGet();
            }
        }
    }

    @Test
    void theStudyCompletesWhenTheExecutorIsKilledInTheMiddleOfATrial() throws Exception {
        Path data = IdxFixture.write(Files.createDirectories(dir.resolve("idx")));
        Path cache = dir.resolve("cache");
        Path reference = dir.resolve("in-process");
        try (Vae4j vae = Vae4j.builder().threads(1).build()) {
            assertThat(StudyFixture.run(vae, data, cache, reference, TrialRunner.inProcess(2), false)
                            .outcome()
                            .failed())
                    .isEmpty();

            List<String> classPath =
                    List.of(System.getProperty("java.class.path").split(File.pathSeparator));
            Path home = sparkHome(classPath);
            int masterPort = freePort();
            List<Process> cluster = new ArrayList<>();
            try {
                cluster.add(start(
                        home,
                        "master",
                        "org.apache.spark.deploy.master.Master",
                        "--host",
                        "127.0.0.1",
                        "--port",
                        String.valueOf(masterPort),
                        "--webui-port",
                        String.valueOf(freePort()),
                        "--properties-file",
                        Files.writeString(home.resolve("master.conf"), "spark.master.rest.enabled false\n")
                                .toString()));
                String url = "spark://127.0.0.1:" + masterPort;
                awaitLog(cluster.get(0), home.resolve("master.log"), "I have been elected leader");
                cluster.add(start(
                        home,
                        "worker",
                        "org.apache.spark.deploy.worker.Worker",
                        "--host",
                        "127.0.0.1",
                        "--cores",
                        "2",
                        "--memory",
                        "4g",
                        "--webui-port",
                        String.valueOf(freePort()),
                        "--work-dir",
                        home.resolve("work").toString(),
                        url));
                awaitLog(cluster.get(1), home.resolve("worker.log"), "Successfully registered with master");

                Tasks.STARTED.set(0);
                Tasks.LOST.set(0);
                Tasks.EXECUTORS.clear();
                SparkConf conf = new SparkConf()
                        .setMaster(url)
                        .set("spark.ui.enabled", "false")
                        .set("spark.driver.host", "127.0.0.1")
                        .set("spark.driver.bindAddress", "127.0.0.1")
                        .set("spark.executor.memory", "2g")
                        .set("spark.executor.cores", "2")
                        .set("spark.executor.extraClassPath", directories(classPath))
                        .set("spark.executorEnv.SPARK_LOCAL_IP", "127.0.0.1")
                        .set("spark.extraListeners", Tasks.class.getName());
                Path out = dir.resolve("standalone");
                Thread killer = new Thread(SparkStandaloneIT::killExecutorDuringATrial);
                StudyFixture.Run run;
                try (SparkTrials spark = SparkTrials.create(conf)) {
                    killer.start();
                    run = StudyFixture.run(vae, data, cache, out, spark, false);
                } finally {
                    killer.interrupt();
                    killer.join(10_000);
                }
                assertThat(run.outcome().failed()).as(run.log()).isEmpty();
                assertThat(Tasks.LOST.get())
                        .as("tasks lost with the killed executor; log:%n%s", run.log())
                        .isGreaterThanOrEqualTo(1);
                assertThat(Tasks.EXECUTORS).as("a second executor took over").hasSizeGreaterThanOrEqualTo(2);
                // every trial exactly once: reported once, one folder each, and all finished
                for (String id : StudyFixture.finished(out)) {
                    assertThat(run.log()
                                    .lines()
                                    .filter(l -> l.contains("] " + id + " "))
                                    .count())
                            .as("progress lines of %s", id)
                            .isEqualTo(1);
                }
                try (var s = Files.list(out.resolve("trials"))) {
                    assertThat(s.count()).isEqualTo(StudyFixture.TRIALS);
                }
                StudyFixture.assertSameResults(reference, out);
            } finally {
                for (int i = cluster.size() - 1; i >= 0; i--) { // the worker (and its executors), then the master
                    cluster.get(i).descendants().forEach(ProcessHandle::destroyForcibly);
                    cluster.get(i).destroyForcibly().waitFor(30, TimeUnit.SECONDS);
                }
            }
        }
    }

    /** Waits for a task to run in an executor JVM, lets the trial get going, then kills that JVM with SIGKILL. */
    private static void killExecutorDuringATrial() {
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(BOOT_SECONDS);
            while (Tasks.STARTED.get() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            Thread.sleep(1500);
            Optional<ProcessHandle> executor = ProcessHandle.allProcesses()
                    .filter(p -> p.info().commandLine().orElse("").contains("CoarseGrainedExecutorBackend"))
                    .findFirst();
            executor.ifPresent(ProcessHandle::destroyForcibly); // SIGKILL, as kill -9
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A SPARK_HOME for the worker: {@code jars/} links every jar of this class path (Spark's and vae4j's). */
    private Path sparkHome(List<String> classPath) throws IOException {
        Path home = Files.createDirectories(dir.resolve("spark-home"));
        Path jars = Files.createDirectories(home.resolve("jars"));
        for (String entry : classPath) {
            Path p = Path.of(entry);
            if (entry.endsWith(".jar") && Files.isRegularFile(p)) {
                Path link = jars.resolve(p.getFileName());
                if (!Files.exists(link)) {
                    Files.createSymbolicLink(link, p.toAbsolutePath());
                }
            }
        }
        return home;
    }

    /** The class path's folders (this module's classes), which an executor adds to the jars of SPARK_HOME. */
    private static String directories(List<String> classPath) {
        return String.join(
                File.pathSeparator,
                classPath.stream().filter(e -> Files.isDirectory(Path.of(e))).toList());
    }

    private static Process start(Path home, String name, String mainClass, String... args) throws IOException {
        List<String> command = new ArrayList<>(
                List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m"));
        command.addAll(List.of(System.getProperty("vae4j.spark.javaOptions", "").split(" ")).stream()
                .filter(s -> !s.isBlank())
                .toList());
        // the daemons log at INFO (the test waits for their start-up lines); vae-spark's own
        // log4j2.properties, on this class path too, keeps to warnings
        Path logConfig = Files.writeString(home.resolve("log4j2-daemons.properties"), """
                rootLogger.level = info
                rootLogger.appenderRef.stdout.ref = console
                appender.console.type = Console
                appender.console.name = console
                appender.console.layout.type = PatternLayout
                appender.console.layout.pattern = %d{HH:mm:ss} %p %c{1}: %m%n%ex
                """);
        command.addAll(List.of(
                "-Dlog4j2.configurationFile=" + logConfig,
                "-cp",
                home.resolve("jars") + File.separator + "*",
                mainClass));
        command.addAll(List.of(args));
        Path log = Files.writeString(home.resolve(name + ".log"), String.join(" ", command) + "\n");
        ProcessBuilder pb = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().put("SPARK_HOME", home.toString());
        pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        pb.environment().put("SPARK_SCALA_VERSION", "2.13");
        return pb.start();
    }

    private static void awaitLog(Process p, Path log, String line) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(BOOT_SECONDS);
        while (System.nanoTime() < deadline) {
            if (Files.exists(log) && Files.readString(log).contains(line)) {
                return;
            }
            assertThat(p.isAlive())
                    .as("%s exited; its log:%n%s", log.getFileName(), Files.exists(log) ? Files.readString(log) : "")
                    .isTrue();
            Thread.sleep(100);
        }
        throw new AssertionError(
                "no '" + line + "' in " + log + " after " + BOOT_SECONDS + " s:\n" + Files.readString(log));
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
