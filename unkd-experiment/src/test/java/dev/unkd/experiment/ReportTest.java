package dev.unkd.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unkd.parallel.ChunkedExecutor;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The files of a tiny experiment: CSV columns and rows, the Markdown tables, and the HTML report's images. */
class ReportTest {
    @TempDir
    static Path dir;
    private static ExperimentResults results;

    @BeforeAll
    static void runTinyExperiment() throws IOException {
        try (ChunkedExecutor executor = new ChunkedExecutor(2)) {
            results = new ExperimentRunner(TinyExperiments.config(), dir, false, executor, ExperimentListener.NONE).run();
        }
        ExperimentReport.write(results, dir);
    }

    @Test
    void resultsCsvHasOneLinePerReportedRunWithEveryMetric() throws IOException {
        List<String> lines = Files.readAllLines(dir.resolve("results.csv"));
        List<String> header = Arrays.asList(lines.get(0).split(","));
        assertThat(header).startsWith("dataset", "role", "backbone", "teacher_dim", "student_dim", "method", "label", "params", "seed")
                .contains("recall@10", "ndcg@10", "recall@20", "ndcg@20", "popularRecall@10", "unpopularRecall@10", "gini@20",
                        "groupShare@20.g0", "groupShare@20.g3")
                .containsSubsequence("groupShare@20.g3", "valid_ndcg@20", "best_epoch", "epochs_run", "seconds", "aplt@10")
                // the popularity-bias metrics of issue 13 come last, so older columns keep their positions
                .endsWith("seconds", "aplt@10", "popRsp@10", "popReo@10", "popLift@10", "miscalibration@10", "ipsRecall@10", "ipsNdcg@10",
                        "aplt@20", "popRsp@20", "popReo@20", "popLift@20", "miscalibration@20", "ipsRecall@20", "ipsNdcg@20");
        // the teacher, then 4 rows x 2 seeds
        assertThat(lines).hasSize(1 + 1 + 8);
        assertThat(lines.get(1)).startsWith("tiny,teacher,mf,12,,teacher,teacher,");
        assertThat(lines.stream().filter(l -> l.startsWith("tiny,student,mf,12,4,unkd,UnKD,kdWeight=")).count()).isEqualTo(2);
        assertThat(lines).allSatisfy(l -> assertThat(l.split(",", -1)).hasSize(header.size()));
        int recall = header.indexOf("recall@10");
        for (String l : lines.subList(1, lines.size())) {
            double v = Double.parseDouble(l.split(",", -1)[recall]);
            assertThat(v).isBetween(0.0, 1.0);
        }
    }

    @Test
    void searchCsvKeepsTheWholeGridAndMarksThePick() throws IOException {
        List<String> lines = Files.readAllLines(dir.resolve("search.csv"));
        assertThat(lines.get(0)).startsWith("dataset,student,label,method,params,seed,valid_ndcg@20");
        // none: 1 point on seed 1; rd, cd, unkd: 2 points each on seed 1
        assertThat(lines).hasSize(1 + 1 + 6);
        assertThat(lines.stream().filter(l -> l.contains(",true,ok")).count()).isEqualTo(4);
        assertThat(lines.get(0)).doesNotContain("test");
    }

    @Test
    void resultsMarkdownHasThePapersLayout() throws IOException {
        String md = Files.readString(dir.resolve("results.md"));
        assertThat(md).startsWith("# tiny comparison\n");
        assertThat(md).contains("### Accuracy: tiny, mf-4 from teacher")
                .contains("| method | R@10 | N@10 | R@20 | N@20 | paper R@10 / N@10 | setting |")
                .contains("### Popularity bias: tiny, mf-4 from teacher")
                .contains("| method | pop R@10 | unpop R@10 | G0 share@20 | G1 share@20 | G2 share@20 | G3 share@20 | paper pop / unpop R@10 | setting |");
        // paper numbers for rows that name their paper row (the config says CiteULike and MF)
        assertThat(md).contains("| *teacher mf-12* |").contains("0.1518 / 0.1016").contains("0.0863 / 0.0550").contains("0.0854 / 0.0208");
        // mean ± std over the two seeds, one best per marked column, the gain row
        assertThat(md).contains(" ± ");
        Matcher accuracyTable = Pattern.compile("### Accuracy.*?\n\n(.*?)\n\n", Pattern.DOTALL).matcher(md);
        assertThat(accuracyTable.find()).isTrue();
        String table = accuracyTable.group(1);
        assertThat(Pattern.compile("\\*\\*0\\.\\d{4} ± 0\\.\\d{4}\\*\\*").matcher(table).results().count()).isEqualTo(4);
        assertThat(table).contains("| gain of UnKD over the best other row |").containsPattern("[+-]\\d+\\.\\d%");
        assertThat(md).contains("| *test set* | – | – |");
        assertThat(md).contains("## Settings picked on validation").contains("| tiny | mf-4 | UnKD | 2 | `kdWeight=");
        assertThat(md).contains("**Run**: ").contains("1 teacher(s) trained, 11 student run(s) trained");
        for (String img : List.of("img/tiny-long-tail.png", "img/tiny-mf-4-group-share.png", "img/tiny-mf-4-trade-off.png",
                "img/tiny-mf-4-popular-recall.png", "img/tiny-mf-4-validation.png")) {
            assertThat(md).contains("](" + img + ")");
        }
    }

