package org.vae4j.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.vae4j.analysis.StudyResults.ConditioningRow;
import org.vae4j.analysis.StudyResults.TradeoffRow;
import org.vae4j.analysis.StudyResults.Trial;

class StudyResultsTest {
    private static final StudyResults.Plan PLAN = new StudyResults.Plan(
            List.of("beta-vae", "cvae"), List.of(1.0, 4.0), List.of("mig"), List.of("slant", "width"), 2.0);

    private static Trial sensitivity(int z, long seed, double negElbo) {
        return new Trial(
                new StudyResults.Cell("sensitivity", "vae", z, 1, seed), Path.of("m"), Map.of("negElbo", negElbo));
    }

    private static Trial tradeoff(
            String model, double beta, long seed, double d, double mig, double slant, double width) {
        return new Trial(
                new StudyResults.Cell("tradeoff", model, 3, beta, seed),
                Path.of(model + beta + seed),
                Map.of("D", d, "KL", 10 - d, "negElbo", 10.0, "mig", mig, "align:slant", slant, "align:width", width));
    }

    @Test
    void aSpreadIsTheMeanAndSampleDeviationOfTheFiniteValues() {
        Spread s = Spread.of(Arrays.asList(1.0, 2.0, 3.0, Double.NaN, null, Double.POSITIVE_INFINITY));
        assertThat(s.mean()).isEqualTo(2.0);
        assertThat(s.sd()).isEqualTo(1.0);
        assertThat(s.n()).isEqualTo(3);
        assertThat(Spread.of(List.of(5.0))).isEqualTo(new Spread(5, 0, 1));
        assertThat(Spread.of(List.of()).n()).isZero();
        assertThat(Spread.of(List.of()).mean()).isNaN();
    }

    @Test
    void theKneeIsTheSmallestSizeWithinTheToleranceOfTheBestMean() {
        List<Trial> trials = List.of(
                sensitivity(2, 1, 110),
                sensitivity(2, 2, 112),
                sensitivity(3, 1, 105),
                sensitivity(3, 2, 107),
                sensitivity(4, 1, 104.5),
                sensitivity(4, 2, 105.5));
        // means 111, 106, 105: within 2 nats of 105 is z = 3; within 0.5 only z = 4
        assertThat(StudyResults.knee(trials, 2.0)).hasValue(3);
        assertThat(StudyResults.knee(trials, 0.5)).hasValue(4);
        assertThat(StudyResults.knee(trials, 6.0)).hasValue(2);
        assertThat(StudyResults.knee(List.of(), 2.0)).isEmpty();
        StudyResults r = StudyResults.of(trials, PLAN, 3);
        assertThat(r.kneeOrNone()).isEqualTo(3);
        assertThat(r.sensitivityRows())
                .extracting(StudyResults.SensitivityRow::latentDims)
                .containsExactly(2, 3, 4);
        assertThat(r.sensitivityRows().get(1).negElbo()).isEqualTo(new Spread(106, Math.sqrt(2), 2));
    }

    @Test
    void theParetoFrontKeepsPointsNoOtherBeatsOnBothAxes() {
        List<double[]> points = List.of(
                new double[] {10, 0.1},
                new double[] {9, 0.2},
                new double[] {8, 0.05},
                new double[] {9, 0.2},
                new double[] {12, 0.3},
                new double[] {12, 0.25});
        // (10, 0.1) is beaten by (9, 0.2); equal points do not beat each other; (12, 0.25) by (12, 0.3)
        assertThat(ParetoFront.of(points)).containsExactly(false, true, true, true, true, false);
    }

    @Test
    void tradeoffRowsComeByModelThenBetaWithTheirFrontAndAlignment() {
        List<Trial> trials = new ArrayList<>();
        trials.add(tradeoff("cvae", 4, 1, 8, 0.5, 0.4, 0.2));
        trials.add(tradeoff("beta-vae", 4, 1, 9, 0.3, 0.6, 0.4));
        trials.add(tradeoff("beta-vae", 1, 1, 7, 0.1, 0.2, 0.2));
        trials.add(tradeoff("beta-vae", 1, 2, 7, 0.3, 0.2, 0.2));
        trials.add(new Trial(
                new StudyResults.Cell("tradeoff", "beta-vae", 5, 1, 1),
                Path.of("other z"),
                Map.of("D", 0.0, "mig", 1.0)));
        StudyResults r = StudyResults.of(trials, PLAN, 3);
        List<TradeoffRow> rows = r.tradeoffRows();
        assertThat(rows).extracting(TradeoffRow::model).containsExactly("beta-vae", "beta-vae", "cvae");
        assertThat(rows).extracting(TradeoffRow::beta).containsExactly(1.0, 4.0, 4.0);
        assertThat(r.tradeoffMeasures()).containsExactly("D", "KL", "negElbo", "mig", "align:slant", "align:width");
        assertThat(rows.get(0).measures().keySet()).containsExactlyElementsOf(r.tradeoffMeasures());
        assertThat(rows.get(0).measures().get("mig").mean()).isCloseTo(0.2, within(1e-12));
        // points (D, mig): (7, 0.2), (9, 0.3), (8, 0.5): (9, 0.3) is beaten by (8, 0.5)
        assertThat(rows).extracting(TradeoffRow::paretoFront).containsExactly(true, false, true);
        assertThat(rows).extracting(TradeoffRow::meanAlignment).containsExactly(0.2, 0.5, 0.30000000000000004);
        assertThat(r.frontMetric()).isEqualTo("mig");
        assertThat(r.bestAligned()).get().extracting(Trial::model, Trial::beta).containsExactly("beta-vae", 4.0);
    }

