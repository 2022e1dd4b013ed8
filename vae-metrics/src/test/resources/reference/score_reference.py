#!/usr/bin/python3
"""Independent reference values for vae4j's disentanglement scores (run with Debian's python3 and its
python3-numpy, python3-scipy and python3-sklearn; the product never runs it).

It generates small cases (codes and factors as CSV) and computes, with numpy, scipy and scikit-learn,
what vae4j's definitions (docs/metrics.md) give on them: MIG and modularity with 20 equal-width bins
(mutual information from sklearn.metrics.mutual_info_score, entropy from scipy.stats.entropy), SAP's
continuous branch (squared Pearson correlation on the test rows, the first 320 rows fitting),
Pearson and Spearman correlations (scipy.stats) and the optimal one-to-one alignment of factors
with dimensions by |Spearman| (scipy.optimize.linear_sum_assignment).

    /usr/bin/python3 score_reference.py   # rewrites cases/*.csv and reference.json beside it
"""
import json
import os

import numpy as np
from scipy import stats
from scipy.optimize import linear_sum_assignment
from sklearn.metrics import mutual_info_score

HERE = os.path.dirname(os.path.abspath(__file__))
N, BINS, TRAIN_ROWS = 400, 20, 320


def cases():
    rng = np.random.default_rng(20261127)
    f = rng.uniform(size=(N, 3))
    aligned = np.column_stack([f + 0.01 * rng.normal(size=(N, 3)), rng.normal(size=N)])
    a, b = np.radians(40), np.radians(55)
    rx = np.array([[1, 0, 0], [0, np.cos(a), -np.sin(a)], [0, np.sin(a), np.cos(a)]])
    rz = np.array([[np.cos(b), -np.sin(b), 0], [np.sin(b), np.cos(b), 0], [0, 0, 1]])
    rotated = (f - 0.5) @ rx.T @ rz.T
    noisy = f + 0.3 * rng.normal(size=(N, 3))
    digit = rng.integers(0, 4, size=N)
    g = rng.uniform(size=(N, 2))
    mixed_factors = np.column_stack([g, digit])
    mixed_codes = np.column_stack([g[:, 0], digit + 0.2 * rng.normal(size=N), 0.5 * g[:, 0] + 0.5 * g[:, 1],
                                   rng.normal(size=N)])
    narrow = np.column_stack([f[:, 2] + 0.05 * rng.normal(size=N), f[:, 0] - f[:, 1]])   # 2 codes, 3 factors
    return {
        "narrow": (narrow, f, [False, False, False]),
        "aligned": (aligned, f, [False, False, False]),
        "rotated": (rotated, f, [False, False, False]),
        "noisy": (noisy, f, [False, False, False]),
        "mixed": (mixed_codes, mixed_factors, [False, False, True]),
    }


def binned(x):
    lo, hi = x.min(), x.max()
    if not hi > lo:
        return np.zeros(len(x), dtype=int)
    return np.minimum(BINS - 1, np.floor((x - lo) / (hi - lo) * BINS).astype(int))


def discrete(factors, kinds, k):
    return factors[:, k].astype(int) if kinds[k] else binned(factors[:, k])


def mi_matrix(codes, factors, kinds):
    return np.array([[mutual_info_score(binned(codes[:, j]), discrete(factors, kinds, k))
                      for k in range(factors.shape[1])] for j in range(codes.shape[1])])


def mig(codes, factors, kinds):
    mi = mi_matrix(codes, factors, kinds)
    gaps = []
    for k in range(factors.shape[1]):
        h = stats.entropy(np.bincount(discrete(factors, kinds, k)))
        if h > 0:
            top = np.sort(mi[:, k])[::-1]
            gaps.append((top[0] - top[1]) / h)
    return float(np.mean(gaps))


def modularity(codes, factors, kinds):
    mi = mi_matrix(codes, factors, kinds)
    kf = factors.shape[1]
    scores = []
    for row in mi:
        best = int(np.argmax(row))
        theta = row[best]
        if theta <= 0:
            continue
        deviation = sum(row[k] ** 2 for k in range(kf) if k != best)
        scores.append(1 - deviation / (theta ** 2 * (kf - 1)))
    return float(np.mean(scores))


def sap_continuous(codes, factors):
    test = slice(TRAIN_ROWS, N)
    gaps = []
    for k in range(factors.shape[1]):
        r2 = sorted((stats.pearsonr(codes[test, j], factors[test, k])[0] ** 2 for j in range(codes.shape[1])),
                    reverse=True)
        gaps.append(r2[0] - r2[1])
    return float(np.mean(gaps))


def correlations(codes, factors, fn):
    return [[float(fn(codes[:, j], factors[:, k])[0]) for k in range(factors.shape[1])] for j in range(codes.shape[1])]


def alignment(codes, factors):
    """Each factor's dimension (-1 when there are more factors than dimensions), its strength, the
    runner-up dimension for the factor, and the dimension's strongest other factor."""
    strength = np.abs(np.array(correlations(codes, factors, stats.spearmanr))).T   # factors x dims
    kf, d = strength.shape
    rows, cols = linear_sum_assignment(-strength)
    dim = {int(r): int(c) for r, c in zip(rows, cols)}
    out = []
    for k in range(kf):
        j = dim.get(k, -1)
        entry = {"factor": k, "dimension": j}
        if j < 0:
            entry["runnerUpDimension"] = int(np.argmax(strength[k]))
            entry["runnerUpStrength"] = float(strength[k].max())
        else:
            others = [x for x in range(d) if x != j]
            entry["strength"] = float(strength[k, j])
            if others:
                r = max(others, key=lambda x: strength[k, x])
                entry["runnerUpDimension"] = r
                entry["runnerUpStrength"] = float(strength[k, r])
            rivals = [x for x in range(kf) if x != k]
            if rivals:
                c = max(rivals, key=lambda x: strength[x, j])
                entry["competingFactor"] = c
                entry["competingStrength"] = float(strength[c, j])
        out.append(entry)
    return out


def main():
    os.makedirs(os.path.join(HERE, "cases"), exist_ok=True)
    out = {"n": N, "bins": BINS, "trainRows": TRAIN_ROWS, "cases": {}}
    for name, (codes, factors, kinds) in cases().items():
        np.savetxt(os.path.join(HERE, "cases", name + "-codes.csv"), codes, delimiter=",", fmt="%.17g",
                   header=",".join("z%d" % j for j in range(codes.shape[1])), comments="")
        np.savetxt(os.path.join(HERE, "cases", name + "-factors.csv"), factors, delimiter=",", fmt="%.17g",
                   header=",".join("f%d" % k for k in range(factors.shape[1])), comments="")
        ref = {"discrete": kinds, "mig": mig(codes, factors, kinds), "modularity": modularity(codes, factors, kinds),
               "pearson": correlations(codes, factors, stats.pearsonr),
               "spearman": correlations(codes, factors, stats.spearmanr),
               "alignment": alignment(codes, factors)}
        if not any(kinds):
            ref["sap"] = sap_continuous(codes, factors)
        out["cases"][name] = ref
    with open(os.path.join(HERE, "reference.json"), "w") as f:
        json.dump(out, f, indent=1)


if __name__ == "__main__":
    main()
