package org.vae4j.internal;

import java.util.Deque;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.function.Function;
import java.util.function.Supplier;
import org.nd4j.linalg.api.buffer.DataType;
import org.vae4j.api.VaeException;
import org.vae4j.api.VaeModel;
import org.vae4j.api.data.Dataset;
import org.vae4j.core.engine.Encodings;
import org.vae4j.core.engine.ModelRunner;
import org.vae4j.core.engine.ModelState;
import org.vae4j.core.engine.Optimizer;
import org.vae4j.core.nn.GaussianKl;

/**
 * The engine side of a trained model: its state, its optimizer (null when loaded for inference),
 * the runner that encodes and decodes, and the session it runs in. The one way the library's
 * packages reach a {@code TrainedVae}'s engine objects ({@link Internals#handle}).
 */
public final class ModelHandle {
    private final Session session;
    private final ModelState state;
    private final Optimizer optimizer;
    private final ModelRunner runner;
    /** Copies of the model not in use by any thread now, for inference (see {@link #infer}). */
    private final Deque<ModelState> idle = new ConcurrentLinkedDeque<>();

    /**
     * A handle on a built model.
     *
     * @param session the session it runs in
     * @param state its parameters and model
     * @param optimizer its optimizer state, or null for inference only
     */
    public ModelHandle(Session session, ModelState state, Optimizer optimizer) {
        this.session = session;
        this.state = state;
        this.optimizer = optimizer;
        this.runner = new ModelRunner(state.model(), state.dataType());
    }

    /** {@return the session it runs in} */
    public Session session() {
        return session;
    }

    /** {@return its parameters and model} */
    public ModelState state() {
        return state;
    }

    /** {@return the model's components} */
    public VaeModel model() {
        return state.model();
    }

    /** {@return the optimizer state, or null for a model loaded for inference} */
    public Optimizer optimizer() {
        return optimizer;
    }

    /** {@return the runner that encodes and decodes} */
    public ModelRunner runner() {
        return runner;
    }

    /** {@return the precision it runs in} */
    public DataType dataType() {
        return state.dataType();
    }

    /** {@return true when the divergence is the analytic Gaussian KL, so KL per dimension is meaningful} */
    public boolean gaussianKl() {
        return GaussianKl.NAME.equals(state.model().divergence().name());
    }

    /**
     * Runs an operation with the session's settings applied.
     *
     * @param operation the operation
     * @param <T> its result
     * @return its result
     */
    public <T> T run(Supplier<T> operation) {
        session.applySettings();
        return operation.get();
    }

    /**
     * Runs an inference operation with the session's settings applied, on a copy of the model that no
     * other thread uses while it runs: the copies share the parameters (nothing is copied but the
     * layers' buffers), one is made when every existing one is busy, and they are kept for the next
     * calls, so as many threads as call at once may infer on one model and each gets what a lone
     * call would. Training and the single-threaded pictures use {@link #state()} itself.
     *
     * @param operation the operation, given its copy of the model
     * @param <T> its result
     * @return its result
     */
    public <T> T infer(Function<ModelState, T> operation) {
        session.applySettings();
        ModelState copy = idle.poll();
        if (copy == null) {
            copy = session.factory().replica(state);
        }
        try {
            return operation.apply(copy);
        } finally {
            idle.push(copy);
        }
    }

    /**
     * Runs an encoding or decoding through {@link #infer}, with a runner over the borrowed copy.
     *
     * @param operation the operation, given a runner of its copy of the model
     * @param <T> its result
     * @return its result
     */
    public <T> T inferWithRunner(Function<ModelRunner, T> operation) {
        return infer(copy -> operation.apply(new ModelRunner(copy.model(), copy.dataType())));
    }

    /**
     * {@return the posterior of the first {@code count} images, with their labels}
     *
     * @param images images of the model's shape
     * @param count how many
     */
    public Encodings encodings(Dataset images, int count) {
        checkData(images);
        return inferWithRunner(r -> Encodings.of(r, images, count, state.dataType()));
    }

    /**
     * Fails with one line when {@code images} are not of the model's shape.
     *
     * @param images the data
     */
    public void checkData(Dataset images) {
        int size = state.spec().dataSize();
        int height = state.spec().imageHeight();
        int width = state.spec().imageWidth();
        if (images.dataSize() == size && (images.height() != height || images.width() != width)) {
            throw new VaeException("the model expects " + height + "x" + width + " images but " + images.name()
                    + " has " + images.height() + "x" + images.width() + "; pass the dataset it was trained on");
        }
        if (images.dataSize() != size) {
            throw new VaeException("the model expects images of " + size + " pixels but " + images.name() + " has "
                    + images.dataSize() + "; pass the dataset it was trained on");
        }
    }
}
