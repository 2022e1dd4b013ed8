#!/usr/bin/python3
"""Reference for vae4j's Upscaler: scikit-image's pyramid_expand(image, upscale, order=3), as
Morpho-MNIST calls it, from Debian's python3 with python3-skimage 0.19 (the product never runs it).

Cases: a random 9x7 image of values in [0, 1] (scale 4), a 6x6 blob with exact 0 and 1 (scale 3),
and the central 14x14 of the first MNIST test digit (scale 4, pixels / 255). Writes
upscale-reference.csv beside it: one line per case, "name,scale,h,w," then the h*w input values,
then the (h*scale)*(w*scale) values of 255 * pyramid_expand(...), row-major.

    /usr/bin/python3 upscale_reference.py
"""
import gzip
import os

import numpy as np
from skimage.transform import pyramid_expand

HERE = os.path.dirname(os.path.abspath(__file__))


def cases():
    rng = np.random.default_rng(20261127)
    blob = np.zeros((6, 6))
    blob[1:5, 2:4] = 1.0
    blob[2, 1] = 0.5
    with gzip.open(os.path.join(HERE, "..", "t10k-first200-images-idx3-ubyte.gz")) as f:
        digit = np.frombuffer(f.read(), dtype=np.uint8, offset=16)[:784].reshape(28, 28)
    return [("random", 4, rng.uniform(size=(9, 7))), ("blob", 3, blob),
            ("digit", 4, digit[7:21, 7:21] / 255.0)]


def main():
    with open(os.path.join(HERE, "upscale-reference.csv"), "w") as out:
        for name, scale, image in cases():
            expanded = 255 * pyramid_expand(image, upscale=scale, order=3, channel_axis=None)
            values = [name, str(scale), str(image.shape[0]), str(image.shape[1])]
            values += ["%.17g" % v for v in image.ravel()] + ["%.10f" % v for v in expanded.ravel()]
            out.write(",".join(values) + "\n")


if __name__ == "__main__":
    main()
