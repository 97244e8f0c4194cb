package dev.unkd.teacher;

import dev.unkd.data.DataFormatException;
import dev.unkd.io.AtomicFiles;
import dev.unkd.model.EmbeddingTable;
import dev.unkd.io.TextLines;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * A float matrix as text, one row per line: values separated by tabs (TSV), commas (CSV) or
 * runs of spaces, detected per line in that order. Blank lines and lines starting with '#' are
 * skipped; a first line that is not all numbers is taken as a header and skipped (pandas'
 * {@code to_csv} writes one). Every row must have the same number of values, all finite.
 */
public final class DelimitedMatrix {
    private DelimitedMatrix() {
    }

    public static EmbeddingTable read(Path file) throws IOException {
        FloatList values = new FloatList();
        int cols = -1;
        int rows = 0;
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
                String[] fields = split(s);
                if (first) {
                    first = false;
                    if (!numeric(fields)) {
                        continue; // header
                    }
                }
                if (cols < 0) {
                    cols = fields.length;
                } else if (fields.length != cols) {
                    throw new DataFormatException(file, ln, "row has " + fields.length + " values, earlier rows have " + cols);
                }
                for (String f : fields) {
                    float v;
                    try {
                        v = Float.parseFloat(f);
                    } catch (NumberFormatException e) {
                        throw new DataFormatException(file, ln, "'" + f + "' is not a number");
                    }
                    if (!Float.isFinite(v)) {
                        throw new DataFormatException(file, ln, "value " + f + " is not finite");
                    }
                    values.add(v);
                }
                rows++;
            }
        } catch (NoSuchFileException e) {
            throw new DataFormatException(file, 0, "file not found");
        }
        if (rows == 0) {
            throw new DataFormatException(file, 0, "no rows");
        }
        return new EmbeddingTable(rows, cols, values.toArray());
    }

    static String[] split(String line) {
        if (line.indexOf('\t') >= 0) {
            return trimAll(line.split("\t", -1));
        }
        if (line.indexOf(',') >= 0) {
            return trimAll(line.split(",", -1));
        }
        return line.split("\\s+");
    }

    private static String[] trimAll(String[] fields) {
        for (int k = 0; k < fields.length; k++) {
            fields[k] = fields[k].strip();
        }
        return fields;
    }

    private static boolean numeric(String[] fields) {
        for (String f : fields) {
            try {
                Float.parseFloat(f);
            } catch (NumberFormatException e) {
                return false;
            }
        }
        return true;
    }

    /** Writes one row per line with the given delimiter (',' for CSV, '\t' for TSV). */
    public static void write(Path file, EmbeddingTable table, char delimiter) throws IOException {
        AtomicFiles.writeText(file, out -> {
            float[] data = table.data();
            for (int r = 0; r < table.rows(); r++) {
                for (int c = 0; c < table.dim(); c++) {
                    if (c > 0) {
                        out.write(delimiter);
                    }
                    out.write(Float.toString(data[r * table.dim() + c]));
                }
                out.write('\n');
            }
        });
    }

    /** A growable float array (no boxing for large matrices). */
    static final class FloatList {
        private float[] data = new float[1024];
        private int size;

        void add(float v) {
            if (size == data.length) {
                data = java.util.Arrays.copyOf(data, size * 2);
            }
            data[size++] = v;
        }

        float[] toArray() {
            return java.util.Arrays.copyOf(data, size);
        }
    }
}
