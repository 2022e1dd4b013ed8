package org.vae4j.spark;

import java.io.Serializable;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a trial task sends back to the driver: the trial's folder as files, whether it succeeded,
 * and how long it ran on its executor.
 *
 * @param problem null on success, else the one-line reason (a deterministic failure: not retried)
 * @param seconds the trial's time on the executor
 * @param files the trial folder's files by relative path
 */
record TrialResult(String problem, double seconds, TreeMap<String, byte[]> files) implements Serializable {
    TrialResult(String problem, double seconds, Map<String, byte[]> files) {
        this(problem, seconds, new TreeMap<>(files));
    }
}
