package dev.unkd.experiment;

import java.util.List;

/** One results table: a dataset and a student architecture, with the teacher(s) it learnt from and every row. */
record BackboneResults(DatasetSpec dataset, StudentSpec student, TeacherSpec teacherSpec, List<TeacherResult> teachers,
        List<ArmResult> arms) {
    /** "citeulike, mf-10 from mf-100". */
    String title() {
        return dataset.name() + ", " + student.name() + " from " + teacherSpec.name();
    }

    /** A name usable in file names: "citeulike-mf-10". */
    String slug() {
        return (dataset.name() + "-" + student.name()).replaceAll("[^A-Za-z0-9._-]+", "_");
    }
}