    @Test
    void reportHtmlReferencesPngsThatExistAndAreImages() throws IOException {
        String html = Files.readString(dir.resolve("report.html"));
        assertThat(html).startsWith("<!DOCTYPE html>").contains("<style>").doesNotContain("http://").doesNotContain("https://")
                .doesNotContain("<script");
        Matcher img = Pattern.compile("<img src=\"([^\"]+)\"").matcher(html);
        int images = 0;
        while (img.find()) {
            Path png = dir.resolve(img.group(1));
            assertThat(png).exists();
            BufferedImage image = ImageIO.read(png.toFile());
            assertThat(image).as(png.toString()).isNotNull();
            assertThat(image.getWidth()).isEqualTo(ChartStyle.WIDTH);
            assertThat(image.getHeight()).isEqualTo(ChartStyle.HEIGHT);
            images++;
        }
        assertThat(images).isEqualTo(7);
        assertThat(html).contains("img/tiny-mf-4-pop-lift.png").contains("img/tiny-mf-4-ips-recall.png").contains("img/tiny-mf-4-trade-off.png")
                .contains("<h3>Paired tests: tiny, mf-4 from teacher</h3>").contains("Bias amplification");
        assertThat(html).contains("<td class=\"best\">").contains("gain of UnKD over the best other row")
                .contains("<h2>Settings picked on validation</h2>");
    }

    @Test
    void popularityBiasTablesPairedTestsAndPerUserFiles() throws IOException {
        String md = Files.readString(dir.resolve("results.md"));
        assertThat(md).contains("### Popularity bias, more metrics: tiny, mf-4 from teacher")
                .contains("| method | aplt@20 | popRsp@20 | popReo@20 | popLift@20 | miscal@20 | R@20 | ipsR@20 | ipsN@20 | setting |")
                .contains("### Bias amplification (student ÷ teacher): tiny, mf-4 from teacher")
                .contains("| method | teacher | G0 share@20 | ÷ teacher | popLift@20 | ÷ teacher |")
                .contains("### Paired tests: tiny, mf-4 from teacher")
                .contains("| method | versus | Δ recall@20 | Δ ndcg@20 | Δ unpopularRecall@20 | Δ ipsRecall@20 | Δ aplt@20 | Δ popLift@20 |")
                .contains("| rd | none (no KD) |").contains("| rd | cd (best other) |").contains("| rd | UnKD (reference) |").doesNotContain("| UnKD | UnKD (reference) |").doesNotContain("| none | cd (best other) |").contains("Wilcoxon signed-rank").contains("Holm-corrected over the ")
                .containsPattern("[+-]0\\.\\d{4} \\[[+-]0\\.\\d{4}, [+-]0\\.\\d{4}\\] p=");
        for (String img : List.of("img/tiny-mf-4-ips-recall.png", "img/tiny-mf-4-pop-lift.png")) {
            assertThat(md).contains("](" + img + ")");
        }
        // one per-user file per student run (11), next to its JSON
        try (var files = Files.list(dir.resolve("runs"))) {
            assertThat(files.filter(f -> f.getFileName().toString().endsWith(".users.csv.gz")).count()).isEqualTo(11);
        }
        List<String> sig = Files.readAllLines(dir.resolve("significance.csv"));
        assertThat(sig.get(0)).isEqualTo("dataset,student,row,versus,metric,users,seeds,mean_difference,ci_low,ci_high,p,p_holm,significant");
        assertThat(sig.size() - 1).isPositive().isEqualTo((sig.size() - 1) / 6 * 6);
        assertThat(sig.get(1)).startsWith("tiny,mf-4,").contains(",recall@20,").contains(",2,"); // both seeds paired
        // the unpopular half's recall is tested per user too (the tail condition of issue 18)
        assertThat(sig).anySatisfy(l -> assertThat(l).contains(",unpopularRecall@20,").containsPattern(",\\d+,2,-?\\d"));
    }

    @Test
    void meanAndSampleStdOverSeeds() {
        MeanStd m = MeanStd.of(new double[] {0.1, 0.2, 0.3});
        assertThat(m.mean()).isCloseTo(0.2, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(m.std()).isCloseTo(0.1, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(m.format()).isEqualTo("0.2000 ± 0.1000");
        assertThat(MeanStd.of(new double[] {0.25}).format()).isEqualTo("0.2500");
        assertThat(MeanStd.of(new double[] {}).format()).isEqualTo("–");
    }
}
