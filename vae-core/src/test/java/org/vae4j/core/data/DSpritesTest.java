package org.vae4j.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.vae4j.api.data.Dataset;
import org.vae4j.api.data.DatasetPair;
import org.vae4j.api.data.FactorSpace;
import org.vae4j.api.data.GroundTruth;

/** The generated dSprites: dSprites' factors and order, and shapes where and as large as the docs say. */
class DSpritesTest {
    private static final DSprites SPRITES = new DSprites();
    private static final int N = DSprites.SIZE;

    private static float[] image(int shape, int scale, int orientation, int posX, int posY) {
        float[] out = new float[N * N];
        SPRITES.render(new int[] {shape, scale, orientation, posX, posY}, new SplittableRandom(0), out, 0);
        return out;
    }

    private static double area(float[] image) {
        double a = 0;
        for (float v : image) {
            a += v;
        }
        return a;
    }

    /** The centre of mass, {x, y} in pixels (pixel centres at c + 0.5). */
    private static double[] centre(float[] image) {
        double sx = 0;
        double sy = 0;
        double m = 0;
        for (int r = 0; r < N; r++) {
            for (int c = 0; c < N; c++) {
                sx += image[r * N + c] * (c + 0.5);
                sy += image[r * N + c] * (r + 0.5);
                m += image[r * N + c];
            }
        }
        return new double[] {sx / m, sy / m};
    }

    @Test
    void hasDSpritesFactorsInDSpritesOrder() {
        FactorSpace space = DSprites.factorSpace();
        assertThat(space.names()).containsExactly("shape", "scale", "orientation", "posX", "posY");
        assertThat(space.sizes()).containsExactly(3, 6, 40, 32, 32);
        assertThat(space.combinations()).isEqualTo(737_280);
        assertThat(space.factor(1).values()).containsExactly(0.5, 0.6, 0.7, 0.8, 0.9, 1.0);
        assertThat(space.factor(2).value(39)).isEqualTo(2 * Math.PI);
        // the index is the mixed-radix number of the levels, posY fastest
        assertThat(space.index(new int[] {0, 0, 0, 0, 1})).isEqualTo(1);
        assertThat(space.index(new int[] {0, 0, 0, 1, 0})).isEqualTo(32);
        assertThat(space.index(new int[] {1, 0, 0, 0, 0})).isEqualTo(245_760);
        assertThat(space.levels(737_279)).containsExactly(2, 5, 39, 31, 31);
        float[] byIndex = new float[N * N];
        DSprites.render(space.index(new int[] {2, 3, 17, 5, 29}), byIndex, 0);
        assertThat(byIndex).containsExactly(image(2, 3, 17, 5, 29));
    }

    @Test
    void imagesAreBinaryAndShapesHaveTheirDocumentedAreas() {
        float[] square = image(0, 5, 0, 16, 16);
        for (float v : square) {
            assertThat(v).isIn(0f, 1f);
        }
        // square side 0.3 of the canvas at scale 1, an ellipse of axes 0.36 x 0.18 (area pi/4 of its box)
        assertThat(area(square)).isCloseTo(0.3 * 0.3 * N * N, offset(0.3 * N * 2 + 4.0));
        assertThat(area(image(1, 5, 0, 16, 16))).isCloseTo(Math.PI * 0.18 * 0.09 * N * N, offset(0.36 * N * 2));
        // area grows with the square of the scale: 0.5 gives a quarter
        assertThat(area(image(0, 0, 0, 16, 16)) / area(square)).isCloseTo(0.25, offset(0.03));
        // the heart is 0.3 wide at scale 1
        float[] heart = image(2, 5, 0, 16, 16);
        int left = N;
        int right = -1;
        for (int r = 0; r < N; r++) {
            for (int c = 0; c < N; c++) {
                if (heart[r * N + c] > 0) {
                    left = Math.min(left, c);
                    right = Math.max(right, c);
                }
            }
        }
        assertThat(right - left + 1.0).isCloseTo(0.3 * N, offset(1.5));
    }

