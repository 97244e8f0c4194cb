package dev.unkd.model;

import java.util.Arrays;

/**
 * Gradients of a loss with respect to a user and an item table, kept dense with the set of rows
 * that received any contribution, so clearing and optimiser steps cost touched rows only.
 */
public final class EmbeddingGradients {
    private final int dim;
    private final float[] user;
    private final float[] item;
    private final RowSet touchedUsers;
    private final RowSet touchedItems;

    public EmbeddingGradients(int numUsers, int numItems, int dim) {
        this.dim = dim;
        this.user = new float[numUsers * dim];
        this.item = new float[numItems * dim];
        this.touchedUsers = new RowSet(numUsers);
        this.touchedItems = new RowSet(numItems);
    }

    public int dim() {
        return dim;
    }

    public float[] user() {
        return user;
    }

    public float[] item() {
        return item;
    }

    public RowSet touchedUsers() {
        return touchedUsers;
    }

    public RowSet touchedItems() {
        return touchedItems;
    }

    /** Adds {@code scale * v[off..off+dim)} to user row u. */
    public void addUser(int u, float[] v, int off, float scale) {
        touchedUsers.add(u);
        accumulateUser(u, v, off, scale);
    }

    public void addItem(int i, float[] v, int off, float scale) {
        touchedItems.add(i);
        accumulateItem(i, v, off, scale);
    }

    /**
     * {@link #addUser} without recording the row as touched: safe from several threads as long as
     * each row is written by one of them (a row-striped replay); call {@link #markUser} after.
     */
    public void accumulateUser(int u, float[] v, int off, float scale) {
        int base = u * dim;
        for (int d = 0; d < dim; d++) {
            user[base + d] += scale * v[off + d];
        }
    }

    /** The item counterpart of {@link #accumulateUser}. */
    public void accumulateItem(int i, float[] v, int off, float scale) {
        int base = i * dim;
        for (int d = 0; d < dim; d++) {
            item[base + d] += scale * v[off + d];
        }
    }

    /** Records user row u as touched (first-touch order is the order of these calls). */
    public void markUser(int u) {
        touchedUsers.add(u);
    }

    public void markItem(int i) {
        touchedItems.add(i);
    }

    /** Zeroes the touched rows and forgets them. */
    public void clear() {
        clearRows(user, touchedUsers);
        clearRows(item, touchedItems);
    }

    private void clearRows(float[] g, RowSet rows) {
        if (rows.size() == rows.capacity()) {
            Arrays.fill(g, 0f);
        } else {
            for (int k = 0; k < rows.size(); k++) {
                int base = rows.get(k) * dim;
                Arrays.fill(g, base, base + dim, 0f);
            }
        }
        rows.clear();
    }
}
