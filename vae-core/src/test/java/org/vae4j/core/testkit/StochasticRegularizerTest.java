package org.vae4j.core.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.vae4j.api.Loss;
import org.vae4j.api.Objective;
import org.vae4j.api.OptimizerKind;
import org.vae4j.api.TrainingConfig;
import org.vae4j.api.TrainingListener;
import org.vae4j.api.TrainingProgress;
import org.vae4j.api.VaeModel;
import org.vae4j.api.nn.GaussianCode;
import org.vae4j.api.nn.Regularizer;
import org.vae4j.api.nn.StochasticRegularizer;
import org.vae4j.core.engine.ModelState;
import org.vae4j.core.engine.Trainer;
import org.vae4j.core.plugin.ModelRegistryTest;
import org.vae4j.spi.MlpOptions;
import org.vae4j.spi.ModelContext;

/** Penalties that sample: reproducible through the engine's source, and caught when they draw their own. */
class StochasticRegularizerTest {

    /** (1/n) sum_i sum_j w_j z_ij with w ~ N(0, 1) drawn per step from the given source. */
    static final class RandomProjection implements StochasticRegularizer {
        @Override
        public String name() {
            return "random-projection";
        }

        @Override
        public String description() {
            return "w.z";
        }

        private static double[] weights(int d, RandomGenerator random) {
            double[] w = new double[d];
            for (int j = 0; j < d; j++) {
                w[j] = random.nextGaussian();
            }
            return w;
        }

        @Override
        public double value(GaussianCode q, INDArray z, TrainingProgress progress, RandomGenerator random) {
            double[] w = weights((int) z.size(1), random);
            double s = 0;
            for (int i = 0; i < z.size(0); i++) {
                for (int j = 0; j < z.size(1); j++) {
                    s += w[j] * z.getDouble(i, j);
                }
            }
            return s / z.size(0);
        }

        @Override
        public void addGradient(
                GaussianCode q,
                INDArray z,
                TrainingProgress progress,
                double scale,
                INDArray gm,
                INDArray gv,
                INDArray gz,
                RandomGenerator random) {
            double[] w = weights((int) z.size(1), random);
            for (int i = 0; i < z.size(0); i++) {
                for (int j = 0; j < z.size(1); j++) {
                    gz.putScalar(i, j, gz.getDouble(i, j) + scale * w[j] / z.size(0));
                }
            }
        }
    }

    /** The same penalty drawing from a generator of its own: a different value on every call. */
    static final class OwnRandom implements Regularizer {
        private final Random random = new Random(3);
        private final RandomProjection inner = new RandomProjection();

        @Override
        public String name() {
            return "own-random";
        }

        @Override
        public String description() {
            return "w.z";
        }

        @Override
        public double value(GaussianCode q, INDArray z, TrainingProgress progress) {
            return inner.value(q, z, progress, StochasticRegularizer.forStep(random.nextLong(), 0));
        }

        @Override
        public void addGradient(
                GaussianCode q,
                INDArray z,
                TrainingProgress progress,
                double scale,
                INDArray gm,
                INDArray gv,
                INDArray gz) {
            inner.addGradient(q, z, progress, scale, gm, gv, gz, StochasticRegularizer.forStep(random.nextLong(), 0));
        }
    }

    private static final TrainingProgress STEP = new TrainingProgress(0, 1, 3, 10, 100);

    @Test
    void aStochasticPenaltyPassesTheGradientCheckAndDrawsPerStep() {
        GradientCheck.checkRegularizer(new RandomProjection(), 6, 3, STEP, 5);
        // a different step draws different numbers
        INDArray z = org.nd4j.linalg.factory.Nd4j.ones(DataType.DOUBLE, 2, 3);
        RandomProjection p = new RandomProjection();
        assertThat(p.value(null, z, STEP)).isNotEqualTo(p.value(null, z, new TrainingProgress(0, 1, 4, 10, 100)));
        assertThat(p.value(null, z, STEP)).isEqualTo(p.value(null, z, STEP));
    }

    @Test
    void aPenaltyWithItsOwnGeneratorIsReportedAsNotDeterministic() {
        assertThatThrownBy(() -> GradientCheck.checkRegularizer(new OwnRandom(), 6, 3, STEP, 5))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("regularizer own-random is not deterministic at a fixed step")
                .hasMessageContaining("StochasticRegularizer");
    }

    /** The registry tests' provider with the random-projection penalty. */
    static final class Penalised extends ModelRegistryTest.TestProvider {
        Penalised() {
            super("penalised");
        }

        @Override
        public VaeModel create(ModelContext context) {
            return MlpOptions.standardModel(context, Objective.negativeElbo(), 0, new RandomProjection());
        }
    }

    private static float[] train(long seed, List<Loss> losses) {
        var factory = new org.vae4j.core.engine.ModelFactory(
                new org.vae4j.core.plugin.ModelRegistry(List.of(new Penalised()), List.of()),
                new org.vae4j.core.nn.BuiltinComponents());
        ModelState state =
                factory.create("penalised", ProviderConformance.SPEC, Map.of("hidden", "8"), DataType.FLOAT, 1);
        TrainingConfig config = new TrainingConfig(1, 10, 1e-2, OptimizerKind.ADAM, seed, 1);
        new Trainer(config, List.of(new TrainingListener() {
                    @Override
                    public void onEpochEnd(int epoch, Loss loss, double seconds) {
                        losses.add(loss);
                    }
                }))
                .train(Trainer.start(state, config), ProviderConformance.syntheticImages(40, 1));
        return state.params().data().asFloat();
    }

    @Test
    void trainingWithASamplingPenaltyIsReproducibleFromTheRunSeed() {
        List<Loss> losses = new java.util.ArrayList<>();
        float[] a = train(42, losses);
        float[] b = train(42, losses);
        float[] c = train(43, losses);
        assertThat(a).isEqualTo(b);
        assertThat(a).isNotEqualTo(c);
        // the penalty is reported as its own term, inside the objective
        Loss l = losses.get(0);
        assertThat(l.penalty()).isNotZero();
        assertThat(l.objective()).isCloseTo(l.negElbo() + l.penalty(), org.assertj.core.data.Offset.offset(1e-6));
    }

    @Test
    void aThirdPartyProviderMayNotTakeABuiltInName() {
        assertThatThrownBy(() -> new ProviderConformance(new ModelRegistryTest.TestProvider("vae")).nameIsItsOwn())
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("the name of a built-in model");
        new ProviderConformance(new ModelRegistryTest.TestProvider("my-vae")).nameIsItsOwn();
    }
}
