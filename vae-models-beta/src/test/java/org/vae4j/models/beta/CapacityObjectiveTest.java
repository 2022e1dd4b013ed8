package org.vae4j.models.beta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.vae4j.api.ConfigurationException;
import org.vae4j.api.ObjectiveTerms;
import org.vae4j.api.TrainingProgress;

class CapacityObjectiveTest {
    private final CapacityObjective objective = new CapacityObjective(1000, 0, 25, CapacityRamp.parse("x", "50%"));

    private static TrainingProgress at(double epochs) {
        long steps = 100;
        return new TrainingProgress((int) epochs, 10, Math.round(epochs * steps), steps);
    }

    @Test
    void capacityRisesLinearlyOverTheRampThenHolds() {
        assertThat(objective.capacity(at(0))).isEqualTo(0);
        assertThat(objective.capacity(at(2.5))).isCloseTo(12.5, within(1e-9));
        assertThat(objective.capacity(at(5))).isCloseTo(25, within(1e-9));
        assertThat(objective.capacity(at(9.99))).isCloseTo(25, within(1e-9));
        CapacityObjective byEpochs = new CapacityObjective(10, 5, 15, CapacityRamp.parse("x", "2"));
        assertThat(byEpochs.capacity(at(1))).isCloseTo(10, within(1e-9));
        assertThat(byEpochs.capacity(at(3))).isCloseTo(15, within(1e-9));
    }

    @Test
    void penaltyPullsTheKlTowardsTheCapacityFromBothSides() {
        ObjectiveTerms below = objective.evaluate(80, 10, at(5));
        assertThat(below.value()).isCloseTo(80 + 1000 * 15, within(1e-9));
        assertThat(below.rateWeight()).isEqualTo(-1000);
        ObjectiveTerms above = objective.evaluate(80, 30, at(5));
        assertThat(above.value()).isCloseTo(80 + 1000 * 5, within(1e-9));
        assertThat(above.rateWeight()).isEqualTo(1000);
        assertThat(above.reconstructionWeight()).isEqualTo(1);
    }

    @Test
    void rampTextIsValidatedWithTheOptionName() {
        assertThat(CapacityRamp.parse("capacity-epochs", " 7.5 ").epochs(10)).isEqualTo(7.5);
        assertThat(CapacityRamp.parse("capacity-epochs", "25%").epochs(40)).isEqualTo(10);
        assertThatThrownBy(() -> CapacityRamp.parse("capacity-epochs", "half"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("capacity-epochs=half");
        assertThatThrownBy(() -> CapacityRamp.parse("capacity-epochs", "150%"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("percentage");
    }
}
