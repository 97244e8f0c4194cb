package dev.unkd.serve;

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

    private static Path writeMatrix(float[] data, int rows, int dim, Format format, Path file) throws IOException {
        if (format == Format.NPY) {
            AtomicFiles.write(file, out -> NpyWriter.writeFloat32(out, data, rows, dim));
        } else {
            AtomicFiles.writeText(file, out -> {
                for (int r = 0; r < rows; r++) {
                    for (int d = 0; d < dim; d++) {
                        if (d > 0) {
                            out.write(',');
                        }
                        out.write(Float.toString(data[r * dim + d])); // shortest text that reads back to the same float
                    }
                    out.write('\n');
                }
            });
        }
        return file;
    }
}
