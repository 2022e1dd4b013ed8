#!/usr/bin/python3
"""disentanglement_lib's intervention scores, BetaVAE and FactorVAE, on representations whose answers are known.

The functions below are disentanglement_lib's own (evaluation/metrics/beta_vae.py and
factor_vae.py at 86a644d, utils.obtain_representation), copied with gin and logging taken out and
nothing else changed; the settings are those of beta_vae_sklearn.gin and factor_vae_metric.gin
(batch 64, 10,000 training and 5,000 evaluation points, 10,000 images for the variances, prune
threshold 0.05). The data is a ground-truth space like dSprites' whose observation is the vector of
factor levels itself (as disentanglement_lib's DummyData and its tests do), and each case's
representation is a fixed function of the levels (see REPRESENTATIONS), so a Java port can be held
to these values: same numpy RandomState draws, same classifier, same votes.

disentanglement_lib's LogisticRegression() runs lbfgs for at most 100 iterations, which stops short
of the optimum on these unscaled features (scikit-learn warns that it did not converge); vae4j fits
the same penalised model to its optimum. So each BetaVAE case is also scored with the same draws and
the optimum (newton-cg, tol 1e-12) as "betaVaeConverged": vae4j must equal that, and the released
value within a few points in 5,000.

Debian's python3 with python3-numpy and python3-sklearn; the product never runs it.

    /usr/bin/python3 intervention_reference.py   # rewrites intervention-reference.json beside it
"""
import json
import os

import warnings

import numpy as np
from sklearn import linear_model

HERE = os.path.dirname(os.path.abspath(__file__))


class LevelsData(object):
    """A ground-truth data set whose observation is the factor levels (as floats)."""

    def __init__(self, factor_sizes):
        self.factor_sizes = factor_sizes

    @property
    def num_factors(self):
        return len(self.factor_sizes)

    def sample_factors(self, num, random_state):
        # SplitDiscreteStateSpace.sample_latent_factors: one randint call per factor, in order.
        factors = np.zeros(shape=(num, len(self.factor_sizes)), dtype=np.int64)
        for pos, size in enumerate(self.factor_sizes):
            factors[:, pos] = random_state.randint(size, size=num)
        return factors

    def sample_observations_from_factors(self, factors, random_state):
        return factors.astype(np.float64)

    def sample(self, num, random_state):
        factors = self.sample_factors(num, random_state)
        return factors, self.sample_observations_from_factors(factors, random_state)

    def sample_observations(self, num, random_state):
        return self.sample(num, random_state)[1]


def obtain_representation(observations, representation_function, batch_size):
    representations = None
    num_points = observations.shape[0]
    i = 0
    while i < num_points:
        num_points_iter = min(num_points - i, batch_size)
        current_observations = observations[i:i + num_points_iter]
        if i == 0:
            representations = representation_function(current_observations)
        else:
            representations = np.vstack((representations, representation_function(current_observations)))
        i += num_points_iter
    return np.transpose(representations)


# ---- beta_vae.py ----
def compute_beta_vae_sklearn(ground_truth_data, representation_function, random_state,
                             batch_size=64, num_train=10000, num_eval=5000, converged=False):
    train_points, train_labels = _bv_generate_training_batch(
        ground_truth_data, representation_function, batch_size, num_train, random_state)
    model = linear_model.LogisticRegression(random_state=random_state)
    if converged:  # the same model fitted to its optimum (lbfgs stops at 100 iterations)
        model = linear_model.LogisticRegression(solver="newton-cg", tol=1e-12, max_iter=10000)
    model.fit(train_points, train_labels)
    train_accuracy = np.mean(model.predict(train_points) == train_labels)
    eval_points, eval_labels = _bv_generate_training_batch(
        ground_truth_data, representation_function, batch_size, num_eval, random_state)
    eval_accuracy = model.score(eval_points, eval_labels)
    return {"train_accuracy": float(train_accuracy), "eval_accuracy": float(eval_accuracy)}


def _bv_generate_training_batch(ground_truth_data, representation_function, batch_size, num_points,
                                random_state):
    points = None
    labels = np.zeros(num_points, dtype=np.int64)
    for i in range(num_points):
        labels[i], feature_vector = _bv_generate_training_sample(
            ground_truth_data, representation_function, batch_size, random_state)
        if points is None:
            points = np.zeros((num_points, feature_vector.shape[0]))
        points[i, :] = feature_vector
    return points, labels


def _bv_generate_training_sample(ground_truth_data, representation_function, batch_size, random_state):
    index = random_state.randint(ground_truth_data.num_factors)
    factors1 = ground_truth_data.sample_factors(batch_size, random_state)
    factors2 = ground_truth_data.sample_factors(batch_size, random_state)
    factors2[:, index] = factors1[:, index]
    observation1 = ground_truth_data.sample_observations_from_factors(factors1, random_state)
    observation2 = ground_truth_data.sample_observations_from_factors(factors2, random_state)
    representation1 = representation_function(observation1)
    representation2 = representation_function(observation2)
    feature_vector = np.mean(np.abs(representation1 - representation2), axis=0)
    return index, feature_vector


