package dev.unkd.data;

import dev.unkd.io.TextLines;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * A partition of items into popularity groups of roughly equal interaction mass (UnKD, Chen et
 * al., WSDM 2023, section 4; the authors' {@code dataloader.splitGroup}). Group 0 holds the most
 * popular items, the last group the long tail. Items without training interactions belong to no
 * group ({@link #NONE}) unless {@code zeroInLastGroup} is set.
 *
 * <p>Rule: sort items by training popularity, descending, ties by ascending item index (the
 * authors' code breaks ties by first appearance in its training list, which a sorted file cannot
 * recover; {@link #read} loads their exact assignment). With target = total / K, walk the items
 * and close the current group before an item that would push its mass above target; an item that
 * alone exceeds target forms a group by itself. A leftover last group is kept when its mass is
 * above target / 2, otherwise merged into the previous group.
 */
public final class PopularityGroups {
    public static final int NONE = -1;

    private final int[] groupOf;
    private final int[][] members;
    private final long[] mass;

    private PopularityGroups(int[] groupOf, int[] popularity) {
        this.groupOf = groupOf;
        int k = Arrays.stream(groupOf).max().orElse(-1) + 1;
        int[] counts = new int[k];
        this.mass = new long[k];
        for (int i = 0; i < groupOf.length; i++) {
            if (groupOf[i] != NONE) {
                counts[groupOf[i]]++;
                mass[groupOf[i]] += popularity[i];
            }
        }
        this.members = new int[k][];
        for (int g = 0; g < k; g++) {
            members[g] = new int[counts[g]];
        }
        int[] fill = new int[k];
        for (int i = 0; i < groupOf.length; i++) {
            if (groupOf[i] != NONE) {
                members[groupOf[i]][fill[groupOf[i]]++] = i;
            }
        }
    }

    /** Splits items by training popularity into about {@code k} groups of equal mass. */
    public static PopularityGroups split(Interactions train, int k, boolean zeroInLastGroup) {
        return split(train.itemPopularity(), k, zeroInLastGroup);
    }

    public static PopularityGroups split(int[] popularity, int k, boolean zeroInLastGroup) {
        if (k < 1) {
            throw new IllegalArgumentException("Invalid number of popularity groups: " + k + " (must be >= 1)");
        }
        int n = popularity.length;
        long total = 0;
        for (int p : popularity) {
            if (p < 0) {
                throw new IllegalArgumentException("negative popularity " + p);
            }
            total += p;
        }
        Integer[] order = IntStream.range(0, n).boxed().toArray(Integer[]::new);
        Arrays.sort(order, (a, b) -> popularity[a] != popularity[b] ? Integer.compare(popularity[b], popularity[a]) : Integer.compare(a, b));
        int[] groupOf = new int[n];
        Arrays.fill(groupOf, NONE);
        double target = (double) total / k;
        List<Integer> closedEnds = new ArrayList<>(); // exclusive end position in `order` of each closed group
        long current = 0;
        int start = 0;
        int pos = 0;
        for (; pos < n && popularity[order[pos]] > 0; pos++) {
            int p = popularity[order[pos]];
            if (current + p > target) {
                if (pos == start) { // the item alone exceeds target: it is a group
                    closedEnds.add(pos + 1);
                    start = pos + 1;
                    current = 0;
                    continue;
                }
                closedEnds.add(pos);
                start = pos;
                current = 0;
            }
            current += p;
        }
        int end = pos; // items with popularity 0 start at `end`
        if (start < end) {
            if (current > target / 2 || closedEnds.isEmpty()) {
                closedEnds.add(end);
            } else {
                closedEnds.set(closedEnds.size() - 1, end); // merge leftover into the previous group
            }
        }
        int from = 0;
        for (int g = 0; g < closedEnds.size(); g++) {
            for (int q = from; q < closedEnds.get(g); q++) {
                groupOf[order[q]] = g;
            }
            from = closedEnds.get(g);
        }
        if (zeroInLastGroup && end < n) {
            int last = Math.max(0, closedEnds.size() - 1);
            for (int q = end; q < n; q++) {
                groupOf[order[q]] = last;
            }
        }
        return new PopularityGroups(groupOf, popularity);
    }

    /** Uses a given assignment (group index per item, {@link #NONE} for none). */
    public static PopularityGroups of(int[] groupOf, int[] popularity) {
        if (groupOf.length != popularity.length) {
            throw new IllegalArgumentException("group assignment covers " + groupOf.length + " items, data has " + popularity.length);
        }
        return new PopularityGroups(groupOf.clone(), popularity);
    }

    /**
     * Reads an {@code item<TAB>group} file (external item ids, e.g. the authors' CiteULike
     * {@code item_groups.txt}); items not listed belong to no group.
     */
    public static PopularityGroups read(Path file, IdMap items, int[] popularity) throws IOException {
        int[] groupOf = new int[items.size()];
        Arrays.fill(groupOf, NONE);
        List<String> lines = TextLines.readString(file, StandardCharsets.UTF_8).lines().toList();
        for (int ln = 0; ln < lines.size(); ln++) {
            String line = lines.get(ln).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\\s+");
            if (f.length != 2) {
                throw new DataFormatException(file, ln + 1, "expected 'item group', found " + f.length + " fields");
            }
            int item = items.indexOf(f[0]);
            if (item < 0) {
                throw new DataFormatException(file, ln + 1, "unknown item id '" + f[0] + "'");
            }
            try {
                groupOf[item] = Integer.parseInt(f[1]);
            } catch (NumberFormatException e) {
                throw new DataFormatException(file, ln + 1, "group '" + f[1] + "' is not an integer");
            }
            if (groupOf[item] < 0) {
                throw new DataFormatException(file, ln + 1, "negative group " + groupOf[item]);
            }
        }
        return new PopularityGroups(groupOf, popularity);
    }

    public int numGroups() {
        return members.length;
    }

    /** Group of item i, or {@link #NONE}. */
    public int groupOf(int item) {
        return groupOf[item];
    }

    public int numItems() {
        return groupOf.length;
    }

    /** Items of group g, ascending; do not modify. */
    public int[] members(int g) {
        return members[g];
    }

    /** Training interactions of the items of group g. */
    public long mass(int g) {
        return mass[g];
    }

    public int[] assignment() {
        return groupOf.clone();
    }
}
