package org.vae4j;

import org.nd4j.linalg.api.buffer.DataType;

/** The floating-point precision models are trained and run in. */
public enum Precision {
    /** Single precision: what training and the fast kernels use (the default). */
    FLOAT(DataType.FLOAT),
    /** Double precision: slower; for numerical checks. */
    DOUBLE(DataType.DOUBLE);

    private final DataType type;

    Precision(DataType type) {
        this.type = type;
    }

    DataType dataType() {
        return type;
    }
}
