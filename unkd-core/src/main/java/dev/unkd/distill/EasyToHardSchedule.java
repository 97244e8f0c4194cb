package dev.unkd.distill;

import dev.unkd.parallel.ChunkedExecutor;

/**
 * HetComp's dynamic knowledge construction (Kang et al., WWW 2023; the rule of the authors'
 * {@code main.py: DKC}): for every teacher x and user u, which stage of x's trajectory (its
 * checkpoints in training order, the final model last) currently supervises u. All start at the
 * first checkpoint. Every p epochs the student's top-k list of each user is compared with the
 * next stage's ({@link ListDiscrepancy}):
 * <ul>
 *   <li>the first time, D(u, x) to the next stage is only recorded as the reference;</li>
 *   <li>later, with d the discrepancy now and threshold th = alpha * decay^(epochs / p), u moves
 *   on to the next stage when reference / d &gt; th (the student closed the gap by that factor) or
 *   reference / d &lt; 1 (it drifted away, so waiting does not help), or d = 0; the reference then
 *   becomes the discrepancy to the stage after. Users at the final stage stay there.</li>
 * </ul>
 * As th decays below 1 after ~10 steps (alpha 1.05, decay 0.995) every remaining user moves at
 * every step, so all reach the final model in a bounded number of epochs.
 *
 * <p>Deterministic: each user's state depends only on the lists; users are split into fixed
 * chunks.
 */
final class EasyToHardSchedule {
    private static final int USER_CHUNK = 256;

    private final TeacherRanking[][] stages;
    private final int numUsers;
    private final int numItems;
    private final int period;
    private final double alpha;
    private final double decay;
    private final int depth;
    private final double temperature;
    private final int[][] selected;
    private final double[][] reference;
    private boolean started;

    /**
     * @param stages per teacher, the ranking of each stage of its trajectory (final model last),
     *     each at least {@code depth} deep where the data allows
     * @param numItems the number of items the lists are over
     */
    EasyToHardSchedule(TeacherRanking[][] stages, int numItems, int period, double alpha, double decay, int depth, double temperature) {
        this.stages = stages;
        this.numUsers = stages[0][0].numUsers();
        this.numItems = numItems;
        this.period = period;
        this.alpha = alpha;
        this.decay = decay;
        this.depth = depth;
        this.temperature = temperature;
        this.selected = new int[stages.length][numUsers];
        this.reference = new double[stages.length][numUsers];
    }

    int teachers() {
        return stages.length;
    }

    int numUsers() {
        return numUsers;
    }

    /** The stage of teacher x that supervises user u (0 = its first checkpoint). */
    int stage(int x, int u) {
        return selected[x][u];
    }

    /** Teacher x's ranking at stage s. */
    TeacherRanking ranking(int x, int s) {
        return stages[x][s];
    }

    /** Whether a step is due after {@code epochsTrained} epochs (every p epochs, from the p-th on). */
    boolean due(int epochsTrained) {
        return !finished() && epochsTrained >= period && epochsTrained % period == 0;
    }

    /** Whether every user follows every teacher's final model. */
    boolean finished() {
        for (int x = 0; x < stages.length; x++) {
            int last = stages[x].length - 1;
            for (int u = 0; u < numUsers; u++) {
                if (selected[x][u] < last) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Mean stage of teacher x over users (diagnostics; the authors print it). */
    double meanStage(int x) {
        long sum = 0;
        for (int s : selected[x]) {
            sum += s;
        }
        return (double) sum / numUsers;
    }

    /**
     * One construction step after {@code epochsTrained} epochs, from the student's top lists;
     * returns whether any user moved.
     */
    boolean step(TeacherRanking student, int epochsTrained, ChunkedExecutor executor) {
        boolean first = !started;
        started = true;
        double threshold = alpha * Math.pow(decay, epochsTrained / period);
        boolean[] moved = new boolean[ChunkedExecutor.chunks(numUsers, USER_CHUNK)];
        ThreadLocal<ListDiscrepancy> discrepancies = ThreadLocal.withInitial(() -> new ListDiscrepancy(depth, temperature, numItems));
        executor.run(moved.length, c -> {
            ListDiscrepancy d = discrepancies.get();
            int to = Math.min(numUsers, (c + 1) * USER_CHUNK);
            for (int u = c * USER_CHUNK; u < to; u++) {
                for (int x = 0; x < stages.length; x++) {
                    int last = stages[x].length - 1;
                    int s = selected[x][u];
                    if (first) {
                        reference[x][u] = distance(d, student, x, Math.min(last, s + 1), u);
                    } else if (s < last) {
                        double now = distance(d, student, x, s + 1, u);
                        double ratio = reference[x][u] / now;
                        if (now == 0 || ratio > threshold || ratio < 1) {
                            selected[x][u] = s + 1;
                            reference[x][u] = distance(d, student, x, Math.min(last, s + 2), u);
                            moved[c] = true;
                        }
                    }
                }
            }
        });
        for (boolean m : moved) {
            if (m) {
                return true;
            }
        }
        return false;
    }

    private double distance(ListDiscrepancy d, TeacherRanking student, int x, int s, int u) {
        TeacherRanking t = stages[x][s];
        return d.distance(student.itemArray(), student.offset(u, 0), student.length(u, 0), t.itemArray(), t.offset(u, 0), t.length(u, 0));
    }
}
