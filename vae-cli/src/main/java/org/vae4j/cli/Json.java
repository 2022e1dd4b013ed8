package org.vae4j.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import org.vae4j.api.Loss;
import org.vae4j.core.checkpoint.CheckpointIO;

/** JSON output helpers; files are written atomically. */
final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Json() {
    }

    static ObjectNode loss(Loss l) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("negElbo", round(l.negElbo()));
        n.put("reconstruction", round(l.reconstruction()));
        n.put("kl", round(l.kl()));
        n.put("objective", round(l.objective()));
        return n;
    }

    static double round(double v) {
        return Math.round(v * 1e4) / 1e4;
    }

    static void write(Path file, ObjectNode node) {
        try {
            CheckpointIO.writeAtomically(file, MAPPER.writeValueAsBytes(node));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static String oneLine(ObjectNode node) {
        try {
            return new ObjectMapper().writeValueAsString(node);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
