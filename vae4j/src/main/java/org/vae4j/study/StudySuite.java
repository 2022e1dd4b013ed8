package org.vae4j.study;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.vae4j.api.ConfigurationException;

/**
 * Several studies run one after the other, each in its own folder {@code DIR/NAME} with its own
 * tables and report, and a report that links them: how one question is asked of several datasets
 * (the profile {@code factors}: mnist-factors, then dSprites). Described as JSON: a name, a
 * description and {@code studies}, a list of study descriptions ({@link StudySpec}) with distinct
 * names.
 *
 * @param name the suite's name (the default folder is {@code studies/NAME})
 * @param description what the suite asks
 * @param studies its studies, run in this order
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StudySuite(String name, String description, List<StudySpec> studies) {
    /** The built-in suites (profiles of {@code ./vae study} that hold several studies). */
    public static final List<String> PROFILES = List.of("factors");

    /**
     * {@return a built-in suite by name}
     *
     * @param name {@code factors}
     */
    public static StudySuite profile(String name) {
        if (!PROFILES.contains(name)) {
            throw new ConfigurationException(
                    "{profile} must be one of " + String.join(", ", PROFILES) + ", got '" + name + "'");
        }
        try (InputStream in = StudySuite.class.getResourceAsStream(name + ".json")) {
            return StudySpec.MAPPER.readValue(in, StudySuite.class).validated("profile " + name);
        } catch (IOException e) {
            throw new IllegalStateException("built-in profile " + name + " is unreadable", e);
        }
    }

    /**
     * {@return whether a description file holds a suite (a JSON object with {@code studies}) rather
     * than one study; false for a file that is no JSON object, which {@link StudySpec#read} then rejects}
     *
     * @param file the file
     */
    public static boolean describesSuite(Path file) {
        try {
            JsonNode tree = StudySpec.MAPPER.readTree(file.toFile());
            return tree != null && tree.isObject() && tree.has("studies");
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * {@return a suite from a JSON file; a ConfigurationException naming the problem}
     *
     * @param file the file
     */
    public static StudySuite read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ConfigurationException("{spec} " + file + " does not exist");
        }
        try {
            return StudySpec.MAPPER.readValue(file.toFile(), StudySuite.class).validated(file.toString());
        } catch (IOException e) {
            throw new ConfigurationException(file + " is not a valid study suite: "
                    + e.getMessage().lines().findFirst().orElse("") + " (see docs/study.md)");
        }
    }

    /** {@return the suite as JSON} */
    public String json() {
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(this);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    StudySuite validated(String where) {
        if (name == null || !name.matches("[A-Za-z0-9_.-]+")) {
            throw new ConfigurationException(where + ": name must be a simple word (see docs/study.md)");
        }
        if (studies == null || studies.isEmpty()) {
            throw new ConfigurationException(where + ": studies must list at least one study (see docs/study.md)");
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < studies.size(); i++) {
            StudySpec s = studies.get(i);
            if (s == null) {
                throw new ConfigurationException(where + ": study " + (i + 1) + " is empty (see docs/study.md)");
            }
            s.validated(where + ", study " + (i + 1));
            if (!names.add(s.name())) {
                throw new ConfigurationException(where + ": two studies are named '" + s.name()
                        + "'; each runs in the folder of its name, so names must differ (see docs/study.md)");
            }
        }
        return this;
    }
}
