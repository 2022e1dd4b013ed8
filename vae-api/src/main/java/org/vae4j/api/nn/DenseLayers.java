package org.vae4j.api.nn;

import java.util.List;

/**
 * A component that is a stack of fully connected layers, described so that it can be recomputed
 * elsewhere (the latent explorer recomputes a decoder in the browser). Layer {@code l} maps
 * {@code widths[l]} values to {@code widths[l + 1]} as {@code y = activation_l(x W + b)}. The
 * component's parameters, in the slice it is bound to, hold the layers in order, each as its
 * {@code in x out} weight matrix column-major ({@code W[i][j]} at {@code i + j * in}) followed by its
 * {@code out} biases.
 *
 * @param widths the layer widths from the input to the output ({@code layers + 1} values)
 * @param activations each layer's activation ({@code layers} values; the last is usually
 *     {@link Activation#IDENTITY})
 */
public record DenseLayers(List<Integer> widths, List<Activation> activations) {
    /**
     * Copies the lists and checks that they fit.
     *
     * @param widths the layer widths from the input to the output
     * @param activations each layer's activation
     */
    public DenseLayers {
        widths = List.copyOf(widths);
        activations = List.copyOf(activations);
        if (widths.size() != activations.size() + 1 || activations.isEmpty()) {
            throw new IllegalArgumentException("dense layers need one width more than activations, got " + widths.size()
                    + " widths and " + activations.size() + " activations");
        }
    }

    /** {@return the number of parameters the layers hold: each layer's weights and biases} */
    public long numParams() {
        long n = 0;
        for (int l = 0; l < activations.size(); l++) {
            n += (long) widths.get(l) * widths.get(l + 1) + widths.get(l + 1);
        }
        return n;
    }
}
