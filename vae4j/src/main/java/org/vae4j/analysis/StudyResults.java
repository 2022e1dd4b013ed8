package org.vae4j.analysis;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A study's numbers, from its finished trials: the latent-size sensitivity and its knee, the
 * reconstruction/disentanglement trade-off over beta with its Pareto front, the conditioning
 * comparison paired by seed, and the trial with the strongest alignment. Every number is a mean with
 * its standard deviation over seeds. {@code org.vae4j.study.Study} gathers the trials and
 * {@code org.vae4j.report.StudyReport} renders what is computed here.
 */
public final class StudyResults {
    private final Plan plan;
    private final int tradeoffLatent;
    private final List<Trial> trials;

    /**
     * What the study varied and scored, as the results are grouped by.
     *
     * @param tradeoffModels the trade-off phase's models, in order
     * @param betas the trade-off phase's betas
     * @param metrics the scored metrics
     * @param attributes the aligned attributes
     * @param kneeTolerance nats within the best mean -ELBO that the knee may lie
     */
    public record Plan(
            List<String> tradeoffModels,
            List<Double> betas,
            List<String> metrics,
            List<String> attributes,
            double kneeTolerance) {
        /** Copies the lists. */
        public Plan {
            tradeoffModels = List.copyOf(tradeoffModels);
            betas = List.copyOf(betas);
            metrics = List.copyOf(metrics);
            attributes = List.copyOf(attributes);
        }
    }

    /**
     * A cell of the study's grid.
     *
     * @param phase {@code sensitivity} or {@code tradeoff}
     * @param model the model name
     * @param latent z
     * @param beta beta
     * @param seed the seed
     */
    public record Cell(String phase, String model, int latent, double beta, long seed) {}

    /**
     * One finished trial's numbers.
     *
     * @param cell its cell of the grid
     * @param modelDir the trial's model directory
     * @param values its numbers by key: {@code negElbo}, {@code D}, {@code KL}, {@code iwLogLikelihood},
     *     {@code activeUnits}, each scored metric, and {@code align:ATTRIBUTE}
     */
    public record Trial(Cell cell, Path modelDir, Map<String, Double> values) {
        /** {@return {@code sensitivity} or {@code tradeoff}} */
        public String phase() {
            return cell.phase();
        }

        /** {@return the model name} */
        public String model() {
            return cell.model();
        }

        /** {@return z} */
        public int latent() {
            return cell.latent();
        }

        /** {@return beta} */
        public double beta() {
            return cell.beta();
        }

        /** {@return the seed} */
        public long seed() {
            return cell.seed();
        }
    }

    /**
     * One latent size of the sensitivity phase.
     *
     * @param latentDims z
     * @param negElbo the test -ELBO
     * @param iwLogLikelihood the importance-weighted log-likelihood
     * @param reconstruction D
     * @param kl KL
     * @param activeUnits the active units
     */
    public record SensitivityRow(
            int latentDims,
            Spread negElbo,
            Spread iwLogLikelihood,
            Spread reconstruction,
            Spread kl,
            Spread activeUnits) {}

