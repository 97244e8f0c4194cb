package dev.unkd.experiment;

import dev.unkd.data.Dataset;
import dev.unkd.teacher.Teacher;
import dev.unkd.train.TrainingListener;
import java.io.IOException;

/** Trains and evaluates one student run (an interface so tests can make a run fail on purpose). */
interface RunTrainer {
    /**
     * @param teacher loads the run's teacher on demand (the plain student needs none)
     */
    RunResult train(RunSpec spec, Dataset data, TeacherSupplier teacher, TrainingListener listener) throws IOException;

    /** A teacher loader that may fail with an I/O error. */
    @FunctionalInterface
    interface TeacherSupplier {
        Teacher get() throws IOException;
    }
}
