package org.vae4j.core.engine;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.vae4j.api.ModelSpec;
import org.vae4j.api.VaeModel;
import org.vae4j.api.nn.Views;

/**
 * A model bound to its flat parameter and gradient vectors, with what is needed to rebuild it: the
 * provider name, the options as text and the spec. The encoder's parameters come first, then the
 * decoder's.
 */
public final class ModelState {
    private final String provider;
    private final Map<String, String> options;
    private final ModelSpec spec;
    private final VaeModel model;
    private final INDArray params;
    private final INDArray gradients;

    private ModelState(
            String provider,
            Map<String, String> options,
            ModelSpec spec,
            VaeModel model,
            INDArray params,
            INDArray gradients,
            boolean initialize,
            long seed) {
        this.provider = Objects.requireNonNull(provider);
        this.options = new LinkedHashMap<>(options);
        this.spec = spec;
        this.model = model;
        long n = model.numParams();
        if (params.length() != n) {
            throw new IllegalArgumentException(
                    "model " + provider + " needs " + n + " parameters, got " + params.length());
        }
        this.params = params;
        this.gradients = gradients != null ? gradients : Nd4j.zeros(params.dataType(), 1, n);
        org.nd4j.linalg.api.rng.Random rng = Nd4j.getRandomFactory().getNewRandomInstance(seed);
        long encoderParams = model.encoder().numParams();
        model.encoder()
                .bind(
                        Views.row(params, 0, encoderParams),
                        Views.row(this.gradients, 0, encoderParams),
                        initialize,
                        rng);
        long decoderParams = model.decoder().numParams();
        model.decoder()
                .bind(
                        Views.row(params, encoderParams, decoderParams),
                        Views.row(this.gradients, encoderParams, decoderParams),
                        initialize,
                        rng);
    }

    /**
     * {@return the decoder's parameters: the slice of the model's vector the decoder is bound to (the
     * encoder's slice comes first), in the layout the decoder defines}
     */
    public INDArray decoderParams() {
        long encoderParams = model.encoder().numParams();
        return Views.row(params, encoderParams, model.decoder().numParams());
    }

    /** A freshly initialised model, seeded. */
    public static ModelState initialize(
            String provider, Map<String, String> options, ModelSpec spec, VaeModel model, DataType type, long seed) {
        return new ModelState(provider, options, spec, model, Nd4j.zeros(type, 1, model.numParams()), null, true, seed);
    }

    /** A model with the given parameter values (e.g. from a checkpoint). */
    public static ModelState withParameters(
            String provider, Map<String, String> options, ModelSpec spec, VaeModel model, INDArray params) {
        return new ModelState(
                provider,
                options,
                spec,
                model,
                params.reshape(1, params.length()).dup('c'),
                null,
                false,
                0);
    }

    /**
     * {@return a copy of this model for another thread: {@code fresh}, a newly built model of the same
     * provider, options and spec, bound to this state's parameter and gradient vectors (shared, not
     * copied), so it computes what this one computes while its own buffers keep concurrent forward
     * passes apart; only inference may run on it (its gradients are this model's)}
     *
     * @param fresh a model built like this one and not bound yet
     */
    public ModelState replica(VaeModel fresh) {
        return new ModelState(provider, options, spec, fresh, params, gradients, false, 0);
    }

    public String provider() {
        return provider;
    }

    public Map<String, String> options() {
        return java.util.Collections.unmodifiableMap(options);
    }

    public ModelSpec spec() {
        return spec;
    }

    public VaeModel model() {
        return model;
    }

    /** The flat parameter row vector; components hold views into it. */
    public INDArray params() {
        return params;
    }

    public INDArray gradients() {
        return gradients;
    }

    public DataType dataType() {
        return params.dataType();
    }
}