    /**
     * One model and beta of the trade-off phase.
     *
     * @param model the model
     * @param beta beta
     * @param measures each measure's spread, by key (see {@link #tradeoffMeasures()})
     * @param meanAlignment the mean over attributes of their mean alignment strength
     * @param paretoFront whether (D, front metric) is on the Pareto front
     */
    public record TradeoffRow(
            String model, double beta, Map<String, Spread> measures, double meanAlignment, boolean paretoFront) {
        /** Copies the measures, keeping their order. */
        public TradeoffRow {
            measures = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(measures));
        }
    }

    /**
     * How many seeds had the conditional model higher, of the seeds both models finished.
     *
     * @param higher seeds with a positive difference
     * @param pairs seeds paired
     */
    public record Pairs(int higher, int pairs) {
        /** {@return {@code higher/pairs}} */
        public String text() {
            return higher + "/" + pairs;
        }
    }

    /**
     * One beta and measure of the conditioning comparison.
     *
     * @param beta beta
     * @param measure the measure's key
     * @param plain its spread for the plain model
     * @param conditional its spread for the conditional model
     * @param difference the spread of the per-seed differences (conditional - plain)
     * @param pairs how many seeds had the conditional model higher
     */
    public record ConditioningRow(
            double beta, String measure, Spread plain, Spread conditional, Spread difference, Pairs pairs) {}

    /**
     * The conditional model against the plain one at equal beta and z.
     *
     * @param plain the plain model's name
     * @param conditional the conditional model's name
     * @param rows one per beta and measure
     */
    public record Conditioning(String plain, String conditional, List<ConditioningRow> rows) {}

    private StudyResults(Plan plan, int tradeoffLatent, List<Trial> trials) {
        this.plan = plan;
        this.tradeoffLatent = tradeoffLatent;
        this.trials = List.copyOf(trials);
    }

    /**
     * {@return the results of finished trials}
     *
     * @param trials the finished trials
     * @param plan what the study varied and scored
     * @param tradeoffLatent the z of the trade-off phase
     */
    public static StudyResults of(List<Trial> trials, Plan plan, int tradeoffLatent) {
        return new StudyResults(plan, tradeoffLatent, trials);
    }

    /**
     * {@return the knee of the finished sensitivity trials: the smallest latent size whose mean test
     * -ELBO is within {@code tolerance} nats of the best mean; empty when none has finished}
     *
     * @param trials the finished trials (those of other phases are passed over)
     * @param tolerance nats
     */
    public static OptionalInt knee(List<Trial> trials, double tolerance) {
        NavigableMap<Integer, List<Trial>> byZ = sensitivity(trials);
        if (byZ.isEmpty()) {
            return OptionalInt.empty();
        }
        double best = byZ.values().stream()
                .mapToDouble(rs -> spread(rs, "negElbo").mean())
                .min()
                .orElseThrow();
        for (Map.Entry<Integer, List<Trial>> e : byZ.entrySet()) {
            if (spread(e.getValue(), "negElbo").mean() <= best + tolerance) {
                return OptionalInt.of(e.getKey());
            }
        }
        return OptionalInt.of(byZ.lastKey());
    }

    /** {@return what the study varied and scored} */
    public Plan plan() {
        return plan;
    }

    /** {@return the z of the trade-off phase} */
    public int tradeoffLatent() {
        return tradeoffLatent;
    }

    /** {@return every finished trial, by folder name} */
    public List<Trial> trials() {
        return trials;
    }

    /** {@return the knee, or -1 when no sensitivity trial has finished} */
    public int kneeOrNone() {
        return knee(trials, plan.kneeTolerance()).orElse(-1);
    }

    /** {@return one row per latent size of the finished sensitivity trials, by z} */
    public List<SensitivityRow> sensitivityRows() {
        List<SensitivityRow> rows = new ArrayList<>();
        for (Map.Entry<Integer, List<Trial>> e : sensitivity(trials).entrySet()) {
            List<Trial> rs = e.getValue();
            rows.add(new SensitivityRow(
                    e.getKey(),
                    spread(rs, "negElbo"),
                    spread(rs, "iwLogLikelihood"),
                    spread(rs, "D"),
                    spread(rs, "KL"),
                    spread(rs, "activeUnits")));
        }
        return rows;
    }

    /** {@return the metric the Pareto front is drawn against: {@code mig} if scored, else the first metric} */
    public String frontMetric() {
        List<String> scores = plan.metrics();
        return scores.contains("mig") ? "mig" : scores.get(0);
    }

    /** {@return the keys of a trade-off row's measures: D, KL, -ELBO, the metrics, then {@code align:ATTRIBUTE}} */
    public List<String> tradeoffMeasures() {
        List<String> keys = new ArrayList<>(List.of("D", "KL", "negElbo"));
        keys.addAll(scoredMeasures());
        return keys;
    }

    /** The keys of what the trials are scored on: the metrics, then {@code align:ATTRIBUTE}. */
    private List<String> scoredMeasures() {
        List<String> keys = new ArrayList<>(plan.metrics());
        plan.attributes().forEach(a -> keys.add("align:" + a));
        return keys;
    }

    /** {@return one row per trade-off model (in the description's order) and beta (ascending), at the trade-off z} */
    public List<TradeoffRow> tradeoffRows() {
        Map<String, NavigableMap<Double, List<Trial>>> byModel = tradeoffByModel();
        List<double[]> points = new ArrayList<>();
        String front = frontMetric();
        for (NavigableMap<Double, List<Trial>> m : byModel.values()) {
            for (List<Trial> rs : m.values()) {
                points.add(
                        new double[] {spread(rs, "D").mean(), spread(rs, front).mean()});
            }
        }
        boolean[] onFront = ParetoFront.of(points);
        List<String> keys = tradeoffMeasures();
        List<TradeoffRow> rows = new ArrayList<>();
        int p = 0;
        for (Map.Entry<String, NavigableMap<Double, List<Trial>>> m : byModel.entrySet()) {
            for (Map.Entry<Double, List<Trial>> b : m.getValue().entrySet()) {
                Map<String, Spread> measures = new LinkedHashMap<>();
                for (String key : keys) {
                    measures.put(key, spread(b.getValue(), key));
                }
                rows.add(new TradeoffRow(
                        m.getKey(),
                        b.getKey(),
                        measures,
                        meanAlignment(b.getValue(), plan.attributes()),
                        onFront[p++]));
            }
        }
        return rows;
    }

    /**
     * {@return the conditioning comparison when the trade-off has two models or more: {@code cvae} (or the
     * second model) against the first other one, per beta and measure, paired by seed}
     */
    public Optional<Conditioning> conditioning() {
        Map<String, NavigableMap<Double, List<Trial>>> byModel = tradeoffByModel();
        if (byModel.size() < 2) {
            return Optional.empty();
        }
        List<String> models = new ArrayList<>(byModel.keySet());
        String plain = models.get(0);
        String conditional =
                models.stream().filter(m -> m.equals("cvae")).findFirst().orElse(models.get(1));
        if (conditional.equals(plain)) {
            plain = models.get(1);
        }
        List<String> measures = scoredMeasures();
        List<ConditioningRow> rows = new ArrayList<>();
        for (double beta : plan.betas()) {
            List<Trial> a = byModel.get(plain).getOrDefault(beta, List.of());
            List<Trial> b = byModel.get(conditional).getOrDefault(beta, List.of());
            for (String key : measures) {
                List<Double> diffs = new ArrayList<>();
                int better = 0;
                for (Trial rb : b) {
                    for (Trial ra : a) {
                        if (ra.seed() == rb.seed()) {
                            double diff = rb.values().getOrDefault(key, Double.NaN)
                                    - ra.values().getOrDefault(key, Double.NaN);
                            diffs.add(diff);
                            better += diff > 0 ? 1 : 0;
                        }
                    }
                }
                rows.add(new ConditioningRow(
                        beta, key, spread(a, key), spread(b, key), Spread.of(diffs), new Pairs(better, diffs.size())));
            }
        }
        return Optional.of(new Conditioning(plain, conditional, rows));
    }

    /** {@return the trade-off trial with the highest mean alignment strength of the scored attributes, if any} */
    public Optional<Trial> bestAligned() {
        Trial best = null;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (Trial r : trials) {
            double s = meanAlignment(List.of(r), plan.attributes());
            if (r.phase().equals("tradeoff") && s > bestScore) {
                bestScore = s;
                best = r;
            }
        }
        return Optional.ofNullable(best);
    }

    /** Sensitivity trials by latent size. */
    private static NavigableMap<Integer, List<Trial>> sensitivity(List<Trial> trials) {
        NavigableMap<Integer, List<Trial>> byZ = new java.util.TreeMap<>();
        for (Trial r : trials) {
            if (r.phase().equals("sensitivity")) {
                byZ.computeIfAbsent(r.latent(), k -> new ArrayList<>()).add(r);
            }
        }
        return byZ;
    }

    /** Trade-off trials at the trade-off z by model (every model of the description) and beta. */
    private Map<String, NavigableMap<Double, List<Trial>>> tradeoffByModel() {
        Map<String, NavigableMap<Double, List<Trial>>> byModel = new LinkedHashMap<>();
        for (String model : plan.tradeoffModels()) {
            byModel.put(model, new java.util.TreeMap<>());
        }
        for (Trial r : trials) {
            if (r.phase().equals("tradeoff") && r.latent() == tradeoffLatent && byModel.containsKey(r.model())) {
                byModel.get(r.model())
                        .computeIfAbsent(r.beta(), k -> new ArrayList<>())
                        .add(r);
            }
        }
        return byModel;
    }

    private static Spread spread(List<Trial> rs, String key) {
        return Spread.of(
                rs.stream().map(r -> r.values().getOrDefault(key, Double.NaN)).toList());
    }

    /** Mean over the attributes that have a dimension (all of them unless z is smaller) of their strength. */
    private static double meanAlignment(List<Trial> rs, List<String> attributes) {
        double sum = 0;
        int n = 0;
        for (String a : attributes) {
            double m = spread(rs, "align:" + a).mean();
            if (Double.isFinite(m)) {
                sum += m;
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }
}
