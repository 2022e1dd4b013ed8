#!/usr/bin/python3
"""Reference values for vae4j's GradientBoosting and for `--protocol dlib`: disentanglement_lib's MIG,
SAP, DCI, modularity and explicitness, from Debian's python3 with python3-numpy, python3-scipy and
python3-sklearn (the product never runs it).

1. GradientBoostingClassifier() at its defaults on small problems (two and four classes, three
   features; and quantised features with many equal values), once per random_state in SEEDS: the range of the normalised feature importances and
   the predicted classes of held-out points. The random_state only orders the features a node
   visits, which decides between equally good splits; disentanglement_lib leaves it unset, so its
   own values move within that range from run to run.
2. disentanglement_lib's DCI (evaluation/metrics/dci.py: compute_importance_gbt, disentanglement,
   completeness) on aligned, rotated, noisy and mixed codes against discrete factors, the first
   TRAIN_ROWS rows fitting and the rest testing; the mixed case's continuous factor is cut into 20
   equal-width bins first, as vae4j does; once per random_state in SEEDS, giving the mean, the
   smallest and the largest value of each score.
3. On the same cases, disentanglement_lib's MIG (mig.py, on all rows: codes in 20 np.histogram
   bins, sklearn's mutual_info_score), modularity (modularity_explicitness.py, on the train rows),
   and SAP and explicitness as svm_reference.py computes them (SAP's continuous branch for the
   mixed case's continuous factor, the others on its 20 bins).

    /usr/bin/python3 dlib_reference.py   # rewrites dlib-cases/*.csv and dlib-reference.json beside it
"""
import json
import os

import numpy as np
import scipy.stats
from sklearn import ensemble, metrics

import svm_reference

HERE = os.path.dirname(os.path.abspath(__file__))
N, TRAIN_ROWS, BINS = 600, 480, 20
SEEDS = range(10)


