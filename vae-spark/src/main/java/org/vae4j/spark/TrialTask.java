package org.vae4j.spark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.SparkFiles;
import org.apache.spark.api.java.function.Function;
import org.vae4j.Vae4j;
import org.vae4j.api.data.DatasetPair;
import org.vae4j.study.Study;
import org.vae4j.study.StudySpec;

/**
 * Runs one trial on an executor, through the library exactly as the in-process runner does (one
 * core, the trial's seed), in a scratch folder under the executor's Spark work folder, and returns
 * the folder's files. A deterministic failure (bad description, diverged training) comes back as
 * the result's problem, so Spark does not retry it; anything thrown (a lost executor, an I/O
 * error) fails the task, which Spark retries.
 */
final class TrialTask implements Function<Study.Trial, TrialResult> {
    private static final long serialVersionUID = 1L;
    private final String specJson;
    private final String dataset;
    private final String dataDirectory;
    private final String attributeCache;

    TrialTask(String specJson, String dataset, Path dataDirectory, Path attributeCache) {
        this.specJson = specJson;
        this.dataset = dataset;
        this.dataDirectory = dataDirectory == null ? null : dataDirectory.toString();
        this.attributeCache = attributeCache == null ? null : attributeCache.toString();
    }

    @Override
    public TrialResult call(Study.Trial trial) throws IOException {
        Path data = dataDirectory == null ? null : Path.of(dataDirectory);
        Vae4j vae = Executor.vae();
        DatasetPair pair = Executor.data(vae, dataset, data);
        StudySpec spec = StudySpec.parse(specJson, "the study description sent by the driver");
        Path scratch = Files.createTempDirectory(Path.of(SparkFiles.getRootDirectory()), "vae4j-trial-");
        try {
            Study study = Study.builder(vae, spec, scratch)
                    .dataset(dataset, data)
                    .attributeCache(attributeCache == null ? null : Path.of(attributeCache))
                    .prepare(false);
            Path dir = study.trialDirectory(trial);
            long t0 = System.nanoTime();
            String problem = study.runTrial(trial, pair, dir);
            double seconds = (System.nanoTime() - t0) / 1e9;
            return new TrialResult(problem, seconds, Study.collect(dir));
        } finally {
            delete(scratch);
        }
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** What an executor JVM keeps between its tasks: one library instance and the data it read. */
    static final class Executor {
        private static Vae4j vae;
        private static final Map<String, DatasetPair> DATA = new HashMap<>();

        private Executor() {}

        static synchronized Vae4j vae() {
            if (vae == null) {
                vae = Vae4j.builder().threads(1).build(); // each task is one trial on one core
            }
            return vae;
        }

        static synchronized DatasetPair data(Vae4j vae, String name, Path dir) {
            return DATA.computeIfAbsent(name + "|" + dir, k -> vae.dataset(name, dir));
        }
    }
}
