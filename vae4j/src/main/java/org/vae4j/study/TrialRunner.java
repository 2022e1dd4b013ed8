package org.vae4j.study;

import java.util.List;

/**
 * Runs a study's trials: in this process, several at a time ({@link #inProcess}, the default), or
 * elsewhere, e.g. as Apache Spark tasks (module {@code vae-spark}). Whatever runs a trial, its
 * folder ends up in the study folder with the same layout, so a trial finished by one runner is
 * reused by another.
 */
public interface TrialRunner extends AutoCloseable {

    /** Called as each trial finishes, from any thread. */
    interface Listener {
        /**
         * A trial finished; its folder is in place (with {@code trial.json} if it succeeded).
         *
         * @param trial the trial
         * @param problem null on success, else a one-line reason
         * @param seconds how long the trial took where it ran
         */
        void finished(Study.Trial trial, String problem, double seconds);
    }

    /**
     * {@return what runs the trials and with how many at a time, for the progress lines}
     */
    String describe();

    /**
     * Runs every trial and returns once all have finished, calling the listener after each.
     *
     * @param study the study: its description, folder and {@link Study#runTrial} or {@link Study#store}
     * @param trials the trials to run (none finished yet)
     * @param listener told about each finished trial
     */
    void run(Study study, List<Study.Trial> trials, Listener listener);

    /** Releases what the runner holds (a Spark context); the in-process runner holds nothing. */
    @Override
    default void close() {}

    /**
     * Makes runners for a cluster URL; found with {@link java.util.ServiceLoader} (module
     * {@code vae-spark} provides one for Apache Spark).
     */
    interface Factory {
        /**
         * {@return a runner that sends trials to {@code master}}
         *
         * @param master the cluster's URL, e.g. {@code local[2]} or {@code spark://host:7077}
         */
        TrialRunner create(String master);
    }

    /**
     * {@return a runner for a cluster URL from the first {@link Factory} on the class path}
     *
     * @param master the cluster's URL, e.g. {@code local[2]} or {@code spark://host:7077}
     * @throws org.vae4j.api.ConfigurationException if no factory is on the class path
     */
    static TrialRunner forMaster(String master) {
        // the context class loader first: spark-submit loads the application's jars (vae-spark among
        // them) in a child of the loader that may hold vae4j
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        for (ClassLoader loader : new ClassLoader[] {context, TrialRunner.class.getClassLoader()}) {
            if (loader != null) {
                for (Factory f : java.util.ServiceLoader.load(Factory.class, loader)) {
                    return f.create(master);
                }
            }
        }
        throw new org.vae4j.api.ConfigurationException("{master} " + master + " needs the vae-spark module on the class"
                + " path: run ./vae from a vae4j checkout (it adds the module when {master} is given), or see"
                + " docs/distributed.md for spark-submit");
    }

    /**
     * {@return a runner of {@code workers} trials at a time in this process, each on one core}
     *
     * @param workers trials side by side, at least 1
     */
    static TrialRunner inProcess(int workers) {
        return new InProcessTrials(workers);
    }
}
