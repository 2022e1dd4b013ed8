#!/usr/bin/python3
"""scikit-image's warp of Morpho-MNIST's plain digits by mnist-factors' tilt and width, for MnistFactorsTest.

mnist-factors draws a digit's line-weight image under a horizontal shear (tilt) and a horizontal
scale (width) about the plain digit's centre of mass: x' = cx + width (x - cx) + tan(tilt) (cy - y),
y' = y. This script does the same with scikit-image 0.19's warp (bilinear, order=1, zeros outside,
no clipping) on Morpho-MNIST's own plain and thick10 images of test digits 0-9 (committed under
../morpho-perturb/, made by the reference code), so the Java drawing is held to an independent
implementation. Debian's python3 with python3-skimage; the product never runs it.

    /usr/bin/python3 mnist_factors_reference.py   # rewrites mnist-factors-reference.json beside it
"""
import json
import os

import numpy as np
from skimage import transform

HERE = os.path.dirname(os.path.abspath(__file__))
PERTURB = os.path.join(HERE, "..", "morpho-perturb")


def load_idx(path):
    with open(path, "rb") as f:
        data = f.read()
    n, h, w = (int.from_bytes(data[4 + 4 * i:8 + 4 * i], "big") for i in range(3))
    return np.frombuffer(data[16:], dtype=np.uint8).reshape(n, h, w)


def draw(image, plain, tilt_degrees, width):
    img = image.astype(np.float64) / 255.0
    p = plain.astype(np.float64)
    rows, cols = np.indices(p.shape)
    cx = (p * cols).sum() / p.sum()
    cy = (p * rows).sum() / p.sum()
    shear = np.tan(np.radians(tilt_degrees))

    # output (col, row) -> input (col, row): src_x = cx + (x - cx - shear (cy - y)) / width, src_y = y
    inverse = transform.AffineTransform(matrix=np.array([
        [1 / width, shear / width, cx - cx / width - shear * cy / width],
        [0.0, 1.0, 0.0],
        [0.0, 0.0, 1.0]]))
    return transform.warp(img, inverse, order=1, mode="constant", cval=0.0, clip=False)


def main():
    plain = load_idx(os.path.join(PERTURB, "plain-idx3-ubyte"))
    thick = load_idx(os.path.join(PERTURB, "thick10-idx3-ubyte"))
    cases = []
    for digit in range(10):
        for level, images in (("plain", plain), ("thick10", thick)):
            for tilt, width in ((-20, 0.75), (10, 1.25), (20, 1.0), (0, 0.875)):
                out = draw(images[digit], plain[digit], tilt, width)
                cases.append({"digit": digit, "lineWeight": level, "tilt": tilt, "width": width,
                              "image": [round(float(v), 8) for v in out.ravel()]})
    with open(os.path.join(HERE, "mnist-factors-reference.json"), "w") as f:
        json.dump({"cases": cases}, f)


if __name__ == "__main__":
    main()
