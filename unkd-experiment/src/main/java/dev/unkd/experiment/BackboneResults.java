package dev.unkd.experiment;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One results table: a dataset and a student architecture, with the teacher(s) it learnt from and every row.
 *
 * @param teachers the student's own teacher, per teacher seed
 * @param otherTeachers teachers that some methods use instead (e.g. a PD teacher), per teacher seed
 */
record BackboneResults(DatasetSpec dataset, StudentSpec student, TeacherSpec teacherSpec, List<TeacherResult> teachers,
        Map<TeacherSpec, List<TeacherResult>> otherTeachers, List<ArmResult> arms) {
    BackboneResults {
        teachers = List.copyOf(teachers);
        otherTeachers = Collections.unmodifiableMap(new LinkedHashMap<>(otherTeachers));
    }

    /** "citeulike, mf-10 from mf-100". */
    String title() {
        return dataset.name() + ", " + student.name() + " from " + teacherSpec.name();
    }

    /** A name usable in file names: "citeulike-mf-10". */
    String slug() {
        return (dataset.name() + "-" + student.name()).replaceAll("[^A-Za-z0-9._-]+", "_");
    }
}
