package dev.unkd.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PopularityGroupsTest {
    private static final int N = PopularityGroups.NONE;

    private static int[] groups(int[] popularity, int k, boolean zeroInLast) {
        return PopularityGroups.split(popularity, k, zeroInLast).assignment();
    }

    @Test
    void closesAGroupBeforeTheItemThatWouldExceedTheTarget() {
        // target 6: {0} has 5 and 5+3 > 6; {1,2,3} reaches 6; the leftover {4} (1 <= 3) is merged
        PopularityGroups g = PopularityGroups.split(new int[] {5, 3, 2, 1, 1}, 2, false);
        assertThat(g.assignment()).containsExactly(0, 1, 1, 1, 1);
        assertThat(g.numGroups()).isEqualTo(2);
        assertThat(g.mass(0)).isEqualTo(5);
        assertThat(g.mass(1)).isEqualTo(7);
        assertThat(g.members(1)).containsExactly(1, 2, 3, 4);
    }

    @Test
    void aHugeItemAloneFormsGroupZero() {
        // target 66.7: item 0 alone exceeds it
        assertThat(groups(new int[] {100, 30, 30, 30, 10}, 3, false)).containsExactly(0, 1, 1, 2, 2);
        // target 75: item 1 alone; the rest (50 > 37.5) is the second group
        assertThat(groups(new int[] {10, 100, 40}, 2, false)).containsExactly(1, 0, 1);
        // target 60: item 1 alone; the leftover 20 <= 30 joins it, so one group holds everything
        assertThat(groups(new int[] {10, 100, 10}, 2, false)).containsExactly(0, 0, 0);
    }

    @Test
    void leftoverOfAtMostHalfTheTargetIsMerged() {
        // target 6: {0}=5, {1}=4, leftover {2}=3 = target/2 -> merged into group 1
        assertThat(groups(new int[] {5, 4, 3}, 2, false)).containsExactly(0, 1, 1);
        // target 60: {0}=100, {1,2}=60, leftover {3}=20 <= 30 -> merged
        assertThat(groups(new int[] {100, 30, 30, 20}, 3, false)).containsExactly(0, 1, 1, 1);
    }

    @Test
    void leftoverAboveHalfTheTargetIsKeptEvenIfThatMakesMoreThanKGroups() {
        // target 6.5: {0}=5, {1}=4, leftover {2}=4 > 3.25 -> a third group
        PopularityGroups g = PopularityGroups.split(new int[] {5, 4, 4}, 2, false);
        assertThat(g.assignment()).containsExactly(0, 1, 2);
        assertThat(g.numGroups()).isEqualTo(3);
    }

    @Test
    void itemsWithoutTrainingInteractionsBelongToNoGroupUnlessAskedToJoinTheLast() {
        assertThat(groups(new int[] {3, 0, 2, 0, 1}, 2, false)).containsExactly(0, N, 1, N, 1);
        PopularityGroups last = PopularityGroups.split(new int[] {3, 0, 2, 0, 1}, 2, true);
        assertThat(last.assignment()).containsExactly(0, 1, 1, 1, 1);
        assertThat(last.mass(1)).isEqualTo(3);
        assertThat(last.members(1)).containsExactly(1, 2, 3, 4);
    }

    @Test
    void oneGroupHoldsEveryItemWithInteractions() {
        PopularityGroups g = PopularityGroups.split(new int[] {7, 0, 1, 3}, 1, false);
        assertThat(g.assignment()).containsExactly(0, N, 0, 0);
        assertThat(g.mass(0)).isEqualTo(11);
    }

    @Test
    void tiesGoByAscendingItemIndex() {
        // target 2: items 0 and 1 fill group 0, the equally popular 2 and 3 form group 1
        assertThat(groups(new int[] {1, 1, 1, 1}, 2, false)).containsExactly(0, 0, 1, 1);
        // order 1, 4, 0, 2, 3 with target 3.5: {1}, {4, 0}, leftover {2, 3} (2 > 1.75) kept; of the
        // items with popularity 1, item 0 falls into the more popular group
        assertThat(groups(new int[] {1, 2, 1, 1, 2}, 2, false)).containsExactly(1, 0, 2, 2, 1);
    }

    @Test
    void noInteractionsGiveNoGroups() {
        PopularityGroups g = PopularityGroups.split(new int[] {0, 0}, 3, false);
        assertThat(g.numGroups()).isZero();
        assertThat(g.assignment()).containsExactly(N, N);
    }

    @Test
    void invalidArgumentsAreRejected() {
        assertThatThrownBy(() -> PopularityGroups.split(new int[] {1}, 0, false)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid number of popularity groups: 0 (must be >= 1)");
        assertThatThrownBy(() -> PopularityGroups.split(new int[] {1, -1}, 2, false)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PopularityGroups.of(new int[] {0}, new int[] {1, 2})).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("group assignment covers 1 items, data has 2");
    }

    @Test
    void splitsTrainingInteractions() {
        Interactions train = Interactions.of(3, 3, new int[] {0, 1, 2, 0}, new int[] {0, 0, 0, 1});
        assertThat(PopularityGroups.split(train, 2, false).assignment()).containsExactly(0, 0, N);
    }

    @Test
    void readsAnAssignmentFileWithExternalIds(@TempDir Path dir) throws Exception {
        IdMap items = IdMap.of(List.of("a", "b", "c"));
        Path f = TestData.write(dir, "groups.txt", "# item group\nb\t0\na 1\n");
        PopularityGroups g = PopularityGroups.read(f, items, new int[] {2, 5, 0});
        assertThat(g.assignment()).containsExactly(1, 0, N);
        assertThat(g.mass(0)).isEqualTo(5);
        assertThat(g.mass(1)).isEqualTo(2);
    }

    @Test
    void badAssignmentFilesNameTheLine(@TempDir Path dir) throws Exception {
        IdMap items = IdMap.of(List.of("a", "b"));
        int[] pop = {1, 1};
        Path unknown = TestData.write(dir, "u.txt", "a 0\nz 1\n");
        assertThatThrownBy(() -> PopularityGroups.read(unknown, items, pop)).isInstanceOf(DataFormatException.class)
                .hasMessage(unknown + ":2: unknown item id 'z'");
        Path notInt = TestData.write(dir, "n.txt", "a x\n");
        assertThatThrownBy(() -> PopularityGroups.read(notInt, items, pop)).isInstanceOf(DataFormatException.class)
                .hasMessage(notInt + ":1: group 'x' is not an integer");
        Path fields = TestData.write(dir, "f.txt", "a 0 1\n");
        assertThatThrownBy(() -> PopularityGroups.read(fields, items, pop)).isInstanceOf(DataFormatException.class)
                .hasMessage(fields + ":1: expected 'item group', found 3 fields");
        Path negative = TestData.write(dir, "g.txt", "a -2\n");
        assertThatThrownBy(() -> PopularityGroups.read(negative, items, pop)).isInstanceOf(DataFormatException.class)
                .hasMessage(negative + ":1: negative group -2");
    }
}
