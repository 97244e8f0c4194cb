package dev.unkd.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Checks the readers, filter, splitter and popularity groups against the real data in
 * {@code ../shared/data} (CiteULike as used by the UnKD authors, MovieLens latest-small). Skipped
 * when the data is absent, unless {@code -Dunkd.requireSharedData=true}.
 */
class RealDataTest {
    private static Dataset citeULikeSplit; // read once, shared by the CiteULike tests

    private static synchronized Dataset citeULikeSplit(Path dir) throws IOException {
        if (citeULikeSplit == null) {
            citeULikeSplit = DatasetLoader.load(dir, LoadOptions.defaults());
        }
        return citeULikeSplit;
    }

    private static Path shared(String name) {
        Path dir = Path.of(System.getProperty("unkd.sharedData", "../../shared/data"), name);
        if (!Files.isDirectory(dir)) {
            if (Boolean.parseBoolean(System.getProperty("unkd.requireSharedData", "false"))) {
                fail("shared data directory missing: " + dir.toAbsolutePath());
            }
            Assumptions.abort("shared data directory missing: " + dir.toAbsolutePath());
        }
        return dir;
    }

    @Test
    void rawCiteULikeFilteredToUsersWithFiveItemsGivesTheAuthorsData() throws Exception {
        Path dir = shared("citeulike");
        InteractionLog raw = new CiteULikeReader().read(dir.resolve("users.dat"));
        assertThat(raw.numUsers()).isEqualTo(7947);
        assertThat(raw.numItems()).isEqualTo(25584);
        assertThat(raw.size()).isEqualTo(134_860);
        assertThat(raw.dedupe()).isSameAs(raw);

        InteractionLog kept = KCoreFilter.apply(raw, FilterOptions.minUserItems(5));
        assertThat(kept.numUsers()).isEqualTo(5219);
        assertThat(kept.numItems()).isEqualTo(25181);
        assertThat(kept.size()).isEqualTo(125_580);

        // The authors number kept users in line order and items by first appearance in the kept
        // lines; renumbered that way, our pairs are exactly the union of their three parts.
        int[] authorsItem = new int[kept.numItems()];
        Arrays.fill(authorsItem, -1);
        int next = 0;
        for (int k = 0; k < kept.size(); k++) {
            if (authorsItem[kept.item(k)] < 0) {
                authorsItem[kept.item(k)] = next++;
            }
        }
        Dataset split = citeULikeSplit(dir);
        int found = 0;
        for (int k = 0; k < kept.size(); k++) {
            int u = kept.user(k); // kept users are already in line order, 0..5218
            int i = split.items().indexOf(Integer.toString(authorsItem[kept.item(k)]));
            if (split.train().contains(u, i) || split.valid().contains(u, i) || split.test().contains(u, i)) {
                found++;
            }
        }
        assertThat(found).isEqualTo(125_580);

        // the paper's split of the same data has the authors' part sizes (the draws differ)
        Dataset ours = PaperSplitter.CITEULIKE.split(kept, 2022);
        assertThat(ours.train().size()).isEqualTo(98_405);
        assertThat(ours.valid().size() + ours.test().size()).isEqualTo(5_938 + 21_237);
        assertThat(ours.valid().activeUsers()).isEqualTo(1043);
        assertThat(ours.test().activeUsers()).isEqualTo(4176);
    }

