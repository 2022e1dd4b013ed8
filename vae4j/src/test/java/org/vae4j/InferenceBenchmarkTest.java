package org.vae4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vae4j.api.data.DatasetPair;

class InferenceBenchmarkTest {
    @TempDir
    Path dir;

    @Test
    void percentilesAreNearestRankOnSortedLatencies() {
        long[] ms = new long[10];
        for (int i = 0; i < 10; i++) {
            ms[i] = (i + 1) * 1_000_000L;
        }
        assertThat(InferenceBenchmark.percentile(ms, 0.50)).isEqualTo(5.0);
        assertThat(InferenceBenchmark.percentile(ms, 0.90)).isEqualTo(9.0);
        assertThat(InferenceBenchmark.percentile(ms, 0.99)).isEqualTo(10.0);
        assertThat(InferenceBenchmark.percentile(new long[] {3_500_000L}, 0.5)).isEqualTo(3.5);
        assertThat(InferenceBenchmark.percentile(new long[0], 0.5)).isZero();
    }

    @Test
    void everyCellIsMeasuredInOrderOnAConditionalModel() {
        DatasetPair data = Vae4jTest.synthetic(200, 50, 3);
        try (Vae4j vae =
                Vae4j.builder().threads(1).cacheDirectory(dir.resolve("cache")).build()) {
            TrainedVae m = vae.trainer("cvae")
                    .latentDims(3)
                    .epochs(1)
                    .option("hidden", 16)
                    .train(data);
            List<String> lines = new ArrayList<>();
            List<InferenceBenchmark.Row> rows = InferenceBenchmark.builder(m, data.test())
                    .threads(1, 3)
                    .batches(2, 7)
                    .seconds(0.2, 0.05)
                    .log(lines::add)
                    .run();
            assertThat(rows)
                    .extracting(InferenceBenchmark.Row::threads, InferenceBenchmark.Row::batch)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple(1, 2),
                            org.assertj.core.groups.Tuple.tuple(1, 7),
                            org.assertj.core.groups.Tuple.tuple(3, 2),
                            org.assertj.core.groups.Tuple.tuple(3, 7));
            for (InferenceBenchmark.Row r : rows) {
                assertThat(r.calls()).isPositive();
                InferenceBenchmark.Latency l = r.latency();
                assertThat(l.p50Millis()).isPositive().isLessThanOrEqualTo(l.p90Millis());
                assertThat(l.p90Millis()).isLessThanOrEqualTo(l.p99Millis());
                assertThat(l.p99Millis()).isLessThanOrEqualTo(l.maxMillis());
                assertThat(r.imagesPerSecond())
                        .isCloseTo(r.callsPerSecond() * r.batch(), org.assertj.core.data.Offset.offset(1e-6));
                assertThat(r.seconds()).isGreaterThanOrEqualTo(0.2);
            }
            assertThat(lines).hasSize(4);
            assertThat(lines.get(3)).startsWith(" 3 thread(s), batch   7:");
        }
    }

    @Test
    void settingsOutsideTheirRangeAreRefusedWithTheSetting() {
        DatasetPair data = Vae4jTest.synthetic(100, 20, 4);
        try (Vae4j vae =
                Vae4j.builder().threads(1).cacheDirectory(dir.resolve("cache")).build()) {
            TrainedVae m = vae.trainer("vae")
                    .latentDims(2)
                    .epochs(1)
                    .option("hidden", 8)
                    .train(data);
            InferenceBenchmark.Builder b = InferenceBenchmark.builder(m, data.test());
            assertThatThrownBy(() -> b.threads()).hasMessage("concurrency must list thread counts in 1..1024, got []");
            assertThatThrownBy(() -> b.batches(0)).hasMessage("batches must list batch sizes in 1..100000, got [0]");
            assertThatThrownBy(() -> b.seconds(0, 1))
                    .hasMessage("seconds must be in (0, 3600] and the warm-up in [0, 3600], got 0.0 and 1.0");
        }
    }
}
