package dev.unkd.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashSet;
import java.util.List;

import org.junit.jupiter.api.Test;

class IdMapTest {

    @Test
    void canonicalSortsAllNumericIdsNumerically() {
        IdMap m = IdMap.canonical(new LinkedHashSet<>(List.of("10", "2", "0", "9")));
        assertThat(m.ids()).containsExactly("0", "2", "9", "10");
        assertThat(m.indexOf("10")).isEqualTo(3);
    }

    @Test
    void canonicalKeepsFirstAppearanceOrderOtherwise() {
        assertThat(IdMap.canonical(new LinkedHashSet<>(List.of("b", "10", "a"))).ids()).containsExactly("b", "10", "a");
        // a leading zero makes an id textual: "07" and "7" are different ids
        assertThat(IdMap.canonical(new LinkedHashSet<>(List.of("10", "07", "2"))).ids()).containsExactly("10", "07", "2");
    }

    @Test
    void checksumDependsOnIdsAndTheirOrder() {
        IdMap ab = IdMap.of(List.of("a", "b"));
        assertThat(ab.checksum()).isEqualTo(IdMap.of(List.of("a", "b")).checksum());
        assertThat(ab.checksum()).isNotEqualTo(IdMap.of(List.of("b", "a")).checksum());
        assertThat(IdMap.of(List.of("ab", "c")).checksum()).isNotEqualTo(IdMap.of(List.of("a", "bc")).checksum());
        assertThat(ab).isEqualTo(IdMap.of(List.of("a", "b"))).hasSameHashCodeAs(IdMap.of(List.of("a", "b")));
    }

    @Test
    void lookupSelectAndRange() {
        IdMap m = IdMap.of(List.of("x", "y", "z"));
        assertThat(m.indexOf("y")).isEqualTo(1);
        assertThat(m.indexOf("w")).isEqualTo(-1);
        assertThat(m.find("w")).isEmpty();
        assertThat(m.find("z")).contains(2);
        assertThat(m.select(new int[] {0, 2}).ids()).containsExactly("x", "z");
        assertThat(IdMap.range(3).ids()).containsExactly("0", "1", "2");
    }

    @Test
    void builderInternsInOrderOfFirstAppearance() {
        IdMap.Builder b = new IdMap.Builder();
        assertThat(b.intern("q")).isZero();
        assertThat(b.intern("p")).isEqualTo(1);
        assertThat(b.intern("q")).isZero();
        assertThat(b.build().ids()).containsExactly("q", "p");
    }

    @Test
    void duplicateIdsAreRejected() {
        assertThatThrownBy(() -> IdMap.of(List.of("a", "a"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Duplicate id in id map: 'a'");
    }
}
