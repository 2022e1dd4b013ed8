package org.vae4j.analysis;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.vae4j.Vae4j;
import org.vae4j.api.ConfigurationException;
import org.vae4j.api.VaeException;
import org.vae4j.api.metrics.Factors;
import org.vae4j.api.metrics.MetricContext;
import org.vae4j.api.metrics.MetricResult;
import org.vae4j.internal.Internals;
import org.vae4j.internal.Json;
import org.vae4j.internal.Session;

/**
 * Disentanglement scores of any representation: codes and factors read from files (see
 * {@link Representation}), scored by the registered metrics with vae4j's or disentanglement_lib's
 * definitions ({@link Protocol}; docs/metrics.md). From {@link #builder(Vae4j, Representation, Representation)};
 * {@link #writeTo} saves them as JSON with the inputs' SHA-256.
 *
 * @param protocol the definitions used
 * @param codes the codes
 * @param factors the factors
 * @param discrete which factor columns were scored as discrete
 * @param context the split and bins
 * @param results each metric's result, in the order asked
 */
public record Scores(
        Protocol protocol,
        Representation codes,
        Representation factors,
        boolean[] discrete,
        MetricContext context,
        Map<String, MetricResult> results) {

    /** Writes the scores as one JSON object; returns the file. */
    public Path writeTo(Path file) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("protocol", protocol.id());
        ObjectNode c = root.putObject("codes");
        c.put("file", codes.file().toString());
        c.put("sha256", codes.sha256());
        c.put("rows", codes.rows());
        c.putPOJO("columns", codes.columns());
        ObjectNode f = root.putObject("factors");
        f.put("file", factors.file().toString());
        f.put("sha256", factors.sha256());
        f.putPOJO("columns", factors.columns());
        List<String> kinds = new ArrayList<>();
        for (boolean d : discrete) {
            kinds.add(d ? "discrete" : "continuous");
        }
        f.putPOJO("kinds", kinds);
        ObjectNode split = root.putObject("split");
        if (context.trainRows() > 0) {
            split.put("trainRows", context.trainRows());
            split.put("testRows", codes.rows() - context.trainRows());
        } else {
            split.put("seed", context.seed());
            split.put("trainFraction", context.trainFraction());
        }
        split.put("bins", context.bins());
        root.set("metrics", Json.metricResults(results));
        Json.write(file, root);
        return file;
    }

    /**
     * {@return a scoring of any representation: codes (from vae4j or elsewhere) against labelled factors,
     * both read with {@link Representation#read}}
     *
     * @param vae the library instance whose metrics are used
     * @param codes the codes, one row per example
     * @param factors the factors, one row per example
     */
    public static Builder builder(Vae4j vae, Representation codes, Representation factors) {
        return new Builder(Internals.session(vae), codes, factors);
    }

    /** Configures a scoring; from {@link #builder(Vae4j, Representation, Representation)}. */
    public static final class Builder {
        private final Session session;
        private final Representation codes;
        private final Representation factors;
        private String kinds = "auto";
        private List<String> metrics = List.of("mig", "sap", "dci", "modularity");
        private MetricContext context = MetricContext.DEFAULT;
        private Protocol protocol = Protocol.VAE4J;

        private Builder(Session session, Representation codes, Representation factors) {
            this.session = session;
            this.codes = codes;
            this.factors = factors;
        }

        /**
         * How the factor columns are scored: {@code discrete} or {@code continuous} for all, per column
         * as {@code name:discrete,name:continuous} (names from the CSV header, else {@code c0, c1, ...}),
         * or {@code auto} (the default): a column of integers &gt;= 0 with at most 50 distinct values is
         * discrete, any other continuous.
         *
         * @param spec the kinds
         * @return this builder
         */
        public Builder factorKinds(String spec) {
            this.kinds = spec;
            return this;
        }

        /**
         * The metrics to compute by name (default mig, sap, dci, modularity).
         *
         * @param names registered metric names
         * @return this builder
         */
        public Builder metrics(List<String> names) {
            names.forEach(session::metric);
            this.metrics = List.copyOf(names);
            return this;
        }

        /**
         * The first {@code n} rows fit the predictors and the rest test them, in order
         * (disentanglement_lib's convention); without it, a seeded 80/20 shuffle.
         *
         * @param n rows that fit, at least 1 and fewer than the rows
         * @return this builder
         */
        public Builder trainRows(int n) {
            if (n < 1 || n >= codes.rows()) {
                throw new ConfigurationException("{trainRows} must be between 1 and " + (codes.rows() - 1) + " (the"
                        + " rows of " + codes.file() + " minus one), got " + n);
            }
            this.context = context.withTrainRows(n);
            return this;
        }

        /**
         * The definitions to use: {@code vae4j} (the default) or {@code dlib}
         * (disentanglement_lib's; see {@link Protocol}).
         *
         * @param name the protocol
         * @return this builder
         */
        public Builder protocol(String name) {
            return protocol(Protocol.parse(name));
        }

        /**
         * The definitions to use (default {@link Protocol#VAE4J}).
         *
         * @param protocol the protocol
         * @return this builder
         */
        public Builder protocol(Protocol protocol) {
            this.protocol = protocol;
            return this;
        }

        /** {@return the scores} */
        public Scores run() {
            if (codes.rows() != factors.rows()) {
                throw new VaeException(codes.file() + " has " + codes.rows() + " rows but " + factors.file() + " has "
                        + factors.rows() + "; one row per example in both");
            }
            boolean[] discrete = kinds();
            for (int k = 0; k < discrete.length; k++) {
                if (!discrete[k]) {
                    continue;
                }
                for (int i = 0; i < factors.rows(); i++) {
                    double v = factors.values()[i][k];
                    if (v < 0 || v != Math.rint(v)) {
                        throw new VaeException(factors.file() + ": row " + (i + 1) + ", column " + (k + 1) + " ("
                                + factors.columns().get(k) + ") is " + v + ", not a class (an integer >= 0); mark it"
                                + " continuous with {factorKinds} "
                                + factors.columns().get(k) + ":continuous");
                    }
                }
            }
            Factors f = new Factors(factors.columns(), factors.values(), discrete);
            return new Scores(
                    protocol,
                    codes,
                    factors,
                    discrete,
                    context,
                    protocol.compute(session, metrics, codes.values(), f, context));
        }

        private boolean[] kinds() {
            int n = factors.columns().size();
            boolean[] discrete = new boolean[n];
            if (kinds.equals("discrete") || kinds.equals("continuous")) {
                java.util.Arrays.fill(discrete, kinds.equals("discrete"));
                return discrete;
            }
            for (int k = 0; k < n; k++) {
                discrete[k] = looksDiscrete(k);
            }
            if (kinds.equals("auto")) {
                return discrete;
            }
            for (String part : kinds.split(",")) {
                String[] nameKind = part.strip().split(":");
                int k = factors.columns().indexOf(nameKind[0].strip());
                if (nameKind.length != 2
                        || k < 0
                        || !List.of("discrete", "continuous").contains(nameKind[1].strip())) {
                    throw new ConfigurationException("{factorKinds} " + kinds + ": '" + part.strip() + "' is not"
                            + " NAME:discrete or NAME:continuous with NAME one of " + factors.columns());
                }
                discrete[k] = nameKind[1].strip().equals("discrete");
            }
            return discrete;
        }

        private boolean looksDiscrete(int k) {
            java.util.Set<Double> seen = new java.util.HashSet<>();
            for (double[] row : factors.values()) {
                double v = row[k];
                if (v < 0 || v != Math.rint(v) || (seen.add(v) && seen.size() > 50)) {
                    return false;
                }
            }
            return true;
        }
    }
}
