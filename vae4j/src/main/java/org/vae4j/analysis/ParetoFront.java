package org.vae4j.analysis;

import java.util.List;

/** The Pareto front of (reconstruction D, disentanglement score) points: lower D and higher score are better. */
public final class ParetoFront {

    private ParetoFront() {}

    /**
     * {@return which points (D, score) are on the Pareto front: not dominated by another with D at most
     * and score at least, one of them strictly}
     *
     * @param points (D, score) pairs
     */
    public static boolean[] of(List<double[]> points) {
        boolean[] front = new boolean[points.size()];
        for (int a = 0; a < points.size(); a++) {
            front[a] = true;
            for (int b = 0; b < points.size(); b++) {
                double[] pa = points.get(a);
                double[] pb = points.get(b);
                if (b != a && pb[0] <= pa[0] && pb[1] >= pa[1] && (pb[0] < pa[0] || pb[1] > pa[1])) {
                    front[a] = false;
                    break;
                }
            }
        }
        return front;
    }
}
