package dev.unkd.data;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/** Small hand-made inputs shared by the data tests. */
final class TestData {
    private TestData() {
    }

    /** Writes {@code content} to {@code dir/name} and returns the path. */
    static Path write(Path dir, String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }

    /** Writes gzipped {@code content} to {@code dir/name}. */
    static Path writeGzip(Path dir, String name, String content) throws IOException {
        Path file = dir.resolve(name);
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(content.getBytes(StandardCharsets.UTF_8));
        }
        return file;
    }

    /** A log from "user:item" or "user:item@time" tokens, ids in order of first appearance. */
    static InteractionLog log(String... pairs) {
        InteractionLog.Builder b = new InteractionLog.Builder();
        for (String p : pairs) {
            String[] ui = p.split(":");
            String[] it = ui[1].split("@");
            b.add(ui[0], it[0], Float.NaN, it.length > 1 ? Long.parseLong(it[1]) : InteractionLog.NO_TIMESTAMP);
        }
        return b.build("test");
    }

    /** Every (user, item) pair of a part as external ids "user:item", sorted. */
    static List<String> pairs(Dataset d, Interactions part) {
        List<String> out = new ArrayList<>();
        for (int u = 0; u < part.numUsers(); u++) {
            for (int k = part.userStart(u); k < part.userEnd(u); k++) {
                out.add(d.users().id(u) + ":" + d.items().id(part.userItemArray()[k]));
            }
        }
        Collections.sort(out);
        return out;
    }
}
