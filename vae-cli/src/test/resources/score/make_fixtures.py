#!/usr/bin/python3
"""Writes the arrays ScoreCommandTest reads, with numpy (Debian's python3-numpy): the same codes and
factors as CSV and as .npy in several dtypes and header versions, plus malformed variants."""
import os

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
rng = np.random.default_rng(7)
n = 300
digit = rng.integers(0, 3, size=n)
width = rng.uniform(size=n)
codes = np.column_stack([width + 0.05 * rng.normal(size=n), digit + 0.3 * rng.normal(size=n), rng.normal(size=n)])
factors = np.column_stack([digit, width])


def path(name):
    return os.path.join(HERE, name)


np.savetxt(path("codes.csv"), codes, delimiter=",", fmt="%.17g", header="z0,z1,z2", comments="")
np.savetxt(path("codes-noheader.csv"), codes, delimiter=",", fmt="%.17g")
np.savetxt(path("factors.csv"), factors, delimiter=",", fmt="%.17g", header="digit,width", comments="")
np.save(path("codes.npy"), codes)                                  # float64, version 1.0
np.save(path("factors.npy"), factors)                              # float64
np.save(path("digit-int64.npy"), digit.astype(np.int64))           # 1-d int64
np.save(path("digit-uint8.npy"), digit.astype(np.uint8))
np.save(path("digit-int32.npy"), digit.astype(np.int32))
np.save(path("codes-float32.npy"), codes.astype(np.float32))
with open(path("codes-v2.npy"), "wb") as f:                        # a version 2.0 header
    np.lib.format.write_array(f, codes, version=(2, 0))
np.save(path("codes-fortran.npy"), np.asfortranarray(codes))
np.save(path("codes-complex.npy"), codes.astype(np.complex128))
bad = codes.copy()
bad[41, 2] = np.nan
np.save(path("codes-nan.npy"), bad)
short = open(path("codes.npy"), "rb").read()
open(path("codes-truncated.npy"), "wb").write(short[:len(short) - 100])
