package org.vae4j.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.vae4j.api.Loss;
import org.vae4j.api.OptimizerKind;
import org.vae4j.api.TrainingConfig;
import org.vae4j.api.TrainingListener;
import org.vae4j.api.TrainingProgress;
import org.vae4j.api.VaeException;
import org.vae4j.api.data.Dataset;
import org.vae4j.core.nn.BuiltinComponents;
import org.vae4j.core.plugin.ModelRegistry;
import org.vae4j.core.plugin.ModelRegistryTest;
import org.vae4j.core.testkit.ProviderConformance;

/** The engine's own tests of Trainer, Evaluator and VaeStep, with the registry tests' vanilla provider. */
class TrainerTest {
    private static final ModelFactory FACTORY = new ModelFactory(
            new ModelRegistry(List.of(new ModelRegistryTest.TestProvider("t")), List.of()), new BuiltinComponents());
    private final Dataset data = ProviderConformance.syntheticImages(45, 3);

    private static ModelState model(DataType type, long seed) {
        return FACTORY.create("t", ProviderConformance.SPEC, Map.of("hidden", "8"), type, seed);
    }

    @Test
    void everyEpochVisitsEveryExampleOnceInBatchesAndTheLastMayBeSmaller() {
        List<Integer> sizes = new ArrayList<>();
        List<String> calls = new ArrayList<>();
        TrainingConfig config = new TrainingConfig(2, 20, 1e-3, OptimizerKind.ADAM, 1, 1);
        ModelState state = model(DataType.FLOAT, 1);
        new Trainer(config, List.of(new TrainingListener() {
                    @Override
                    public void onTrainingStart(int epochs, long stepsPerEpoch) {
                        calls.add("start " + epochs + " " + stepsPerEpoch);
                    }

                    @Override
                    public void onBatch(int epoch, long step, Loss loss, int batchSize) {
                        sizes.add(batchSize);
                    }

                    @Override
                    public void onEpochEnd(int epoch, Loss loss, double seconds) {
                        calls.add("end " + epoch);
                    }
                }))
                .train(Trainer.start(state, config), data);
        assertThat(calls).containsExactly("start 2 3", "end 0", "end 1");
        assertThat(sizes).containsExactly(20, 20, 5, 20, 20, 5);
        assertThat(Trainer.stepsPerEpoch(45, 20)).isEqualTo(3);
        assertThat(Trainer.stepsPerEpoch(40, 20)).isEqualTo(2);
    }

    @Test
    void theEpochLossIsTheExampleWeightedMeanOfTheBatches() {
        TrainingConfig config = new TrainingConfig(1, 20, 1e-3, OptimizerKind.ADAM, 1, 1);
        double[] weighted = new double[3];
        int[] images = {0};
        Loss[] epoch = {null};
        new Trainer(config, List.of(new TrainingListener() {
                    @Override
                    public void onBatch(int e, long step, Loss loss, int batchSize) {
                        weighted[0] += loss.reconstruction() * batchSize;
                        weighted[1] += loss.kl() * batchSize;
                        weighted[2] += loss.objective() * batchSize;
                        images[0] += batchSize;
                    }

                    @Override
                    public void onEpochEnd(int e, Loss loss, double seconds) {
                        epoch[0] = loss;
                    }
                }))
                .train(Trainer.start(model(DataType.FLOAT, 2), config), data);
        assertThat(images[0]).isEqualTo(45);
        assertThat(epoch[0].reconstruction()).isCloseTo(weighted[0] / 45, offset(1e-9));
        assertThat(epoch[0].kl()).isCloseTo(weighted[1] / 45, offset(1e-9));
        assertThat(epoch[0].objective()).isCloseTo(weighted[2] / 45, offset(1e-9));
    }

