package org.vae4j.metrics.score;

import java.util.Arrays;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Gradient-boosted trees with the definitions of scikit-learn 1.2's
 * {@code GradientBoostingClassifier()} at its defaults: log-loss (binomial deviance for two
 * classes, one tree per stage; multinomial deviance for more, one tree per class per stage), 100
 * stages, learning rate 0.1, no subsampling, the class priors as the initial prediction, and
 * regression trees of depth at most 3 grown best-first by the Friedman MSE criterion (a node splits
 * while it holds 2 or more examples and a positive impurity; any split with one example a side is
 * allowed) whose leaves take one Newton step of the loss. As in scikit-learn, the features are
 * cast to float32, a split lies half-way between two neighbouring values that differ by more than
 * 1e-7, and the feature importances are each tree's impurity decreases (weighted by examples),
 * summed over the trees that split at all and normalised to sum 1.
 *
 * <p>As in scikit-learn, each node considers the features in a random order and keeps the first of
 * equally good splits (in a small node several features often isolate the same examples), so the
 * importances depend on the seed as scikit-learn's depend on its {@code random_state}: by a few
 * thousandths on a few hundred examples. The random sources differ, so the two agree in
 * distribution rather than draw by draw.
 * Each feature is sorted once for all trees; a level of a tree is one pass over the sorted
 * features, so a tree costs about {@code depth x features x examples} steps.
 */
final class GradientBoosting {
    static final int STAGES = 100;
    static final int MAX_DEPTH = 3;
    static final double LEARNING_RATE = 0.1;
    private static final double FEATURE_THRESHOLD = 1e-7;
    private static final double EPSILON = Math.ulp(1.0);
    private static final double PROBABILITY_CLIP = Math.ulp(1.0f);
    private static final int NODES = (1 << (MAX_DEPTH + 1)) - 1;

    private final int[] classes;
    private final double[] init;
    private final Tree[][] trees; // [stage][output]
    private final double[] importances;

    private GradientBoosting(int[] classes, double[] init, Tree[][] trees, double[] importances) {
        this.classes = classes;
        this.init = init;
        this.trees = trees;
        this.importances = importances;
    }

    /** One regression tree in heap order: node i has children 2i+1 and 2i+2; feature -1 marks a leaf. */
    private static final class Tree {
        final int[] feature = new int[NODES];
        final double[] threshold = new double[NODES];
        final double[] value = new double[NODES];

        Tree() {
            Arrays.fill(feature, -1);
        }

        int leaf(float[] row) {
            int node = 0;
            while (feature[node] >= 0) {
                node = row[feature[node]] <= threshold[node] ? 2 * node + 1 : 2 * node + 2;
            }
            return node;
        }
    }

    /**
     * Fits the classifier.
     *
     * @param x examples by features
     * @param y the class of each example (any integers; at least two distinct)
     * @param seed the seed of the order in which each node visits the features, which decides
     *     between equally good splits (scikit-learn's {@code random_state})
     * @return the fitted classifier
     */
    static GradientBoosting fit(double[][] x, int[] y, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int[] classes = Arrays.stream(y).distinct().sorted().toArray();
        if (classes.length < 2) {
            throw new IllegalArgumentException("a classifier needs at least two classes, got " + classes.length);
        }
        int n = x.length;
        int d = x[0].length;
        int k = classes.length;
        int outputs = k == 2 ? 1 : k;
        float[][] columns = new float[d][n];
        for (int i = 0; i < n; i++) {
            for (int f = 0; f < d; f++) {
                columns[f][i] = (float) x[i][f];
            }
        }
        int[][] order = new int[d][];
        float[][] sorted = new float[d][n];
        for (int f = 0; f < d; f++) {
            float[] column = columns[f];
            order[f] = IntStream.range(0, n)
                    .boxed()
                    .sorted(Comparator.comparingDouble(i -> column[i]))
                    .mapToInt(Integer::intValue)
                    .toArray();
            for (int p = 0; p < n; p++) {
                sorted[f][p] = column[order[f][p]];
            }
        }
        int[] label = new int[n];
        double[] prior = new double[k];
        for (int i = 0; i < n; i++) {
            label[i] = Arrays.binarySearch(classes, y[i]);
            prior[label[i]] += 1.0 / n;
        }
        double[] init = new double[outputs];
        if (outputs == 1) {
            double p = clip(prior[1]);
            init[0] = Math.log(p / (1 - p));
        } else {
            for (int c = 0; c < k; c++) {
                init[c] = Math.log(clip(prior[c]));
            }
        }
        double[][] raw = new double[n][];
        for (int i = 0; i < n; i++) {
            raw[i] = init.clone();
        }
        Tree[][] trees = new Tree[STAGES][outputs];
        double[] importances = new double[d];
        double[] residual = new double[n];
        double[] target = new double[n];
        int[] node = new int[n];
        double[][] probability = new double[n][outputs];
        for (int stage = 0; stage < STAGES; stage++) {
            for (int i = 0; i < n; i++) {
                probabilities(raw[i], probability[i]);
            }
            for (int out = 0; out < outputs; out++) {
                int positive = outputs == 1 ? 1 : out;
                for (int i = 0; i < n; i++) {
                    target[i] = label[i] == positive ? 1 : 0;
                    residual[i] = target[i] - probability[i][out];
                }
                Tree tree = grow(columns, sorted, order, residual, node, importances, random);
                leafValues(tree, node, residual, target, k);
                for (int i = 0; i < n; i++) {
                    raw[i][out] += LEARNING_RATE * tree.value[node[i]];
                }
                trees[stage][out] = tree;
            }
        }
        double total = Arrays.stream(importances).sum();
        if (total > 0) {
            for (int f = 0; f < d; f++) {
                importances[f] /= total;
            }
        }
        return new GradientBoosting(classes, init, trees, importances);
    }

