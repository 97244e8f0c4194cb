package dev.unkd.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class KCoreFilterTest {
    // c has one item; dropping c:z leaves z with one user, dropping b:z leaves b with one item, ...
    private static final InteractionLog CHAIN = TestData.log("a:x", "a:y", "b:y", "b:z", "c:z", "d:x", "d:y");

    private static List<String> rows(InteractionLog log) {
        List<String> out = new ArrayList<>();
        for (int k = 0; k < log.size(); k++) {
            out.add(log.users().id(log.user(k)) + ":" + log.items().id(log.item(k)));
        }
        return out;
    }

    @Test
    void kCoreIteratesUntilStable() {
        InteractionLog core = KCoreFilter.apply(CHAIN, FilterOptions.kCore(2));
        assertThat(rows(core)).containsExactly("a:x", "a:y", "d:x", "d:y");
        assertThat(core.users().ids()).containsExactly("a", "d");
        assertThat(core.items().ids()).containsExactly("x", "y");
    }

    @Test
    void withoutKCoreBothFiltersApplyOnceOnTheOriginalCounts() {
        InteractionLog once = KCoreFilter.apply(CHAIN, new FilterOptions(2, 2, false));
        assertThat(rows(once)).containsExactly("a:x", "a:y", "b:y", "b:z", "d:x", "d:y");
        assertThat(once.users().ids()).containsExactly("a", "b", "d");
        assertThat(once.items().ids()).containsExactly("x", "y", "z");
    }

    @Test
    void userFilterAloneKeepsEveryItemOfKeptUsers() {
        InteractionLog log = KCoreFilter.apply(CHAIN, FilterOptions.minUserItems(2));
        assertThat(log.users().ids()).containsExactly("a", "b", "d");
        assertThat(log.size()).isEqualTo(6);
        assertThat(KCoreFilter.apply(CHAIN, FilterOptions.NONE)).isSameAs(CHAIN);
    }

    @Test
    void itemFilterAlone() {
        InteractionLog log = KCoreFilter.apply(CHAIN, new FilterOptions(0, 3, false));
        assertThat(rows(log)).containsExactly("a:y", "b:y", "d:y");
    }

    @Test
    void emptyResultIsAnError() {
        assertThatThrownBy(() -> KCoreFilter.apply(CHAIN, FilterOptions.kCore(3))).isInstanceOf(DataFormatException.class)
                .hasMessage("test: no interactions left after filtering 7 interactions with "
                        + "FilterOptions[minUserItems=3, minItemUsers=3, kcore=true]");
    }

    @Test
    void negativeThresholdsAreRejected() {
        assertThatThrownBy(() -> new FilterOptions(-1, 0, false)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid minimum items per user: -1");
        assertThatThrownBy(() -> new FilterOptions(0, -2, true)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid minimum users per item: -2");
    }
}