    @Test
    void positionsMoveTheShapeFromFifteenToEightyFivePercentOfTheCanvas() {
        double[] low = centre(image(0, 2, 0, 0, 0));
        double[] high = centre(image(0, 2, 0, 31, 31));
        double[] mixed = centre(image(0, 2, 0, 31, 0));
        assertThat(low[0]).isCloseTo(0.15 * N, offset(0.5));
        assertThat(low[1]).isCloseTo(0.15 * N, offset(0.5));
        assertThat(high[0]).isCloseTo(0.85 * N, offset(0.5));
        assertThat(high[1]).isCloseTo(0.85 * N, offset(0.5));
        // posX moves columns, posY rows
        assertThat(mixed[0]).isCloseTo(0.85 * N, offset(0.5));
        assertThat(mixed[1]).isCloseTo(0.15 * N, offset(0.5));
    }

    @Test
    void orientationTurnsTheShapeCounterClockwiseAndAFullTurnComesBack() {
        assertThat(image(1, 5, 39, 16, 16)).containsExactly(image(1, 5, 0, 16, 16));
        // the ellipse is wide at orientation 0 and tall a quarter turn later (level 10 of 0..39 is 0.51 pi)
        double[] wide = spread(image(1, 5, 0, 16, 16));
        double[] tall = spread(image(1, 5, 10, 16, 16));
        assertThat(wide[0]).isGreaterThan(3 * wide[1]);
        assertThat(tall[1]).isGreaterThan(3 * tall[0]);
        // counter-clockwise on screen: an eighth of a turn (level 5 is 0.256 pi) lifts the ellipse's right end
        float[] turned = image(1, 5, 5, 16, 16);
        double[] c = centre(turned);
        double covariance = 0;
        for (int r = 0; r < N; r++) {
            for (int col = 0; col < N; col++) {
                covariance += turned[r * N + col] * (col + 0.5 - c[0]) * (r + 0.5 - c[1]);
            }
        }
        assertThat(covariance).as("x grows as y (down) shrinks").isNegative();
    }

    private static double[] spread(float[] image) {
        double[] c = centre(image);
        double sx = 0;
        double sy = 0;
        for (int r = 0; r < N; r++) {
            for (int col = 0; col < N; col++) {
                sx += image[r * N + col] * (col + 0.5 - c[0]) * (col + 0.5 - c[0]);
                sy += image[r * N + col] * (r + 0.5 - c[1]) * (r + 0.5 - c[1]);
            }
        }
        return new double[] {sx, sy};
    }

    @Test
    void theSplitsAreDisjointShuffledViewsThatCarryTheirFactorsAndTheSampler() {
        DatasetPair pair = DSprites.pair();
        Dataset train = pair.train();
        Dataset test = pair.test();
        assertThat(train.size()).isEqualTo(737_280 - 10_000);
        assertThat(test.size()).isEqualTo(10_000);
        assertThat(train.hasPixelArray()).isFalse();
        GroundTruth truth = test.groundTruth().orElseThrow();
        assertThat(truth.sampler()).isPresent();
        // each test image is the grid image of its levels, and its label is the shape
        for (int i = 0; i < 50; i++) {
            int[] levels = new int[5];
            for (int k = 0; k < 5; k++) {
                levels[k] = truth.level(i, k);
            }
            assertThat(test.image(i)).containsExactly(image(levels[0], levels[1], levels[2], levels[3], levels[4]));
            assertThat(test.labels().orElseThrow()[i]).isEqualTo(levels[0]);
        }
        // a uniform sample: the first 20,000 training images hold every shape about equally
        int[] shapes = new int[3];
        for (int i = 0; i < 20_000; i++) {
            shapes[train.groundTruth().orElseThrow().level(i, 0)]++;
        }
        for (int s : shapes) {
            assertThat(s).isBetween(6_300, 7_000);
        }
        java.util.Set<Long> seen = new java.util.HashSet<>();
        for (int i = 0; i < test.size(); i++) {
            int[] levels = new int[5];
            for (int k = 0; k < 5; k++) {
                levels[k] = truth.level(i, k);
            }
            seen.add(DSprites.factorSpace().index(levels));
        }
        assertThat(seen).hasSize(10_000);
    }