    private static double clip(double p) {
        return Math.min(1 - PROBABILITY_CLIP, Math.max(PROBABILITY_CLIP, p));
    }

    /**
     * The probabilities of the stage's start, whose residuals all its trees fit: the sigmoid for one
     * output, the softmax for several.
     */
    private static void probabilities(double[] raw, double[] p) {
        if (raw.length == 1) {
            p[0] = 1 / (1 + Math.exp(-raw[0]));
            return;
        }
        double max = Double.NEGATIVE_INFINITY;
        for (double r : raw) {
            max = Math.max(max, r);
        }
        double sum = 0;
        for (int c = 0; c < raw.length; c++) {
            p[c] = Math.exp(raw[c] - max);
            sum += p[c];
        }
        for (int c = 0; c < raw.length; c++) {
            p[c] /= sum;
        }
    }

    /**
     * Grows one regression tree on the residuals, level by level, leaving each example's leaf in
     * {@code node} and adding the tree's impurity decreases (per example of the root) to {@code importances}.
     */
    private static Tree grow(
            float[][] columns,
            float[][] sorted,
            int[][] order,
            double[] residual,
            int[] node,
            double[] importances,
            SplittableRandom random) {
        int n = residual.length;
        Tree tree = new Tree();
        int[] count = new int[NODES];
        double[] sum = new double[NODES];
        double[] squares = new double[NODES];
        Arrays.fill(node, 0);
        for (int i = 0; i < n; i++) {
            sum[0] += residual[i];
            squares[0] += residual[i] * residual[i];
        }
        count[0] = n;
        boolean[] open = new boolean[NODES];
        int[] left = new int[NODES];
        double[] leftSum = new double[NODES];
        float[] last = new float[NODES];
        double[] best = new double[NODES];
        int[] bestFeature = new int[NODES];
        double[] bestThreshold = new double[NODES];
        double[] featureBest = new double[NODES];
        double[] featureThreshold = new double[NODES];
        int[][] visit = new int[NODES][];
        for (int a = 0; a < NODES; a++) {
            visit[a] = IntStream.range(0, sorted.length).toArray();
        }
        double[] contribution = new double[importances.length];
        for (int depth = 0; depth < MAX_DEPTH; depth++) {
            int first = (1 << depth) - 1;
            int end = (1 << (depth + 1)) - 1;
            boolean any = false;
            for (int a = first; a < end; a++) {
                open[a] = count[a] >= 2 && impurity(count[a], sum[a], squares[a]) > EPSILON;
                best[a] = Double.NEGATIVE_INFINITY;
                bestFeature[a] = -1;
                any |= open[a];
            }
            if (!any) {
                break;
            }
            for (int a = first; a < end; a++) {
                if (open[a]) {
                    shuffle(visit[a], random);
                }
            }
            for (int f = 0; f < sorted.length; f++) {
                Arrays.fill(left, first, end, 0);
                Arrays.fill(leftSum, first, end, 0);
                Arrays.fill(featureBest, first, end, Double.NEGATIVE_INFINITY);
                float[] values = sorted[f];
                int[] rank = order[f];
                for (int p = 0; p < n; p++) {
                    int i = rank[p];
                    int a = node[i];
                    if (!open[a]) {
                        continue;
                    }
                    float v = values[p];
                    int nl = left[a];
                    if (nl > 0 && v > last[a] + FEATURE_THRESHOLD) {
                        int nr = count[a] - nl;
                        double sl = leftSum[a];
                        double diff = nr * sl - nl * (sum[a] - sl);
                        double proxy = diff * diff / ((double) nl * nr);
                        if (proxy > featureBest[a]) {
                            featureBest[a] = proxy;
                            double threshold = last[a] / 2.0 + v / 2.0;
                            featureThreshold[a] = threshold == v ? last[a] : threshold;
                        }
                    }
                    left[a] = nl + 1;
                    leftSum[a] += residual[i];
                    last[a] = v;
                }
                for (int a = first; a < end; a++) {
                    if (open[a]
                            && featureBest[a] > Double.NEGATIVE_INFINITY
                            && (bestFeature[a] < 0
                                    || featureBest[a] > best[a]
                                    || (featureBest[a] == best[a] && visitedBefore(visit[a], f, bestFeature[a])))) {
                        best[a] = featureBest[a];
                        bestFeature[a] = f;
                        bestThreshold[a] = featureThreshold[a];
                    }
                }
            }
            for (int a = first; a < end; a++) {
                if (open[a] && bestFeature[a] >= 0) {
                    tree.feature[a] = bestFeature[a];
                    tree.threshold[a] = bestThreshold[a];
                }
            }
            for (int i = 0; i < n; i++) {
                int a = node[i];
                int f = tree.feature[a];
                if (f >= 0) {
                    int child = columns[f][i] <= tree.threshold[a] ? 2 * a + 1 : 2 * a + 2;
                    node[i] = child;
                    count[child]++;
                    sum[child] += residual[i];
                    squares[child] += residual[i] * residual[i];
                }
            }
            for (int a = first; a < end; a++) {
                int f = tree.feature[a];
                if (f >= 0) {
                    int l = 2 * a + 1;
                    int r = 2 * a + 2;
                    contribution[f] += count[a] * impurity(count[a], sum[a], squares[a])
                            - count[l] * impurity(count[l], sum[l], squares[l])
                            - count[r] * impurity(count[r], sum[r], squares[r]);
                }
            }
        }
        // scikit-learn divides each tree's decreases by the root's examples, the same n for every
        // tree, which the final normalisation cancels
        for (int f = 0; f < importances.length; f++) {
            importances[f] += contribution[f];
        }
        return tree;
    }

