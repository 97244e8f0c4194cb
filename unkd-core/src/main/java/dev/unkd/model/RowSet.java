package dev.unkd.model;

import java.util.Arrays;

/** The rows of a table touched in one step, in first-touch order, with O(1) membership. */
public final class RowSet {
    private final boolean[] member;
    private int[] rows;
    private int size;

    public RowSet(int capacity) {
        this.member = new boolean[capacity];
        this.rows = new int[Math.min(capacity, 1024)];
    }

    public void add(int row) {
        if (!member[row]) {
            member[row] = true;
            if (size == rows.length) {
                rows = Arrays.copyOf(rows, Math.min(member.length, rows.length * 2));
            }
            rows[size++] = row;
        }
    }

    /** Marks every row. */
    public void addAll() {
        for (int r = 0; r < member.length; r++) {
            add(r);
        }
    }

    public boolean contains(int row) {
        return member[row];
    }

    public int size() {
        return size;
    }

    public int get(int k) {
        return rows[k];
    }

    public int capacity() {
        return member.length;
    }

    public void clear() {
        for (int k = 0; k < size; k++) {
            member[rows[k]] = false;
        }
        size = 0;
    }
}
