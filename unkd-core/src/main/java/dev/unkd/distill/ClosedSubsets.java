package dev.unkd.distill;

import dev.unkd.model.Scorer;
import dev.unkd.parallel.ChunkedExecutor;
import dev.unkd.parallel.Seeds;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.IntFunction;
import java.util.function.IntUnaryOperator;
import java.util.stream.IntStream;

/**
 * RCE-KD's two item subsets per user for one epoch (Zhu and Zhang, 2025, arXiv 2509.20989;
 * constants in {@link RceKdConfig}), built from the teacher's top-K list Q_T and the student's top
 * list S (depth D) of every user:
 * <ul>
 *   <li>the first subset J1 = S[0..K), the student's top K: closed under the student's ranking
 *       (every item the student ranks above a member is a member), the condition under which the
 *       paper shows cross-entropy bounds NDCG on a subset;</li>
 *   <li>the second subset J2 = I + (Q_T - I - J1): the teacher's top items the student misses,
 *       with L items I drawn without replacement from S to approximate closure for them: position
 *       p of S weighs exp((c_p + 1) / T), c_p = min(cap, |{q &gt;= p : S[q] in Q_T}|), so an item
 *       weighs more the more of the teacher's items the student ranks at or below it (those need it
 *       in the subset): the teacher-student collaborative sampling;</li>
 *   <li>the mixing weight gamma = exp(-beta |Q_T &cap; I| / |Q_T|); the user's loss is
 *       (1 - gamma) CE(J1) + gamma CE(J2).</li>
 * </ul>
 * On each subset the teacher's target is its softmax of s_T / tau over the subset; items it scores
 * -Infinity or NaN get 0, and a subset without teacher mass is switched off (weight 0).
 *
 * <p>Kept per user, in slots of stride 2K + L: the union of both subsets, J1 first in the student's
 * order, then J2's other members (the drawn ones in the student's order, then the teacher's in its
 * order), each with its two targets and whether it belongs to J2. Cost of a build: per user D
 * membership marks, D exponential keys and a bounded heap of L (the draw), and the teacher's score of
 * at most 2K + L items; no sort over the catalogue. Each user's draw depends only on the seed and the
 * user, so the subsets do not depend on threads.
 */
final class ClosedSubsets {
    private static final int USER_CHUNK = 256;

    private final int topK;
    private final int samples;
    private final int stride;
    private final double sampleTemperature;
    private final int countCap;
    private final double temperature;
    private final double beta;
    private final int numItems;
    private final int[] items;
    private final float[] firstTarget;
    private final float[] secondTarget;
    private final boolean[] inSecond;
    private final int[] firstSize;
    private final int[] size;
    private final int[] drawn;
    private final int[] overlap;
    private final double[] gamma;
    private final double[] firstWeight;
    private final double[] secondWeight;
    /** Per-thread buffers, kept across builds: the catalogue-sized marks are allocated once per thread. */
    private final ThreadLocal<Scratch> scratches;

    ClosedSubsets(RceKdConfig config, int numUsers, int numItems) {
        this.topK = config.topK();
        this.samples = config.samples();
        this.stride = Math.addExact(Math.multiplyExact(2, topK), samples);
        this.sampleTemperature = config.sampleTemperature();
        this.countCap = config.countCap();
        this.temperature = config.temperature();
        this.beta = config.beta();
        this.numItems = numItems;
        int cells = Math.multiplyExact(numUsers, stride);
        this.items = new int[cells];
        this.firstTarget = new float[cells];
        this.secondTarget = new float[cells];
        this.inSecond = new boolean[cells];
        this.firstSize = new int[numUsers];
        this.size = new int[numUsers];
        this.drawn = new int[numUsers];
        this.overlap = new int[numUsers];
        this.gamma = new double[numUsers];
        this.firstWeight = new double[numUsers];
        this.secondWeight = new double[numUsers];
        this.scratches = ThreadLocal.withInitial(() -> new Scratch(numItems));
    }

    /**
     * The closure sampling weights of a student list: {@code out[p] = exp((min(cap, c_p) + 1) / T)},
     * c_p the number of {@code listed} positions q &gt;= p (positions holding a teacher's top item).
     */
    static void closureWeights(boolean[] listed, int len, int cap, double temperature, double[] out) {
        int below = 0;
        for (int p = len - 1; p >= 0; p--) {
            if (listed[p]) {
                below++;
            }
            out[p] = Math.exp((Math.min(below, cap) + 1) / temperature);
        }
    }

    /**
     * Builds every user's subsets from the teacher's lists (one per user), the student's top lists
     * ({@code studentLists[u]}, best first) and the teacher's scores.
     */
    void build(TeacherRanking teacherTop, int[][] studentLists, Scorer teacher, long seed, ChunkedExecutor executor) {
        int users = firstSize.length;
        if (teacherTop.numUsers() != users || studentLists.length != users || teacherTop.numGroups() != 1) {
            throw new IllegalArgumentException("RCE-KD needs one teacher and one student list per user");
        }
        int longest = 0;
        for (int[] list : studentLists) {
            longest = Math.max(longest, list.length);
        }
        build(teacherTop, 0, u -> studentLists[u], u -> 0, u -> studentLists[u].length, longest, teacher, seed,
                executor);
    }

