package dev.unkd.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Summary statistics of a split dataset: sizes of each part, density, how concentrated training
 * popularity is (Gini coefficient over all items), and the popularity groups of
 * {@link PopularityGroups#split} for a given K.
 *
 * @param name           the dataset's name
 * @param users          users in the id space
 * @param items          items in the id space
 * @param train          training part
 * @param valid          validation part
 * @param test           test part
 * @param density        all interactions / (users x items)
 * @param popularityGini Gini coefficient of the training popularity of all items (0: uniform,
 *                       near 1: a few items take everything)
 * @param requestedGroups K, the number of popularity groups asked for (fewer may form)
 * @param groups         the popularity groups, most popular first
 * @param ungroupedItems items without training interactions, which belong to no group
 */
public record DatasetStats(String name, int users, int items, PartStats train, PartStats valid, PartStats test, double density,
        double popularityGini, int requestedGroups, List<GroupStats> groups, int ungroupedItems) {

    public DatasetStats {
        groups = List.copyOf(groups);
    }

    /** Size of one part: interactions, users with at least one of them, items with at least one. */
    public record PartStats(int interactions, int users, int items) {
        static PartStats of(Interactions part) {
            int items = 0;
            for (int i = 0; i < part.numItems(); i++) {
                if (part.itemDegree(i) > 0) {
                    items++;
                }
            }
            return new PartStats(part.size(), part.activeUsers(), items);
        }
    }

    /** One popularity group: its items, their training interactions, and their popularity range. */
    public record GroupStats(int group, int items, long mass, int minPopularity, int maxPopularity) {
    }

    /** Statistics with popularity groups for {@code k} groups (items without training interactions in none). */
    public static DatasetStats of(Dataset data, int k) {
        int[] popularity = data.train().itemPopularity();
        PopularityGroups groups = PopularityGroups.split(popularity, k, false);
        List<GroupStats> rows = new ArrayList<>();
        for (int g = 0; g < groups.numGroups(); g++) {
            int min = Integer.MAX_VALUE;
            int max = 0;
            for (int i : groups.members(g)) {
                min = Math.min(min, popularity[i]);
                max = Math.max(max, popularity[i]);
            }
            rows.add(new GroupStats(g, groups.members(g).length, groups.mass(g), groups.members(g).length == 0 ? 0 : min, max));
        }
        int ungrouped = 0;
        for (int i = 0; i < popularity.length; i++) {
            if (groups.groupOf(i) == PopularityGroups.NONE) {
                ungrouped++;
            }
        }
        long all = (long) data.train().size() + data.valid().size() + data.test().size();
        double cells = (double) data.numUsers() * data.numItems();
        return new DatasetStats(data.name(), data.numUsers(), data.numItems(), PartStats.of(data.train()),
                PartStats.of(data.valid()), PartStats.of(data.test()), cells == 0 ? 0 : all / cells, Gini.of(popularity), k,
                rows, ungrouped);
    }

    /** Interactions in all three parts. */
    public long interactions() {
        return (long) train.interactions() + valid.interactions() + test.interactions();
    }

    /** A readable table of all statistics. */
    public String toText() {
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "dataset %s: %,d users x %,d items%n", name, users, items));
        s.append(String.format(Locale.ROOT, "%-6s %13s %8s %8s%n", "part", "interactions", "users", "items"));
        part(s, "train", train);
        part(s, "valid", valid);
        part(s, "test", test);
        s.append(String.format(Locale.ROOT, "%-6s %,13d%n", "all", interactions()));
        s.append(String.format(Locale.ROOT, "density %.6f, popularity Gini (training, all items) %.4f%n", density, popularityGini));
        long mass = groups.stream().mapToLong(GroupStats::mass).sum();
        s.append(String.format(Locale.ROOT, "popularity groups (K=%d requested, %d formed; by training interactions):%n",
                requestedGroups, groups.size()));
        s.append(String.format(Locale.ROOT, "%-6s %8s %13s %7s  %s%n", "group", "items", "interactions", "share", "popularity"));
        for (GroupStats g : groups) {
            s.append(String.format(Locale.ROOT, "%-6d %,8d %,13d %6.1f%%  %d-%d%n", g.group(), g.items(), g.mass(),
                    mass == 0 ? 0 : 100.0 * g.mass() / mass, g.minPopularity(), g.maxPopularity()));
        }
        s.append(String.format(Locale.ROOT, "%-6s %,8d %13d%n", "none", ungroupedItems, 0));
        return s.toString();
    }

    private static void part(StringBuilder s, String label, PartStats p) {
        s.append(String.format(Locale.ROOT, "%-6s %,13d %,8d %,8d%n", label, p.interactions(), p.users(), p.items()));
    }
}
