package dev.unkd.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unkd.distill.DistillationMethods;
import dev.unkd.parallel.ChunkedExecutor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExperimentRunnerTest {
    private static ChunkedExecutor executor;

    @TempDir
    Path dir;

    @BeforeAll
    static void pool() {
        executor = new ChunkedExecutor(2);
    }

    @AfterAll
    static void close() {
        executor.close();
    }

    private static ExperimentResults run(ExperimentConfig config, Path out, boolean force) throws IOException {
        return new ExperimentRunner(config, out, force, executor, ExperimentListener.NONE).run();
    }

    @Test
    void runsEveryRowSearchesOnTheFirstSeedAndReportsThePickOnAllSeeds() throws IOException {
        ExperimentConfig config = TinyExperiments.config();
        ExperimentResults r = run(config, dir, false);
        assertThat(r.failures()).isEmpty();
        assertThat(r.teachersTrained()).isEqualTo(1);
        // none: 2 seeds; rd, cd, unkd: 2 grid points on seed 1 + the pick on seed 2
        assertThat(ExperimentRunner.plannedRuns(config)).isEqualTo(2 + 3 * 3);
        assertThat(r.runsTrained()).isEqualTo(11);
        BackboneResults table = r.tables().get(0);
        assertThat(table.teachers()).hasSize(1); // one teacher seed serves both student seeds
        for (ArmResult a : table.arms()) {
            assertThat(a.finals()).extracting(RunResult::seed).containsExactly(1L, 2L);
            if (a.arm().points().size() > 1) {
                GridPoint best = a.grid().stream().max(java.util.Comparator.comparingDouble(GridPoint::meanValid)).orElseThrow();
                assertThat(a.picked()).contains(best.values());
                assertThat(a.finals().get(0).params()).isEqualTo(best.values());
            }
        }
        try (Stream<Path> runs = Files.list(dir.resolve("runs"))) {
            // one JSON and one per-user file per run
            assertThat(runs.filter(f -> f.toString().endsWith(".json")).count()).isEqualTo(11);
        }
        try (Stream<Path> cache = Files.list(dir.resolve("cache"))) {
            assertThat(cache.map(p -> p.getFileName().toString()).toList()).hasSize(2)
                    .anyMatch(n -> n.startsWith("teacher-") && n.endsWith(".unkd")).anyMatch(n -> n.endsWith(".json"));
        }
    }

    @Test
    void aMethodMayDistilFromAnotherTeacherAndRunForSomeStudentsOnly() throws IOException {
        String text = "seeds: [1]\n" + TinyExperiments.DATA.replace("""
                students:
                  - model: mf
                    dim: 4
                """, """
                  - name: pd
                    model: mf
                    dim: 12
                    epochs: 8
                    seed: 1
                    pdGamma: 0.1
                students:
                  - model: mf
                    dim: 4
                  - model: mf
                    dim: 6
                """) + """
                methods:
                  - method: cd
                    label: CD
                  - method: cd
                    label: PD-CD
                    teacher: pd
                    students: [mf-4]
                """;
        ExperimentConfig config = ExperimentConfig.parse(text, true, Path.of("."));
        assertThat(ExperimentRunner.plannedRuns(config)).isEqualTo(3); // CD for both students, PD-CD for mf-4 only
        ExperimentResults r = run(config, dir, false);
        assertThat(r.failures()).isEmpty();
        assertThat(r.teachersTrained()).isEqualTo(2);
        BackboneResults small = r.tables().get(0);
        assertThat(small.arms()).extracting(ArmResult::label).containsExactly("CD", "PD-CD");
        assertThat(small.otherTeachers().keySet()).extracting(TeacherSpec::name).containsExactly("pd");
        RunResult plain = small.arms().get(0).finals().get(0);
        RunResult pd = small.arms().get(1).finals().get(0);
        assertThat(plain.teacher()).isEqualTo("teacher");
        assertThat(pd.teacher()).isEqualTo("pd");
        assertThat(pd.test()).isNotEqualTo(plain.test()); // same seed and setting: only the teacher differs
        assertThat(r.tables().get(1).arms()).extracting(ArmResult::label).containsExactly("CD");
        assertThat(r.tables().get(1).otherTeachers()).isEmpty();
        assertThat(ResultsMarkdown.render(r, null)).contains("| *teacher pd* |").contains("pdGamma=0.1");
        assertThat(ResultsCsv.render(r)).contains(",teacher,pd,");
    }

    @Test
    void aRerunTrainsNothingAndGivesTheSameNumbers() throws IOException {
        ExperimentConfig config = TinyExperiments.config();
        ExperimentResults first = run(config, dir, false);
        ExperimentResults second = run(config, dir, false);
        assertThat(second.teachersTrained()).isZero();
        assertThat(second.runsTrained()).isZero();
        assertThat(second.runsReused()).isEqualTo(11);
        assertThat(ResultsCsv.render(second)).isEqualTo(ResultsCsv.render(first));
        ExperimentResults forced = run(config, dir, true);
        assertThat(forced.teachersTrained()).as("teachers stay cached under --force").isZero();
        assertThat(forced.runsTrained()).isEqualTo(11);
    }

    @Test
    void aNewMethodReusesTheCachedTeacherAndTheOtherRows() throws IOException {
        run(TinyExperiments.config(), dir, false);
        String more = TinyExperiments.text() + """
                  - method: unkd
                    label: UnKD K=3
                    params: {groups: 3, candidates: 50}
                """;
        ExperimentResults r = run(ExperimentConfig.parse(more, true, Path.of(".")), dir, false);
        assertThat(r.teachersTrained()).isZero();
        assertThat(r.runsTrained()).isEqualTo(2);
        assertThat(r.runsReused()).isEqualTo(11);
    }

    @Test
    void aFailedRunIsReportedAndTheOthersGoOn() throws IOException {
        ExperimentConfig config = TinyExperiments.config();
        List<String> failed = new ArrayList<>();
        ExperimentRunner runner = new ExperimentRunner(config, dir, false, executor, new ExperimentListener() {
            @Override
            public void runFailed(int index, int total, RunSpec spec, Exception error) {
                failed.add(spec.label() + " " + spec.seed());
            }
        }, pipeline -> {
            StudentTrainer real = new StudentTrainer(pipeline);
            return (spec, data, teacher, listener) -> {
                if (spec.method() == DistillationMethods.CD && spec.setting().values().get("kdWeight").equals(0.5)) {
                    throw new IllegalStateException("simulated out-of-memory in CD");
                }
                return real.train(spec, data, teacher, listener);
            };
        });
        ExperimentResults r = runner.run();
        assertThat(failed).containsExactly("cd 1");
        assertThat(r.failures()).singleElement().satisfies(f -> {
            assertThat(f.what()).contains("cd").contains("kdWeight=0.5").contains("seed 1");
            assertThat(f.message()).isEqualTo("simulated out-of-memory in CD");
        });
        ArmResult cd = r.tables().get(0).arms().stream().filter(a -> a.label().equals("cd")).findFirst().orElseThrow();
        assertThat(cd.picked()).as("the failed point is never picked").hasValueSatisfying(p -> assertThat(p.get("kdWeight")).isEqualTo(1.0));
        assertThat(cd.finals()).hasSize(2);
        assertThat(r.tables().get(0).arms()).allSatisfy(a -> assertThat(a.finals()).hasSize(2));
        assertThat(SearchCsv.render(r)).contains("1 run(s) failed");
        assertThat(ResultsMarkdown.render(r, null)).contains("**Failed runs**").contains("simulated out-of-memory in CD");
        // the failure is not stored: a rerun tries it again (and, should it win now, its second seed)
        ExperimentResults again = run(config, dir, false);
        assertThat(again.runsTrained()).isBetween(1, 2);
        assertThat(again.failures()).isEmpty();
    }

    @Test
    void warnsWhenSearchBudgetsDiffer() throws IOException {
        String text = "seeds: [1]\n" + TinyExperiments.DATA + """
                methods:
                  - method: rd
                    params: {kdWeight: [0.3, 0.6]}
                  - method: unkd
                    params: {kdWeight: [0.5, 1.0, 2.0], candidates: 50}
                """;
        ExperimentConfig config = ExperimentConfig.parse(text, true, Path.of("."));
        assertThat(ExperimentRunner.plan(config)).contains("warning: search budgets differ between distillation methods "
                + "(grid points per row: rd=2 unkd=3)");
        ExperimentResults r = run(config, dir, false);
        assertThat(r.warnings()).singleElement().asString().contains("rd=2 unkd=3");
    }

    @Test
    void runKeysDependOnWhatChangesTheResultOnly() throws IOException {
        ExperimentConfig c = TinyExperiments.config();
        StudentSpec student = c.students().get(0);
        TeacherSpec teacher = c.teachers().get(0);
        MethodSetting a = MethodSettings.resolve(DistillationMethods.UNKD, c.training(), java.util.Map.of("kdWeight", 1.0));
        MethodSetting b = MethodSettings.resolve(DistillationMethods.UNKD, c.training(), java.util.Map.of("kd-weight", 1));
        MethodSetting other = MethodSettings.resolve(DistillationMethods.UNKD, c.training(), java.util.Map.of("kdWeight", 0.5));
        RunSpec ra = new RunSpec("d", 42, student, teacher, "T", "row a", DistillationMethods.UNKD, a, 1, c.ks(), 4);
        RunSpec rb = new RunSpec("d", 42, student, teacher, "T", "renamed", DistillationMethods.UNKD, b, 1, c.ks(), 4);
        assertThat(rb.key()).as("same settings spelled differently, other label").isEqualTo(ra.key());
        assertThat(new RunSpec("d", 42, student, teacher, "T", "row a", DistillationMethods.UNKD, other, 1, c.ks(), 4).key()).isNotEqualTo(ra.key());
        assertThat(new RunSpec("d", 43, student, teacher, "T", "row a", DistillationMethods.UNKD, a, 1, c.ks(), 4).key()).isNotEqualTo(ra.key());
        assertThat(new RunSpec("d", 42, student, teacher, "U", "row a", DistillationMethods.UNKD, a, 1, c.ks(), 4).key()).isNotEqualTo(ra.key());
        assertThat(new RunSpec("d", 42, student, teacher, "T", "row a", DistillationMethods.UNKD, a, 2, c.ks(), 4).key()).isNotEqualTo(ra.key());
        assertThat(new RunSpec("d", 42, student, teacher, "T", "row a", DistillationMethods.UNKD, a, 1, c.ks(), 4,
                dev.unkd.eval.UserAveraging.HELD_OUT_USERS).key()).as("the default averaging keeps the key").isEqualTo(ra.key());
        assertThat(new RunSpec("d", 42, student, teacher, "T", "row a", DistillationMethods.UNKD, a, 1, c.ks(), 4,
                dev.unkd.eval.UserAveraging.ALL_USERS).key()).isNotEqualTo(ra.key());
        assertThat(TeacherCache.key(42, teacher, 1, dev.unkd.eval.UserAveraging.ALL_USERS)).isNotEqualTo(TeacherCache.key(42, teacher, 1,
                dev.unkd.eval.UserAveraging.HELD_OUT_USERS));
        MethodSetting none = MethodSettings.resolve(DistillationMethods.NONE, c.training(), java.util.Map.of());
        assertThat(new RunSpec("d", 42, student, teacher, "T", "none", DistillationMethods.NONE, none, 1, c.ks(), 4).key())
                .as("the plain student does not depend on the teacher")
                .isEqualTo(new RunSpec("d", 42, student, teacher, "U", "none", DistillationMethods.NONE, none, 1, c.ks(), 4).key());
    }
}
