package org.vae4j.metrics.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.vae4j.api.metrics.MetricContext;

/** The split and bins every score uses, at the edges of their arguments. */
class MetricContextTest {
    @Test
    void argumentsAreCheckedAtTheirLimits() {
        assertThat(new MetricContext(0, 0.5, 2).bins()).isEqualTo(2);
        for (double fraction : new double[] {0, 1, Double.NaN}) {
            assertThatThrownBy(() -> new MetricContext(0, fraction, 20))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("need 0 < trainFraction < 1, bins >= 2 and trainRows >= 0");
        }
        assertThatThrownBy(() -> new MetricContext(0, 0.8, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MetricContext(0, 0.8, 20, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThat(MetricContext.DEFAULT.withTrainRows(1).trainRows()).isEqualTo(1);
        assertThatThrownBy(() -> MetricContext.DEFAULT.withTrainRows(0)).hasMessage("trainRows must be >= 1, got 0");
    }

    @Test
    void trainRowsSplitInOrderAndLeaveAtLeastOneToTest() {
        int[][] split = MetricContext.DEFAULT.withTrainRows(4).split(5);
        assertThat(split[0]).containsExactly(0, 1, 2, 3);
        assertThat(split[1]).containsExactly(4);
        assertThatThrownBy(() -> MetricContext.DEFAULT.withTrainRows(5).split(5))
                .hasMessage("trainRows 5 leaves none of the 5 examples to test");
    }

    @Test
    void theShuffledSplitIsSeededAndCoversEveryExampleOnce() {
        int[][] a = new MetricContext(3, 0.8, 20).split(50);
        assertThat(a[0]).hasSize(40);
        assertThat(a[1]).hasSize(10);
        int[] all = IntStream.concat(Arrays.stream(a[0]), Arrays.stream(a[1]))
                .sorted()
                .toArray();
        assertThat(all).isEqualTo(IntStream.range(0, 50).toArray());
        assertThat(new MetricContext(3, 0.8, 20).split(50)).isDeepEqualTo(a);
        assertThat(new MetricContext(4, 0.8, 20).split(50)[0]).isNotEqualTo(a[0]);
        assertThat(a[0])
                .as("shuffled, not the first 40")
                .isNotEqualTo(IntStream.range(0, 40).toArray());
        int[][] two = new MetricContext(0, 0.99, 20).split(2);
        assertThat(two[0]).hasSize(1);
        assertThat(two[1]).hasSize(1);
        assertThat(new MetricContext(0, 0.01, 20).split(10)[0])
                .as("at least one example fits")
                .hasSize(1);
    }
}
