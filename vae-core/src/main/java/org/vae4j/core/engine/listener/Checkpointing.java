package org.vae4j.core.engine.listener;

import java.nio.file.Path;
import java.util.function.Supplier;
import org.vae4j.api.Loss;
import org.vae4j.api.TrainingListener;
import org.vae4j.core.checkpoint.Checkpoint;
import org.vae4j.core.checkpoint.ModelCheckpoints;

/**
 * Writes the run's checkpoint atomically after every epoch, with everything needed to continue it bit
 * for bit (optimizer and noise state, history): an interrupted run keeps its last good epoch. A
 * checkpoint with a NaN or infinite parameter is refused and the file keeps the last good one.
 */
public final class Checkpointing implements TrainingListener {
    private final Supplier<Checkpoint> checkpoint;
    private final Path file;

    /**
     * Checkpoints into {@code file}.
     *
     * @param checkpoint the run's checkpoint as it is now
     * @param file the checkpoint file
     */
    public Checkpointing(Supplier<Checkpoint> checkpoint, Path file) {
        this.checkpoint = checkpoint;
        this.file = file;
    }

    @Override
    public void onEpochEnd(int epoch, Loss trainLoss, double seconds) {
        ModelCheckpoints.writeIfFinite(checkpoint.get(), file);
    }
}
