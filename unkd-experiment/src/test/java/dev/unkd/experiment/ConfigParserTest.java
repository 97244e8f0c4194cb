package dev.unkd.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.unkd.data.KdsSplitter;
import dev.unkd.distill.DcdConfig;
import dev.unkd.distill.DistillationMethods;
import dev.unkd.distill.MethodDescriptor;
import dev.unkd.distill.RceKdConfig;
import dev.unkd.distill.UnkdConfig;
import dev.unkd.eval.UserAveraging;
import dev.unkd.train.LearningRateSchedule;
import dev.unkd.train.NegativeSampling;
import dev.unkd.train.PairSampling;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigParserTest {
    @TempDir
    Path dir;

    private static ExperimentConfig yaml(String text) throws IOException {
        return ExperimentConfig.parse(text, true, Path.of("."));
    }

    /** The single problem a config has. */
    private static String problem(String text) {
        return problems(text).get(0);
    }

    private static List<String> problems(String text) {
        try {
            yaml(text);
        } catch (ConfigException e) {
            return e.problems();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("config was accepted:\n" + text);
    }

    /** The tiny config with one method entry replaced. */
    private static String withMethods(String methods) {
        return "seeds: [1]\n" + TinyExperiments.DATA + "methods:\n" + methods;
    }

    @Test
    void readsTheTinyConfig() throws IOException {
        ExperimentConfig c = TinyExperiments.config();
        assertThat(c.name()).isEqualTo("tiny comparison");
        assertThat(c.seeds()).containsExactly(1L, 2L);
        assertThat(c.ks()).containsExactly(10, 20);
        assertThat(c.groups()).isEqualTo(4);
        assertThat(c.searchSeeds()).containsExactly(1L);
        assertThat(c.datasets()).singleElement().satisfies(d -> {
            assertThat(d.name()).isEqualTo("tiny");
            assertThat(d.source()).isInstanceOf(SyntheticSource.class);
            assertThat(d.paper()).contains("CiteULike");
        });
        assertThat(c.teachers()).singleElement().satisfies(t -> {
            assertThat(t.model().label()).isEqualTo("mf-12");
            assertThat(t.training().epochs()).isEqualTo(8);
            assertThat(t.seed()).hasValue(1);
        });
        assertThat(c.students()).singleElement().satisfies(s -> {
            assertThat(s.name()).isEqualTo("mf-4");
            assertThat(s.teacher()).isEqualTo("teacher");
        });
        assertThat(c.training().epochs()).isEqualTo(5);
        assertThat(c.methods()).extracting(MethodSpec::method)
                .containsExactly(DistillationMethods.NONE, DistillationMethods.RD, DistillationMethods.CD, DistillationMethods.UNKD);
        MethodSpec unkd = c.methods().get(3);
        assertThat(unkd.label()).isEqualTo("UnKD");
        assertThat(unkd.paperRow()).contains("UnKD");
        assertThat(unkd.searchBudget()).isEqualTo(2);
    }

    @Test
    void readsJsonLikeYaml() throws IOException {
        String json = """
                {"name": "j", "seeds": [3], "k": [5, 20],
                 "datasets": [{"name": "s", "synthetic": "default"}],
                 "teachers": [{"name": "t", "model": "lightgcn", "dim": 8, "layers": 3}],
                 "students": [{"model": "lightgcn", "dim": 2}],
                 "methods": [{"method": "unkd", "params": {"groups": [2, 3]}}]}
                """;
        ExperimentConfig c = ExperimentConfig.parse(json, false, Path.of("."));
        assertThat(c.ks()).containsExactly(5, 20);
        assertThat(c.teachers().get(0).model().layers()).isEqualTo(3);
        assertThat(c.students().get(0).teacher()).isEqualTo("t");
        assertThat(c.methods().get(0).arms().get(0).points()).hasSize(2);
    }

    @Test
    void resolvesSplitDirectoriesAgainstTheConfigFile() throws IOException {
        Path split = Files.createDirectories(dir.resolve("data/split"));
        Files.writeString(split.resolve("train.txt"), "u1 i1\nu1 i2\nu2 i1\n");
        Files.writeString(split.resolve("test.txt"), "u2 i2\n");
        Path cfg = Files.createDirectories(dir.resolve("configs")).resolve("c.yaml");
        Files.writeString(cfg, """
                datasets: [{name: d, split: ../data/split}]
                teachers: [{model: mf}]
                students: [{model: mf}]
                methods: [{method: none}]
                """);
        ExperimentConfig c = ExperimentConfig.read(cfg);
        assertThat(c.name()).isEqualTo("c");
        assertThat(((SplitDirectorySource) c.datasets().get(0).source()).dir()).isEqualTo(split.toAbsolutePath().normalize());
    }

    @Test
    void parameterValuesOverrideTheMethodsDefaultsAndTheTrainingLoop() {
        MethodSetting s = MethodSettings.resolve(DistillationMethods.UNKD, TrainingSettings.defaults(),
                Map.of("kd-weight", 0.25, "groups", 6, "lr", 0.005, "zero_popularity", "last_group", "sampleBudget", 12));
        UnkdConfig unkd = (UnkdConfig) s.distillation();
        assertThat(unkd.kdWeight()).isEqualTo(0.25);
        assertThat(unkd.groups()).isEqualTo(6);
        assertThat(unkd.sampleBudget()).isEqualTo(12);
        assertThat(unkd.zeroPopularity().name()).isEqualTo("LAST_GROUP");
        assertThat(unkd.temperature()).isEqualTo(UnkdConfig.defaults().temperature());
        assertThat(s.training().lr()).isEqualTo(0.005);
        assertThat(MethodSettings.resolve(DistillationMethods.RD, TrainingSettings.defaults(), Map.of()).distillation())
                .isEqualTo(dev.unkd.distill.RdConfig.defaults());
        assertThat(s.methodSettings()).contains("kdWeight=0.25");
    }

    @Test
    void aTeacherMaySampleUniformUsersWithoutChangingTheKeysOfTheOthers() throws IOException {
        ExperimentConfig c = yaml("""
                datasets: [{name: d, synthetic: default}]
                teachers: [{name: a, model: mf}, {name: b, model: mf, sampling: users}]
                students: [{model: mf, teacher: a}]
                methods: [{method: none}]
                """);
        TrainingSettings plain = c.teachers().get(0).training();
        TrainingSettings users = c.teachers().get(1).training();
        assertThat(plain.sampling()).isEqualTo(PairSampling.INTERACTIONS);
        assertThat(users.sampling()).isEqualTo(PairSampling.USERS);
        assertThat(users.config(1).sampling()).isEqualTo(PairSampling.USERS);
        // the default keeps the record's form from before the field existed, so stored runs keep their keys
        assertThat(plain.toString()).isEqualTo("TrainingSettings[lr=0.01, decay=0.01, batch=2048, epochs=1000, evalEvery=5, patience=20, lazyAdam=true]");
        assertThat(users.toString()).endsWith(", lazyAdam=true, sampling=users]");
        assertThat(users.describe()).endsWith(" sampling=users");
        assertThat(problem("""
                datasets: [{name: d, synthetic: default}]
                teachers: [{model: mf, sampling: everyone}]
                students: [{model: mf}]
                methods: [{method: none}]
                """)).isEqualTo("teachers[0].sampling: Invalid pair sampling: 'everyone' (expected interactions or users)");
    }

    @Test
    void aStudentRowMayDrawPopularNegativesWithoutChangingTheKeysOfTheOthers() throws IOException {
        ExperimentConfig c = yaml("""
                datasets: [{name: d, synthetic: default}]
                teachers: [{name: a, model: mf}]
                students: [{model: mf, teacher: a}]
                methods: [{method: none}, {method: none, label: pop, params: {negatives: "popularity:0.5"}}]
                """);
        TrainingSettings plain = c.teachers().get(0).training();
        TrainingSettings pop = MethodSettings.resolve(DistillationMethods.NONE, plain, Map.of("negatives", "popularity:0.5")).training();
        assertThat(plain.negatives()).isEqualTo(NegativeSampling.UNIFORM);
        assertThat(pop.config(1).negatives()).isEqualTo(new NegativeSampling(0.5));
        assertThat(plain.toString()).doesNotContain("negatives");
        assertThat(pop.toString()).endsWith(", lazyAdam=true, negatives=popularity:0.5]");
        assertThat(pop.describe()).endsWith(" negatives=popularity:0.5");
        assertThat(c.methods().get(1).params()).containsEntry("negatives", List.of("popularity:0.5"));
        assertThat(problem("""
                datasets: [{name: d, synthetic: default}]
                teachers: [{model: mf, negatives: popular}]
                students: [{model: mf}]
                methods: [{method: none}]
                """)).isEqualTo("teachers[0].negatives: Invalid negative sampling: 'popular'"
                        + " (expected uniform, popularity or popularity:SHARE with SHARE in [0, 1])");
    }

    @Test
    void aTeacherMayLowerItsRateOnPlateausWithoutChangingTheKeysOfTheOthers() throws IOException {
        ExperimentConfig c = yaml("""
                datasets: [{name: d, synthetic: default}]
                teachers: [{name: a, model: mf}, {name: b, model: mf, lr: 0.01, lrSchedule: "plateau:0.1:2:0.001"}]
                students: [{model: mf, teacher: a}]
                methods: [{method: none}]
                """);
        TrainingSettings plain = c.teachers().get(0).training();
        TrainingSettings plateau = c.teachers().get(1).training();
        assertThat(plain.lrSchedule()).isEqualTo(LearningRateSchedule.CONSTANT);
        assertThat(plateau.config(1).schedule()).isEqualTo(LearningRateSchedule.plateau(0.1, 2, 0.001));
        assertThat(plain.toString()).doesNotContain("lrSchedule");
        assertThat(plateau.toString()).endsWith(", lazyAdam=true, lrSchedule=plateau:0.1:2:0.001]");
        assertThat(plateau.describe()).endsWith(" lrSchedule=plateau:0.1:2:0.001");
        assertThat(problem("""
                datasets: [{name: d, synthetic: default}]
                teachers: [{model: mf, lr: 0.01, lrSchedule: "plateau:0.1:2"}]
                students: [{model: mf}]
                methods: [{method: none}]
                """)).startsWith("teachers[0].lrSchedule: Invalid learning-rate schedule: 'plateau:0.1:2'");
    }

    @Test
    void studentsMayOverrideTheTrainingLoopAndMethodsOverrideBoth() throws IOException {
        ExperimentConfig c = yaml("""
                datasets: [{name: d, synthetic: default}]
                teachers: [{model: mf}, {model: lightgcn}]
                students: [{model: mf}, {model: lightgcn, epochs: 60, lr: 0.005}]
                training: {epochs: 200, patience: 10}
                methods: [{method: none, params: {lr: 0.02}}]
                """);
        assertThat(c.students().get(0).training().epochs()).isEqualTo(200);
        assertThat(c.students().get(1).training().epochs()).isEqualTo(60);
        assertThat(c.students().get(1).training().patience()).isEqualTo(10);
        assertThat(c.students().get(1).training().lr()).isEqualTo(0.005);
        MethodSetting s = MethodSettings.resolve(DistillationMethods.NONE, c.students().get(1).training(), Map.of("lr", 0.02));
        assertThat(s.training().lr()).isEqualTo(0.02);
        assertThat(s.training().epochs()).isEqualTo(60);
        assertThat(problem("""
                datasets: [{name: d, synthetic: default}]
                teachers: [{model: mf}]
                students: [{model: mf, patience: -1}]
                methods: [{method: none}]
                """)).isEqualTo("students[0].patience: must be an integer >= 1, got -1");
    }

    @Test
    void methodTeacherAndStudentReferencesAreChecked() throws IOException {
        String teachers = TinyExperiments.DATA.replace("""
                students:""", """
                  - name: pd
                    model: mf
                    dim: 12
                    pdGamma: 0.1
                students:""");
        ExperimentConfig c = yaml("seeds: [1]\n" + teachers + """
                methods:
                  - method: cd
                    label: PD-CD
                    teacher: pd
                    students: [mf-4]
                """);
        assertThat(c.teacher("pd").pdGamma()).hasValue(0.1);
        assertThat(c.teacher("teacher").pdGamma()).isEmpty();
        MethodSpec pdCd = c.methods().get(0);
        assertThat(pdCd.teacherFor(c.students().get(0))).isEqualTo("pd");
        assertThat(pdCd.runsFor(c.students().get(0))).isTrue();

        assertThat(problem(withMethods("  - {method: cd, teacher: nobody}\n")))
                .isEqualTo("methods[0].teacher: no teacher named 'nobody' (teachers: teacher)");
        assertThat(problem(withMethods("  - {method: none, teacher: teacher}\n")))
                .isEqualTo("methods[0].teacher: the plain student (method none) learns from no teacher");
        assertThat(problem(withMethods("  - {method: cd, students: [mf-4, big]}\n")))
                .isEqualTo("methods[0].students[1]: no student named 'big' (students: mf-4)");
        assertThat(problem(TinyExperiments.DATA.replace("    seed: 1\n", "    seed: 1\n    pdGamma: -1\n") + "methods: [{method: none}]\n"))
                .isEqualTo("teachers[0].pdGamma: must be a number >= 0, got -1");
    }

    @Test
    void everyRegisteredMethodTakesItsParametersAsKeys() {
        assertThat(MethodSettings.keys(DistillationMethods.NONE)).isEqualTo(TrainingSettings.KEYS);
        for (MethodDescriptor<?> m : DistillationMethods.all()) {
            // a method registered in DistillationMethods is configurable without touching this package
            List<String> keys = MethodSettings.keys(m);
            assertThat(keys).as(m.name()).startsWith(TrainingSettings.KEYS.toArray(String[]::new));
            m.parameters().forEach(p -> assertThat(keys).as(m.name()).contains(p.name()));
            if (m != DistillationMethods.NONE) {
                assertThat(keys).as(m.name()).contains("kdWeight");
                MethodSetting s = MethodSettings.resolve(m, TrainingSettings.defaults(), Map.of("kd_weight", 0.5));
                assertThat(s.distillation().kdWeight()).isEqualTo(0.5);
                assertThat(s.distillation().method()).isEqualTo(m.name());
            }
        }
    }

    @Test
    void listsAreSearchedAndExpandedKeysGiveRows() throws IOException {
        ExperimentConfig c = yaml(withMethods("""
                  - method: unkd
                    params: {groups: [1, 2, 4], kdWeight: [0.5, 1.0], lr: 0.01}
                    expand: [groups]
                """));
        List<MethodSpec.Arm> arms = c.methods().get(0).arms();
        assertThat(arms).extracting(MethodSpec.Arm::label).containsExactly("unkd groups=1", "unkd groups=2", "unkd groups=4");
        assertThat(arms.get(1).points()).containsExactly(Map.of("groups", 2, "kdWeight", 0.5, "lr", 0.01),
                Map.of("groups", 2, "kdWeight", 1.0, "lr", 0.01));
        assertThat(c.methods().get(0).searchBudget()).isEqualTo(2);
        assertThat(ExperimentRunner.plannedRuns(c)).isEqualTo(3 * 2);
    }

    @Test
    void nonNumberParameterNamesKeyAndValue() {
        assertThat(problem(withMethods("""
                  - method: none
                  - method: rd
                  - method: unkd
                    params: {kdWeight: x}
                """))).isEqualTo("methods[2].params.kdWeight: must be a number, got 'x'");
    }

    @Test
    void badElementOfAListNamesItsIndex() {
        assertThat(problem(withMethods("""
                  - method: cd
                    params: {kdWeight: [0.5, 'x']}
                """))).isEqualTo("methods[0].params.kdWeight[1]: must be a number, got 'x'");
    }

    @Test
    void outOfRangeParameterKeepsTheMethodsOwnMessage() {
        assertThat(problem(withMethods("""
                  - method: unkd
                    params: {kdWeight: -1}
                """))).isEqualTo("methods[0].params: grid point kdWeight=-1 of row 'unkd': Invalid kdWeight: -1.0 (KD weight, must be >= 0)");
        assertThat(problem(withMethods("""
                  - method: unkd
                    params: {groups: 2.5}
                """))).isEqualTo("methods[0].params.groups: must be an integer, got 2.5");
        assertThat(problem(withMethods("""
                  - method: unkd
                    params: {zeroPopularity: somewhere}
                """))).isEqualTo("methods[0].params.zeroPopularity: must be one of excluded, last_group, got 'somewhere'");
    }

    @Test
    void valuesThatDoNotFitTogetherFailWhenTheFileIsRead() throws IOException {
        // studentDepth 20 alone is below rce-kd's default topK of 50; dcd's samples 20 exceed its expanded topT 10
        Path file = TinyExperiments.write(dir, withMethods("""
                  - method: rce-kd
                    label: RCE-KD shallow
                    params: {studentDepth: [200, 20]}
                  - method: dcd
                    params: {topT: [100, 10], samples: 20}
                    expand: [topT]
                """));
        assertThatThrownBy(() -> ExperimentConfig.read(file)).isInstanceOf(ConfigException.class)
                .hasMessage(file + ": 2 problems:\n"
                        + "  methods[0].params: grid point studentDepth=20 of row 'RCE-KD shallow' (rce-kd): Invalid studentDepth: 20"
                        + " (RCE-KD student list depth, must be >= 50 = topK: the first subset is the student's top K)\n"
                        + "  methods[1].params: grid point topT=10 samples=20 of row 'dcd': Invalid samples: 20"
                        + " (DCD samples per list, must be in 1..10 = topT)");
    }

    @Test
    void valuesThatFitOnlyTogetherAreAccepted() throws IOException {
        // alone, topK 300 exceeds rce-kd's default studentDepth of 200 and topT 5 is below dcd's default samples of 20
        ExperimentConfig c = yaml(withMethods("""
                  - method: rce-kd
                    params: {topK: [100, 300], studentDepth: 400}
                  - method: dcd
                    params: {topT: 5, samples: 5}
                """));
        List<Map<String, Object>> rce = c.methods().get(0).arms().get(0).points();
        assertThat(rce).containsExactly(Map.of("topK", 100, "studentDepth", 400), Map.of("topK", 300, "studentDepth", 400));
        RceKdConfig deep = DistillationMethods.RCE_KD.cast(MethodSettings.resolve(DistillationMethods.RCE_KD, c.training(), rce.get(1))
                .distillation());
        assertThat(deep.topK()).isEqualTo(300);
        assertThat(deep.studentDepth()).isEqualTo(400);
        DcdConfig dcd = DistillationMethods.DCD.cast(MethodSettings.resolve(DistillationMethods.DCD, c.training(),
                c.methods().get(1).arms().get(0).points().get(0)).distillation());
        assertThat(dcd.topT()).isEqualTo(5);
        assertThat(dcd.samples()).isEqualTo(5);
    }

    @Test
    void unknownParameterListsTheAcceptedOnes() {
        assertThat(problem(withMethods("""
                  - method: unkd
                    params: {samples: 10}
                """))).isEqualTo("methods[0].params.samples: unknown parameter (expected one of lr, decay, batch, epochs, evalEvery, "
                        + "patience, lazyAdam, sampling, lrSchedule, negatives, groups, sampleBudget, ratioExponent, temperature, candidates, tieRedraw, zeroPopularity,"
                        + " kdWeight, epsilon)");
        assertThat(problem(withMethods("""
                  - method: htd
                    params: {kdWeight: 1.0e-6, prototypes: all_groups}
                """))).isEqualTo("methods[0].params.prototypes: unknown parameter (expected one of lr, decay, batch, epochs, evalEvery, "
                        + "patience, lazyAdam, sampling, lrSchedule, negatives, groups, alpha, kdWeight, gateTemperature, activation, prototypeRelations, expertCutoff, lr)");
        assertThat(problem(withMethods("""
                  - method: none
                    params: {kdWeight: 1}
                """))).startsWith("methods[0].params.kdWeight: unknown parameter: method none takes only training parameters");
    }

    @Test
    void trainingParameterOutOfRange() {
        assertThat(problem(withMethods("""
                  - method: none
                    params: {lr: [0.01, 0]}
                """))).isEqualTo("methods[0].params.lr[1]: Invalid learning rate: 0.0");
        assertThat(problem(withMethods("""
                  - method: none
                    params: {patience: 0}
                """))).isEqualTo("methods[0].params.patience: Invalid patience: 0");
    }

    @Test
    void unknownMethodAndRepeatedValues() {
        assertThat(problem(withMethods("  - method: kd-magic\n")))
                .isEqualTo("methods[0].method: Unknown distillation method 'kd-magic' (expected one of "
                        + String.join(", ", DistillationMethods.names()) + ")");
        assertThat(problem(withMethods("  - method: rd\n    params: {kdWeight: [0.5, 0.5]}\n")))
                .isEqualTo("methods[0].params.kdWeight[1]: value 0.5 appears twice");
        assertThat(problem(withMethods("  - method: rd\n    params: {kdWeight: 0.5, kd-weight: 0.1}\n")))
                .isEqualTo("methods[0].params.kd-weight: set twice (keys match ignoring case, '-' and '_')");
        assertThat(problem(withMethods("  - method: rd\n  - method: rd\n")))
                .isEqualTo("methods: label 'rd' appears twice (names must be unique)");
        assertThat(problem(withMethods("  - method: rd\n    params: {kdWeight: 0.5}\n    expand: [groups]\n")))
                .isEqualTo("methods[0].expand[0]: 'groups' is not a key of params (params: kdWeight)");
        assertThat(problem(withMethods("  - method: rd\n    param: {kdWeight: 0.5}\n")))
                .isEqualTo("methods[0].param: unknown key (expected one of method, label, paper, params, expand, teacher, students)");
    }

    @Test
    void topLevelProblems() {
        String base = TinyExperiments.DATA + "methods: [{method: none}]\n";
        assertThat(problem("seeds: [1, 1]\n" + base)).isEqualTo("seeds[1]: seed 1 appears twice");
        assertThat(problem("seeds: []\n" + base)).isEqualTo("seeds: must not be empty");
        assertThat(problem("seeds: [one]\n" + base)).isEqualTo("seeds[0]: must be an integer, got 'one'");
        assertThat(problem("k: [5, 10]\n" + base))
                .isEqualTo("k: must include 20: validation NDCG@20 picks every run's epoch and every method's setting");
        assertThat(problem("k: [0, 20]\n" + base)).isEqualTo("k[0]: must be an integer >= 1, got 0");
        assertThat(problem("groups: 0\n" + base)).isEqualTo("groups: must be an integer >= 1, got 0");
        assertThat(problem("seeds: [1]\nsearch: {seeds: 2}\n" + base)).isEqualTo("search.seeds: must be at most the number of seeds (1), got 2");
        assertThat(problem("sedes: [1]\n" + base)).startsWith("sedes: unknown key (expected one of name, seeds, k,");
        assertThat(problem(TinyExperiments.DATA)).isEqualTo("methods: required");
        String noTraining = base.replaceFirst("training:\\n  epochs: 5\\n  patience: 1\\n", "");
        assertThat(problem("training: {lr: fast}\n" + noTraining)).isEqualTo("training.lr: must be a number > 0, got 'fast'");
        assertThat(problem("training: {epochs: 1.5}\n" + noTraining)).isEqualTo("training.epochs: must be an integer >= 1, got 1.5");
        assertThat(problem("training: {lr: 0.1}\n" + base)).startsWith("not valid YAML: Duplicate field 'training'");
    }

    @Test
    void datasetProblems() {
        String rest = "teachers: [{model: mf}]\nstudents: [{model: mf}]\nmethods: [{method: none}]\n";
        assertThat(problem("datasets: [{name: d}]\n" + rest))
                .isEqualTo("datasets[0]: needs exactly one of split (a split directory), file (an interaction file) or synthetic, got none");
        assertThat(problem("datasets: [{name: d, synthetic: default, split: x}]\n" + rest))
                .isEqualTo("datasets[0]: needs exactly one of split (a split directory), file (an interaction file) or synthetic, got split and synthetic");
        assertThat(problem("datasets: [{name: d, split: /nonexistent/dir}]\n" + rest))
                .isEqualTo("datasets[0].split: '/nonexistent/dir' is not a split directory (expected train.txt, valid.txt, test.txt)");
        assertThat(problem("datasets: [{name: d, file: /nonexistent/ratings.dat}]\n" + rest))
                .isEqualTo("datasets[0].file: '/nonexistent/ratings.dat' does not exist");
        assertThat(problem("datasets: [{name: d, synthetic: big}]\n" + rest)).startsWith("datasets[0].synthetic: must be 'default' or a mapping of users,");
        assertThat(problem("datasets: [{name: d, synthetic: {users: 0}}]\n" + rest))
                .isEqualTo("datasets[0].synthetic.users: must be an integer >= 1, got 0");
        assertThat(problem("datasets: [{name: d, synthetic: default, protocol: 'paper:holdout=x'}]\n" + rest))
                .isEqualTo("datasets[0].protocol: Invalid number 'x' in split 'paper:holdout=x'");
        assertThat(problem("datasets: [{name: d, synthetic: default, filters: {minUserItems: 5}}]\n" + rest))
                .isEqualTo("datasets[0].filters: does not apply to a 'synthetic' dataset (synthetic data has no file)");
        assertThat(problem("datasets: [{synthetic: default}]\n" + rest)).isEqualTo("datasets[0].name: required");
    }

    @Test
    void rawFileOptionsAreChecked() throws IOException {
        Path file = Files.writeString(dir.resolve("ratings.csv"), "user,item\nu1,i1\n");
        String rest = "teachers: [{model: mf}]\nstudents: [{model: mf}]\nmethods: [{method: none}]\n";
        ExperimentConfig c = yaml("datasets: [{name: d, file: '" + file + "', format: csv, filters: {minUserItems: 2, kcore: true},"
                + " minRating: 4, protocol: 'loo:mode=random', splitSeed: 9}]\n" + rest);
        RawFileSource s = (RawFileSource) c.datasets().get(0).source();
        assertThat(s.options().filter().minUserItems()).isEqualTo(2);
        assertThat(s.options().filter().kcore()).isTrue();
        assertThat(s.options().minRating()).isEqualTo(4);
        assertThat(s.options().seed()).isEqualTo(9);
        assertThat(problem("datasets: [{name: d, file: '" + file + "', format: parquet}]\n" + rest))
                .startsWith("datasets[0].format: Invalid data format: 'parquet'");
        assertThat(problem("datasets: [{name: d, file: '" + file + "', filters: {minUsers: 2}}]\n" + rest))
                .isEqualTo("datasets[0].filters.minUsers: unknown key (expected one of minUserItems, minItemUsers, kcore)");
    }

    @Test
    void kdsProtocolSplitsPerUserAndAveragesOverAllUsers() throws IOException {
        Path file = Files.writeString(dir.resolve("ratings.csv"), "user,item\nu1,i1\n");
        String rest = "teachers: [{model: mf}]\nstudents: [{model: mf}]\nmethods: [{method: none}]\n";
        ExperimentConfig c = yaml("datasets:\n  - {name: a, file: '" + file + "', protocol: kds}\n"
                + "  - {name: b, file: '" + file + "', protocol: 'kds:ratios=7/1/2,order=file', averaging: held-out-users}\n"
                + "  - {name: c, synthetic: default}\n"
                + "  - {name: d, synthetic: default, averaging: all-users}\n" + rest);
        DatasetSpec a = c.datasets().get(0);
        assertThat(((RawFileSource) a.source()).options().splitter()).isEqualTo(KdsSplitter.DEFAULT);
        assertThat(a.averaging()).isEqualTo(UserAveraging.ALL_USERS);
        assertThat(a.describe()).contains("split kds").endsWith("accuracy averaged over all users, those without held-out items counting as 0 (KDs)");
        DatasetSpec b = c.datasets().get(1);
        assertThat(((RawFileSource) b.source()).options().splitter()).isEqualTo(new KdsSplitter(7, 1, 2, KdsSplitter.Order.FILE));
        assertThat(b.averaging()).isEqualTo(UserAveraging.HELD_OUT_USERS);
        assertThat(b.describe()).doesNotContain("averaged");
        assertThat(c.datasets().get(2).averaging()).isEqualTo(UserAveraging.HELD_OUT_USERS);
        assertThat(c.datasets().get(3).averaging()).isEqualTo(UserAveraging.ALL_USERS);
        assertThat(problem("datasets: [{name: d, file: '" + file + "', protocol: kds, averaging: everyone}]\n" + rest))
                .isEqualTo("datasets[0].averaging: Invalid user averaging 'everyone' (expected held-out-users or all-users)");
        assertThat(problem("datasets: [{name: d, file: '" + file + "', protocol: 'kds:ratios=8/1'}]\n" + rest))
                .isEqualTo("datasets[0].protocol: Invalid ratios '8/1' in split 'kds:ratios=8/1' (expected TRAIN/VALID/TEST such as 8/1/1)");
    }

    @Test
    void teacherAndStudentProblems() {
        String data = "datasets: [{name: d, synthetic: default}]\nmethods: [{method: none}]\n";
        assertThat(problem(data + "teachers: [{model: svd}]\nstudents: [{model: mf}]\n"))
                .isEqualTo("teachers[0].model: must be mf or lightgcn, got 'svd'");
        assertThat(problem(data + "teachers: [{model: mf, dim: ten}]\nstudents: [{model: mf}]\n"))
                .isEqualTo("teachers[0].dim: must be an integer >= 1, got 'ten'");
        assertThat(problem(data + "teachers: [{model: mf, decay: -1}]\nstudents: [{model: mf}]\n"))
                .isEqualTo("teachers[0].decay: must be a number >= 0, got -1");
        assertThat(problem(data + "teachers: [{model: lightgcn, keepProb: 1.5}]\nstudents: [{model: lightgcn}]\n"))
                .isEqualTo("teachers[0].keepProb: must be a number in (0, 1], got 1.5");
        assertThat(problem(data + "teachers: [{name: a, model: mf}]\nstudents: [{model: mf, teacher: b}]\n"))
                .isEqualTo("students[0].teacher: no teacher named 'b' (teachers: a)");
        assertThat(problem(data + "teachers: [{model: mf}]\nstudents: [{model: lightgcn}]\n"))
                .isEqualTo("students[0]: needs 'teacher' (0 teachers of type lightgcn)");
        assertThat(problem(data + "teachers: [{model: mf}, {model: mf}]\nstudents: [{model: mf, teacher: mf-100}]\n"))
                .isEqualTo("teachers: teacher name 'mf-100' appears twice (names must be unique)");
    }

    @Test
    void reportsEveryProblemAtOnce() {
        List<String> all = problems("""
                seeds: [1, 1]
                datasets: [{name: d, synthetic: default}]
                teachers: [{model: mf, lr: -0.1}]
                students: [{model: mf}]
                methods:
                  - method: unkd
                    params: {kdWeight: x}
                  - method: nope
                """);
        assertThat(all).containsExactly("seeds[1]: seed 1 appears twice", "teachers[0].lr: must be a number > 0, got -0.1",
                "methods[0].params.kdWeight: must be a number, got 'x'",
                "methods[1].method: Unknown distillation method 'nope' (expected one of "
                        + String.join(", ", DistillationMethods.names()) + ")");
    }

    @Test
    void syntaxErrorsNameTheLine() {
        assertThat(problem("seeds: [1\nname: x\n")).startsWith("not valid YAML:").contains("line");
    }

    @Test
    void missingFileIsAConfigError() {
        assertThatThrownBy(() -> ExperimentConfig.read(dir.resolve("none.yaml"))).isInstanceOf(ConfigException.class)
                .hasMessageEndingWith("none.yaml: file not found");
    }
}
