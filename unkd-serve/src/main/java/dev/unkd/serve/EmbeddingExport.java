package dev.unkd.serve;

import dev.unkd.model.EmbeddingTable;
import dev.unkd.teacher.DelimitedMatrix;
import dev.unkd.teacher.NpyFile;

import dev.unkd.data.IdMap;
import dev.unkd.io.AtomicFiles;
import dev.unkd.model.FactorScorer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes the embeddings a model scores with (the propagated ones for LightGCN) for other
 * systems, e.g. an ANN index: {@code users.ids.txt} and {@code items.ids.txt} (one id per line,
 * line i = row i) and the matrices as {@code users.npy}/{@code items.npy} (float32) or
 * {@code users.csv}/{@code items.csv} (one row of comma-separated floats per id, no header).
 * The score of (u, i) is the dot product of row u of users and row i of items. Each file is
 * written atomically.
 */
public final class EmbeddingExport {
    public enum Format { CSV, NPY }

    private EmbeddingExport() {
    }

    /** Returns the files written. */
    public static List<Path> write(FactorScorer scorer, IdMap users, IdMap items, Format format, Path dir) throws IOException {
        int dim = scorer.dim();
        return List.of(
                writeIds(users, dir.resolve("users.ids.txt")),
                writeMatrix(scorer.userEmbeddings(), users.size(), dim, format, dir.resolve("users." + extension(format))),
                writeIds(items, dir.resolve("items.ids.txt")),
                writeMatrix(scorer.itemEmbeddings(), items.size(), dim, format, dir.resolve("items." + extension(format))));
    }

    private static String extension(Format format) {
        return format == Format.NPY ? "npy" : "csv";
    }

    private static Path writeIds(IdMap ids, Path file) throws IOException {
        AtomicFiles.writeText(file, out -> {
            for (int i = 0; i < ids.size(); i++) {
                out.write(ids.id(i));
                out.write('\n');
            }
        });
        return file;
    }

    /** Same writers as the teacher import reads, so an export can be fed back as a teacher. */
    private static Path writeMatrix(float[] data, int rows, int dim, Format format, Path file) throws IOException {
        EmbeddingTable table = new EmbeddingTable(rows, dim, data);
        if (format == Format.NPY) {
            NpyFile.write(file, table);
        } else {
            DelimitedMatrix.write(file, table, ',');
        }
        return file;
    }
}