    @Test
    void conditioningPairsTheModelsBySeed() {
        List<Trial> trials = List.of(
                tradeoff("beta-vae", 1, 1, 7, 0.1, 0.2, 0.2),
                tradeoff("beta-vae", 1, 2, 7, 0.3, 0.2, 0.2),
                tradeoff("cvae", 1, 1, 7, 0.2, 0.2, 0.2),
                tradeoff("cvae", 1, 2, 7, 0.25, 0.2, 0.2),
                tradeoff("cvae", 1, 3, 7, 0.9, 0.2, 0.2));
        StudyResults.Conditioning c =
                StudyResults.of(trials, PLAN, 3).conditioning().orElseThrow();
        assertThat(c.plain()).isEqualTo("beta-vae");
        assertThat(c.conditional()).isEqualTo("cvae");
        // per beta (1, then 4 with no trials) the measures mig, align:slant, align:width
        assertThat(c.rows())
                .extracting(ConditioningRow::beta, ConditioningRow::measure)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(1.0, "mig"),
                        org.assertj.core.groups.Tuple.tuple(1.0, "align:slant"),
                        org.assertj.core.groups.Tuple.tuple(1.0, "align:width"),
                        org.assertj.core.groups.Tuple.tuple(4.0, "mig"),
                        org.assertj.core.groups.Tuple.tuple(4.0, "align:slant"),
                        org.assertj.core.groups.Tuple.tuple(4.0, "align:width"));
        ConditioningRow mig = c.rows().get(0);
        // seed 3 has no plain partner: differences 0.2 - 0.1 and 0.25 - 0.3
        assertThat(mig.difference().mean()).isCloseTo(0.025, within(1e-12));
        assertThat(mig.difference().sd()).isCloseTo(Math.sqrt(2 * 0.075 * 0.075), within(1e-12));
        assertThat(mig.pairs().text()).isEqualTo("1/2");
        assertThat(mig.conditional().mean()).isCloseTo(0.45, within(1e-12));
        assertThat(c.rows().get(3).pairs().text()).isEqualTo("0/0");
        assertThat(StudyResults.of(
                                trials,
                                new StudyResults.Plan(List.of("beta-vae"), List.of(1.0), List.of("mig"), List.of(), 1),
                                3)
                        .conditioning())
                .isEmpty();
    }

    @Test
    void aPointWithEqualScoreAndLowerReconstructionDominates() {
        assertThat(ParetoFront.of(List.of(new double[] {9, 0.2}, new double[] {8, 0.2})))
                .containsExactly(false, true);
        assertThat(ParetoFront.of(List.of(new double[] {8, 0.1}, new double[] {8, 0.2})))
                .containsExactly(false, true);
    }

    @Test
    void theFrontIsDrawnAgainstMigWhenScoredElseTheFirstMetric() {
        StudyResults.Plan both =
                new StudyResults.Plan(List.of("beta-vae"), List.of(1.0), List.of("sap", "mig"), List.of(), 1);
        StudyResults.Plan sapOnly =
                new StudyResults.Plan(List.of("beta-vae"), List.of(1.0), List.of("sap", "dci"), List.of(), 1);
        assertThat(StudyResults.of(List.of(), both, 3).frontMetric()).isEqualTo("mig");
        assertThat(StudyResults.of(List.of(), sapOnly, 3).frontMetric()).isEqualTo("sap");
    }

    @Test
    void cvaeIsTheConditionalModelWhereverItIsListedAndEqualSeedsAreNotHigher() {
        StudyResults.Plan cvaeFirst =
                new StudyResults.Plan(List.of("cvae", "beta-vae"), List.of(1.0), List.of("mig"), List.of(), 1);
        List<Trial> trials = List.of(tradeoff("beta-vae", 1, 1, 7, 0.3, 0, 0), tradeoff("cvae", 1, 1, 7, 0.3, 0, 0));
        StudyResults.Conditioning c =
                StudyResults.of(trials, cvaeFirst, 3).conditioning().orElseThrow();
        assertThat(c.plain()).isEqualTo("beta-vae");
        assertThat(c.conditional()).isEqualTo("cvae");
        assertThat(c.rows().get(0).pairs().text()).isEqualTo("0/1");
        assertThat(c.rows().get(0).difference().mean()).isZero();
        StudyResults.Plan neither =
                new StudyResults.Plan(List.of("a", "b"), List.of(1.0), List.of("mig"), List.of(), 1);
        StudyResults.Conditioning ab =
                StudyResults.of(List.of(), neither, 3).conditioning().orElseThrow();
        assertThat(ab.plain()).isEqualTo("a");
        assertThat(ab.conditional()).isEqualTo("b");
    }

    @Test
    void theFirstOfEquallyAlignedTrialsIsTheBest() {
        List<Trial> trials = List.of(
                tradeoff("beta-vae", 1, 1, 7, 0.1, 0.4, 0.2),
                tradeoff("beta-vae", 4, 1, 8, 0.1, 0.2, 0.4),
                sensitivity(2, 1, 100));
        assertThat(StudyResults.of(trials, PLAN, 3).bestAligned())
                .get()
                .extracting(Trial::beta)
                .isEqualTo(1.0);
        assertThat(StudyResults.of(List.of(sensitivity(2, 1, 100)), PLAN, 3).bestAligned())
                .isEmpty();
    }
}
