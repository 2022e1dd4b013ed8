package org.vae4j.core.checkpoint;

import java.nio.file.Path;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.vae4j.api.TrainingConfig;
import org.vae4j.core.engine.ModelFactory;
import org.vae4j.core.engine.ModelState;
import org.vae4j.core.engine.Optimizer;
import org.vae4j.core.engine.Trainer;

/** Converts between a training run and its checkpoint. */
public final class ModelCheckpoints {
    private ModelCheckpoints() {
    }

    public static Checkpoint of(Trainer.Run run, TrainingConfig config, Checkpoint.DatasetProvenance data) {
        return of(run, config, data, 0, java.util.Map.of());
    }

    /** The run's checkpoint, recording the training-set size and the provenance. */
    public static Checkpoint of(Trainer.Run run, TrainingConfig config, Checkpoint.DatasetProvenance data,
                                int trainImages, java.util.Map<String, String> provenance) {
        ModelState m = run.model();
        float[] params = m.params().castTo(DataType.FLOAT).data().asFloat();
        return new Checkpoint(m.provider(), m.options(), m.spec(), config, run.epochsCompleted(),
                run.optimizer().iteration(), params, run.optimizer().state(), data, trainImages, provenance);
    }

    public static void save(Trainer.Run run, TrainingConfig config, Checkpoint.DatasetProvenance data, Path modelDir) {
        CheckpointIO.write(of(run, config, data), modelDir.resolve(CheckpointIO.FILE_NAME));
    }

    /** Rebuilds the run (model and optimizer) from a checkpoint, finding the provider by name. */
    public static Trainer.Run restore(Checkpoint c, ModelFactory factory, int threads) {
        ModelState state = factory.restore(c.provider(), c.spec(), c.options(), Nd4j.createFromArray(c.params()));
        Optimizer optimizer = Optimizer.restore(c.training().optimizer(), c.training().learningRate(), c.optimizerState(),
                c.optimizerIteration(), threads);
        return new Trainer.Run(state, optimizer, c.epochsCompleted());
    }
}
