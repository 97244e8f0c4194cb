package dev.unkd.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class DatasetStatsTest {

    @Test
    void countsPartsDensityAndGroups() {
        // 3 users x 4 items; item popularity in training 3, 1, 1, 0
        Interactions train = Interactions.of(3, 4, new int[] {0, 1, 2, 0, 1}, new int[] {0, 0, 0, 1, 2});
        Interactions valid = Interactions.of(3, 4, new int[] {2}, new int[] {3});
        Interactions test = Interactions.of(3, 4, new int[] {0, 1}, new int[] {3, 3});
        Dataset d = new Dataset("tiny", IdMap.range(3), IdMap.range(4), train, valid, test);
        DatasetStats s = DatasetStats.of(d, 2);
        assertThat(s.users()).isEqualTo(3);
        assertThat(s.items()).isEqualTo(4);
        assertThat(s.train()).isEqualTo(new DatasetStats.PartStats(5, 3, 3));
        assertThat(s.valid()).isEqualTo(new DatasetStats.PartStats(1, 1, 1));
        assertThat(s.test()).isEqualTo(new DatasetStats.PartStats(2, 2, 1));
        assertThat(s.interactions()).isEqualTo(8);
        assertThat(s.density()).isCloseTo(8 / 12.0, within(1e-12));
        assertThat(s.popularityGini()).isCloseTo(Gini.of(new int[] {3, 1, 1, 0}), within(1e-12));
        // target 2.5: item 0 (3) alone; items 1, 2 (mass 2 > 1.25) kept as group 1; item 3 in none
        assertThat(s.groups()).containsExactly(new DatasetStats.GroupStats(0, 1, 3, 3, 3),
                new DatasetStats.GroupStats(1, 2, 2, 1, 1));
        assertThat(s.ungroupedItems()).isEqualTo(1);
        String text = s.toText();
        assertThat(text).contains("dataset tiny: 3 users x 4 items").contains("K=2 requested, 2 formed");
        assertThat(text).containsPattern("train\\s+5\\s+3\\s+3").containsPattern("all\\s+8").containsPattern("none\\s+1\\s+0");
        assertThat(text).containsPattern("0\\s+1\\s+3\\s+60\\.0%\\s+3-3");
    }
}