    /**
     * Builds every user's subsets within one item group: the first K items of the teacher's list of
     * (u, {@code group}), which may be longer, and the student's list of (u, {@code group}), both
     * ranked over the group's items only (unkd-plus's stratified subsets).
     */
    void build(TeacherRanking teacherTop, TeacherRanking studentTop, int group, Scorer teacher, long seed, ChunkedExecutor executor) {
        int users = firstSize.length;
        if (teacherTop.numUsers() != users || studentTop.numUsers() != users) {
            throw new IllegalArgumentException("stratified subsets need a teacher and a student list per user");
        }
        if (group < 0 || group >= teacherTop.numGroups() || group >= studentTop.numGroups()) {
            throw new IllegalArgumentException("group " + group + " outside the " + teacherTop.numGroups() + " teacher and "
                    + studentTop.numGroups() + " student groups");
        }
        int[] studentItems = studentTop.itemArray();
        build(teacherTop, group, u -> studentItems, u -> studentTop.offset(u, group), u -> studentTop.length(u, group),
                studentTop.depth(), teacher, seed, executor);
    }

    /** The slots hold 2K + L items, so at most the first K of a teacher's list are used. */
    private void build(TeacherRanking teacherTop, int group, IntFunction<int[]> studentArray, IntUnaryOperator studentOffset,
            IntUnaryOperator studentLength, int longest, Scorer teacher, long seed, ChunkedExecutor executor) {
        int users = firstSize.length;
        int[] teacherLists = teacherTop.itemArray();
        int length = Math.max(longest, stride);
        executor.run(ChunkedExecutor.chunks(users, USER_CHUNK), c -> {
            Scratch x = scratches.get().ensure(length);
            int to = Math.min(users, (c + 1) * USER_CHUNK);
            for (int u = c * USER_CHUNK; u < to; u++) {
                buildUser(u, teacherLists, teacherTop.offset(u, group), Math.min(topK, teacherTop.length(u, group)),
                        studentArray.apply(u), studentOffset.applyAsInt(u), studentLength.applyAsInt(u), teacher,
                        new SplittableRandom(Seeds.derive(seed, u)), x);
            }
        });
    }

    private void buildUser(int u, int[] tl, int tOff, int tLen, int[] sl, int sOff, int sLen, Scorer teacher, SplittableRandom rng,
            Scratch x) {
        int off = u * stride;
        x.startUser();
        int teacherStamp = x.stamp();
        for (int r = 0; r < tLen; r++) {
            x.teacherMark[tl[tOff + r]] = teacherStamp;
        }
        for (int p = 0; p < sLen; p++) {
            x.listed[p] = x.teacherMark[sl[sOff + p]] == teacherStamp;
        }
        closureWeights(x.listed, sLen, countCap, sampleTemperature, x.weights);
        int want = Math.min(samples, sLen);
        draw(x, sLen, want, rng);
        int drawnStamp = x.stamp();
        for (int j = 0; j < want; j++) {
            x.drawnMark[sl[sOff + x.picked[j]]] = drawnStamp;
        }
        int firstStamp = x.stamp();
        int n1 = Math.min(topK, sLen);
        int n = 0;
        for (int p = 0; p < n1; p++) {
            int item = sl[sOff + p];
            x.firstMark[item] = firstStamp;
            items[off + n] = item;
            inSecond[off + n++] = x.drawnMark[item] == drawnStamp;
        }
        for (int j = 0; j < want; j++) {
            if (x.picked[j] >= n1) { // drawn below the top K: in J2 only
                items[off + n] = sl[sOff + x.picked[j]];
                inSecond[off + n++] = true;
            }
        }
        int common = 0;
        for (int r = 0; r < tLen; r++) {
            int item = tl[tOff + r];
            if (x.drawnMark[item] == drawnStamp) {
                common++;
            } else if (x.firstMark[item] != firstStamp) { // a teacher's item the student misses
                items[off + n] = item;
                inSecond[off + n++] = true;
            }
        }
        firstSize[u] = n1;
        size[u] = n;
        drawn[u] = want;
        overlap[u] = common;
        double g = tLen == 0 ? 1 : Math.exp(-beta * common / tLen);
        gamma[u] = g;
        for (int j = 0; j < n; j++) {
            float s = teacher.score(u, items[off + j]);
            x.logits[j] = Float.isNaN(s) ? Double.NEGATIVE_INFINITY : s / temperature;
        }
        firstWeight[u] = softmax(x.logits, off, n, n1, true, firstTarget) ? 1 - g : 0;
        secondWeight[u] = softmax(x.logits, off, n, n1, false, secondTarget) ? g : 0;
    }

