package dev.unkd.distill;

import dev.unkd.train.Batch;
import dev.unkd.train.GradientLog;
import java.util.Arrays;

/**
 * The distinct users and items a batch-level distillation term works on (DE's reconstructions,
 * HTD's topology), as numbered work units: users in ascending order, then items in ascending
 * order, each with a weight, and, once computed, its loss and the gradient of the student
 * embedding. The heavy work runs over fixed work chunks of units ({@link #workFrom}); the
 * trainer's chunks then hand the results to the gradient log, chunk j of the batch emitting the
 * units in its proportional share ({@link #emit}). Neither split depends on the thread count.
 * Not thread-safe while being filled; read-only during the parallel phases.
 */
final class BatchEntities {
    private final int dim;
    private final double[] userWeight;
    private final double[] itemWeight;
    private final boolean[] userSeen;
    private final boolean[] itemSeen;
    private int[] users = new int[256];
    private int[] items = new int[256];
    private int numUsers;
    private int numItems;
    private int[] ids = new int[0];
    private double[] weights = new double[0];
    private double[] losses = new double[0];
    private float[] gradients = new float[0];

    BatchEntities(int totalUsers, int totalItems, int dim) {
        this.dim = dim;
        this.userWeight = new double[totalUsers];
        this.itemWeight = new double[totalItems];
        this.userSeen = new boolean[totalUsers];
        this.itemSeen = new boolean[totalItems];
    }

    /** Forgets the previous batch's entities (cost: that batch's entities). */
    void clear() {
        for (int k = 0; k < numUsers; k++) {
            userSeen[users[k]] = false;
            userWeight[users[k]] = 0;
        }
        for (int k = 0; k < numItems; k++) {
            itemSeen[items[k]] = false;
            itemWeight[items[k]] = 0;
        }
        numUsers = 0;
        numItems = 0;
    }

    void addUser(int u, double weight) {
        if (!userSeen[u]) {
            userSeen[u] = true;
            if (numUsers == users.length) {
                users = Arrays.copyOf(users, numUsers * 2);
            }
            users[numUsers++] = u;
        }
        userWeight[u] += weight;
    }

    void addItem(int i, double weight) {
        if (!itemSeen[i]) {
            itemSeen[i] = true;
            if (numItems == items.length) {
                items = Arrays.copyOf(items, numItems * 2);
            }
            items[numItems++] = i;
        }
        itemWeight[i] += weight;
    }

    /**
     * The DE authors' entities of a batch ({@link DeEntities#BATCH}): its distinct users at
     * weight / (distinct users) each, and its distinct positives and negatives at
     * weight / 2 / (distinct positives) resp. (distinct negatives) each, so that the loss is
     * weight * (mean over users + (mean over positives + mean over negatives) / 2). {@code mark}
     * is scratch of at least max(users, items) falses, left all false.
     */
    void addBatch(Batch batch, double weight, boolean[] mark) {
        int n = batch.size();
        int distinctUsers = distinct(batch.users(), n, mark);
        int distinctPositives = distinct(batch.positives(), n, mark);
        int distinctNegatives = distinct(batch.negatives(), n, mark);
        for (int b = 0; b < n; b++) {
            int u = batch.users()[b];
            if (!mark[u]) {
                mark[u] = true;
                addUser(u, weight / distinctUsers);
            }
        }
        unmark(batch.users(), n, mark);
        addDistinctItems(batch.positives(), n, 0.5 * weight / distinctPositives, mark);
        addDistinctItems(batch.negatives(), n, 0.5 * weight / distinctNegatives, mark);
    }

    private void addDistinctItems(int[] ids, int n, double weight, boolean[] mark) {
        for (int b = 0; b < n; b++) {
            if (!mark[ids[b]]) {
                mark[ids[b]] = true;
                addItem(ids[b], weight);
            }
        }
        unmark(ids, n, mark);
    }

    private static int distinct(int[] ids, int n, boolean[] mark) {
        int count = 0;
        for (int b = 0; b < n; b++) {
            if (!mark[ids[b]]) {
                mark[ids[b]] = true;
                count++;
            }
        }
        unmark(ids, n, mark);
        return count;
    }

    private static void unmark(int[] ids, int n, boolean[] mark) {
        for (int b = 0; b < n; b++) {
            mark[ids[b]] = false;
        }
    }

    /** Numbers the units (users ascending, then items ascending) and zeroes their results. */
    void seal() {
        Arrays.sort(users, 0, numUsers);
        Arrays.sort(items, 0, numItems);
        int n = numUsers + numItems;
        if (ids.length < n) {
            int cap = Math.max(n, ids.length * 2);
            ids = new int[cap];
            weights = new double[cap];
            losses = new double[cap];
            gradients = new float[Math.multiplyExact(cap, dim)];
        }
        for (int k = 0; k < numUsers; k++) {
            ids[k] = users[k];
            weights[k] = userWeight[users[k]];
        }
        for (int k = 0; k < numItems; k++) {
            ids[numUsers + k] = items[k];
            weights[numUsers + k] = itemWeight[items[k]];
        }
        clearResults();
    }

    /** Zeroes the units' losses and gradients (to compute them again for the same entities). */
    void clearResults() {
        int n = size();
        Arrays.fill(losses, 0, n, 0);
        Arrays.fill(gradients, 0, n * dim, 0f);
    }

    int size() {
        return numUsers + numItems;
    }

    int numUsers() {
        return numUsers;
    }

    int numItems() {
        return numItems;
    }

    boolean isUser(int unit) {
        return unit < numUsers;
    }

    /** The user or item index of a unit. */
    int id(int unit) {
        return ids[unit];
    }

    double weight(int unit) {
        return weights[unit];
    }

    /** The student-embedding gradients, unit k at [k * dim, (k + 1) * dim). */
    float[] gradients() {
        return gradients;
    }

    int gradientOffset(int unit) {
        return unit * dim;
    }

    void setLoss(int unit, double loss) {
        losses[unit] = loss;
    }

    void addLoss(int unit, double loss) {
        losses[unit] += loss;
    }

    /** First unit of work chunk c of n (contiguous ranges). */
    int workFrom(int c, int n) {
        return (int) ((long) size() * c / n);
    }

    /**
     * Records the gradients of the units in the share of batch samples [from, to) and returns
     * their loss. The shares of chunks that tile the batch tile the units.
     */
    double emit(Batch batch, int from, int to, GradientLog log) {
        int n = size();
        int first = (int) ((long) n * from / batch.size());
        int last = (int) ((long) n * to / batch.size());
        double loss = 0;
        for (int k = first; k < last; k++) {
            if (k < numUsers) {
                log.addUser(ids[k], gradients, k * dim, 1f);
            } else {
                log.addItem(ids[k], gradients, k * dim, 1f);
            }
            loss += losses[k];
        }
        return loss;
    }
}
