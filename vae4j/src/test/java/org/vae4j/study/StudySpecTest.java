package org.vae4j.study;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
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
        for (String name : new String[] {"factors-quick", "factors"}) {
            StudySpec spec = StudySpec.profile(name);
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
}
