package dev.unkd.spark;

import dev.unkd.data.Interactions;
import dev.unkd.distill.TeacherRanking;
import dev.unkd.model.EmbeddingTable;
import dev.unkd.model.FactorScorer;
import dev.unkd.parallel.ChunkedExecutor;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * Ranks the users of one Spark partition with the core's own code: each chunk of
 * {@value #CHUNK} users becomes a small local problem (their embeddings, their training items,
 * all items) handed to {@link TeacherRanking#compute} on one thread, so every list is the one
 * the core computes on a single node (the score of (u, i) depends only on p_u and q_i, summed
 * in the same order, and the selection is the same {@link dev.unkd.recommend.Recommender}).
 *
 * <p>Input rows: (u int, vec array&lt;float&gt;, items array&lt;int&gt; or null: training items);
 * output rows: (u int, group int, items array&lt;int&gt;, best first). Memory per task: one chunk's
 * lists (chunk x sum of min(depth, group size) ints) and the scorer's copy of the item table.
 */
final class PartitionRanking implements Iterator<Row> {
    static final int CHUNK = 512;

    private final Iterator<Row> input;
    private final ItemSide items;
    private final int depth;
    private final ChunkedExecutor oneThread = new ChunkedExecutor(1);
    private List<Row> pending = List.of();
    private int next;

    PartitionRanking(Iterator<Row> input, ItemSide items, int depth) {
        this.input = input;
        this.items = items;
        this.depth = depth;
    }

    @Override
    public boolean hasNext() {
        while (next >= pending.size() && input.hasNext()) {
            pending = rankChunk();
            next = 0;
        }
        return next < pending.size();
    }

    @Override
    public Row next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return pending.get(next++);
    }

    private List<Row> rankChunk() {
        int dim = items.dim();
        List<Integer> globalUsers = new ArrayList<>(CHUNK);
        List<Integer> pairUsers = new ArrayList<>();
        List<Integer> pairItems = new ArrayList<>();
        float[] vectors = new float[CHUNK * dim];
        while (globalUsers.size() < CHUNK && input.hasNext()) {
            Row r = input.next();
            int local = globalUsers.size();
            globalUsers.add(r.getInt(0));
            List<Float> vec = r.getList(1);
            if (vec.size() != dim) {
                throw new IllegalArgumentException("user " + r.getInt(0) + " has a vector of " + vec.size() + " values, items have " + dim);
            }
            for (int d = 0; d < dim; d++) {
                vectors[local * dim + d] = vec.get(d);
            }
            if (!r.isNullAt(2)) {
                for (Object item : r.getList(2)) {
                    pairUsers.add(local);
                    pairItems.add((Integer) item);
                }
            }
        }
        int n = globalUsers.size();
        float[] userTable = java.util.Arrays.copyOf(vectors, n * dim);
        FactorScorer scorer = new FactorScorer(new EmbeddingTable(n, dim, userTable),
                new EmbeddingTable(items.numItems(), dim, items.embeddings()));
        Interactions train = Interactions.of(n, items.numItems(), pairUsers.stream().mapToInt(Integer::intValue).toArray(),
                pairItems.stream().mapToInt(Integer::intValue).toArray());
        TeacherRanking ranking = TeacherRanking.compute(scorer, train, items.groups(), depth, oneThread);
        List<Row> out = new ArrayList<>(n * ranking.numGroups());
        for (int u = 0; u < n; u++) {
            for (int g = 0; g < ranking.numGroups(); g++) {
                int[] list = ranking.list(u, g);
                Integer[] boxed = new Integer[list.length];
                for (int k = 0; k < list.length; k++) {
                    boxed[k] = list[k];
                }
                out.add(RowFactory.create(globalUsers.get(u), g, boxed));
            }
        }
        return out;
    }
}
