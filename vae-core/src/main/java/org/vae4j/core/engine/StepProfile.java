package org.vae4j.core.engine;

import java.util.EnumMap;
import java.util.Map;

/**
 * Wall-clock time per phase of training steps, for {@code ./vae bench --profile}: where a model
 * (a plugin's regularizer, a wide decoder) spends its step. The trainer and {@link VaeStep} call
 * {@link #start()} and {@link #mark(Phase)} only when a profile is attached; each mark charges the
 * time since the previous one to its phase.
 */
public final class StepProfile {
    /** The phases of one training step, in the order they run. */
    public enum Phase {
        GATHER("batch gathering"),
        ENCODER_FORWARD("encoder forward"),
        SAMPLE("reparameterisation"),
        DECODER_FORWARD("decoder forward"),
        LOSS("likelihood, divergence and regularizer values"),
        DECODER_BACKWARD("likelihood gradient and decoder backward"),
        LATENT_GRADIENT("divergence and regularizer gradients"),
        ENCODER_BACKWARD("encoder backward"),
        OPTIMIZER("optimizer update");

        private final String description;

        Phase(String description) {
            this.description = description;
        }

        public String description() {
            return description;
        }
    }

    private final long[] nanos = new long[Phase.values().length];
    private long steps;
    private long last;

    /** Starts timing a step: the next mark is charged from here. */
    public void start() {
        last = System.nanoTime();
    }

    @SuppressWarnings("EnumOrdinal") // an array indexed by phase: this runs six times a training step
    public void mark(Phase phase) {
        long now = System.nanoTime();
        nanos[phase.ordinal()] += now - last;
        last = now;
        if (phase == Phase.OPTIMIZER) {
            steps++;
        }
    }

    /** Forgets what was measured (e.g. after a warm-up epoch). */
    public void reset() {
        java.util.Arrays.fill(nanos, 0);
        steps = 0;
    }

    /** Complete steps measured since the last reset. */
    public long steps() {
        return steps;
    }

    /** Mean milliseconds per step for each phase, in step order (empty before the first step). */
    @SuppressWarnings("EnumOrdinal") // the array mark() fills
    public Map<Phase, Double> millisPerStep() {
        Map<Phase, Double> out = new EnumMap<>(Phase.class);
        if (steps == 0) {
            return out;
        }
        for (Phase p : Phase.values()) {
            out.put(p, nanos[p.ordinal()] / 1e6 / steps);
        }
        return out;
    }
}
