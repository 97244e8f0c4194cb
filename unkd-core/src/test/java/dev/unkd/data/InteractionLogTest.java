package dev.unkd.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class InteractionLogTest {

    @Test
    void builderNumbersIdsInOrderOfFirstAppearance() {
        InteractionLog log = TestData.log("b:x", "a:y", "b:y", "c:x");
        assertThat(log.users().ids()).containsExactly("b", "a", "c");
        assertThat(log.items().ids()).containsExactly("x", "y");
        assertThat(log.size()).isEqualTo(4);
        assertThat(log.user(2)).isEqualTo(0);
        assertThat(log.item(2)).isEqualTo(1);
        assertThat(Float.isNaN(log.rating(0))).isTrue();
        assertThat(log.timestamp(0)).isEqualTo(InteractionLog.NO_TIMESTAMP);
        assertThat(log.hasTimestamps()).isFalse();
        assertThat(log.hasRatings()).isFalse();
    }

    @Test
    void hasTimestampsOnlyWhenEveryRowHasOne() {
        assertThat(TestData.log("a:x@1", "a:y@2").hasTimestamps()).isTrue();
        assertThat(TestData.log("a:x@1", "a:y").hasTimestamps()).isFalse();
        assertThat(TestData.log().hasTimestamps()).isFalse();
    }

    @Test
    void dedupeKeepsFirstRowWithItsRatingAndTheEarliestTimestamp() {
        InteractionLog log = new InteractionLog.Builder()
                .add("a", "x", 3f, 50)
                .add("a", "y", 1f, 60)
                .add("a", "x", 5f, 20)
                .add("b", "x", 2f, 70)
                .add("a", "x", 4f, 90)
                .build("t");
        InteractionLog d = log.dedupe();
        assertThat(d.size()).isEqualTo(3);
        assertThat(d.items().id(d.item(0))).isEqualTo("x");
        assertThat(d.rating(0)).isEqualTo(3f);
        assertThat(d.timestamp(0)).isEqualTo(20);
        assertThat(d.items().id(d.item(1))).isEqualTo("y");
        assertThat(d.users().id(d.user(2))).isEqualTo("b");
        assertThat(d.timestamp(2)).isEqualTo(70);
        assertThat(d.dedupe()).isSameAs(d);
    }

    @Test
    void dedupeTakesATimestampFromALaterDuplicateWhenTheFirstHasNone() {
        InteractionLog log = new InteractionLog.Builder()
                .add("a", "x", Float.NaN, InteractionLog.NO_TIMESTAMP)
                .add("a", "x", Float.NaN, 7)
                .build("t");
        assertThat(log.dedupe().timestamp(0)).isEqualTo(7);
    }

    @Test
    void minRatingKeepsRowsAtOrAboveTheThresholdAndRowsWithoutRating() {
        InteractionLog log = new InteractionLog.Builder()
                .add("a", "x", 4f, 1)
                .add("a", "y", 3.5f, 2)
                .add("b", "x", Float.NaN, 3)
                .add("b", "z", 5f, 4)
                .build("t");
        InteractionLog kept = log.withMinRating(4.0);
        assertThat(kept.size()).isEqualTo(3);
        assertThat(kept.timestamp(0)).isEqualTo(1);
        assertThat(kept.timestamp(1)).isEqualTo(3);
        assertThat(kept.timestamp(2)).isEqualTo(4);
        assertThat(log.withMinRating(Double.NEGATIVE_INFINITY)).isSameAs(log);
        assertThatThrownBy(() -> log.withMinRating(Double.NaN)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid minimum rating: NaN");
    }

    @Test
    void compactDropsUnusedIdsAndRenumbersInOrder() {
        InteractionLog log = TestData.log("a:x", "b:y", "c:z", "a:z");
        InteractionLog onlySome = log.selectRows(new int[] {2, 3}); // c:z, a:z -> b and x, y unused
        InteractionLog c = onlySome.compact();
        assertThat(c.users().ids()).containsExactly("a", "c");
        assertThat(c.items().ids()).containsExactly("z");
        assertThat(c.users().id(c.user(0))).isEqualTo("c");
        assertThat(c.users().id(c.user(1))).isEqualTo("a");
        assertThat(c.item(0)).isZero();
        assertThat(log.compact()).isSameAs(log);
    }

    @Test
    void toInteractionsGivesDistinctPairs() {
        Interactions m = TestData.log("a:x", "a:x", "b:y").toInteractions();
        assertThat(m.size()).isEqualTo(2);
        assertThat(m.contains(0, 0)).isTrue();
        assertThat(m.contains(1, 1)).isTrue();
    }

    @Test
    void constructorRejectsMismatchedColumnsAndOutOfRangeIndices() {
        IdMap two = IdMap.range(2);
        assertThatThrownBy(() -> new InteractionLog("t", two, two, new int[] {0}, new int[] {0, 1}, null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("Invalid interaction log: column lengths differ");
        assertThatThrownBy(() -> new InteractionLog("t", two, two, new int[] {2}, new int[] {0}, null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("row 0: (2, 0) outside 2 users x 2 items");
    }

    @Test
    void problemNamesTheSource() {
        assertThat(TestData.log("a:x").problem("bad").getMessage()).isEqualTo("test: bad");
    }
}
