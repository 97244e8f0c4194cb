package dev.unkd.teacher;

import dev.unkd.data.DataFormatException;
import dev.unkd.data.IdMap;
import dev.unkd.model.EmbeddingTable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Puts the rows of an imported embedding matrix in the dataset's index order: row r of the file
 * goes to the dataset index of its id (from the id list, or r itself without one). Rows whose id
 * the dataset does not know are ignored; dataset ids without a row are reported as
 * {@link #missing()} (their row stays zero).
 */
record EmbeddingAlignment(EmbeddingTable table, int[] missing, int ignoredRows) {

    static EmbeddingAlignment align(EmbeddingTable rows, Path matrixFile, Optional<List<String>> ids, Optional<Path> idFile,
            IdMap target, String what) {
        int dim = rows.dim();
        if (ids.isEmpty()) {
            if (rows.rows() != target.size()) {
                throw new DataFormatException(matrixFile, 0, "has " + rows.rows() + " rows, the dataset has " + target.size() + " "
                        + what + "s; give an id list file to map rows to " + what + " ids");
            }
            return new EmbeddingAlignment(rows, new int[0], 0);
        }
        List<String> list = ids.get();
        if (list.size() != rows.rows()) {
            throw new DataFormatException(idFile.orElse(matrixFile), 0, "lists " + list.size() + " " + what + " ids, but "
                    + matrixFile + " has " + rows.rows() + " rows");
        }
        float[] out = new float[Math.multiplyExact(target.size(), dim)];
        boolean[] found = new boolean[target.size()];
        float[] in = rows.data();
        int ignored = 0;
        for (int r = 0; r < list.size(); r++) {
            int index = target.indexOf(list.get(r));
            if (index < 0) {
                ignored++;
                continue;
            }
            found[index] = true;
            System.arraycopy(in, r * dim, out, index * dim, dim);
        }
        List<Integer> missing = new ArrayList<>();
        for (int i = 0; i < found.length; i++) {
            if (!found[i]) {
                missing.add(i);
            }
        }
        return new EmbeddingAlignment(new EmbeddingTable(target.size(), dim, out), missing.stream().mapToInt(Integer::intValue).toArray(),
                ignored);
    }

    /** "3 of 10 dataset user ids have no row in FILE, e.g. a, b, c". */
    String describeMissing(IdMap target, Path file, String what) {
        StringBuilder sb = new StringBuilder();
        sb.append(missing.length).append(" of ").append(target.size()).append(" dataset ").append(what).append(" ids have no row in ")
                .append(file).append(", e.g. ");
        for (int k = 0; k < Math.min(5, missing.length); k++) {
            sb.append(k > 0 ? ", " : "").append('\'').append(target.id(missing[k])).append('\'');
        }
        return sb.toString();
    }
}