    @Test
    void sameSeedSameParametersAndTheLossFallsOverEpochs() {
        TrainingConfig config = new TrainingConfig(5, 15, 1e-2, OptimizerKind.ADAM, 4, 1);
        List<Double> losses = new ArrayList<>();
        TrainingListener record = new TrainingListener() {
            @Override
            public void onEpochEnd(int e, Loss loss, double seconds) {
                losses.add(loss.negElbo());
            }
        };
        ModelState a = model(DataType.FLOAT, 3);
        new Trainer(config, List.of(record)).train(Trainer.start(a, config), data);
        ModelState b = model(DataType.FLOAT, 3);
        new Trainer(config, List.of()).train(Trainer.start(b, config), data);
        assertThat(a.params().data().asFloat()).isEqualTo(b.params().data().asFloat());
        assertThat(losses.get(4)).isLessThan(losses.get(0));
        ModelState c = model(DataType.FLOAT, 3);
        TrainingConfig otherSeed = new TrainingConfig(5, 15, 1e-2, OptimizerKind.ADAM, 5, 1);
        new Trainer(otherSeed, List.of()).train(Trainer.start(c, otherSeed), data);
        assertThat(c.params().data().asFloat()).isNotEqualTo(a.params().data().asFloat());
    }

    @Test
    void aNonFiniteLossStopsTrainingNamingTheEpochAndStep() {
        TrainingConfig config = new TrainingConfig(1, 15, 1e-3, OptimizerKind.ADAM, 1, 1);
        ModelState state = model(DataType.FLOAT, 1);
        state.params().putScalar(0, Double.NaN);
        assertThatThrownBy(() -> new Trainer(config, List.of()).train(Trainer.start(state, config), data))
                .isInstanceOf(VaeException.class)
                .hasMessageStartingWith("training diverged at epoch 1, step 1: the loss is NaN; lower learningRate");
    }

    @Test
    void theEvaluatorAveragesVaeStepsPerExampleTermsOverTheWholeDataset() {
        ModelState state = model(DataType.DOUBLE, 6);
        TrainingProgress progress = TrainingProgress.finished(1, 3, 45);
        Loss loss = Evaluator.evaluate(state, data, progress, 45);
        // the analytic KL does not depend on the noise, so not on the batching either
        assertThat(Evaluator.evaluate(state, data, progress, 7).kl()).isCloseTo(loss.kl(), offset(1e-12));
        assertThat(Evaluator.evaluate(state, data, progress, 45)).isEqualTo(loss); // fixed evaluation noise
        // against one VaeStep on all 45 images with the same noise stream
        VaeStep step = new VaeStep(state);
        BatchGatherer g = new BatchGatherer(data, DataType.DOUBLE, 0);
        INDArray x = g.range(0, 45);
        step.evaluate(x, NoiseSource.seeded(Evaluator.EVALUATION_SEED), progress.onDataset(45));
        assertThat(loss.reconstruction())
                .isCloseTo(step.perExampleReconstruction().meanNumber().doubleValue(), offset(1e-9));
        assertThat(loss.kl()).isCloseTo(step.perExampleRate().meanNumber().doubleValue(), offset(1e-9));
        assertThat(loss.objective()).isCloseTo(loss.negElbo(), offset(1e-9)); // D + R for this model
    }

    @Test
    void aVaeStepsLossIsTheMeanOfItsPerExampleTermsAndItsGradientIsFinite() {
        ModelState state = model(DataType.DOUBLE, 8);
        VaeStep step = new VaeStep(state);
        INDArray x = new BatchGatherer(data, DataType.DOUBLE, 0).range(0, 10);
        TrainingProgress progress = new TrainingProgress(0, 1, 0, 3, 45);
        Loss loss = step.computeGradient(x, NoiseSource.seeded(9), progress);
        assertThat(loss.reconstruction())
                .isCloseTo(step.perExampleReconstruction().meanNumber().doubleValue(), offset(1e-12));
        assertThat(loss.kl()).isCloseTo(step.perExampleRate().meanNumber().doubleValue(), offset(1e-12));
        assertThat(loss.penalty()).isZero();
        double norm = state.gradients().norm2Number().doubleValue();
        assertThat(norm).isPositive().isFinite();
        assertThatThrownBy(() -> step.computeGradient(x.castTo(DataType.FLOAT), NoiseSource.seeded(9), progress))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("batch is FLOAT but the model is DOUBLE");
    }
}