    @Test
    void aLevelOutsideTheGridIsRefusedByName() {
        assertThatThrownBy(() -> image(0, 6, 0, 0, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("factor scale level 6 is outside the grid; it takes levels 0..5");
        assertThatThrownBy(() -> DSprites.factorSpace().levels(737_280)).hasMessageContaining("outside 0..737279");
    }

    @Test
    void theShapesAreTheDocumentedCurves() {
        // square of side 0.3, ellipse of axes 0.36 x 0.18, at scale 1 in canvas units
        assertThat(DSprites.inside(0, 0.149, -0.149)).isTrue();
        assertThat(DSprites.inside(0, 0.151, 0)).isFalse();
        assertThat(DSprites.inside(0, 0, -0.151)).isFalse();
        assertThat(DSprites.inside(1, 0.179, 0)).isTrue();
        assertThat(DSprites.inside(1, 0.181, 0)).isFalse();
        assertThat(DSprites.inside(1, 0, 0.089)).isTrue();
        assertThat(DSprites.inside(1, 0, -0.091)).isFalse();
        // the heart (x^2 + y^2 - 1)^3 = x^2 y^3, 0.3 wide, its box (y from -1 to 1.25) centred:
        // lobes on top with a notch at (0, 1), the point at the bottom at (0, -1); v points down
        double unit = 0.15 / 1.139;
        java.util.function.BiFunction<Double, Double, Boolean> heart =
                (x, y) -> DSprites.inside(2, x * unit, -(y - 0.125) * unit);
        assertThat(heart.apply(0.0, 0.0)).isTrue();
        assertThat(heart.apply(0.0, 0.98)).isTrue();
        assertThat(heart.apply(0.0, 1.05)).as("the notch").isFalse();
        assertThat(heart.apply(0.6, 1.1)).as("a lobe").isTrue();
        assertThat(heart.apply(-0.6, 1.1)).as("the other lobe").isTrue();
        assertThat(heart.apply(0.0, -0.98)).as("the point").isTrue();
        assertThat(heart.apply(0.0, -1.03)).isFalse();
        assertThat(heart.apply(0.3, -0.9)).as("beside the point").isFalse();
        assertThat(heart.apply(1.12, 0.5)).isTrue();
        assertThat(heart.apply(1.16, 0.5)).isFalse();
    }

    @Test
    void everyPixelIsDrawnAsTheShapeTestSaysAndNothingElseIsLeftInTheBuffer() {
        SplittableRandom random = new SplittableRandom(9);
        FactorSpace space = DSprites.factorSpace();
        for (int trial = 0; trial < 200; trial++) {
            int[] l = {random.nextInt(3), random.nextInt(6), random.nextInt(40), random.nextInt(32), random.nextInt(32)
            };
            float[] drawn = new float[N * N + 3];
            java.util.Arrays.fill(drawn, 0.5f);
            SPRITES.render(l, random, drawn, 3);
            double scale = space.factor(1).value(l[1]);
            double angle = space.factor(2).value(l[2]);
            double cx = 0.15 + 0.7 * space.factor(3).value(l[3]);
            double cy = 0.15 + 0.7 * space.factor(4).value(l[4]);
            for (int r = 0; r < N; r++) {
                for (int c = 0; c < N; c++) {
                    double dx = (c + 0.5) / N - cx;
                    double dy = (r + 0.5) / N - cy;
                    double u = (Math.cos(angle) * dx - Math.sin(angle) * dy) / scale;
                    double v = (Math.sin(angle) * dx + Math.cos(angle) * dy) / scale;
                    assertThat(drawn[3 + r * N + c])
                            .as("levels %s pixel (%d, %d)", java.util.Arrays.toString(l), r, c)
                            .isEqualTo(DSprites.inside(l[0], u, v) ? 1f : 0f);
                }
            }
            assertThat(drawn[2]).isEqualTo(0.5f);
        }
    }
}
