package dev.unkd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unkd.data.Dataset;
import dev.unkd.model.ModelFile;
import dev.unkd.model.Models;
import dev.unkd.model.Scorer;
import dev.unkd.serve.ServeFixture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecommendCommandTest {
    @TempDir
    Path dir;

    private Path split;
    private Path model;
    private Dataset data;
    private Scorer scorer;

    @BeforeEach
    void setUp() throws IOException {
        split = dir.resolve("split");
        data = ServeFixture.writeSplit(split);
        model = ServeFixture.saveModel(data, dir.resolve("m.unkd"), 4, 1);
        scorer = Models.restore(ModelFile.load(model), data, model).scorer();
    }

    /** The CSV rows the brute-force ranking gives, ids quoted where they hold a comma. */
    private List<String> expectedRows(String user, int k) {
        int u = data.users().indexOf(user);
        List<String> rows = new ArrayList<>();
        int[] ranked = ServeFixture.bruteForce(scorer, data.train(), u, k);
        for (int r = 0; r < ranked.length; r++) {
            String item = data.items().id(ranked[r]);
            rows.add(user + "," + (r + 1) + "," + (item.contains(",") ? "\"" + item + "\"" : item) + "," + scorer.score(u, ranked[r]));
        }
        return rows;
    }

    @Test
    void writesTopKOfTheListedUsersInFileOrder() throws IOException {
        Path users = Files.writeString(dir.resolve("users.txt"), "# who\ncarol\n\nalice\n");
        Path out = dir.resolve("out/recs.csv");
        CliRunner.Result run = CliRunner.run("recommend", "--model", model.toString(), "--data", split.toString(), "--users", users.toString(),
                "--k", "3", "--out", out.toString(), "-q");
        assertThat(run.exitCode()).as(run.err()).isZero();
        List<String> expected = new ArrayList<>(List.of("user,rank,item,score"));
        expected.addAll(expectedRows("carol", 3));
        expected.addAll(expectedRows("alice", 3));
        assertThat(Files.readAllLines(out)).containsExactlyElementsOf(expected);
    }

    @Test
    void allUsersGetEveryUnseenItemWhenKIsLarge() throws IOException {
        Path out = dir.resolve("all.csv");
        CliRunner.Result run = CliRunner.run("recommend", "--model", model.toString(), "--data", split.toString(), "--all", "--k", "50",
                "--out", out.toString(), "-q", "--threads", "2");
        assertThat(run.exitCode()).as(run.err()).isZero();
        List<String> expected = new ArrayList<>(List.of("user,rank,item,score"));
        for (String user : ServeFixture.USERS) {
            expected.addAll(expectedRows(user, 50));
        }
        assertThat(Files.readAllLines(out)).containsExactlyElementsOf(expected).hasSize(1 + 5 * 10 - data.train().size());
        assertThat(Files.readString(out)).contains("\"x,y\"");
    }

    @Test
    void unknownUserNamesFileAndLineUnlessSkipped() throws IOException {
        Path users = Files.writeString(dir.resolve("users.txt"), "alice\nbob\nzed\n");
        Path out = dir.resolve("recs.csv");
        CliRunner.Result run = CliRunner.run("recommend", "--model", model.toString(), "--data", split.toString(), "--users", users.toString(),
                "--out", out.toString(), "-q");
        assertThat(run.exitCode()).isEqualTo(Main.FAILED);
        assertThat(run.err()).contains(users + ":3: unknown user 'zed'");
        assertThat(out).doesNotExist();

        CliRunner.Result skipped = CliRunner.run("recommend", "--model", model.toString(), "--data", split.toString(), "--users", users.toString(),
                "--skip-unknown", "--k", "2", "--out", out.toString(), "-q");
        assertThat(skipped.exitCode()).as(skipped.err()).isZero();
        assertThat(Files.readAllLines(out)).hasSize(1 + 2 * 2);
    }

    @Test
    void needsExactlyOneOfUsersAndAll() {
        assertThat(CliRunner.run("recommend", "--model", model.toString(), "--data", split.toString(), "--out", "x.csv").exitCode())
                .isEqualTo(Main.USAGE);
        assertThat(CliRunner.run("recommend", "--model", model.toString(), "--data", split.toString(), "--all", "--users", "u.txt",
                "--out", "x.csv").exitCode()).isEqualTo(Main.USAGE);
    }

    @Test
    void itemsFoldsInEachLineAndExcludesItsItems() throws IOException {
        Path items = Files.writeString(dir.resolve("hist.txt"), "i0 i2\n\ni4\tnope i5\n");
        Path out = dir.resolve("fold.csv");
        CliRunner.Result run = CliRunner.run("recommend", "--model", model.toString(), "--data", split.toString(), "--items", items.toString(),
                "--k", "3", "--out", out.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).contains("2 anonymous histories").contains("1 unknown item ids ignored");
        List<String> rows = Files.readAllLines(out);
        assertThat(rows).hasSize(1 + 6);
        assertThat(rows.get(0)).isEqualTo("user,rank,item,score");
        assertThat(rows.subList(1, 4)).allSatisfy(r -> assertThat(r).startsWith("1,").doesNotContain(",i0,", ",i2,"));
        assertThat(rows.subList(4, 7)).allSatisfy(r -> assertThat(r).startsWith("3,").doesNotContain(",i4,", ",i5,"));

        Path unknown = Files.writeString(dir.resolve("bad.txt"), "i0\nzz yy\n");
        CliRunner.Result bad = CliRunner.run("recommend", "--model", model.toString(), "--data", split.toString(), "--items", unknown.toString(),
                "--out", dir.resolve("bad.csv").toString());
        assertThat(bad.exitCode()).isEqualTo(Main.FAILED);
        assertThat(bad.err()).contains("bad.txt:2: none of the 2 item id(s) is known");
    }

    @Test
    void theHnswIndexGivesTheExactListsOnASmallCatalogue() throws IOException {
        Path out = dir.resolve("hnsw.csv");
        CliRunner.Result run = CliRunner.run("recommend", "--model", model.toString(), "--data", split.toString(), "--all", "--index", "hnsw",
                "--k", "3", "--out", out.toString(), "-q");
        assertThat(run.exitCode()).as(run.err()).isZero();
        List<String> expected = new ArrayList<>(List.of("user,rank,item,score"));
        for (String user : ServeFixture.USERS) {
            expected.addAll(expectedRows(user, 3));
        }
        assertThat(Files.readAllLines(out)).containsExactlyElementsOf(expected);
        CliRunner.Result bad = CliRunner.run("recommend", "--model", model.toString(), "--data", split.toString(), "--all", "--index", "ivf",
                "--out", out.toString());
        assertThat(bad.exitCode()).isEqualTo(Main.FAILED);
        assertThat(bad.err()).contains("Invalid --index: 'ivf' (expected exact, hnsw or auto)");
    }
}
