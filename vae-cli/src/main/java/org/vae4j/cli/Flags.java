package org.vae4j.cli;

import java.util.Map;
import java.util.function.UnaryOperator;
import org.vae4j.api.VaeException;

/**
 * The command line's names for the library's settings: a library message names a setting by its
 * API key ({@code {saveTo}}, {@code {learningRate}}; see {@link VaeException}), and the commands
 * print it with the flag that set it ({@code --out}, {@code --lr}).
 */
final class Flags {
    /** API key -> what a command-line user typed. */
    static final Map<String, String> NAMES = Map.ofEntries(
            Map.entry("concurrency", "--concurrency"),
            Map.entry("batches", "--batches"),
            Map.entry("seconds", "--seconds"),
            Map.entry("latentDims", "--latent-dims"),
            Map.entry("epochs", "--epochs"),
            Map.entry("batchSize", "--batch-size"),
            Map.entry("learningRate", "--lr"),
            Map.entry("optimizer", "--optimizer"),
            Map.entry("seed", "--seed"),
            Map.entry("threads", "--threads"),
            Map.entry("workers", "--threads"),
            Map.entry("limit", "--limit"),
            Map.entry("testEvery", "--test-every"),
            Map.entry("saveTo", "--out"),
            Map.entry("directory", "--out"),
            Map.entry("resume", "--resume"),
            Map.entry("modelDir", "--model-dir"),
            Map.entry("dataDirectory", "--data"),
            Map.entry("dataset", "--dataset"),
            Map.entry("pluginDirectory", "--plugins"),
            Map.entry("importanceSamples", "--iw-samples"),
            Map.entry("images", "--images"),
            Map.entry("attributes", "--attributes"),
            Map.entry("metrics", "--metrics"),
            Map.entry("factors", "--factors"),
            Map.entry("points", "--points"),
            Map.entry("perturbation", "--perturbation"),
            Map.entry("protocol", "--protocol"),
            Map.entry("alignBy", "--align-by"),
            Map.entry("trainRows", "--train-rows"),
            Map.entry("factorKinds", "--factor-kinds"),
            Map.entry("profile", "--profile"),
            Map.entry("spec", "--spec"),
            Map.entry("master", "--master"),
            Map.entry("train", "./vae train"));

    /** Where one command's flag for a key differs from the others'. */
    private static final Map<String, Map<String, String>> BY_COMMAND =
            Map.of("evaluate", Map.of("images", "--iw-images"));

    private Flags() {}

    /**
     * {@return the names of settings as {@code command} takes them}
     *
     * @param command the command's name, e.g. {@code train}
     */
    static UnaryOperator<String> of(String command) {
        Map<String, String> own = BY_COMMAND.getOrDefault(command, Map.of());
        return key -> own.getOrDefault(key, NAMES.get(key));
    }

    /**
     * {@return the message of a library failure in the words of {@code command}'s flags}
     *
     * @param command the command's name
     * @param e the failure
     */
    static String message(String command, VaeException e) {
        return e.message(of(command));
    }
}
