package dev.unkd.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TemporalSplitterTest {
    // ten interactions at times 1..10, two of them sharing time 8
    private static final InteractionLog LOG = TestData.log("a:p@1", "b:p@2", "a:q@3", "c:q@4", "b:r@5", "a:r@6", "c:s@7",
            "a:s@8", "b:s@8", "c:t@10");

    @Test
    void cutsAtTimestampQuantiles() {
        Dataset d = new TemporalSplitter(0.6, 0.2).split(LOG, 0);
        // sorted times 1 2 3 4 5 6 7 8 8 10: first cut at position 6 (time 7), second at 8 (time 8)
        assertThat(TestData.pairs(d, d.train())).containsExactly("a:p", "a:q", "a:r", "b:p", "b:r", "c:q");
        assertThat(TestData.pairs(d, d.valid())).containsExactly("c:s");
        assertThat(TestData.pairs(d, d.test())).containsExactly("a:s", "b:s", "c:t");
    }

    @Test
    void equalTimestampsStayOnTheSameSide() {
        // position 7 falls between the two rows at time 8: both go to the later part
        Dataset d = new TemporalSplitter(0.7, 0.0).split(LOG, 0);
        assertThat(d.train().size()).isEqualTo(7);
        assertThat(TestData.pairs(d, d.test())).containsExactly("a:s", "b:s", "c:t");
        assertThat(d.valid().size()).isZero();
    }

    @Test
    void everythingTrainsWithFractionOne() {
        Dataset d = new TemporalSplitter(1.0, 0.0).split(LOG, 0);
        assertThat(d.train().size()).isEqualTo(10);
        assertThat(d.test().size()).isZero();
    }

    @Test
    void needsTimestamps() {
        assertThatThrownBy(() -> new TemporalSplitter(0.8, 0.1).split(TestData.log("a:x@1", "a:y"), 0))
                .isInstanceOf(DataFormatException.class).hasMessage("test: a temporal split needs a timestamp on every interaction");
    }

    @Test
    void invalidFractionsAreRejected() {
        assertThatThrownBy(() -> new TemporalSplitter(0, 0.1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid training fraction: 0.0");
        assertThatThrownBy(() -> new TemporalSplitter(0.8, 0.3)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid validation fraction: 0.3 (with training fraction 0.8)");
    }
}
