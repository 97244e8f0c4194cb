package dev.unkd.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Maps external string ids (users or items as they appear in files) to dense indices 0..n-1 and
 * back. Models store their id maps, so a model can only be applied to data with the same ids.
 */
public final class IdMap {
    private final String[] ids;
    private final Map<String, Integer> index;

    private IdMap(String[] ids) {
        this.ids = ids;
        this.index = new HashMap<>(ids.length * 2);
        for (int i = 0; i < ids.length; i++) {
            if (index.put(ids[i], i) != null) {
                throw new IllegalArgumentException("Duplicate id in id map: '" + ids[i] + "'");
            }
        }
    }

    /** An id map whose index i is the i-th element of {@code ids}. */
    public static IdMap of(List<String> ids) {
        return new IdMap(ids.toArray(String[]::new));
    }

    /** The identity map 0..n-1 ("0", "1", ...), used for synthetic data. */
    public static IdMap range(int n) {
        String[] ids = new String[n];
        for (int i = 0; i < n; i++) {
            ids[i] = Integer.toString(i);
        }
        return new IdMap(ids);
    }

    /**
     * Builds a map from a collection of distinct ids. When every id is a non-negative integer the
     * dense order is numeric, so already-dense numeric ids (CiteULike, the authors' splits) keep
     * their values; otherwise ids keep the order of the collection (first appearance).
     */
    public static IdMap canonical(Collection<String> distinctIds) {
        String[] ids = distinctIds.toArray(String[]::new);
        if (allNumeric(ids)) {
            Arrays.sort(ids, (a, b) -> a.length() != b.length() ? Integer.compare(a.length(), b.length()) : a.compareTo(b));
        }
        return new IdMap(ids);
    }

    private static boolean allNumeric(String[] ids) {
        for (String id : ids) {
            if (id.isEmpty() || id.length() > 18 || (id.length() > 1 && id.charAt(0) == '0')) {
                return false;
            }
            for (int k = 0; k < id.length(); k++) {
                char c = id.charAt(k);
                if (c < '0' || c > '9') {
                    return false;
                }
            }
        }
        return true;
    }

    public int size() {
        return ids.length;
    }

    public String id(int index) {
        return ids[index];
    }

    public Optional<Integer> find(String id) {
        return Optional.ofNullable(index.get(id));
    }

    /** Dense index of {@code id}, or -1 when unknown. */
    public int indexOf(String id) {
        Integer i = index.get(id);
        return i == null ? -1 : i;
    }

    public List<String> ids() {
        return List.of(ids);
    }

    /** Keeps only the given dense indices (in increasing order), renumbering them 0..k-1. */
    public IdMap select(int[] keptIndices) {
        String[] kept = new String[keptIndices.length];
        for (int k = 0; k < keptIndices.length; k++) {
            kept[k] = ids[keptIndices[k]];
        }
        return new IdMap(kept);
    }

    /** FNV-1a 64-bit hash over the ids in order: equal iff (almost surely) the same mapping. */
    public long checksum() {
        long h = 0xcbf29ce484222325L;
        for (String id : ids) {
            for (int k = 0; k < id.length(); k++) {
                h = (h ^ id.charAt(k)) * 0x100000001b3L;
            }
            h = (h ^ 0x1F) * 0x100000001b3L; // separator so ("ab","c") != ("a","bc")
        }
        return h;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IdMap other && Arrays.equals(ids, other.ids);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(ids);
    }

    /** Assigns dense indices in order of first appearance. */
    public static final class Builder {
        private final Map<String, Integer> index = new HashMap<>();
        private final List<String> ids = new ArrayList<>();

        public int intern(String id) {
            Integer i = index.get(id);
            if (i == null) {
                i = ids.size();
                index.put(id, i);
                ids.add(id);
            }
            return i;
        }

        public int size() {
            return ids.size();
        }

        public List<String> ids() {
            return ids;
        }

        public IdMap build() {
            return IdMap.of(ids);
        }
    }
}
