package dev.unkd.distill;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@link BatchUnits}: distinct ids ascending with their counts, appended column after column, and reused. */
class BatchUnitsTest {
    @Test
    void numbersDistinctIdsAscendingWithTheirCountsAndStartsAfreshAfterClear() {
        BatchUnits units = new BatchUnits(10);
        units.clear(12);
        assertThat(units.add(new int[] {7, 2, 7, 9, 2, 7}, 6)).isEqualTo(3);
        assertThat(units.add(new int[] {4, 4, 1, 0}, 3)).isEqualTo(2); // only the first 3 rows
        assertThat(units.size()).isEqualTo(5);
        int[] ids = new int[5];
        int[] counts = new int[5];
        for (int j = 0; j < 5; j++) {
            ids[j] = units.id(j);
            counts[j] = units.count(j);
        }
        assertThat(ids).containsExactly(2, 7, 9, 1, 4);
        assertThat(counts).containsExactly(2, 3, 1, 1, 2);
        assertThat(units.boundary(0, 6)).isZero();
        assertThat(units.boundary(3, 6)).isEqualTo(2);
        assertThat(units.boundary(6, 6)).isEqualTo(5);

        units.clear(2);
        assertThat(units.add(new int[] {2, 2}, 2)).isEqualTo(1);
        assertThat(units.size()).isEqualTo(1);
        assertThat(units.count(0)).isEqualTo(2); // the counts of the earlier batch are gone
    }
}
