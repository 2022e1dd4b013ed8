package org.vae4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.vae4j.api.ConfigurationException;
import org.vae4j.api.VaeException;

class FlagsTest {
    /** A setting reference inside a Java string literal (library words are plain words; CSS rules are not references). */
    private static final Pattern KEY_IN_LITERAL =
            Pattern.compile("\"[^\"\\n]*?\\{([a-z][A-Za-z0-9]*)(?::[A-Za-z' ]*)?}");

    @Test
    void aLibraryMessageReadsInApiNamesAndTheCommandLinePrintsItsFlags() {
        ConfigurationException e = new ConfigurationException("{saveTo} models/b4 already holds a model; choose"
                + " another directory or delete it (or continue it with {resume})");
        assertThat(e.getMessage())
                .isEqualTo("saveTo models/b4 already holds a model; choose another directory or"
                        + " delete it (or continue it with resume)");
        assertThat(e.setting()).isEqualTo("saveTo");
        assertThat(Flags.message("train", e))
                .isEqualTo("--out models/b4 already holds a model; choose another"
                        + " directory or delete it (or continue it with --resume)");
        VaeException images = new ConfigurationException("{images} must be >= 1, got 0");
        assertThat(Flags.message("evaluate", images)).isEqualTo("--iw-images must be >= 1, got 0");
        assertThat(Flags.message("disentanglement", images)).isEqualTo("--images must be >= 1, got 0");
        assertThat(new VaeException("a path with {braces} and $1 stays as it is").getMessage())
                .isEqualTo("a path with braces and $1 stays as it is");
        assertThat(new ConfigurationException("no setting named").setting()).isNull();
        VaeException words = new VaeException("point {modelDir} at a directory written by {train:a trainer}");
        assertThat(words.getMessage()).isEqualTo("point modelDir at a directory written by a trainer");
        assertThat(Flags.message("report", words)).isEqualTo("point --model-dir at a directory written by ./vae train");
        assertThat(words.settings()).containsExactly("modelDir", "train");
    }

    @Test
    void everySettingALibraryMessageNamesHasAFlag() throws IOException {
        Path root = Path.of("..").toAbsolutePath().normalize();
        List<Path> sources = new ArrayList<>();
        try (Stream<Path> modules = Files.list(root)) {
            modules.filter(m -> m.getFileName().toString().startsWith("vae"))
                    .map(m -> m.resolve("src/main/java"))
                    .filter(Files::isDirectory)
                    .forEach(sources::add);
        }
        assertThat(sources).as("the modules' sources, from %s", root).hasSizeGreaterThanOrEqualTo(8);
        TreeSet<String> keys = new TreeSet<>();
        for (Path dir : sources) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".java"))::iterator) {
                    Matcher m = KEY_IN_LITERAL.matcher(Files.readString(f));
                    while (m.find()) {
                        keys.add(m.group(1));
                    }
                }
            }
        }
        assertThat(keys)
                .as("settings named in library messages")
                .contains("saveTo", "learningRate", "modelDir", "dataDirectory", "epochs");
        assertThat(keys.stream().filter(k -> !Flags.NAMES.containsKey(k)).toList())
                .as("settings named in library messages with no command-line flag in Flags.NAMES")
                .isEmpty();
    }
}
