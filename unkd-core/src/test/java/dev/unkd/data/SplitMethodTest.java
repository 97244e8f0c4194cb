package dev.unkd.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SplitMethodTest {

    @Test
    void parsesMethodsWithDefaultsAndParameters() {
        assertThat(SplitMethod.parse("paper")).isEqualTo(new PaperSplitter(0.2, 0.2));
        assertThat(SplitMethod.parse("paper:holdout=0.1,valid=0.5")).isEqualTo(new PaperSplitter(0.1, 0.5));
        assertThat(SplitMethod.parse("loo")).isEqualTo(new LeaveOneOutSplitter(LeaveOneOutSplitter.Mode.LATEST, true));
        assertThat(SplitMethod.parse("LOO:mode=random,valid=false"))
                .isEqualTo(new LeaveOneOutSplitter(LeaveOneOutSplitter.Mode.RANDOM, false));
        assertThat(SplitMethod.parse("temporal")).isEqualTo(new TemporalSplitter(0.8, 0.1));
        assertThat(SplitMethod.parse("temporal:train=0.7, valid=0.15")).isEqualTo(new TemporalSplitter(0.7, 0.15));
        assertThat(SplitMethod.parse("kds")).isEqualTo(new KdsSplitter(8, 1, 1, KdsSplitter.Order.RANDOM));
        assertThat(SplitMethod.parse("KDS:ratios=7/0/3,order=File")).isEqualTo(new KdsSplitter(7, 0, 3, KdsSplitter.Order.FILE));
    }

    @Test
    void rejectsBadKdsParameters() {
        assertThatThrownBy(() -> SplitMethod.parse("kds:ratios=8/1")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid ratios '8/1' in split 'kds:ratios=8/1' (expected TRAIN/VALID/TEST such as 8/1/1)");
        assertThatThrownBy(() -> SplitMethod.parse("kds:ratios=0.8/0.1/0.1")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected three integers TRAIN/VALID/TEST");
        assertThatThrownBy(() -> SplitMethod.parse("kds:ratios=8/1/0")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid split ratios 8/1/0 (train and test weights must be at least 1, validation at least 0)");
        assertThatThrownBy(() -> SplitMethod.parse("kds:order=time")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid order 'time' in split 'kds:order=time' (expected random or file)");
        assertThatThrownBy(() -> SplitMethod.parse("kds:holdout=0.2")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid split parameter(s) [holdout] in 'kds:holdout=0.2'");
    }

    @Test
    void rejectsUnknownMethodsParametersAndValues() {
        assertThatThrownBy(() -> SplitMethod.parse("kfold")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid split method: 'kfold' (expected paper|loo|temporal|kds)");
        assertThatThrownBy(() -> SplitMethod.parse("paper:test=0.1")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid split parameter(s) [test] in 'paper:test=0.1'");
        assertThatThrownBy(() -> SplitMethod.parse("paper:holdout=a")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid number 'a' in split 'paper:holdout=a'");
        assertThatThrownBy(() -> SplitMethod.parse("loo:mode=first")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid leave-one-out mode 'first' in split 'loo:mode=first' (expected latest or random)");
        assertThatThrownBy(() -> SplitMethod.parse("paper:holdout=1.5")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid hold-out fraction: 1.5");
        assertThatThrownBy(() -> SplitMethod.parse("loo:valid")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid split parameter: 'valid' in 'loo:valid' (expected key=value)");
    }
}
