#!/usr/bin/python3
"""Morpho-MNIST's own skeleton pruning (skeleton.py at 3a20ed3: num_neighbours, erase, and
LocationSampler(prune_tips=2, prune_forks=2) at scale 4), on skeletons drawn here, for
PerturbationsTest: the skeleton pixels that may hold a fracture, in np.where's row-major order, the
stroke angle get_angle finds at some of them, and skimage.draw.line's pixels for 40 random lines.
Needs a checkout of dccastro/Morpho-MNIST (MORPHO_SRC) and Debian's python3-numpy, -scipy, -skimage.

    MORPHO_SRC=path/to/Morpho-MNIST /usr/bin/python3 pruning_reference.py   # writes pruning-reference.json
"""
import json
import os
import sys

import numpy as np
from skimage import draw

sys.path.insert(0, os.environ.get("MORPHO_SRC", "Morpho-MNIST"))
from morphomnist import skeleton  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))


def shapes():
    h = w = 64
    line = np.zeros((h, w), bool)
    line[30, 5:55] = True                      # a stroke with two tips
    tee = np.zeros((h, w), bool)
    tee[12, 6:58] = True                       # a bar ...
    tee[13:60, 31] = True                      # ... and a stem: a fork where they meet
    curve = np.zeros((h, w), bool)
    for c in range(8, 56):                     # a diagonal staircase and a hook
        curve[8 + (c - 8) // 2, c] = True
    curve[32:50, 55] = True
    short = np.zeros((h, w), bool)
    short[40, 20:30] = True                    # pruned away entirely
    edge = np.zeros((h, w), bool)
    edge[0, 3:50] = True                       # strokes along the image's edges
    edge[1:40, 63] = True
    edge[20:63, 2] = True
    edge[63, 10:30] = True
    return {"line": line, "tee": tee, "curve": curve, "short": short, "edge": edge}


def pruned(skel, scale=4, prune=2.0):
    up = int(prune * scale)
    s = skeleton.erase(skel, skeleton.num_neighbours(skel) == 1, up)
    s = skeleton.erase(s, skeleton.num_neighbours(s) == 3, up)
    return np.array(np.where(s)).T.tolist()


def main():
    out = {}
    for name, skel in shapes().items():
        pixels = np.array(np.where(skel)).T.tolist()
        # skeleton.get_angle in a window of radius 2 * 4, as Fracture takes it, at every 5th pixel
        angles = [[i, j, float(skeleton.get_angle(skel, i, j, 8))] for i, j in pixels[::5]]
        out[name] = {"shape": list(skel.shape), "skeleton": pixels, "candidates": pruned(skel), "angles": angles}
    rng = np.random.RandomState(4)
    lines = []
    for _ in range(40):  # skimage.draw.line between random ends, ties included
        r0, c0, r1, c1 = (int(v) for v in rng.randint(0, 12, size=4))
        rr, cc = draw.line(r0, c0, r1, c1)
        lines.append({"from": [r0, c0], "to": [r1, c1], "pixels": [[int(a), int(b)] for a, b in zip(rr, cc)]})
    out["lines"] = lines
    with open(os.path.join(HERE, "pruning-reference.json"), "w") as f:
        json.dump(out, f)


if __name__ == "__main__":
    main()
