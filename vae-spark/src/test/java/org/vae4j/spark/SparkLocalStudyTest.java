package org.vae4j.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.SparkConf;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.vae4j.Vae4j;
import org.vae4j.core.testkit.IdxFixture;
import org.vae4j.study.TrialRunner;

/**
 * The reduced study with {@code --master local[2]} against the in-process runner: the same tables
 * and trial results, trials finished by one runner reused by the other, and a trial that fails
 * deterministically reported once, not retried.
 */
@Timeout(600)
class SparkLocalStudyTest {
    @TempDir
    static Path dir;

    static Vae4j vae;
    static Path data;
    static Path reference;

    @BeforeAll
    static void inProcessReference() throws Exception {
        vae = Vae4j.builder().threads(1).build();
        data = IdxFixture.write(Files.createDirectories(dir.resolve("idx")));
        reference = dir.resolve("in-process");
        StudyFixture.Run r =
                StudyFixture.run(vae, data, dir.resolve("cache"), reference, TrialRunner.inProcess(2), false);
        assertThat(r.outcome().failed()).isEmpty();
    }

    @AfterAll
    static void close() {
        vae.close();
    }

    static SparkTrials local(String master) {
        return SparkTrials.create(new SparkConf()
                .setMaster(master)
                .set("spark.ui.enabled", "false")
                .set("spark.driver.host", "127.0.0.1")
                .set("spark.driver.bindAddress", "127.0.0.1"));
    }

    @Test
    void localMasterGivesTheInProcessResults() throws Exception {
        Path out = dir.resolve("local");
        try (SparkTrials spark = local("local[2]")) {
            StudyFixture.Run r = StudyFixture.run(vae, data, dir.resolve("cache"), out, spark, false);
            assertThat(r.outcome().failed()).isEmpty();
            assertThat(r.log())
                    .contains("sensitivity: 4 trials, 0 finished before, 4 to run (Spark master local[2], 2 task slots")
                    .contains("[tradeoff 2/2]");
        }
        StudyFixture.assertSameResults(reference, out);
    }

    @Test
    void trialsFinishedInProcessAreReusedBySparkAndTheOtherWayRound() throws Exception {
        Path out = dir.resolve("mixed");
        // in-process first, sensitivity only; then Spark resumes and adds the trade-off
        StudyFixture.runSensitivity(vae, data, dir.resolve("cache"), out, TrialRunner.inProcess(1));
        // a trade-off trial begun and interrupted: a folder without trial.json, which Spark redoes
        Files.createDirectories(
                out.resolve("trials").resolve("beta-vae-z2-b4-s1").resolve("model"));
        Files.writeString(out.resolve("trials").resolve("beta-vae-z2-b4-s1").resolve("trial.log"), "train\n");
        try (SparkTrials spark = local("local[1]")) {
            StudyFixture.Run r = StudyFixture.run(vae, data, dir.resolve("cache"), out, spark, true);
            assertThat(r.outcome().failed()).isEmpty();
            assertThat(r.log())
                    .contains("sensitivity: 4 trials, 4 finished before, 0 to run")
                    .contains("tradeoff: 2 trials, 0 finished before, 2 to run")
                    .contains("beta-vae-z2-b4-s1 done");
        }
        StudyFixture.assertSameResults(reference, out);
        // and an in-process resume finds nothing left to do
        StudyFixture.Run again = StudyFixture.run(vae, data, dir.resolve("cache"), out, TrialRunner.inProcess(1), true);
        assertThat(again.log()).contains("tradeoff: 2 trials, 2 finished before, 0 to run");
    }

    /** Counts the task attempts Spark starts (registered through spark.extraListeners). */
    public static final class TaskStarts extends org.apache.spark.scheduler.SparkListener {
        static final AtomicInteger STARTED = new AtomicInteger();

        @Override
        public void onTaskStart(org.apache.spark.scheduler.SparkListenerTaskStart start) {
            STARTED.incrementAndGet();
        }
    }

    @Test
    void aDeterministicFailureIsReportedOnceAndNotRetried() throws Exception {
        Path out = dir.resolve("diverged");
        // a learning rate that makes every trial diverge; the trade-off at a fixed z needs no knee
        String spec = StudyFixture.SPEC
                .replace("\"batchSize\": 50,", "\"batchSize\": 50, \"learningRate\": 1e30,")
                .replace("\"latentDims\": 0", "\"latentDims\": 2");
        TaskStarts.STARTED.set(0);
        // local[2, 4]: two slots, and up to 4 attempts per task, as on a cluster
        try (SparkTrials spark = SparkTrials.create(new SparkConf()
                .setMaster("local[2, 4]")
                .set("spark.ui.enabled", "false")
                .set("spark.driver.host", "127.0.0.1")
                .set("spark.driver.bindAddress", "127.0.0.1")
                .set("spark.extraListeners", TaskStarts.class.getName()))) {
            StudyFixture.Run r = StudyFixture.runSpec(vae, spec, data, dir.resolve("cache"), out, spark);
            assertThat(r.outcome().failed()).hasSize(StudyFixture.TRIALS);
            assertThat(r.log()).contains("vae-z2-b1-s1 FAILED (training diverged");
        }
        assertThat(TaskStarts.STARTED.get()).as("one attempt per trial").isEqualTo(StudyFixture.TRIALS);
        assertThat(Files.readString(
                        out.resolve("trials").resolve("vae-z2-b1-s1").resolve("trial.log")))
                .contains("failed: training diverged");
        assertThat(StudyFixture.finished(out)).isEmpty();
    }
}