    /** A Fisher-Yates shuffle: the order in which a node visits the features. */
    private static void shuffle(int[] a, SplittableRandom random) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    /** Whether {@code f} comes before {@code g} in the visiting order. */
    private static boolean visitedBefore(int[] visit, int f, int g) {
        for (int v : visit) {
            if (v == f) {
                return true;
            }
            if (v == g) {
                return false;
            }
        }
        return false;
    }

    private static double impurity(int count, double sum, double squares) {
        double mean = sum / count;
        return squares / count - mean * mean;
    }

    /** One Newton step of the deviance per leaf, as scikit-learn's {@code _update_terminal_region}. */
    private static void leafValues(Tree tree, int[] node, double[] residual, double[] target, int classes) {
        double[] numerator = new double[NODES];
        double[] denominator = new double[NODES];
        for (int i = 0; i < node.length; i++) {
            double r = residual[i];
            numerator[node[i]] += r;
            denominator[node[i]] += (target[i] - r) * (1 - target[i] + r);
        }
        double scale = classes == 2 ? 1 : (classes - 1.0) / classes;
        // examples sit in leaves only, so an inner node's sums are 0 and its value 0 (never read)
        for (int a = 0; a < NODES; a++) {
            tree.value[a] = Math.abs(denominator[a]) < 1e-150 ? 0 : numerator[a] * scale / denominator[a];
        }
    }

    /** The classes seen in the fit, sorted. */
    int[] classes() {
        return classes.clone();
    }

    /** The impurity-based importance of each feature, summing to 1 (all 0 when no tree split). */
    double[] importances() {
        return importances.clone();
    }

    /** The predicted class of one example: the largest raw score (the first on a tie). */
    int predict(double[] x) {
        float[] row = new float[x.length];
        for (int f = 0; f < x.length; f++) {
            row[f] = (float) x[f];
        }
        double[] raw = init.clone();
        for (Tree[] stage : trees) {
            for (int out = 0; out < raw.length; out++) {
                raw[out] += LEARNING_RATE * stage[out].value[stage[out].leaf(row)];
            }
        }
        if (raw.length == 1) {
            return classes[raw[0] > 0 ? 1 : 0];
        }
        int arg = 0;
        for (int c = 1; c < raw.length; c++) {
            if (raw[c] > raw[arg]) {
                arg = c;
            }
        }
        return classes[arg];
    }

    /** The fraction of examples whose class is predicted. */
    double accuracy(double[][] x, int[] y) {
        int right = 0;
        for (int i = 0; i < x.length; i++) {
            if (predict(x[i]) == y[i]) {
                right++;
            }
        }
        return (double) right / x.length;
    }
}
