package dev.unkd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unkd.experiment.ExperimentConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExperimentCommandTest {

    /** The configs in configs/ parse, and their plans have the runs their comments promise. */
    @Test
    void shippedConfigsParseAndPlan() throws IOException {
        Path configs = Path.of("..", "configs");
        // they read the authors' CiteULike split from ../shared/data, beside the checkout
        boolean shared = Files.isDirectory(configs.resolve("../../shared/data/citeulike"));
        org.junit.jupiter.api.Assumptions.assumeTrue(shared || Boolean.getBoolean("unkd.requireSharedData"),
                "shared data not present");
        java.util.Map<String, String> plans = new java.util.TreeMap<>();
        try (java.util.stream.Stream<Path> files = Files.list(configs)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).toList()) {
                plans.put(f.getFileName().toString(), dev.unkd.experiment.ExperimentRunner.plan(ExperimentConfig.read(f)));
            }
        }
        assertThat(plans).containsKeys("paper-citeulike.yaml", "groups-ablation.yaml", "lightgcn-baselines.yaml");
        // MF: student 3 + 7 distillation rows x (2 grid points + 2 seeds); LightGCN: 3 + 3 x 4
        assertThat(plans.get("paper-citeulike.yaml")).contains("student runs in all: 46").doesNotContain("warning");
        assertThat(plans.get("lightgcn-baselines.yaml")).contains("student runs in all: 15");
        // the KDs setting: one seed, one grid point per row, the student and 11 distillation methods
        assertThat(plans.get("kds-citeulike.yaml")).contains("student runs in all: 12").doesNotContain("warning")
                .contains("split kds").contains("accuracy averaged over all users").contains("teacher mf-400: mf-400");
    }
    private static final String CONFIG = """
            name: cli test
            seeds: [5]
            datasets:
              - name: tiny
                synthetic: {users: 150, items: 200, rank: 4, meanItemsPerUser: 15, minItemsPerUser: 5, seed: 3}
            teachers:
              - {name: t, model: mf, dim: 8, epochs: 5}
            students:
              - {model: mf, dim: 4}
            training: {epochs: 5, patience: 1}
            methods:
              - method: none
              - method: unkd
                params: {kdWeight: [0.5, 1.0], candidates: 40}
            """;

    @TempDir
    Path dir;

    @Test
    void runsAConfigAndPrintsTheTablesAndWhereTheReportIs() throws IOException {
        Path config = Files.writeString(dir.resolve("exp.yaml"), CONFIG);
        Path out = dir.resolve("out");
        CliRunner.Result r = CliRunner.run("experiment", "--config", config.toString(), "--out", out.toString(), "--threads", "2",
                "--progress", "lines");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("### Accuracy: tiny, mf-4 from t").contains("| unkd |").contains("Report: " + out.resolve("report.html"));
        assertThat(r.err()).contains("[1/3] tiny mf-4 none seed 5").contains("picked for unkd on tiny / mf-4");
        for (String f : new String[] {"results.csv", "search.csv", "results.md", "report.html"}) {
            assertThat(out.resolve(f)).isNotEmptyFile();
        }
        CliRunner.Result again = CliRunner.run("experiment", "--config", config.toString(), "--out", out.toString(), "-q");
        assertThat(again.exitCode()).isZero();
        assertThat(again.out()).contains("0 teacher(s) trained, 0 run(s) trained, 3 reused, 0 failed");
    }

    @Test
    void parallelRunsPrintTheSameTablesAndRefuseBarsAndMoreRunsThanThreads() throws IOException {
        Path config = Files.writeString(dir.resolve("exp.yaml"), CONFIG);
        CliRunner.Result one = CliRunner.run("experiment", "--config", config.toString(), "--out", dir.resolve("one").toString(), "-q");
        CliRunner.Result two = CliRunner.run("experiment", "--config", config.toString(), "--out", dir.resolve("two").toString(),
                "--threads", "2", "--parallel-runs", "2", "--progress", "lines");
        assertThat(two.exitCode()).as(two.err()).isZero();
        assertThat(two.err()).contains("[1/3] tiny mf-4 none seed 5").contains("picked for unkd on tiny / mf-4");
        // the tables up to the run's own timing line
        java.util.function.Function<String, String> tables = s -> s.substring(0, s.indexOf("cli test:"));
        assertThat(tables.apply(two.out())).isEqualTo(tables.apply(one.out()));

        CliRunner.Result bars = CliRunner.run("experiment", "--config", config.toString(), "--out", dir.resolve("bars").toString(),
                "--threads", "2", "--parallel-runs", "2", "--progress", "bars");
        assertThat(bars.exitCode()).isNotZero();
        assertThat(bars.err()).contains("--progress bars draws one run at a time");
        CliRunner.Result tooMany = CliRunner.run("experiment", "--config", config.toString(), "--out", dir.resolve("many").toString(),
                "--threads", "1", "--parallel-runs", "2");
        assertThat(tooMany.exitCode()).isNotZero();
        assertThat(tooMany.err()).contains("--parallel-runs 2 exceeds --threads 1");
        assertThat(dir.resolve("many").resolve("runs")).doesNotExist();
    }

    @Test
    void dryRunPrintsThePlan() throws IOException {
        Path config = Files.writeString(dir.resolve("exp.yaml"), CONFIG);
        CliRunner.Result r = CliRunner.run("experiment", "--config", config.toString(), "--dry-run");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("row unkd").contains("2 grid point(s)").contains("student runs in all: 3");
        assertThat(dir.resolve("exp")).doesNotExist();
    }

    @Test
    void configErrorsExitWithTwoAndNameTheKey() throws IOException {
        Path config = Files.writeString(dir.resolve("bad.yaml"), CONFIG.replace("kdWeight: [0.5, 1.0]", "kdWeight: x"));
        CliRunner.Result r = CliRunner.run("experiment", "--config", config.toString(), "--out", dir.resolve("o").toString());
        assertThat(r.exitCode()).isEqualTo(Main.FAILED);
        assertThat(r.err()).contains("unkd: error: " + config + ": methods[1].params.kdWeight: must be a number, got 'x'");
        assertThat(CliRunner.run("experiment").exitCode()).isEqualTo(Main.USAGE);
    }

    @Test
    void demoConfigIsTheSmallComparison() throws IOException {
        ExperimentConfig demo = DemoCommand.config();
        assertThat(demo.seeds()).hasSize(1);
        // the plan names the rows; one run each (KD weights fixed to the paper config's picks)
        assertThat(dev.unkd.experiment.ExperimentRunner.plan(demo)).contains("1 dataset(s) x 1 student(s), seeds [2022]")
                .containsPattern("row student \\(no KD\\) +1 grid point").containsPattern("row RD +1 grid point")
                .containsPattern("row CD +1 grid point").containsPattern("row UnKD +1 grid point").contains("student runs in all: 4");
    }
}
