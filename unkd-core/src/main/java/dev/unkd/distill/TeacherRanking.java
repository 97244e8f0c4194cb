package dev.unkd.distill;

import dev.unkd.data.Interactions;
import dev.unkd.data.PopularityGroups;
import dev.unkd.model.Scorer;
import dev.unkd.parallel.ChunkedExecutor;
import dev.unkd.recommend.Recommender;
import java.util.Arrays;

/**
 * The teacher's candidate lists, computed once before a student is distilled: for every user u
 * and every item group g, the items of g that are not training positives of u, ordered by the
 * teacher's score descending (ties: lower item index first), the best {@code depth} kept
 * (UnKD, Chen et al., WSDM 2023, section 4: N = 1000 per popularity group; RD and CD use one
 * group holding all items and depth 30 resp. 3000).
 *
 * <p>Items the teacher scores -Infinity (e.g. pairs missing from a score file) or NaN are never
 * ranked, so a list may be shorter than {@code depth}; its length is recorded per (user, group).
 *
 * <p>Cost: one pass of {@link Recommender#scoreBlock} over all users x items (blocks of
 * {@value #USER_BLOCK} users, in parallel) plus a linear-time selection per (user, group)
 * ({@link Recommender#selectAmong});
 * memory: the lists, 4 bytes x users x sum over groups of min(depth, group size), and one
 * score buffer of {@value #USER_BLOCK} x items floats per thread, never a dense score matrix.
 * Each user's lists depend only on the scores, so the result does not depend on threads.
 */
public final class TeacherRanking {
    /** UnKD's N: candidates per (user, group) in the authors' code ({@code negItems[:1000]}). */
    public static final int DEFAULT_DEPTH = 1000;
    /** Users scored together: 32 x 25k floats (3.2 MB on CiteULike) per thread. */
    static final int USER_BLOCK = 32;

    private final int numUsers;
    private final int depth;
    private final int[] groupOffset;
    private final int stride;
    private final int[] items;
    private final int[] lengths;

    private TeacherRanking(int numUsers, int depth, int[] groupOffset, int stride) {
        this.numUsers = numUsers;
        this.depth = depth;
        this.groupOffset = groupOffset;
        this.stride = stride;
        long cells = (long) numUsers * stride;
        if (cells > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("teacher ranking of " + numUsers + " users x " + stride
                    + " candidates does not fit one array; lower the candidate depth (now " + depth + ")");
        }
        this.items = new int[(int) cells];
        this.lengths = new int[Math.multiplyExact(numUsers, groupOffset.length - 1)];
    }

    /** Lists per popularity group (UnKD). */
    public static TeacherRanking grouped(Scorer teacher, Interactions train, PopularityGroups groups, int depth,
            ChunkedExecutor executor) {
        if (groups.numItems() != train.numItems()) {
            throw new IllegalArgumentException("popularity groups cover " + groups.numItems() + " items, data has " + train.numItems());
        }
        int[][] members = new int[groups.numGroups()][];
        for (int g = 0; g < members.length; g++) {
            members[g] = groups.members(g);
        }
        return compute(teacher, train, members, depth, executor);
    }

    /** One list over all items (the teacher's top-{@code depth} unobserved items; RD, CD). */
    public static TeacherRanking plain(Scorer teacher, Interactions train, int depth, ChunkedExecutor executor) {
        int[] all = new int[train.numItems()];
        Arrays.setAll(all, i -> i);
        return compute(teacher, train, new int[][] {all}, depth, executor);
    }