    /**
     * The softmax of {@code logits[0..n)} over a subset's members (j &lt; n1 for the first, the J2
     * slots for the second), written to {@code target[off + j]} (0 for the others); false when no
     * member has a finite logit (the subset then has no target).
     */
    private boolean softmax(double[] logits, int off, int n, int n1, boolean first, float[] target) {
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < n; j++) {
            if (first ? j < n1 : inSecond[off + j]) {
                max = Math.max(max, logits[j]);
            }
        }
        if (max == Double.NEGATIVE_INFINITY) {
            Arrays.fill(target, off, off + n, 0f);
            return false;
        }
        double sum = 0;
        for (int j = 0; j < n; j++) {
            if (first ? j < n1 : inSecond[off + j]) {
                sum += Math.exp(logits[j] - max);
            }
        }
        for (int j = 0; j < n; j++) {
            boolean member = first ? j < n1 : inSecond[off + j];
            target[off + j] = member ? (float) (Math.exp(logits[j] - max) / sum) : 0f;
        }
        return true;
    }

    /**
     * Draws {@code want} of the positions 0..len-1 without replacement with probabilities
     * proportional to {@code x.weights} (torch.multinomial's law) into {@code x.picked[0..want)},
     * ascending: the {@code want} largest exponential keys log(U) / w ({@link LargestKeys}),
     * O(len log want).
     */
    private static void draw(Scratch x, int len, int want, SplittableRandom rng) {
        if (want == len) {
            for (int p = 0; p < len; p++) {
                x.picked[p] = p;
            }
            return;
        }
        if (want == 0) {
            return;
        }
        for (int p = 0; p < len; p++) {
            x.keys[p] = Math.log(1 - rng.nextDouble()) / x.weights[p];
        }
        LargestKeys.positions(x.keys, len, want, x.picked);
        Arrays.sort(x.picked, 0, want);
    }

    int stride() {
        return stride;
    }

    /** Members of the union of u's subsets. */
    int size(int u) {
        return size[u];
    }

    /** |J1| of u: the union's first members. */
    int firstSize(int u) {
        return firstSize[u];
    }

    /** |Q_T &cap; I| of u. */
    int overlap(int u) {
        return overlap[u];
    }

    double gamma(int u) {
        return gamma[u];
    }

    /** Whether u has a subset with teacher mass, so a loss term. */
    boolean contributes(int u) {
        return size[u] > 0 && (firstWeight[u] > 0 || secondWeight[u] > 0);
    }

    /** 1 - gamma, or 0 when J1 has no teacher mass. */
    double firstWeight(int u) {
        return firstWeight[u];
    }

    /** gamma, or 0 when J2 is empty or has no teacher mass. */
    double secondWeight(int u) {
        return secondWeight[u];
    }

    /** J1 of u, in the student's order. */
    int[] first(int u) {
        return Arrays.copyOfRange(items, u * stride, u * stride + firstSize[u]);
    }

    /** The items drawn for u, in the student's order: J2's first members (see {@link #second}). */
    int[] drawn(int u) {
        return Arrays.copyOf(second(u), drawn[u]);
    }

    /**
     * J2 of u in the union's order: its members in J1, which are drawn ones, then the other drawn
     * ones (so the drawn items come first, in the student's order), then the teacher's items the
     * student's top K misses, in the teacher's order.
     */
    int[] second(int u) {
        int off = u * stride;
        return IntStream.range(0, size[u]).filter(j -> inSecond[off + j]).map(j -> items[off + j]).toArray();
    }

    /** The unions, back to back in slots of {@link #stride}; do not modify. */
    int[] itemArray() {
        return items;
    }

    /** The teacher's target on J1 per union slot (0 outside J1); do not modify. */
    float[] firstTargetArray() {
        return firstTarget;
    }

    /** The teacher's target on J2 per union slot (0 outside J2); do not modify. */
    float[] secondTargetArray() {
        return secondTarget;
    }

    /** Whether a union slot belongs to J2; do not modify. */
    boolean[] inSecondArray() {
        return inSecond;
    }

    /** One thread's buffers: membership stamps over the catalogue and per-list arrays. */
    private static final class Scratch {
        final int[] teacherMark;
        final int[] drawnMark;
        final int[] firstMark;
        boolean[] listed = new boolean[0];
        double[] weights = new double[0];
        double[] keys = new double[0];
        int[] picked = new int[0];
        double[] logits = new double[0];
        private int stamp;

        Scratch(int numItems) {
            teacherMark = new int[numItems];
            drawnMark = new int[numItems];
            firstMark = new int[numItems];
        }

        /** Per-list arrays of at least {@code length}. */
        Scratch ensure(int length) {
            if (listed.length < length) {
                listed = new boolean[length];
                weights = new double[length];
                keys = new double[length];
                picked = new int[length];
                logits = new double[length];
            }
            return this;
        }

        /** Called before each user: clears the marks in the (remote) case that the stamps run out. */
        void startUser() {
            if (stamp > Integer.MAX_VALUE - 8) {
                Arrays.fill(teacherMark, 0);
                Arrays.fill(drawnMark, 0);
                Arrays.fill(firstMark, 0);
                stamp = 0;
            }
        }

        /** A value no mark array holds yet: membership is "mark == stamp", so nothing needs clearing. */
        int stamp() {
            return ++stamp;
        }
    }
}
