package dev.unkd.cli;

import dev.unkd.train.LearningRateSchedule;

/** Reads {@code --lr-schedule constant|plateau:F:P:MIN}; a bad value is a usage error showing the form. */
final class ScheduleConverter extends ParsedConverter<LearningRateSchedule> {
    ScheduleConverter() {
        super(LearningRateSchedule::parse);
    }
}
