package org.vae4j.architecture.planted;

import org.vae4j.core.engine.ModelRunner;

/** A public class that hands out the engine's runner: what {@code ArchitectureTest} must catch. */
public final class LeakyModel {
    private final ModelRunner runner;

    /**
     * Wraps a runner.
     *
     * @param runner the engine's runner, kept private
     */
    LeakyModel(ModelRunner runner) {
        this.runner = runner;
    }

    /** {@return the engine's runner: the leak} */
    public ModelRunner runner() {
        return runner;
    }
}
