package org.vae4j.spark;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaFutureAction;
import org.apache.spark.api.java.JavaSparkContext;
import org.vae4j.api.VaeException;
import org.vae4j.study.Study;
import org.vae4j.study.TrialRunner;

/**
 * Runs a study's trials on Apache Spark, one trial per task: {@code local[N]}, a standalone
 * {@code spark://host:port}, or any master {@code spark-submit} accepts. Each trial is its own
 * Spark job, submitted all at once, so the scheduler fills every task slot; the driver writes each
 * trial's folder into the study folder as soon as its task returns it (workers need no shared file
 * system). A lost executor fails the task and Spark retries it ({@code spark.task.maxFailures},
 * default 4); a trial that fails deterministically is reported with its reason and not retried.
 *
 * <p>Spark settings come from the usual places: {@code spark.*} system properties (and so
 * {@code spark-submit --conf}); the master given here applies unless {@code spark.master} is
 * already set (as under {@code spark-submit}).
 */
public final class SparkTrials implements TrialRunner {
    private final SparkConf conf;
    private JavaSparkContext context;

    private SparkTrials(SparkConf conf) {
        this.conf = conf;
    }

    /**
     * {@return a runner for a Spark master, with Spark's settings from the system properties}
     *
     * @param master e.g. {@code local[2]} or {@code spark://host:7077}
     */
    public static SparkTrials create(String master) {
        return create(new SparkConf(true).setIfMissing("spark.master", Objects.requireNonNull(master)));
    }

    /**
     * {@return a runner with the given Spark configuration (it must name a master)}
     *
     * @param conf the configuration
     */
    public static SparkTrials create(SparkConf conf) {
        conf.setIfMissing("spark.app.name", "vae4j study");
        return new SparkTrials(conf);
    }

    private synchronized JavaSparkContext context() {
        if (context == null) {
            context = new JavaSparkContext(conf);
            context.setLogLevel("WARN");
        }
        return context;
    }

    @Override
    public String describe() {
        JavaSparkContext sc = context();
        return "Spark master " + sc.master() + ", " + sc.defaultParallelism() + " task slots, application "
                + sc.sc().applicationId();
    }

    @Override
    @SuppressWarnings("CollectionUndefinedEquality") // pending futures are found by identity, as intended
    public void run(Study study, List<Study.Trial> trials, Listener listener) {
        JavaSparkContext sc = context();
        TrialTask task =
                new TrialTask(study.spec().json(), study.datasetName(), study.dataDirectory(), study.attributeCache());
        Map<Future<List<TrialResult>>, Study.Trial> pending = new LinkedHashMap<>();
        for (Study.Trial t : trials) {
            sc.setJobDescription("vae4j trial " + t.id());
            JavaFutureAction<List<TrialResult>> f =
                    sc.parallelize(List.of(t), 1).map(task).collectAsync();
            pending.put(f, t);
        }
        try {
            while (!pending.isEmpty()) {
                List<Future<List<TrialResult>>> done = new ArrayList<>();
                for (Map.Entry<Future<List<TrialResult>>, Study.Trial> e : pending.entrySet()) {
                    if (e.getKey().isDone()) {
                        done.add(e.getKey());
                        finish(study, e.getValue(), e.getKey(), listener);
                    }
                }
                done.forEach(pending::remove);
                if (done.isEmpty()) {
                    Thread.sleep(200);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            pending.keySet().forEach(f -> f.cancel(true));
            throw new VaeException("study interrupted; run again with --resume to continue");
        }
    }

    private static void finish(Study study, Study.Trial t, Future<List<TrialResult>> f, Listener listener)
            throws InterruptedException {
        try {
            TrialResult r = f.get().get(0);
            study.store(t, r.files());
            listener.finished(t, r.problem(), r.seconds());
        } catch (ExecutionException e) {
            // Spark gave up on the task (it failed spark.task.maxFailures times): keep the reason in
            // the trial's log; without trial.json the trial counts as unfinished, and --resume reruns it
            String why = "Spark gave up on the task: " + firstLine(e.getCause());
            study.store(t, Map.of("trial.log", (why + "\n").getBytes(StandardCharsets.UTF_8)));
            listener.finished(t, why, 0);
        }
    }

    private static String firstLine(Throwable e) {
        String m = e == null ? "unknown" : String.valueOf(e.getMessage());
        return m.lines().findFirst().orElse(m);
    }

    /** Stops the Spark context (and with it a local master's executors). */
    @Override
    public synchronized void close() {
        if (context != null) {
            context.stop();
            context = null;
        }
    }

    /** Makes {@link SparkTrials} for {@link TrialRunner#forMaster}. */
    public static final class Factory implements TrialRunner.Factory {
        @Override
        public TrialRunner create(String master) {
            return SparkTrials.create(master);
        }
    }
}