    /**
     * Lists for arbitrary item groups; {@code groupMembers[g]} must hold distinct item indices in
     * ascending order (so that ties go to the lower index).
     */
    public static TeacherRanking compute(Scorer teacher, Interactions train, int[][] groupMembers, int depth,
            ChunkedExecutor executor) {
        if (depth < 1) {
            throw new IllegalArgumentException("Invalid candidate depth: " + depth + " (must be >= 1)");
        }
        if (teacher.numUsers() != train.numUsers() || teacher.numItems() != train.numItems()) {
            throw new IllegalArgumentException("teacher has " + teacher.numUsers() + " users x " + teacher.numItems()
                    + " items, data has " + train.numUsers() + " x " + train.numItems());
        }
        int numItems = train.numItems();
        int numGroups = groupMembers.length;
        int[] offset = new int[numGroups + 1];
        for (int g = 0; g < numGroups; g++) {
            checkMembers(groupMembers[g], numItems, g);
            offset[g + 1] = offset[g] + Math.min(depth, groupMembers[g].length);
        }
        TeacherRanking ranking = new TeacherRanking(train.numUsers(), depth, offset, offset[numGroups]);
        ranking.fill(teacher, train, groupMembers, executor);
        return ranking;
    }

    private static void checkMembers(int[] members, int numItems, int g) {
        for (int k = 0; k < members.length; k++) {
            if (members[k] < 0 || members[k] >= numItems || (k > 0 && members[k] <= members[k - 1])) {
                throw new IllegalArgumentException("group " + g + " members must be distinct ascending item indices in 0.."
                        + (numItems - 1) + "; found " + members[k] + " at position " + k);
            }
        }
    }

    private void fill(Scorer teacher, Interactions train, int[][] groupMembers, ChunkedExecutor executor) {
        int numItems = train.numItems();
        int numGroups = groupMembers.length;
        int[] userIds = new int[numUsers];
        Arrays.setAll(userIds, u -> u);
        Recommender recommender = new Recommender(teacher, train); // training positives are never candidates
        ThreadLocal<Recommender.Scratch> scratches = ThreadLocal.withInitial(Recommender.Scratch::new);
        executor.run(ChunkedExecutor.chunks(numUsers, USER_BLOCK), c -> {
            int from = c * USER_BLOCK;
            int to = Math.min(numUsers, from + USER_BLOCK);
            Recommender.Scratch scratch = scratches.get();
            float[][] scores = scratch.rows(USER_BLOCK, numItems);
            recommender.scoreBlock(userIds, from, to, scores);
            for (int u = from; u < to; u++) {
                float[] row = scores[u - from];
                for (int g = 0; g < numGroups; g++) {
                    int cap = groupOffset[g + 1] - groupOffset[g];
                    lengths[u * numGroups + g] = cap == 0 ? 0
                            : recommender.selectAmong(row, groupMembers[g], cap, items, u * stride + groupOffset[g], scratch);
                }
            }
        });
    }

    public int numUsers() {
        return numUsers;
    }

    public int numGroups() {
        return groupOffset.length - 1;
    }

    /** The requested depth N (lists hold at most min(N, group size) items). */
    public int depth() {
        return depth;
    }

    /** Length of the list of (u, g). */
    public int length(int u, int g) {
        return lengths[u * numGroups() + g];
    }

    /** The item at rank r (0 = the teacher's best) of the list of (u, g). */
    public int item(int u, int g, int r) {
        if (r < 0 || r >= length(u, g)) {
            throw new IndexOutOfBoundsException("rank " + r + " outside list of length " + length(u, g));
        }
        return items[offset(u, g) + r];
    }

    /** Where the list of (u, g) starts in {@link #itemArray()}. */
    public int offset(int u, int g) {
        return u * stride + groupOffset[g];
    }

    /** All lists, back to back; read with {@link #offset} and {@link #length}; do not modify. */
    public int[] itemArray() {
        return items;
    }

    /** A copy of the list of (u, g), best first. */
    public int[] list(int u, int g) {
        int off = offset(u, g);
        return Arrays.copyOfRange(items, off, off + length(u, g));
    }

    /** Bytes held by the lists and their lengths. */
    public long memoryBytes() {
        return 4L * items.length + 4L * lengths.length;
    }
}
