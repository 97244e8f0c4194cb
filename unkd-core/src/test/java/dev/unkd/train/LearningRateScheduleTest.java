package dev.unkd.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LearningRateScheduleTest {
    @Test
    void labelsParseBackToTheSameSchedule() {
        for (String label : new String[] {"constant", "plateau:0.1:2:0.001", "plateau:0.5:1:1.0E-5", "plateau:0.25:10:2"}) {
            assertThat(LearningRateSchedule.parse(label).label()).isEqualTo(label);
        }
        assertThat(LearningRateSchedule.parse("constant")).isSameAs(LearningRateSchedule.CONSTANT);
        assertThat(LearningRateSchedule.parse("plateau:0.1:2:0.001")).isEqualTo(LearningRateSchedule.plateau(0.1, 2, 0.001));
    }

    @Test
    void reductionsStopAtTheFloor() {
        LearningRateSchedule s = LearningRateSchedule.plateau(0.1, 2, 0.003);
        assertThat(s.reduced(0.1)).isEqualTo(0.1 * 0.1);
        assertThat(s.reduced(0.01)).isEqualTo(0.003);
        assertThat(s.reduced(0.003)).isEqualTo(0.003);
        assertThat(LearningRateSchedule.CONSTANT.reduced(0.01)).isEqualTo(0.01);
    }

    @Test
    void badSchedulesAreRefusedWithTheirText() {
        assertThatThrownBy(() -> LearningRateSchedule.parse("step:10"))
                .hasMessage("Invalid learning-rate schedule: 'step:10' (expected constant or plateau:FACTOR:PATIENCE:MIN_LR, e.g. plateau:0.1:2:0.001)");
        assertThatThrownBy(() -> LearningRateSchedule.parse("plateau:x:2:0.1"))
                .hasMessage("Invalid learning-rate schedule: 'plateau:x:2:0.1' (For input string: \"x\")");
        assertThatThrownBy(() -> LearningRateSchedule.parse("plateau:1.5:2:0.1")).hasMessage("Invalid learning-rate schedule: factor 1.5 is not in (0, 1)");
        assertThatThrownBy(() -> LearningRateSchedule.parse("plateau:1:2:0.1")).hasMessage("Invalid learning-rate schedule: factor 1.0 is not in (0, 1)");
        assertThatThrownBy(() -> LearningRateSchedule.parse("plateau:0.1:0:0.1")).hasMessage("Invalid learning-rate schedule: patience 0 is below 1");
        assertThatThrownBy(() -> LearningRateSchedule.parse("plateau:0.1:2:0"))
                .hasMessage("Invalid learning-rate schedule: a plateau schedule needs a positive minimum rate");
        assertThatThrownBy(() -> LearningRateSchedule.parse("plateau:0.1:2:NaN")).hasMessage("Invalid learning-rate schedule: minimum rate NaN");
        assertThatThrownBy(() -> LearningRateSchedule.parse(null)).hasMessageStartingWith("Invalid learning-rate schedule: 'null'");
        assertThatThrownBy(() -> TrainingConfig.defaults().withSchedule(LearningRateSchedule.plateau(0.1, 2, 0.05)))
                .hasMessage("Invalid learning-rate schedule: its minimum rate 0.05 is above the learning rate 0.01");
    }
}
