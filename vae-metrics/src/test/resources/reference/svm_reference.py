#!/usr/bin/python3
"""Reference values for vae4j's LinearSvc and Logistic and disentanglement_lib's SAP and explicitness
(`dlib-sap`, `dlib-explicitness`), from Debian's
python3 with python3-numpy and python3-sklearn (the product never runs it).

1. LinearSVC(C=0.01, class_weight="balanced") fitted with tol=1e-12 (the exact optimum, which vae4j's
   Newton solver reaches) on 1-D problems: coefficients and intercepts per one-vs-rest problem.
2. disentanglement_lib's SAP (evaluation/metrics/sap_score.py, compute_score_matrix and
   compute_avg_diff_top_two) with sklearn's default LinearSVC, as disentanglement_lib runs it, on
   codes against discrete and continuous factors; the first TRAIN_ROWS rows fit, the rest test.
3. LogisticRegression() fitted by newton-cg to tol=1e-10 (lbfgs stops early) on the same 1-D problems: class probabilities at a few
   points (the intercepts of a multinomial model are only defined up to a common constant).
4. disentanglement_lib's explicitness (modularity_explicitness.py, explicitness_per_factor) with the
   default LogisticRegression, on the same codes; the continuous factor cut into 20 equal-width bins.

    /usr/bin/python3 svm_reference.py   # rewrites svm-cases/*.csv and svm-reference.json beside it
"""
import json
import os
import warnings

import numpy as np
from sklearn import linear_model, metrics, preprocessing, svm
from sklearn.exceptions import ConvergenceWarning

HERE = os.path.dirname(os.path.abspath(__file__))
TRAIN_ROWS = 480
PROBES = [-2.0, -0.5, 0.0, 0.7, 1.5, 3.0, 4.5]


def fits(rng):
    n = 300
    out = {}
    y2 = rng.integers(0, 2, size=n)
    out["binary"] = (y2 * 1.5 + rng.normal(size=n), y2)
    y_imb = (rng.uniform(size=n) < 0.15).astype(int)
    out["binary-imbalanced"] = (2.0 * y_imb + 0.8 * rng.normal(size=n) + 3.0, y_imb)
    y3 = rng.integers(0, 3, size=n)
    out["three"] = (y3 + 0.4 * rng.normal(size=n), y3 + 2)           # classes 2, 3, 4
    y5 = np.minimum(4, rng.geometric(0.45, size=n) - 1)
    out["five-imbalanced"] = (0.7 * y5 + rng.normal(size=n) * 0.5 - 1.0, y5)
    return out


def sap_case(rng):
    n = 600
    digit = rng.integers(0, 4, size=n)
    stroke = rng.integers(0, 3, size=n)
    width = rng.uniform(size=n)
    factors = np.column_stack([digit, stroke, width])
    codes = np.column_stack([digit + 0.3 * rng.normal(size=n), 0.5 * stroke + 0.4 * rng.normal(size=n),
                             width + 0.1 * rng.normal(size=n), 0.3 * digit + width + rng.normal(size=n),
                             rng.normal(size=n)])
    return codes, factors, [True, True, False]


def dlib_sap(codes, factors, kinds):
    mus, ys = codes[:TRAIN_ROWS].T, factors[:TRAIN_ROWS].T
    mus_test, ys_test = codes[TRAIN_ROWS:].T, factors[TRAIN_ROWS:].T
    score = np.zeros([mus.shape[0], ys.shape[0]])
    for i in range(mus.shape[0]):
        for j in range(ys.shape[0]):
            mu_i, y_j = mus[i, :], ys[j, :]
            if not kinds[j]:
                cov = np.cov(mu_i, y_j, ddof=1)
                score[i, j] = cov[0, 1] ** 2 / (cov[0, 0] * cov[1, 1]) if cov[0, 0] > 1e-12 else 0.
            else:
                classifier = svm.LinearSVC(C=0.01, class_weight="balanced")
                classifier.fit(mu_i[:, np.newaxis], y_j.astype(int))
                pred = classifier.predict(mus_test[i, :][:, np.newaxis])
                score[i, j] = np.mean(pred == ys_test[j, :].astype(int))
    s = np.sort(score, axis=0)
    return float(np.mean(s[-1, :] - s[-2, :])), score


def binned(x, bins=20):
    lo, hi = x.min(), x.max()
    return np.minimum(bins - 1, np.floor((x - lo) / (hi - lo) * bins).astype(int))


def dlib_explicitness(codes, factors, kinds):
    train, test = [], []
    for j in range(factors.shape[1]):
        y = factors[:, j].astype(int) if kinds[j] else binned(factors[:, j])
        x_train, y_train, x_test, y_test = codes[:TRAIN_ROWS], y[:TRAIN_ROWS], codes[TRAIN_ROWS:], y[TRAIN_ROWS:]
        clf = linear_model.LogisticRegression().fit(x_train, y_train)
        mlb = preprocessing.MultiLabelBinarizer()
        train.append(metrics.roc_auc_score(mlb.fit_transform(np.expand_dims(y_train, 1)), clf.predict_proba(x_train)))
        test.append(metrics.roc_auc_score(mlb.fit_transform(np.expand_dims(y_test, 1)), clf.predict_proba(x_test)))
    return float(np.mean(train)), float(np.mean(test)), test


def main():
    warnings.simplefilter("ignore", ConvergenceWarning)
    rng = np.random.default_rng(20261127)
    os.makedirs(os.path.join(HERE, "svm-cases"), exist_ok=True)
    ref = {"fits": {}, "sap": {}}
    for name, (x, y) in fits(rng).items():
        np.savetxt(os.path.join(HERE, "svm-cases", name + ".csv"), np.column_stack([x, y]), delimiter=",",
                   header="x,y", comments="", fmt=["%.17g", "%d"])
        c = svm.LinearSVC(C=0.01, class_weight="balanced", tol=1e-12, max_iter=10 ** 7).fit(x[:, None], y)
        ref["fits"][name] = {"classes": c.classes_.tolist(), "coef": c.coef_[:, 0].tolist(),
                             "intercept": c.intercept_.tolist()}
        lr = linear_model.LogisticRegression(solver="newton-cg", tol=1e-10, max_iter=10 ** 4).fit(x[:, None], y)
        ref["fits"][name]["logistic"] = {"at": PROBES, "probabilities":
                                         lr.predict_proba(np.array(PROBES)[:, None]).tolist()}
    codes, factors, kinds = sap_case(rng)
    np.savetxt(os.path.join(HERE, "svm-cases", "sap-codes.csv"), codes, delimiter=",",
               header=",".join("z%d" % j for j in range(codes.shape[1])), comments="", fmt="%.17g")
    np.savetxt(os.path.join(HERE, "svm-cases", "sap-factors.csv"), factors, delimiter=",",
               header="digit,stroke,width", comments="", fmt="%.17g")
    value, matrix = dlib_sap(codes, factors, kinds)
    ref["sap"] = {"trainRows": TRAIN_ROWS, "discrete": kinds, "value": value, "matrix": matrix.tolist()}
    train, test, per_factor = dlib_explicitness(codes, factors, kinds)
    ref["explicitness"] = {"train": train, "test": test, "testPerFactor": per_factor}
    with open(os.path.join(HERE, "svm-reference.json"), "w") as f:
        json.dump(ref, f, indent=1)


if __name__ == "__main__":
    main()
