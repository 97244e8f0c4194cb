package dev.unkd.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import dev.unkd.data.LeaveOneOutSplitter.Mode;

class LeaveOneOutSplitterTest {
    private static final InteractionLog TIMED = TestData.log(
            "a:x@30", "a:y@10", "a:z@20", // x is latest, z second latest
            "b:x@5", "b:w@9",
            "c:y@1",
            "d:x@4", "d:y@4", "d:z@4"); // ties: file order, the last row is latest

    @Test
    void latestItemIsTestAndTheOneBeforeValidation() {
        Dataset d = new LeaveOneOutSplitter(Mode.LATEST, true).split(TIMED, 0);
        assertThat(TestData.pairs(d, d.test())).containsExactly("a:x", "b:w", "d:z");
        assertThat(TestData.pairs(d, d.valid())).containsExactly("a:z", "d:y");
        assertThat(TestData.pairs(d, d.train())).containsExactly("a:y", "b:x", "c:y", "d:x");
    }

    @Test
    void withoutValidationOnlyTheLatestIsHeldOut() {
        Dataset d = new LeaveOneOutSplitter(Mode.LATEST, false).split(TIMED, 0);
        assertThat(TestData.pairs(d, d.test())).containsExactly("a:x", "b:w", "d:z");
        assertThat(d.valid().size()).isZero();
        assertThat(d.train().size()).isEqualTo(6);
    }

    @Test
    void randomModeHoldsOutOneItemPerUserWithEnoughItems() {
        InteractionLog log = PaperSplitterTest.randomLog(40, 30, 10, 5);
        Dataset d = new LeaveOneOutSplitter(Mode.RANDOM, true).split(log, 9);
        Interactions all = log.toInteractions();
        for (int u = 0; u < d.numUsers(); u++) {
            int n = all.userDegree(u);
            assertThat(d.test().userDegree(u)).isEqualTo(n >= 2 ? 1 : 0);
            assertThat(d.valid().userDegree(u)).isEqualTo(n >= 3 ? 1 : 0);
            assertThat(d.train().userDegree(u)).isEqualTo(n - d.test().userDegree(u) - d.valid().userDegree(u));
        }
        assertThat(new LeaveOneOutSplitter(Mode.RANDOM, true).split(log, 9)).isEqualTo(d);
        assertThat(new LeaveOneOutSplitter(Mode.RANDOM, true).split(log, 10).test()).isNotEqualTo(d.test());
    }

    @Test
    void latestWithoutTimestampsIsAnError() {
        assertThatThrownBy(() -> new LeaveOneOutSplitter(Mode.LATEST, false).split(TestData.log("a:x", "a:y"), 0))
                .isInstanceOf(DataFormatException.class)
                .hasMessage("test: leave-one-out by latest item needs a timestamp on every interaction (use random mode)");
    }
}
