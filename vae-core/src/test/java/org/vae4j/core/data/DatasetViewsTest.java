package org.vae4j.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.vae4j.api.data.Dataset;
import org.vae4j.api.data.Factor;
import org.vae4j.api.data.FactorSpace;
import org.vae4j.api.data.GroundTruth;
import org.vae4j.core.engine.BatchGatherer;

/**
 * Datasets held as an array and datasets whose images come from a source read alike: copies,
 * views, heads, labels and ground truth, and the batches training gathers from them.
 */
class DatasetViewsTest {
    private static final FactorSpace SPACE = FactorSpace.of(Factor.levels("a", 3), Factor.linspace("b", 0, 1, 4));

    /** 12 images of 2x3 whose every value is {@code image * 10 + pixel}, scaled by 1/200. */
    private static float[] values() {
        float[] px = new float[12 * 6];
        for (int i = 0; i < px.length; i++) {
            px[i] = (i / 6 * 10 + i % 6) / 200f;
        }
        return px;
    }

    private static int[] labels() {
        int[] y = new int[12];
        for (int i = 0; i < 12; i++) {
            y[i] = i % 3;
        }
        return y;
    }

    private static Dataset dense() {
        return Dataset.builder("dense", 12, 2, 3)
                .pixels(values())
                .labels(labels(), 3)
                .groundTruth(GroundTruth.computed(SPACE, (i, k) -> SPACE.levels(i)[k]))
                .build();
    }

    private static Dataset sourced() {
        float[] px = values();
        return Dataset.builder("sourced", 12, 2, 3)
                .images((i, dst, off) -> System.arraycopy(px, i * 6, dst, off, 6))
                .labels(labels(), 3)
                .groundTruth(GroundTruth.computed(SPACE, (i, k) -> SPACE.levels(i)[k]))
                .build();
    }

    @Test
    void bothKindsCopyTheSameImages() {
        for (Dataset d : new Dataset[] {dense(), sourced()}) {
            float[] out = new float[3 * 6 + 1];
            d.copyImages(4, 3, out, 1);
            for (int j = 0; j < 18; j++) {
                assertThat(out[1 + j]).as(d.name()).isEqualTo(values()[4 * 6 + j]);
            }
            assertThat(d.image(11)).containsExactly(java.util.Arrays.copyOfRange(values(), 66, 72));
            assertThatThrownBy(() -> d.copyImages(10, 3, new float[18], 0))
                    .isInstanceOf(IndexOutOfBoundsException.class);
        }
        assertThat(dense().hasPixelArray()).isTrue();
        assertThat(sourced().hasPixelArray()).isFalse();
        assertThatThrownBy(() -> sourced().pixels())
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("dataset sourced")
                .hasMessageContaining("copyImages");
    }

    @Test
    void aSelectionKeepsImagesLabelsAndFactorsInTheOrderGiven() {
        for (Dataset d : new Dataset[] {dense(), sourced()}) {
            Dataset view = d.select(new int[] {7, 2, 9});
            assertThat(view.size()).isEqualTo(3);
            assertThat(view.image(0)).containsExactly(d.image(7));
            assertThat(view.image(2)).containsExactly(d.image(9));
            assertThat(view.labels().orElseThrow()).containsExactly(1, 2, 0);
            GroundTruth truth = view.groundTruth().orElseThrow();
            // image 7 of the grid 3 x 4 is a = 1, b = 3
            assertThat(truth.values(0, 1)[0]).containsExactly(1, 3);
            assertThat(truth.level(1, 1)).isEqualTo(2);
            Dataset head = view.head(2);
            assertThat(head.size()).isEqualTo(2);
            assertThat(head.image(1)).containsExactly(d.image(2));
            assertThat(head.groundTruth().orElseThrow().level(1, 0)).isEqualTo(0);
            assertThatThrownBy(() -> d.select(new int[] {12})).isInstanceOf(IndexOutOfBoundsException.class);
        }
    }

    @Test
    void trainingGathersTheSameBatchesFromBothKinds() {
        int[] order = {5, 0, 11, 3};
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            INDArray a = new BatchGatherer(dense(), type, 3).gather(order, 1, 3).dup();
            BatchGatherer fromSource = new BatchGatherer(sourced(), type, 3);
            INDArray b = fromSource.gather(order, 1, 3).dup();
            assertThat(b).isEqualTo(a);
            assertThat(b.getDouble(2, 5)).isCloseTo((3 * 10 + 5) / 200.0, org.assertj.core.data.Offset.offset(1e-7));
            assertThat(fromSource.condition().getDouble(1, 2)).isEqualTo(1.0);
            INDArray range = fromSource.range(10, 2);
            assertThat(range.getDouble(1, 0)).isCloseTo(110 / 200.0, org.assertj.core.data.Offset.offset(1e-7));
        }
    }

    @Test
    void levelsOutsideTheSpaceAreRefused() {
        assertThatThrownBy(() -> GroundTruth.of(SPACE, new int[][] {{0, 4}}))
                .hasMessage("factor b level 4 is outside the grid; it takes levels 0..3");
        assertThatThrownBy(() -> GroundTruth.of(SPACE, new int[][] {{0}})).hasMessageContaining("expected 2 [a, b]");
        assertThatThrownBy(() -> FactorSpace.of(Factor.levels("a", 2), Factor.levels("a", 3)))
                .hasMessageContaining("repeat");
        assertThatThrownBy(() -> GroundTruth.computed(SPACE, (i, k) -> 0).withSampler(new DSprites()))
                .hasMessageContaining("differ");
    }
}
