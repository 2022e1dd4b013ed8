package org.vae4j.core.checkpoint;

import java.nio.file.Path;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.vae4j.api.TrainingConfig;
import org.vae4j.core.engine.ModelFactory;
import org.vae4j.core.engine.ModelState;
import org.vae4j.core.engine.Optimizer;
import org.vae4j.core.engine.Trainer;
import org.vae4j.core.nn.MlpEncoder;

/** Converts between a training run and its checkpoint. */
public final class ModelCheckpoints {
    private ModelCheckpoints() {}

    public static Checkpoint of(Trainer.Run run, TrainingConfig config, Checkpoint.DatasetProvenance data) {
        return of(run, config, data, 0, java.util.Map.of());
    }

    /** The run's checkpoint, recording the training-set size and the provenance. */
    public static Checkpoint of(
            Trainer.Run run,
            TrainingConfig config,
            Checkpoint.DatasetProvenance data,
            int trainImages,
            java.util.Map<String, String> provenance) {
        return of(run, config, data, trainImages, provenance, java.util.List.of());
    }

    /** The run's checkpoint with everything needed to continue it: noise state and history too. */
    public static Checkpoint of(
            Trainer.Run run,
            TrainingConfig config,
            Checkpoint.DatasetProvenance data,
            int trainImages,
            java.util.Map<String, String> provenance,
            java.util.List<Checkpoint.EpochRecord> history) {
        ModelState m = run.model();
        float[] params = m.params().castTo(DataType.FLOAT).data().asFloat();
        return new Checkpoint(
                m.provider(),
                m.options(),
                m.spec(),
                config,
                run.epochsCompleted(),
                run.optimizer().iteration(),
                params,
                run.optimizer().state(),
                data,
                trainImages,
                provenance,
                run.noiseState(),
                history);
    }

    public static void save(Trainer.Run run, TrainingConfig config, Checkpoint.DatasetProvenance data, Path modelDir) {
        CheckpointIO.write(of(run, config, data), modelDir.resolve(CheckpointIO.FILE_NAME));
    }

    /** The number of NaN or infinite values in {@code values}. */
    public static int nonFinite(float[] values) {
        int n = 0;
        for (float v : values) {
            if (!Float.isFinite(v)) {
                n++;
            }
        }
        return n;
    }

    /**
     * Writes {@code c} to {@code file} unless a parameter is NaN or infinite: then the file, and the
     * good checkpoint it may hold, is left as it is and a one-line error says so.
     */
    public static void writeIfFinite(Checkpoint c, java.nio.file.Path file) {
        int bad = nonFinite(c.params());
        if (bad > 0) {
            throw new org.vae4j.api.VaeException(
                    "training left " + bad + " of " + c.params().length + " parameters NaN or"
                            + " infinite after epoch " + c.epochsCompleted() + "; " + file + " was not replaced"
                            + (java.nio.file.Files.exists(file) ? " (it keeps the last good epoch)" : "")
                            + "; lower {learningRate} or check the model's options");
        }
        CheckpointIO.write(c, file);
    }

    /**
     * {@return {@code c} in this vae4j's parameter layout} A checkpoint read from a file of format 1
     * holds the built-in encoder's first-layer weights column-major; they are made row-major in a
     * copy of the parameters and of each optimizer array (the file is not touched; the next save
     * writes format 2). Checkpoints of the current format are returned as they are.
     *
     * @param c a checkpoint as read
     * @param factory the registry its model is found in
     */
    public static Checkpoint upgraded(Checkpoint c, ModelFactory factory) {
        if (c.formatVersion() == Checkpoint.FORMAT_VERSION) {
            return c;
        }
        ModelState state = factory.restore(c.provider(), c.spec(), c.options(), Nd4j.createFromArray(c.params()));
        float[] params = c.params().clone();
        float[][] moments = new float[c.optimizerState().length][];
        for (int i = 0; i < moments.length; i++) {
            moments[i] = c.optimizerState()[i].clone();
        }
        if (state.model().encoder() instanceof MlpEncoder encoder) {
            encoder.fromFormat1(params);
            for (float[] m : moments) {
                encoder.fromFormat1(m);
            }
        }
        return new Checkpoint(
                c.provider(),
                c.options(),
                c.spec(),
                c.training(),
                c.epochsCompleted(),
                c.optimizerIteration(),
                params,
                moments,
                c.dataset(),
                c.trainImages(),
                c.provenance(),
                c.noiseState(),
                c.history(),
                Checkpoint.FORMAT_VERSION);
    }

    /** Rebuilds the run (model and optimizer) from a checkpoint, finding the provider by name. */
    public static Trainer.Run restore(Checkpoint checkpoint, ModelFactory factory, int threads) {
        Checkpoint c = upgraded(checkpoint, factory);
        ModelState state = factory.restore(c.provider(), c.spec(), c.options(), Nd4j.createFromArray(c.params()));
        Optimizer optimizer = Optimizer.restore(
                c.training().optimizer(),
                c.training().learningRate(),
                c.optimizerState(),
                c.optimizerIteration(),
                threads);
        return new Trainer.Run(state, optimizer, c.epochsCompleted(), c.noiseState());
    }
}