def fits(rng):
    n = 400
    x = rng.normal(size=(n, 3))
    two = (x[:, 0] + 0.5 * x[:, 1] ** 2 + 0.3 * rng.normal(size=n) > 0.4).astype(int)
    four = np.digitize(x[:, 1] - 0.7 * x[:, 2] + 0.2 * rng.normal(size=n), [-1, 0, 1]) + 3   # classes 3..6
    # codes that take few values (quantised), so that many examples share a value: its own generator,
    # so that the cases above keep their arrays
    q = np.random.default_rng(7)
    xq = q.integers(0, 6, size=(n, 3)).astype(float)
    tied = ((xq[:, 0] + xq[:, 1] + q.integers(0, 3, size=n)) // 3).astype(int)   # classes 0..4
    return {"two-classes": (x, two), "four-classes": (x, four), "tied": (xq, tied)}


def cases(rng):
    digit = rng.integers(0, 5, size=N)
    stroke = rng.integers(0, 3, size=N)
    size = rng.integers(0, 2, size=N)
    f = np.column_stack([digit, stroke, size]).astype(float)
    centred = f - f.mean(axis=0)
    aligned = np.column_stack([centred + 0.05 * rng.normal(size=(N, 3)), rng.normal(size=N)])
    a = np.radians(35)
    rot = np.array([[np.cos(a), -np.sin(a), 0], [np.sin(a), np.cos(a), 0], [0, 0, 1]])
    rotated = centred @ rot.T + 0.05 * rng.normal(size=(N, 3))
    noisy = centred + 0.8 * rng.normal(size=(N, 3))
    width = rng.uniform(size=N)
    mixed_factors = np.column_stack([digit, width])
    mixed = np.column_stack([digit + width + 0.1 * rng.normal(size=N), width + 0.05 * rng.normal(size=N),
                             0.3 * digit + rng.normal(size=N)])
    return {
        "aligned": (aligned, f, [True, True, True]),
        "rotated": (rotated, f, [True, True, True]),
        "noisy": (noisy, f, [True, True, True]),
        "mixed": (mixed, mixed_factors, [True, False]),
    }


def binned(x):
    lo, hi = x.min(), x.max()
    return np.minimum(BINS - 1, np.floor((x - lo) / (hi - lo) * BINS).astype(int))


def histogram_discretize(target, num_bins=BINS):
    """disentanglement_lib's utils.histogram_discretize: rows are codes."""
    discretized = np.zeros_like(target)
    for i in range(target.shape[0]):
        discretized[i, :] = np.digitize(target[i, :], np.histogram(target[i, :], num_bins)[1][:-1])
    return discretized


def discrete_mutual_info(mus, ys):
    return np.array([[metrics.mutual_info_score(ys[j, :], mus[i, :]) for j in range(ys.shape[0])]
                     for i in range(mus.shape[0])])


def dlib_mig(codes, ys):
    m = discrete_mutual_info(histogram_discretize(codes.T), ys.T)
    entropy = np.array([metrics.mutual_info_score(y, y) for y in ys.T])
    sorted_m = np.sort(m, axis=0)[::-1]
    return float(np.mean(np.divide(sorted_m[0, :] - sorted_m[1, :], entropy[:])))


def dlib_modularity(codes, ys):
    mi = discrete_mutual_info(histogram_discretize(codes[:TRAIN_ROWS].T), ys[:TRAIN_ROWS].T)
    squared_mi = np.square(mi)
    max_squared_mi = np.max(squared_mi, axis=1)
    numerator = np.sum(squared_mi, axis=1) - max_squared_mi
    denominator = max_squared_mi * (squared_mi.shape[1] - 1.)
    score = 1. - numerator / denominator
    score[max_squared_mi == 0.] = 0.
    return float(np.mean(score))


def discrete_factors(factors, kinds):
    return np.column_stack([factors[:, k].astype(int) if kinds[k] else binned(factors[:, k])
                            for k in range(factors.shape[1])])


def entropy_score(importance_matrix):
    """disentanglement_lib's disentanglement and completeness."""
    per_code = 1. - scipy.stats.entropy(importance_matrix.T + 1e-11, base=importance_matrix.shape[1])
    per_factor = 1. - scipy.stats.entropy(importance_matrix + 1e-11, base=importance_matrix.shape[0])
    m = importance_matrix if importance_matrix.sum() != 0. else np.ones_like(importance_matrix)
    code_importance = m.sum(axis=1) / m.sum()
    factor_importance = m.sum(axis=0) / m.sum()
    return float(np.sum(per_code * code_importance)), float(np.sum(per_factor * factor_importance))


def dlib_dci(codes, factors, kinds, seed):
    ys = discrete_factors(factors, kinds)
    x_train, x_test, y_train, y_test = codes[:TRAIN_ROWS].T, codes[TRAIN_ROWS:].T, ys[:TRAIN_ROWS].T, ys[TRAIN_ROWS:].T
    importance_matrix = np.zeros([x_train.shape[0], y_train.shape[0]])
    train_loss, test_loss = [], []
    for i in range(y_train.shape[0]):
        model = ensemble.GradientBoostingClassifier(random_state=seed)
        model.fit(x_train.T, y_train[i, :])
        importance_matrix[:, i] = np.abs(model.feature_importances_)
        train_loss.append(np.mean(model.predict(x_train.T) == y_train[i, :]))
        test_loss.append(np.mean(model.predict(x_test.T) == y_test[i, :]))
    d, c = entropy_score(importance_matrix)
    return {"disentanglement": d, "completeness": c, "informativenessTrain": float(np.mean(train_loss)),
            "informativenessTest": float(np.mean(test_loss)), "importance": importance_matrix.tolist()}


def main():
    rng = np.random.default_rng(20261127)
    folder = os.path.join(HERE, "dlib-cases")
    os.makedirs(folder, exist_ok=True)
    assert svm_reference.TRAIN_ROWS == TRAIN_ROWS
    ref = {"fits": {}, "dci": {}, "others": {}, "trainRows": TRAIN_ROWS}
    for name, (x, y) in fits(rng).items():
        np.savetxt(os.path.join(folder, name + ".csv"), np.column_stack([x, y]), delimiter=",",
                   header="x0,x1,x2,y", comments="", fmt=["%.17g"] * 3 + ["%d"])
        fit, held = slice(0, 300), slice(300, None)
        models = [ensemble.GradientBoostingClassifier(random_state=s).fit(x[fit], y[fit]) for s in SEEDS]
        importances = np.array([m.feature_importances_ for m in models])
        ref["fits"][name] = {"fitRows": 300, "importancesMin": importances.min(axis=0).tolist(),
                             "importancesMax": importances.max(axis=0).tolist(),
                             "predicted": [m.predict(x[held]).tolist() for m in models]}
    for name, (codes, factors, kinds) in cases(rng).items():
        np.savetxt(os.path.join(folder, name + "-codes.csv"), codes, delimiter=",",
                   header=",".join("z%d" % j for j in range(codes.shape[1])), comments="", fmt="%.17g")
        np.savetxt(os.path.join(folder, name + "-factors.csv"), factors, delimiter=",",
                   header=",".join("f%d" % k for k in range(factors.shape[1])), comments="", fmt="%.17g")
        runs = [dlib_dci(codes, factors, kinds, seed) for seed in SEEDS]
        ref["dci"][name] = {"discrete": kinds}
        for key in ["disentanglement", "completeness", "informativenessTrain", "informativenessTest", "importance"]:
            values = np.array([run[key] for run in runs])
            ref["dci"][name][key] = {"mean": values.mean(axis=0).tolist(), "min": values.min(axis=0).tolist(),
                                     "max": values.max(axis=0).tolist()}
        ys = discrete_factors(factors, kinds)
        _, explicitness, _ = svm_reference.dlib_explicitness(codes, factors, kinds)
        ref["others"][name] = {"mig": dlib_mig(codes, ys), "sap": svm_reference.dlib_sap(codes, factors, kinds)[0],
                               "modularity": dlib_modularity(codes, ys), "explicitness": explicitness}
    with open(os.path.join(HERE, "dlib-reference.json"), "w") as f:
        json.dump(ref, f, indent=1)


if __name__ == "__main__":
    main()