# ---- factor_vae.py ----
def compute_factor_vae(ground_truth_data, representation_function, random_state, batch_size=64,
                       num_train=10000, num_eval=5000, num_variance_estimate=10000):
    global_variances = _compute_variances(ground_truth_data, representation_function,
                                          num_variance_estimate, random_state)
    active_dims = _prune_dims(global_variances)
    scores_dict = {}
    if not active_dims.any():
        scores_dict["train_accuracy"] = 0.
        scores_dict["eval_accuracy"] = 0.
        scores_dict["num_active_dims"] = 0
        return scores_dict
    training_votes = _fv_generate_training_batch(ground_truth_data, representation_function, batch_size,
                                                 num_train, random_state, global_variances, active_dims)
    classifier = np.argmax(training_votes, axis=0)
    other_index = np.arange(training_votes.shape[1])
    train_accuracy = np.sum(training_votes[classifier, other_index]) * 1. / np.sum(training_votes)
    eval_votes = _fv_generate_training_batch(ground_truth_data, representation_function, batch_size,
                                             num_eval, random_state, global_variances, active_dims)
    eval_accuracy = np.sum(eval_votes[classifier, other_index]) * 1. / np.sum(eval_votes)
    scores_dict["train_accuracy"] = float(train_accuracy)
    scores_dict["eval_accuracy"] = float(eval_accuracy)
    # as released, len() of the boolean mask: the number of dimensions, pruned or not
    scores_dict["num_active_dims"] = int(active_dims.sum())
    scores_dict["classifier"] = classifier.tolist()
    return scores_dict


def _prune_dims(variances, threshold=0.05):
    scale_z = np.sqrt(variances)
    return scale_z >= threshold


def _compute_variances(ground_truth_data, representation_function, batch_size, random_state,
                       eval_batch_size=64):
    observations = ground_truth_data.sample_observations(batch_size, random_state)
    representations = obtain_representation(observations, representation_function, eval_batch_size)
    representations = np.transpose(representations)
    assert representations.shape[0] == batch_size
    return np.var(representations, axis=0, ddof=1)


def _fv_generate_training_sample(ground_truth_data, representation_function, batch_size, random_state,
                                 global_variances, active_dims):
    factor_index = random_state.randint(ground_truth_data.num_factors)
    factors = ground_truth_data.sample_factors(batch_size, random_state)
    factors[:, factor_index] = factors[0, factor_index]
    observations = ground_truth_data.sample_observations_from_factors(factors, random_state)
    representations = representation_function(observations)
    local_variances = np.var(representations, axis=0, ddof=1)
    argmin = np.argmin(local_variances[active_dims] / global_variances[active_dims])
    return factor_index, argmin


def _fv_generate_training_batch(ground_truth_data, representation_function, batch_size, num_points,
                                random_state, global_variances, active_dims):
    votes = np.zeros((ground_truth_data.num_factors, global_variances.shape[0]), dtype=np.int64)
    for _ in range(num_points):
        factor_index, argmin = _fv_generate_training_sample(ground_truth_data, representation_function,
                                                            batch_size, random_state, global_variances,
                                                            active_dims)
        votes[factor_index, argmin] += 1
    return votes


# ---- the cases ----
def representation(spec):
    """The fixed functions of the levels the Java test implements alike (InterventionReferenceTest)."""
    kind, _, arg = spec.partition(":")
    if kind == "identity":  # one code per factor: perfectly disentangled
        return lambda x: x.copy()
    if kind == "drop":  # factor k left out
        k = int(arg)
        return lambda x: np.delete(x, k, axis=1)
    if kind == "drop-two":  # factors 1 and 2 left out: their points cannot be told apart
        return lambda x: np.delete(x, [1, 2], axis=1)
    if kind == "copy":  # factor k in two codes
        k = int(arg)
        return lambda x: np.hstack([x, x[:, k:k + 1]])
    if kind == "mix":  # each code a factor plus a quarter of the next one
        return lambda x: x + 0.25 * np.roll(x, -1, axis=1)
    if kind == "constant-first":  # a dead code before the factors: pruned by FactorVAE
        return lambda x: np.hstack([np.zeros((x.shape[0], 1)), x])
    raise ValueError(spec)


CASES = [
    ("dsprites-identity", [3, 6, 40, 32, 32], "identity", 0),
    ("dsprites-drop-scale", [3, 6, 40, 32, 32], "drop:1", 0),
    ("dsprites-copy-orientation", [3, 6, 40, 32, 32], "copy:2", 0),
    ("dsprites-drop-two", [3, 6, 40, 32, 32], "drop-two", 5),
    ("dsprites-mix", [3, 6, 40, 32, 32], "mix", 7),
    ("dsprites-constant-first", [3, 6, 40, 32, 32], "constant-first", 3),
    ("grid-identity-with-single-level", [5, 1, 4], "identity", 11),
]


def main():
    warnings.simplefilter("ignore")  # lbfgs's ConvergenceWarning, which the docstring explains
    out = {"settings": {"batchSize": 64, "numTrain": 10000, "numEval": 5000, "numVarianceEstimate": 10000,
                        "pruneThreshold": 0.05},
           "numpyRandint": np.random.RandomState(42).randint(40, size=20).tolist(),
           "cases": {}}
    for name, sizes, rep, seed in CASES:
        data = LevelsData(sizes)
        fn = representation(rep)
        beta = compute_beta_vae_sklearn(data, fn, np.random.RandomState(seed))
        beta_converged = compute_beta_vae_sklearn(data, fn, np.random.RandomState(seed), converged=True)
        factor = compute_factor_vae(data, fn, np.random.RandomState(seed))
        out["cases"][name] = {"factorSizes": sizes, "representation": rep, "seed": seed,
                              "betaVae": beta, "betaVaeConverged": beta_converged,
                              "factorVae": factor}
        print(name, beta, factor, flush=True)
    with open(os.path.join(HERE, "intervention-reference.json"), "w") as f:
        json.dump(out, f, indent=1)


if __name__ == "__main__":
    main()
