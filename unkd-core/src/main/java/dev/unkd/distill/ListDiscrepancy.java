package dev.unkd.distill;

/**
 * HetComp's discrepancy between the student's and a teacher's ranking of one user (the authors'
 * {@code get_NDCG_u}): 1 - NDCG@k of the student's top-k unobserved items judged against the
 * set of the teacher's top-k, with gains that fall with the student's position t (0-based),
 * g_t = 2^{exp(-t / T)} - 1 (T = 10), and the usual discount 1 / log2(t + 2):
 * <pre>
 *   D = 1 - sum_{t &lt; k} [student_t in teacher's top k] g_t / log2(t + 2)  /  sum_{t &lt; k} g_t / log2(t + 2)
 * </pre>
 * 0 when the two top-k sets are equal, 1 when they are disjoint. Cost O(k) with a per-item
 * stamp array (one per thread).
 */
final class ListDiscrepancy {
    private final int k;
    private final double[] weights;
    private final double ideal;
    private final int[] stamp;
    private int mark;

    ListDiscrepancy(int k, double temperature, int numItems) {
        this.k = k;
        this.weights = new double[k];
        double sum = 0;
        for (int t = 0; t < k; t++) {
            weights[t] = (Math.pow(2, Math.exp(-t / temperature)) - 1) / (Math.log(t + 2) / Math.log(2));
            sum += weights[t];
        }
        this.ideal = sum;
        this.stamp = new int[numItems];
    }

    int depth() {
        return k;
    }

    /** D between the student's list {@code student[sOff ..+ sLen)} and the teacher's {@code teacher[tOff ..+ tLen)}. */
    double distance(int[] student, int sOff, int sLen, int[] teacher, int tOff, int tLen) {
        if (++mark == Integer.MAX_VALUE) {
            java.util.Arrays.fill(stamp, 0);
            mark = 1;
        }
        for (int r = 0; r < Math.min(k, tLen); r++) {
            stamp[teacher[tOff + r]] = mark;
        }
        double dcg = 0;
        for (int t = 0; t < Math.min(k, sLen); t++) {
            if (stamp[student[sOff + t]] == mark) {
                dcg += weights[t];
            }
        }
        return 1 - dcg / ideal;
    }
}
