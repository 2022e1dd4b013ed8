package org.vae4j.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.IntStream;
import org.nd4j.linalg.api.buffer.DataType;
import org.vae4j.Evaluation;
import org.vae4j.TrainedVae;
import org.vae4j.analysis.Disentanglement;
import org.vae4j.api.VaeException;
import org.vae4j.api.data.Dataset;
import org.vae4j.api.nn.Decoder;
import org.vae4j.api.nn.DenseLayers;
import org.vae4j.core.engine.Encodings;
import org.vae4j.core.io.AtomicFiles;
import org.vae4j.core.nn.BernoulliLikelihood;
import org.vae4j.core.nn.GaussianLikelihood;
import org.vae4j.internal.Internals;
import org.vae4j.internal.Json;
import org.vae4j.internal.ModelHandle;

/**
 * The latent explorer: one self-contained HTML page ({@code explorer.html}) in which a designer
 * moves a slider per latent dimension and watches the decoded digit change. The decoder's weights
 * are embedded (float32, base64) and the page decodes in plain JavaScript; nothing is fetched from a
 * network, so the file opens from disk and can be mailed.
 *
 * <p>Sliders are ordered by KL (inactive dimensions folded away); with a {@code disentanglement.json}
 * beside the model, aligned dimensions are labelled with their attribute and strength and oriented
 * so that moving right increases the attribute. A gallery of test digits with their encoded means
 * starts a design from a real digit; conditional models get a class selector. The state lives in the
 * URL fragment, so a design is shared as a link.
 */
public final class Explorer {
    /** The file {@link #write} writes by default. */
    public static final String FILE = "explorer.html";
    /** Test digits in the gallery. */
    public static final int GALLERY = 20;

    private Explorer() {}

    /**
     * Writes the explorer page of {@code model}.
     *
     * @param model a trained model with the built-in MLP decoder
     * @param test its test images: the gallery and the KL order of the dimensions come from them
     * @param modelDir the model directory ({@code disentanglement.json} is read from there if present)
     * @param out the HTML file to write (atomically)
     * @return the file written
     * @throws VaeException if the model's decoder or likelihood is not one the page can recompute
     */
    public static Path write(TrainedVae model, Dataset test, Path modelDir, Path out) {
        ModelHandle handle = Internals.handle(model);
        handle.checkData(test);
        String html = handle.run(() -> html(model, test, Json.read(modelDir.resolve(Disentanglement.FILE))));
        AtomicFiles.write(out, html.getBytes(StandardCharsets.UTF_8));
        return out;
    }

