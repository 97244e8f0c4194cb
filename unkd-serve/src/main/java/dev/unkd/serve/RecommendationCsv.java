package dev.unkd.serve;

import dev.unkd.data.IdMap;
import dev.unkd.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Writes ranked lists as CSV, {@code user,rank,item,score} with ranks from 1, one row per item,
 * users in the order given. Ids are quoted (RFC 4180) only when they hold a comma, quote or line
 * break. Written atomically: a failed run never leaves half a file.
 */
public final class RecommendationCsv {
    public static final String HEADER = "user,rank,item,score";

    private RecommendationCsv() {
    }

    public static void write(Path file, IdMap users, IdMap items, int[] userIndices, Recommendation[] lists) throws IOException {
        AtomicFiles.writeText(file, out -> {
            out.write(HEADER);
            out.write('\n');
            for (int q = 0; q < userIndices.length; q++) {
                String user = field(users.id(userIndices[q]));
                Recommendation rec = lists[q];
                for (int r = 0; r < rec.size(); r++) {
                    out.write(user);
                    out.write(',');
                    out.write(Integer.toString(r + 1));
                    out.write(',');
                    out.write(field(items.id(rec.items()[r])));
                    out.write(',');
                    out.write(Float.toString(rec.scores()[r]));
                    out.write('\n');
                }
            }
        });
    }

    /** A CSV field: the value itself, or quoted with doubled quotes when it holds a comma, quote or line break. */
    public static String field(String value) {
        if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0 && value.indexOf('\r') < 0) {
            return value;
        }
        return '"' + value.replace("\"", "\"\"") + '"';
    }
}
