package org.vae4j.analysis;

import java.util.Locale;
import java.util.function.Consumer;
import org.vae4j.analysis.Disentanglement.Aligned;
import org.vae4j.api.metrics.MetricResult;

/** The text summary of a {@link Disentanglement} that {@code ./vae disentanglement} prints. */
final class DisentanglementText {
    private DisentanglementText() {}

    /** DCI's completeness and (test) informativeness, for the summary line; empty for other metrics. */
    private static String dciDetails(MetricResult r) {
        Object informativeness = r.details().containsKey("informativenessTest")
                ? r.details().get("informativenessTest")
                : r.details().get("informativeness");
        if (!(r.details().get("completeness") instanceof Double c) || !(informativeness instanceof Double i)) {
            return "";
        }
        return String.format(Locale.ROOT, " (completeness %.3f, informativeness %.3f)", c, i);
    }

    static void describe(Disentanglement d, Consumer<String> out) {
        out.accept(String.format(
                Locale.ROOT,
                "%s on %d test images, attributes %s%s",
                d.title(),
                d.images(),
                d.attributes(),
                d.protocol() == Protocol.VAE4J
                        ? ""
                        : ", protocol " + d.protocol().id()));
        d.metrics()
                .forEach((name, r) ->
                        out.accept(String.format(Locale.ROOT, "  %-12s %.3f%s", name, r.value(), dciDetails(r))));
        out.accept("alignment (" + d.alignedBy() + ", optimal one-to-one):");
        for (Aligned a : d.alignment()) {
            if (a.dimension() < 0) {
                out.accept(String.format(
                        Locale.ROOT,
                        "  %-10s -> unassigned (%d latent dimensions); its strongest is" + " z%d %.3f",
                        a.attribute(),
                        d.latentDims(),
                        a.runnerUpDimension(),
                        a.runnerUpStrength()));
                continue;
            }
            out.accept(String.format(
                    Locale.ROOT,
                    "  %-10s -> z%d  strength %.3f (rho %+.3f); runner-up z%d %.3f%s",
                    a.attribute(),
                    a.dimension(),
                    a.strength(),
                    a.spearman(),
                    a.runnerUpDimension(),
                    a.runnerUpStrength(),
                    a.competingAttribute() == null
                            ? ""
                            : String.format(
                                    Locale.ROOT,
                                    "; z%d's next attribute %s %.3f",
                                    a.dimension(),
                                    a.competingAttribute(),
                                    a.competingStrength())));
        }
    }
}