    static String html(TrainedVae model, Dataset test, JsonNode disentanglement) {
        ModelHandle handle = Internals.handle(model);
        Decoder decoder = handle.model().decoder();
        DenseLayers layers = decoder.denseLayers()
                .orElseThrow(() -> new VaeException("model " + model.modelName()
                        + " has a decoder that is not a stack of dense layers ("
                        + decoder.getClass().getName()
                        + " describes no DenseLayers); the explorer recomputes only such decoders in the page"));
        String likelihood = handle.model().likelihood().name();
        if (!likelihood.equals(BernoulliLikelihood.NAME) && !likelihood.equals(GaussianLikelihood.NAME)) {
            throw new VaeException("model " + model.modelName() + " uses the likelihood '" + likelihood
                    + "'; the explorer shows the means of bernoulli and gaussian likelihoods only");
        }
        ObjectNode data = Json.MAPPER.createObjectNode();
        data.put("title", model.title());
        data.put("latentDims", model.latentDims());
        data.put("conditionSize", model.conditionSize());
        data.put("height", model.imageHeight());
        data.put("width", model.imageWidth());
        data.put("likelihood", likelihood);
        ArrayNode widths = data.putArray("widths");
        for (int w : layers.widths()) {
            widths.add(w);
        }
        ArrayNode activations = data.putArray("activations");
        for (var a : layers.activations()) {
            activations.add(a.id());
        }
        float[] decoderParams = handle.state()
                .decoderParams()
                .castTo(DataType.FLOAT)
                .dup()
                .data()
                .asFloat();
        if (layers.numParams() != decoderParams.length) {
            throw new VaeException("model " + model.modelName() + ": the decoder describes dense layers of "
                    + layers.numParams() + " parameters but holds " + decoderParams.length
                    + "; its DenseLayers do not describe it");
        }
        data.put("params", base64(decoderParams));

        Encodings codes = handle.encodings(test, test.size());
        dimensions(data.putArray("dims"), codes, handle.gaussianKl(), disentanglement);
        gallery(data.putArray("gallery"), test, codes);
        String json;
        try {
            json = Json.MAPPER
                    .writer()
                    .without(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return template()
                .replace("/*EXPLORER_DATA*/null", json.replace("</", "<\\/"))
                .replace("<!--TITLE-->", org.vae4j.core.render.LineChart.escape(model.title()));
    }

    /** The latent dimensions by KL (or variance), each aligned one labelled and oriented by its attribute. */
    private static void dimensions(ArrayNode dims, Encodings codes, boolean gaussian, JsonNode disentanglement) {
        double[] score = gaussian ? codes.klPerDimension() : codes.varianceOfMeans();
        double[] variance = codes.varianceOfMeans();
        for (int u : IntStream.range(0, codes.latentDims())
                .boxed()
                .sorted(Comparator.comparingDouble(u -> -score[u]))
                .mapToInt(Integer::intValue)
                .toArray()) {
            ObjectNode d = dims.addObject();
            d.put("dim", u);
            d.put("score", Json.round(score[u]));
            d.put("scoreName", gaussian ? "KL" : "var");
            d.put("active", variance[u] > Evaluation.ACTIVE_UNIT_THRESHOLD);
            d.put("sign", 1);
        }
        if (disentanglement != null) {
            for (JsonNode a : disentanglement.path("alignment")) {
                if (a.path("dimension").isNull() || a.path("dimension").isMissingNode()) {
                    continue;
                }
                int u = a.path("dimension").asInt();
                for (JsonNode d : dims) {
                    if (d.path("dim").asInt() == u) {
                        // oriented so that moving right increases the attribute
                        ((ObjectNode) d).put("sign", a.path("spearman").asDouble() < 0 ? -1 : 1);
                        ((ObjectNode) d)
                                .put(
                                        "label",
                                        String.format(
                                                Locale.ROOT,
                                                "z%d - %s, |rho| %.2f",
                                                u,
                                                a.path("attribute").asText(),
                                                Math.abs(a.path("spearman").asDouble())));
                    }
                }
            }
        }
    }

    /** The first test images, each with its pixels, code and label. */
    private static void gallery(ArrayNode gallery, Dataset test, Encodings codes) {
        int n = Math.min(GALLERY, test.size());
        int[] labels = test.labels().orElse(null);
        for (int i = 0; i < n; i++) {
            ObjectNode g = gallery.addObject();
            g.put("index", i);
            byte[] px = new byte[test.dataSize()];
            float[] image = test.image(i);
            for (int p = 0; p < px.length; p++) {
                px[p] = (byte) Math.round(255 * Math.max(0, Math.min(1, image[p])));
            }
            g.put("pixels", Base64.getEncoder().encodeToString(px));
            ArrayNode code = g.putArray("code");
            for (double v : codes.mean()[i]) {
                code.add(Math.round(v * 1e4) / 1e4);
            }
            if (labels != null) {
                g.put("label", labels[i]);
            }
        }
    }

    private static String base64(float[] values) {
        ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(values);
        return Base64.getEncoder().encodeToString(b.array());
    }

    private static String template() {
        try (InputStream in = Explorer.class.getResourceAsStream("explorer.html")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("the explorer template is missing from the vae4j jar", e);
        }
    }
}
