package dev.unkd.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The layering of issue 12, read from the main sources of every module: no cycle between
 * {@code dev.unkd} packages, unkd-core free of HTTP, chart, CLI and logging-binding libraries,
 * and the experiment and service modules using the core only (never the command line).
 */
class DependencyRulesTest {
    private static final Path ROOT = Path.of("..");
    private static final Pattern PACKAGE = Pattern.compile("^package ([\\w.]+);", Pattern.MULTILINE);
    private static final Pattern IMPORT = Pattern.compile("^import (?:static )?([\\w.]+);", Pattern.MULTILINE);
    private static final Pattern QUALIFIED = Pattern.compile("\\b(dev\\.unkd(?:\\.[a-z]\\w*)+)\\.[A-Z]");

    @Test
    void noCycleBetweenPackages() {
        Map<String, Set<String>> uses = new TreeMap<>();
        for (String module : List.of("unkd-core", "unkd-experiment", "unkd-serve", "unkd-cli", "unkd-spark", "unkd-bench", "unkd-examples")) {
            for (Path file : sources(module)) {
                String text = read(file);
                String pkg = packageOf(text);
                Set<String> targets = uses.computeIfAbsent(pkg, p -> new TreeSet<>());
                Matcher q = QUALIFIED.matcher(text);
                while (q.find()) {
                    if (!q.group(1).equals(pkg)) {
                        targets.add(q.group(1));
                    }
                }
            }
        }
        assertThat(uses).containsKeys("dev.unkd.data", "dev.unkd.pipeline", "dev.unkd.experiment", "dev.unkd.serve", "dev.unkd.spark.cli");
        for (String start : uses.keySet()) {
            assertThat(reachable(uses, start)).as("packages reachable from " + start + " lead back to it").doesNotContain(start);
        }
    }

    @Test
    void theCoreUsesNoApplicationLibrary() {
        assertThat(imports("unkd-core")).allSatisfy(i -> assertThat(i).doesNotStartWith("io.javalin").doesNotStartWith("org.jfree")
                .doesNotStartWith("picocli").doesNotStartWith("me.tongfei").doesNotStartWith("org.slf4j.simple")
                .doesNotStartWith("org.apache.spark"));
    }

    @Test
    void experimentAndServiceUseTheCoreOnly() {
        for (String module : List.of("unkd-experiment", "unkd-serve")) {
            assertThat(imports(module)).as(module).noneMatch(i -> i.startsWith("dev.unkd.cli") || i.startsWith("picocli")
                    || i.startsWith("org.slf4j.simple") || i.startsWith("dev.unkd.spark"));
        }
        assertThat(imports("unkd-experiment")).noneMatch(i -> i.startsWith("dev.unkd.serve") || i.startsWith("io.javalin"));
        assertThat(imports("unkd-serve")).noneMatch(i -> i.startsWith("dev.unkd.experiment") || i.startsWith("org.jfree"));
    }

    private static Set<String> reachable(Map<String, Set<String>> uses, String start) {
        Set<String> seen = new TreeSet<>();
        List<String> todo = new ArrayList<>(uses.getOrDefault(start, Set.of()));
        while (!todo.isEmpty()) {
            String p = todo.remove(todo.size() - 1);
            if (seen.add(p)) {
                todo.addAll(uses.getOrDefault(p, Set.of()));
            }
        }
        return seen;
    }

    private static List<String> imports(String module) {
        List<String> all = new ArrayList<>();
        for (Path file : sources(module)) {
            Matcher m = IMPORT.matcher(read(file));
            while (m.find()) {
                all.add(m.group(1));
            }
        }
        assertThat(all).as("imports of " + module).isNotEmpty();
        return all;
    }

    private static List<Path> sources(String module) {
        Path dir = ROOT.resolve(module).resolve("src/main/java");
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(f -> f.toString().endsWith(".java")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String packageOf(String text) {
        Matcher m = PACKAGE.matcher(text);
        return m.find() ? m.group(1) : "";
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