    @Test
    void kdsSplitOfRawCiteULikeHasTheKdsPartSizes() throws Exception {
        Path dir = shared("citeulike");
        InteractionLog kept = KCoreFilter.apply(new CiteULikeReader().read(dir.resolve("users.dat")), FilterOptions.minUserItems(5));
        // KDs' data/citeulike/README: 5219 users, 25181 items, 98405 / 12451 / 14724 interactions
        for (KdsSplitter.Order order : KdsSplitter.Order.values()) {
            Dataset d = new KdsSplitter(8, 1, 1, order).split(kept, 2022);
            assertThat(new int[] {d.train().size(), d.valid().size(), d.test().size()}).as(order.name())
                    .containsExactly(98_405, 12_451, 14_724);
            assertThat(d.test().activeUsers()).isEqualTo(5219);
        }
        // in file order every user is tested on their highest item ids (users.dat lists them ascending)
        Dataset file = new KdsSplitter(8, 1, 1, KdsSplitter.Order.FILE).split(kept, 2022);
        for (int u = 0; u < file.numUsers(); u++) {
            int maxTrain = java.util.Arrays.stream(file.train().itemsOf(u)).map(i -> Integer.parseInt(file.items().id(i))).max().orElseThrow();
            int minTest = java.util.Arrays.stream(file.test().itemsOf(u)).map(i -> Integer.parseInt(file.items().id(i))).min().orElseThrow();
            assertThat(minTest).isGreaterThan(maxTrain);
        }
    }

    @Test
    void citeULikeSplitDirectoryAndPopularityGroups() throws Exception {
        Path dir = shared("citeulike");
        Dataset d = citeULikeSplit(dir);
        assertThat(d.numUsers()).isEqualTo(5219);
        assertThat(d.numItems()).isEqualTo(25181);
        assertThat(d.train().size()).isEqualTo(98_405);
        assertThat(d.valid().size()).isEqualTo(5_938);
        assertThat(d.test().size()).isEqualTo(21_237);
        assertThat(d.valid().activeUsers()).isEqualTo(1043);
        assertThat(d.test().activeUsers()).isEqualTo(4176);
        for (int u = 0; u < d.numUsers(); u++) {
            assertThat(d.valid().userDegree(u) == 0 || d.test().userDegree(u) == 0).isTrue();
        }

        int[] popularity = d.train().itemPopularity();
        PopularityGroups ours = PopularityGroups.split(popularity, 4, false);
        PopularityGroups theirs = PopularityGroups.read(dir.resolve("item_groups.txt"), d.items(), popularity);
        long[] authorsMass = {24_593, 24_596, 24_601, 24_615};
        int[] authorsItems = {803, 2_515, 5_834, 14_727};
        assertThat(ours.numGroups()).isEqualTo(4);
        for (int g = 0; g < 4; g++) {
            assertThat(theirs.mass(g)).isEqualTo(authorsMass[g]);
            // tie order moves equally popular items across a border, which changes neither the mass
            // nor the size of a group: measured equal to the authors' on this split
            assertThat(ours.mass(g)).isEqualTo(authorsMass[g]);
            assertThat(ours.members(g).length).isEqualTo(authorsItems[g]);
        }
        int agree = 0;
        int grouped = 0;
        for (int i = 0; i < d.numItems(); i++) {
            if (theirs.groupOf(i) != PopularityGroups.NONE) {
                grouped++;
                if (theirs.groupOf(i) == ours.groupOf(i)) {
                    agree++;
                }
            } else {
                assertThat(ours.groupOf(i)).isEqualTo(PopularityGroups.NONE);
            }
        }
        assertThat(grouped).isEqualTo(23_879);
        assertThat((double) agree / grouped).as("items in the same group as the authors'").isGreaterThan(0.97);
    }

    @Test
    void movieLensLatestSmall() throws Exception {
        Path dir = shared("ml-latest-small");
        InteractionLog log = DatasetLoader.readLog(dir, LoadOptions.defaults());
        assertThat(log.source()).endsWith("ratings.csv");
        assertThat(log.numUsers()).isEqualTo(610);
        assertThat(log.numItems()).isEqualTo(9724);
        assertThat(log.size()).isEqualTo(100_836);
        assertThat(log.hasTimestamps()).isTrue();
        InteractionLog liked = log.withMinRating(4.0).compact();
        assertThat(liked.size()).isEqualTo(26_818 + 8_551 + 13_211);
        assertThat(liked.numUsers()).isEqualTo(609);
    }
}
