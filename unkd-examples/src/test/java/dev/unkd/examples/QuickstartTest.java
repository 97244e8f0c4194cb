package dev.unkd.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unkd.data.PaperSplitter;
import dev.unkd.data.SyntheticData;
import dev.unkd.pipeline.TrainedModel;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's Java example is this module's Quickstart, and it runs. */
@Tag("slow") // seconds of Spark start-up or training: skip with -Dunkd.skipTags=slow
class QuickstartTest {
    private static final Path SOURCE = Path.of("src/main/java/dev/unkd/examples/Quickstart.java");

    @Test
    void readmeShowsTheQuickstartSourceAsItsFirstJavaBlock() throws Exception {
        String readme = Files.readString(Path.of("../README.md"), StandardCharsets.UTF_8);
        int open = readme.indexOf("```java\n");
        assertThat(open).as("README has a ```java block").isNotNegative();
        int from = open + "```java\n".length();
        String block = readme.substring(from, readme.indexOf("```", from));
        assertThat(block).isEqualTo(Files.readString(SOURCE, StandardCharsets.UTF_8));
    }

    @Test
    void runsAndWritesALoadableStudent(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("student.unkd");
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream stdout = System.out;
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            Quickstart.main(new String[] {out.toString()});
        } finally {
            System.setOut(stdout);
        }
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("UnKD student recall@20: 0.", "UnKD student unpopularRecall@20: 0.", "saved " + out);
        TrainedModel student = TrainedModel.load(out, PaperSplitter.CITEULIKE.split(SyntheticData.generate(SyntheticData.Options.defaults()), 2022));
        assertThat(student.model().dim()).isEqualTo(10);
        assertThat(student.provenance()).containsEntry("method", "unkd").containsEntry("seed", 2022).containsEntry("teacher", "trained mf-100");
    }
}
