package org.vae4j.study;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vae4j.api.ConfigurationException;
import org.vae4j.api.OptimizerKind;

class StudySpecTest {

    @Test
    void paperFaithfulIsThePaperGridWithThePapersOptimizerAndSchedule() {
        StudySpec paper = StudySpec.profile("paper");
        StudySpec faithful = StudySpec.profile("paper-faithful");
        assertThat(faithful.optimizerKind()).isEqualTo(OptimizerKind.ADAGRAD);
        assertThat(faithful.learningRateOrDefault()).isEqualTo(0.01);
        assertThat(faithful.epochs()).isEqualTo(50);
        assertThat(faithful.batchSize()).isEqualTo(100);
        assertThat(faithful.trainImages()).isZero();
        assertThat(faithful.seeds()).isEqualTo(paper.seeds());
        assertThat(faithful.sensitivity()).isEqualTo(paper.sensitivity());
        assertThat(faithful.tradeoff()).isEqualTo(paper.tradeoff());
        assertThat(faithful.scoring()).isEqualTo(paper.scoring());
    }

    @Test
    void aDescriptionWithoutOptimizerTrainsWithAdamAtTheDefaultRateAndIsStoredAsBefore() {
        StudySpec paper = StudySpec.profile("paper");
        assertThat(paper.optimizerKind()).isEqualTo(OptimizerKind.ADAM);
        assertThat(paper.learningRateOrDefault()).isEqualTo(0.001);
        // study.json of a study begun before the fields existed: resuming compares it with the profile
        assertThat(paper.json())
                .doesNotContain("optimizer")
                .doesNotContain("learningRate")
                .doesNotContain("dataset")
                .doesNotContain("points");
        assertThat(paper.datasetOrDefault()).isEqualTo("mnist");
        assertThat(StudySpec.parse(paper.json(), "stored")).isEqualTo(paper);
        StudySpec faithful = StudySpec.profile("paper-faithful");
        assertThat(StudySpec.parse(faithful.json(), "stored")).isEqualTo(faithful);
    }

    @Test
    void badTextNamesWhereItCameFrom() {
        assertThatThrownBy(() -> StudySpec.parse("{\"name\": 1", "the description sent by the driver"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("the description sent by the driver is not a valid study description");
        assertThatThrownBy(() -> StudySpec.profile("faithful")).hasMessageContaining("paper-faithful");
    }

    @Test
    void theFactorsProfilesScoreMnistFactorsAgainstItsTrueFactors() {
        StudySuite suite = StudySuite.profile("factors");
        assertThat(suite.studies()).extracting(StudySpec::name).containsExactly("factors-mnist", "factors-dsprites");
        for (StudySpec spec :
                List.of(StudySpec.profile("factors-quick"), suite.studies().get(0))) {
            assertThat(spec.datasetOrDefault()).isEqualTo("mnist-factors");
            assertThat(spec.scoring().attributes()).containsExactly("thickness", "tilt", "width", "digit");
            assertThat(spec.scoring().metrics()).contains("beta-vae-score", "factor-vae-score", "mig", "dci");
            assertThat(spec.tradeoff().models()).containsExactly("beta-vae", "cvae");
            assertThat(StudySpec.parse(spec.json(), "stored")).isEqualTo(spec);
        }
        assertThat(StudySpec.profile("factors-quick").scoring().points()).isEqualTo(1000);
        String bad = StudySpec.profile("factors-quick").json().replace("\"points\" : 1000", "\"points\" : 1");
        assertThatThrownBy(() -> StudySpec.parse(bad, "edited")).hasMessageContaining("scoring.points must be >= 2");
    }

    @Test
    void theFactorsSuiteTrainsHigginsMlpOnDSpritesAndScoresItsFiveFactors() {
        StudySpec dsprites = StudySuite.profile("factors").studies().get(1);
        assertThat(dsprites.datasetOrDefault()).isEqualTo("dsprites");
        assertThat(dsprites.optionsOrEmpty()).containsExactly(Map.entry("hidden", "1200,1200"));
        assertThat(dsprites.tradeoff().models()).containsExactly("beta-vae");
        assertThat(dsprites.scoring().attributes()).containsExactly("shape", "scale", "orientation", "posX", "posY");
        assertThat(dsprites.heading().settings()).endsWith(", model options {hidden=1200,1200}");
        assertThat(StudySpec.parse(dsprites.json(), "stored")).isEqualTo(dsprites);
        assertThatThrownBy(() -> StudySpec.profile("factors")).hasMessageContaining("factors is a suite of studies");
    }

    @Test
    void aSuiteNeedsStudiesWithDistinctNamesAndChecksEach(@TempDir Path dir) throws Exception {
        String quick = StudySpec.profile("quick").json();
        Path twice = Files.writeString(
                dir.resolve("twice.json"), "{\"name\": \"s\", \"studies\": [" + quick + ", " + quick + "]}");
        assertThat(StudySuite.describesSuite(twice)).isTrue();
        assertThatThrownBy(() -> StudySuite.read(twice))
                .hasMessage(twice + ": two studies are named 'quick'; each runs in the folder of its name, so names"
                        + " must differ (see docs/study.md)");
        Path none = Files.writeString(dir.resolve("none.json"), "{\"name\": \"s\", \"studies\": []}");
        assertThatThrownBy(() -> StudySuite.read(none)).hasMessageContaining("studies must list at least one study");
        Path badEpochs = Files.writeString(
                dir.resolve("bad.json"),
                "{\"name\": \"s\", \"studies\": [" + quick.replace("\"epochs\" : 3", "\"epochs\" : 0") + "]}");
        assertThatThrownBy(() -> StudySuite.read(badEpochs))
                .hasMessage(badEpochs + ", study 1: epochs must be >= 1 (see docs/study.md)");
        Path single = Files.writeString(dir.resolve("single.json"), quick);
        assertThat(StudySuite.describesSuite(single)).isFalse();
        assertThat(StudySuite.describesSuite(Files.writeString(dir.resolve("junk.json"), "[1, 2")))
                .isFalse();
    }

    @Test
    void optionsGoToEveryModelButBetaStaysWithTheGrid() {
        String quick = StudySpec.profile("quick").json();
        String withBeta = quick.replace("\"trainImages\"", "\"options\" : {\"beta\": \"2\"}, \"trainImages\"");
        assertThatThrownBy(() -> StudySpec.parse(withBeta, "edited"))
                .hasMessage("edited: options must map option names to values, and leave beta to the trade-off grid"
                        + " (see docs/study.md)");
        String hidden = quick.replace("\"trainImages\"", "\"options\" : {\"hidden\": \"64\"}, \"trainImages\"");
        assertThat(StudySpec.parse(hidden, "edited").optionsOrEmpty()).containsExactly(Map.entry("hidden", "64"));
        assertThat(StudySpec.profile("quick").optionsOrEmpty()).isEmpty();
        assertThat(quick).doesNotContain("options");
    }
}
