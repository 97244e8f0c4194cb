package dev.unkd.distill;

import dev.unkd.data.Interactions;
import dev.unkd.model.Embeddings;
import dev.unkd.model.Scorer;
import dev.unkd.parallel.ChunkedExecutor;
import dev.unkd.train.GradientLog;
import java.util.Arrays;

/**
 * unkd-plus's cross-group set per user: the teacher's best {@code perGroup} unobserved items of
 * every popularity group (group by group, each in the teacher's order), with the target
 * softmax((t(u,i) - penalty log(1 + pop_i) - offset_g(i)) / tau) over the set, offset_g the exposure
 * controller's penalty of the item's group (rebuilt when they move). The loss of
 * a user is the cross-entropy CE_C(u) = - sum_i p(i) log q_S(i), q_S the softmax of s(u,i) / tau
 * over the set, with gradient (q_S - p) / tau on each student score: it orders the groups' best
 * items against each other by a teacher score with the popularity confound taken out, the signal
 * UnKD's within-group pairs lack. Items the teacher scores NaN or -Infinity are left out.
 *
 * <p>With the student's lists, each group also brings the student's best {@code studentPerGroup}
 * unobserved items not already in the set, with targets of the same form: where the student
 * over-ranks a group's items the teacher does not rate, the term now sees them and pushes them
 * down (without them an over-exposed group keeps its slots through items outside the set).
 */
final class CrossGroupTargets {
    private static final int USER_CHUNK = 256;

    private final int stride;
    private final int[] items;
    private final float[] target;
    private final int[] size;
    private final double invTau;

    private CrossGroupTargets(int numUsers, int stride, double temperature) {
        this.stride = stride;
        this.items = new int[Math.multiplyExact(numUsers, stride)];
        this.target = new float[items.length];
        this.size = new int[numUsers];
        this.invTau = 1 / temperature;
    }

    /**
     * The set of the teacher's best {@code perGroup} items per group, with the student's best
     * {@code studentPerGroup} added from {@code studentTop} (its lists per user and group; null or
     * 0: none), leaving out {@code train}'s items.
     */
    static CrossGroupTargets build(TeacherRanking unobserved, int perGroup, TeacherRanking studentTop, int studentPerGroup,
            Interactions train, Scorer teacher, int[] popularity, double penalty, double[] groupOffsets, PenaltyUnit unit, double pooledSpread,
            double temperature, ChunkedExecutor executor) {
        int users = unobserved.numUsers();
        int groups = unobserved.numGroups();
        int fromStudent = studentTop == null ? 0 : studentPerGroup;
        CrossGroupTargets t = new CrossGroupTargets(users, Math.multiplyExact(perGroup + fromStudent, groups), temperature);
        executor.run(ChunkedExecutor.chunks(users, USER_CHUNK), c -> {
            double[] logits = new double[t.stride];
            double[] offsets = new double[t.stride];
            int to = Math.min(users, (c + 1) * USER_CHUNK);
            for (int u = c * USER_CHUNK; u < to; u++) {
                int off = u * t.stride;
                int n = 0;
                for (int g = 0; g < groups; g++) {
                    int first = n;
                    int len = Math.min(perGroup, unobserved.length(u, g));
                    for (int r = 0; r < len; r++) {
                        n = t.add(u, unobserved.item(u, g, r), n, teacher, logits);
                    }
                    int teacherEnd = n;
                    int studentLen = fromStudent == 0 ? 0 : Math.min(fromStudent, studentTop.length(u, g));
                    for (int r = 0; r < studentLen; r++) {
                        int item = studentTop.item(u, g, r);
                        if (!train.contains(u, item) && !contains(t.items, off + first, off + teacherEnd, item)) {
                            n = t.add(u, item, n, teacher, logits);
                        }
                    }
                    Arrays.fill(offsets, first, n, groupOffsets[g]);
                }
                double factor = penaltyUnit(unit, logits, n, pooledSpread);
                for (int j = 0; j < n; j++) {
                    int item = t.items[off + j];
                    logits[j] = (logits[j] - penalty * Math.log1p(popularity[item]) - factor * offsets[j]) / temperature;
                }
                double max = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < n; j++) {
                    max = Math.max(max, logits[j]);
                }
                double sum = 0;
                for (int j = 0; j < n; j++) {
                    sum += Math.exp(logits[j] - max);
                }
                for (int j = 0; j < n; j++) {
                    t.target[off + j] = (float) (Math.exp(logits[j] - max) / sum);
                }
                t.size[u] = n;
            }
        });
        return t;
    }

    /**
     * Puts {@code item} at position n of u's set with the teacher's score in scores[n], unless the
     * teacher scores it NaN or -Infinity; returns the set's new size.
     */
    private int add(int u, int item, int n, Scorer teacher, double[] scores) {
        float s = teacher.score(u, item);
        if (!(s > Float.NEGATIVE_INFINITY)) { // -Infinity and NaN
            return n;
        }
        scores[n] = s;
        items[u * stride + n] = item;
        return n + 1;
    }

    /**
     * The factor on the group penalties in one user's targets: 1 for {@link PenaltyUnit#POOLED}
     * (or no pooled spread), else the standard deviation of the teacher's scores[0..n) over the
     * pooled one.
     */
    static double penaltyUnit(PenaltyUnit unit, double[] scores, int n, double pooledSpread) {
        if (unit == PenaltyUnit.POOLED || !(pooledSpread > 0)) {
            return 1;
        }
        if (n < 2) {
            return 0; // one score has no spread (and one item has nothing to order)
        }
        double mean = 0;
        for (int j = 0; j < n; j++) {
            mean += scores[j];
        }
        mean /= n;
        double ss = 0;
        for (int j = 0; j < n; j++) {
            ss += (scores[j] - mean) * (scores[j] - mean);
        }
        return Math.sqrt(ss / n) / pooledSpread;
    }

    private static boolean contains(int[] items, int from, int to, int item) {
        for (int k = from; k < to; k++) {
            if (items[k] == item) {
                return true;
            }
        }
        return false;
    }

    /** Whether u's set has two items or more (one item has nothing to order). */
    boolean contributes(int u) {
        return size[u] > 1;
    }

    /** u's set, group by group. */
    int[] items(int u) {
        return Arrays.copyOfRange(items, u * stride, u * stride + size[u]);
    }

    /** The target of the j-th item of u's set. */
    float target(int u, int j) {
        return target[u * stride + j];
    }

    /** The most items a set holds. */
    int stride() {
        return stride;
    }

    /**
     * Adds c times u's gradient (item rows to {@code log}, the user row to {@code userGrad}, which
     * the caller adds) and returns c CE_C(u); {@code z} holds at least {@link #stride} values.
     */
    double add(int u, double c, Embeddings emb, float[] userGrad, GradientLog log, double[] z) {
        int off = u * stride;
        int n = size[u];
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < n; j++) {
            z[j] = emb.score(u, items[off + j]) * invTau;
            max = Math.max(max, z[j]);
        }
        double sum = 0;
        double mass = 0;
        double dot = 0;
        for (int j = 0; j < n; j++) {
            sum += Math.exp(z[j] - max);
            mass += target[off + j];
            dot += target[off + j] * z[j];
        }
        double logSum = max + Math.log(sum);
        int pu = u * emb.dim();
        for (int j = 0; j < n; j++) {
            SubsetCrossEntropy.addScoreGradient(items[off + j], (float) (c * (mass * Math.exp(z[j] - logSum) - target[off + j]) * invTau),
                    emb, pu, userGrad, log);
        }
        return c * (mass * logSum - dot);
    }
}
