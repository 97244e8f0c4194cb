package dev.unkd.teacher;

import dev.unkd.data.DataFormatException;
import dev.unkd.data.IdMap;
import dev.unkd.io.TextLines;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * A teacher's scores as text: one {@code user item score} line per scored pair, external ids,
 * separated by tabs, commas or spaces; blank lines and '#' comments skipped, and a first line
 * whose score is not a number taken as a header. Lines naming a user or item the dataset does
 * not know are skipped (counted in {@link Result#skippedLines()}); a pair listed twice, a
 * malformed line or a non-finite score is an error naming the file and line; a file none of whose
 * pairs is in the dataset is an error too (the ids probably differ).
 */
public final class ScoreFile {
    private ScoreFile() {
    }

    /** The scorer and how many lines named ids unknown to the dataset. */
    public record Result(SparseScorer scorer, long skippedLines) {
    }

    public static Result read(Path file, IdMap users, IdMap items) throws IOException {
        int cap = 1 << 12;
        int[] us = new int[cap];
        int[] is = new int[cap];
        float[] ss = new float[cap];
        long[] lines = new long[cap];
        int n = 0;
        long skipped = 0;
        boolean first = true;
        try (TextLines in = TextLines.open(file)) {
            String line;
            long ln = 0;
            while ((line = in.readLine()) != null) {
                ln++;
                String s = line.strip();
                if (s.isEmpty() || s.charAt(0) == '#') {
                    continue;
                }
                String[] f = DelimitedMatrix.split(s);
                if (f.length != 3) {
                    throw new DataFormatException(file, ln, "expected 'user item score', found " + f.length + " fields");
                }
                float score;
                try {
                    score = Float.parseFloat(f[2]);
                } catch (NumberFormatException e) {
                    if (first) {
                        first = false;
                        continue; // header
                    }
                    throw new DataFormatException(file, ln, "score '" + f[2] + "' is not a number");
                }
                first = false;
                if (!Float.isFinite(score)) {
                    throw new DataFormatException(file, ln, "score " + f[2] + " is not finite");
                }
                int u = users.indexOf(f[0]);
                int i = items.indexOf(f[1]);
                if (u < 0 || i < 0) {
                    skipped++;
                    continue;
                }
                if (n == us.length) {
                    int grown = Math.multiplyExact(n, 2);
                    us = Arrays.copyOf(us, grown);
                    is = Arrays.copyOf(is, grown);
                    ss = Arrays.copyOf(ss, grown);
                    lines = Arrays.copyOf(lines, grown);
                }
                us[n] = u;
                is[n] = i;
                ss[n] = score;
                lines[n] = ln;
                n++;
            }
        } catch (NoSuchFileException e) {
            throw new DataFormatException(file, 0, "file not found");
        }
        if (n == 0) {
            throw new DataFormatException(file, 0, "none of its " + skipped + " scored pairs names a user and an item of the dataset"
                    + " (are the ids the dataset's external ids?)");
        }
        return new Result(toCsr(file, users, items, us, is, ss, lines, n), skipped);
    }

    private static SparseScorer toCsr(Path file, IdMap users, IdMap items, int[] us, int[] is, float[] ss, long[] lines, int n) {
        int numUsers = users.size();
        int[] ptr = new int[numUsers + 1];
        for (int k = 0; k < n; k++) {
            ptr[us[k] + 1]++;
        }
        for (int u = 0; u < numUsers; u++) {
            ptr[u + 1] += ptr[u];
        }
        int[] fill = Arrays.copyOf(ptr, numUsers);
        int[] order = new int[n];
        for (int k = 0; k < n; k++) {
            order[fill[us[k]]++] = k;
        }
        int[] itemCols = new int[n];
        float[] scores = new float[n];
        long[] keys = new long[n];
        for (int u = 0; u < numUsers; u++) {
            // sort the user's entries by item (key: item << 32 | entry) to find duplicates
            int from = ptr[u];
            int to = ptr[u + 1];
            for (int p = from; p < to; p++) {
                keys[p] = ((long) is[order[p]] << 32) | order[p];
            }
            Arrays.sort(keys, from, to);
            for (int p = from; p < to; p++) {
                int entry = (int) keys[p];
                itemCols[p] = is[entry];
                scores[p] = ss[entry];
                if (p > from && itemCols[p] == itemCols[p - 1]) {
                    int previous = (int) keys[p - 1];
                    throw new DataFormatException(file, Math.max(lines[entry], lines[previous]), "pair (user '"
                            + users.id(us[entry]) + "', item '" + items.id(is[entry]) + "') is listed twice (also on line "
                            + Math.min(lines[entry], lines[previous]) + ")");
                }
            }
        }
        return new SparseScorer(numUsers, items.size(), ptr, itemCols, scores);
    }
}
