#!/usr/bin/python3
"""disentanglement_lib's MIG on the train rows, the value `--protocol dlib` gives with `--train-rows N`.

disentanglement_lib's compute_mig (evaluation/metrics/mig.py) scores the num_train points it draws
and nothing else; vae4j's --train-rows N says the first N rows are those points. This script reads
the committed reference cases (dlib-cases/*-codes.csv and *-factors.csv, with the factor kinds in
dlib-reference.json, both written by dlib_reference.py) and computes, with dlib_reference.py's copy
of mig.py (codes in 20 np.histogram bins, sklearn's mutual_info_score), MIG on all rows (as
dlib-reference.json holds it) and on the first TRAIN_ROWS rows. Debian's python3 with
python3-numpy and python3-sklearn; the product never runs it.

    /usr/bin/python3 dlib_mig_train_reference.py   # rewrites dlib-mig-train.json beside it
"""
import json
import os

import numpy as np

import dlib_reference

HERE = os.path.dirname(os.path.abspath(__file__))


def read(name):
    return np.loadtxt(os.path.join(HERE, "dlib-cases", name + ".csv"), delimiter=",", skiprows=1, ndmin=2)


def main():
    with open(os.path.join(HERE, "dlib-reference.json")) as f:
        ref = json.load(f)
    rows = dlib_reference.TRAIN_ROWS
    out = {"trainRows": rows, "cases": {}}
    for name in ["aligned", "rotated", "noisy", "mixed"]:
        codes, factors = read(name + "-codes"), read(name + "-factors")
        ys = dlib_reference.discrete_factors(factors, ref["dci"][name]["discrete"])
        out["cases"][name] = {"migAllRows": dlib_reference.dlib_mig(codes, ys),
                              "migTrainRows": dlib_reference.dlib_mig(codes[:rows], ys[:rows])}
    with open(os.path.join(HERE, "dlib-mig-train.json"), "w") as f:
        json.dump(out, f, indent=1)


if __name__ == "__main__":
    main()
