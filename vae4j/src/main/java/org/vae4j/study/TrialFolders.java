package org.vae4j.study;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.vae4j.Evaluation;
import org.vae4j.analysis.Disentanglement;
import org.vae4j.analysis.StudyResults;
import org.vae4j.core.io.AtomicFiles;
import org.vae4j.internal.Json;

/**
 * A study's trial folders on disk: the finished trials' numbers read back from their files, a
 * folder moved in from a runner elsewhere, read out for one, and an unfinished one removed.
 */
final class TrialFolders {

    private TrialFolders() {}

    /** The finished trials' numbers, from their {@code trial.json}, {@code evaluation.json} and {@code disentanglement.json}. */
    static List<StudyResults.Trial> finished(Path dir) {
        Path trials = dir.resolve("trials");
        List<StudyResults.Trial> found = new ArrayList<>();
        if (!Files.isDirectory(trials)) {
            return found;
        }
        try (Stream<Path> dirs = Files.list(trials)) {
            for (Path t : (Iterable<Path>) dirs.sorted()::iterator) {
                JsonNode done = Json.read(t.resolve(Study.TRIAL_DONE));
                if (done == null) {
                    continue;
                }
                Path modelDir = t.resolve("model");
                Map<String, Double> v = new LinkedHashMap<>();
                JsonNode ev = Json.read(modelDir.resolve(Evaluation.FILE));
                JsonNode test = ev.path("test");
                v.put("negElbo", Json.number(test.get("negElbo")));
                v.put("D", Json.number(test.get("reconstruction")));
                v.put("KL", Json.number(test.get("kl")));
                JsonNode iw = ev.path("importanceWeighted");
                v.put("iwLogLikelihood", Json.number(iw.get("logLikelihood")));
                v.put("activeUnits", Json.number(ev.path("latent").get("activeUnits")));
                JsonNode dis = Json.read(modelDir.resolve(Disentanglement.FILE));
                dis.path("metrics")
                        .properties()
                        .forEach(e -> v.put(e.getKey(), Json.number(e.getValue().get("value"))));
                for (JsonNode a : dis.path("alignment")) {
                    boolean placed = !a.path("dimension").isNull();
                    v.put(
                            "align:" + a.path("attribute").asText(),
                            placed ? Json.number(a.get("strength")) : Double.NaN);
                }
                found.add(new StudyResults.Trial(
                        new StudyResults.Cell(
                                done.path("phase").asText(),
                                done.path("model").asText(),
                                done.path("latentDims").asInt(),
                                done.path("beta").asDouble(),
                                done.path("seed").asLong()),
                        modelDir,
                        v));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return found;
    }

    /** Writes a trial's files into its folder, {@code trial.json} last and atomically. */
    static void store(String id, Path trialDir, Map<String, byte[]> files) {
        try {
            if (Files.exists(trialDir)) {
                deleteTree(trialDir);
            }
            Files.createDirectories(trialDir);
            for (Map.Entry<String, byte[]> f : files.entrySet()) {
                if (f.getKey().equals(Study.TRIAL_DONE)) {
                    continue;
                }
                Path target = trialDir.resolve(f.getKey()).normalize();
                if (!target.startsWith(trialDir)) {
                    throw new IllegalArgumentException("trial file " + f.getKey() + " lies outside " + trialDir);
                }
                Files.createDirectories(target.getParent());
                Files.write(target, f.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write trial " + id + " into " + trialDir + ": " + e.getMessage(), e);
        }
        byte[] doneFile = files.get(Study.TRIAL_DONE);
        if (doneFile != null) {
            AtomicFiles.write(trialDir.resolve(Study.TRIAL_DONE), doneFile);
        }
    }

    /** Every file under a trial's folder by relative path ({@code /}-separated). */
    static Map<String, byte[]> collect(Path trialDir) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(trialDir)) {
            for (Path p : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
                files.put(
                        trialDir.relativize(p).toString().replace(java.io.File.separatorChar, '/'),
                        Files.readAllBytes(p));
            }
        }
        return files;
    }

    /** Removes a folder and everything in it. */
    static void deleteTree(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the unfinished trial " + dir + ": " + e.getMessage(), e);
        }
    }
}
