package dev.unkd.distill;

import java.util.Arrays;

/**
 * HTD's topology over the distinct entities of one batch (Kang et al., KDD 2021, section 4.2.2):
 * the entities' groups, their unit-length student and teacher embeddings, the groups' prototypes,
 * and, per entity, its terms of
 * <pre>
 *   L_TD = sum over groups g, ordered pairs (a, b) in g with cos(t_a, t_b) &gt; 0 of (cos(s_a, s_b) - cos(t_a, t_b))^2
 *        + sum over entities e, prototypes g (all, or all but e's group) of (cos(P^s_g, s_e) - cos(P^t_g, t_e))^2
 * </pre>
 * with the gradient w.r.t. s_e (prototypes are constants, as the code's {@code no_grad}). With
 * u = s/|s|, dcos(s_a, s_b)/ds_a = (u_b - cos u_a) / |s_a|, and each unordered pair appears twice
 * in the entity-level sum.
 *
 * <p>Layout for speed: the members' unit vectors are stored group by group and transposed (one
 * array per dimension), so an entity's similarities to its whole group are axpy loops with one
 * index, which HotSpot vectorises, four dimensions per pass ({@link #combineColumns}); the same
 * for the prototypes. Cost per entity: (student + teacher
 * dim) x (group size + prototypes) multiply-adds. Units are numbered as in {@link BatchEntities}.
 */
final class BatchTopology {
    private final int groups;
    private final int sd;
    private final int td;
    private int capacity;
    private int size;
    private int[] group = new int[0];
    private float[] unitStudent = new float[0];
    private float[] unitTeacher = new float[0];
    private float[] studentNorm = new float[0];
    private float[] teacherNorm = new float[0];
    private final int[] memberStart;
    private int[] members = new int[0];
    private int[] position = new int[0];
    private float[][] memberStudent;
    private float[][] memberTeacher;
    private final int[] present;
    private int numPresent;
    private final float[][] protoStudent;
    private final float[][] protoTeacher;
    private final float[] protoStudentRow;

    /** @param groups total groups (users' and items') */
    BatchTopology(int groups, int studentDim, int teacherDim) {
        this.groups = groups;
        this.sd = studentDim;
        this.td = teacherDim;
        this.memberStart = new int[groups + 1];
        this.present = new int[groups];
        this.protoStudent = new float[sd][groups];
        this.protoTeacher = new float[td][groups];
        this.protoStudentRow = new float[groups * sd];
        this.memberStudent = new float[sd][0];
        this.memberTeacher = new float[td][0];
    }

    /** Prepares for n units (keeps the groups when n is unchanged and they are frozen). */
    void ensureCapacity(int n) {
        size = n;
        if (n <= capacity) {
            return;
        }
        int cap = Math.max(n, capacity * 2);
        group = Arrays.copyOf(group, cap);
        unitStudent = new float[Math.multiplyExact(cap, sd)];
        unitTeacher = new float[Math.multiplyExact(cap, td)];
        studentNorm = new float[cap];
        teacherNorm = new float[cap];
        members = new int[cap];
        position = new int[cap];
        memberStudent = new float[sd][cap];
        memberTeacher = new float[td][cap];
        capacity = cap;
    }

    /** Scratch for one worker. */
    Scratch scratch() {
        return new Scratch();
    }

    /** Stores unit k's unit-length embeddings; may run in parallel for distinct k. */
    void setUnit(int k, float[] s, int sOff, float[] t, int tOff) {
        studentNorm[k] = unit(s, sOff, sd, unitStudent, k * sd);
        teacherNorm[k] = unit(t, tOff, td, unitTeacher, k * td);
    }

    void setGroup(int k, int g) {
        group[k] = g;
    }

    int group(int k) {
        return group[k];
    }

    /** Writes v / |v| to out and returns |v| (a zero vector stays zero). */
    private static float unit(float[] v, int off, int dim, float[] out, int outOff) {
        double sq = 0;
        for (int d = 0; d < dim; d++) {
            sq += (double) v[off + d] * v[off + d];
        }
        double norm = Math.sqrt(sq);
        float inv = norm > 0 ? (float) (1 / norm) : 0f;
        for (int d = 0; d < dim; d++) {
            out[outOff + d] = v[off + d] * inv;
        }
        return (float) norm;
    }

    /**
     * Members of every group in unit order, and the unit-length prototypes (the direction of the
     * group's mean student and teacher embedding) of the groups present, in ascending group order.
     */
    void buildGroups() {
        Arrays.fill(memberStart, 0);
        for (int k = 0; k < size; k++) {
            memberStart[group[k] + 1]++;
        }
        for (int g = 0; g < groups; g++) {
            memberStart[g + 1] += memberStart[g];
        }
        int[] fill = Arrays.copyOf(memberStart, groups);
        for (int k = 0; k < size; k++) {
            position[k] = fill[group[k]];
            members[fill[group[k]]++] = k;
        }
        numPresent = 0;
        double[] ps = new double[sd];
        double[] pt = new double[td];
        float[] sumS = new float[sd];
        float[] sumT = new float[td];
        float[] us = new float[sd];
        float[] ut = new float[td];
        for (int g = 0; g < groups; g++) {
            if (memberStart[g] == memberStart[g + 1]) {
                continue;
            }
            Arrays.fill(ps, 0);
            Arrays.fill(pt, 0);
            for (int m = memberStart[g]; m < memberStart[g + 1]; m++) {
                int k = members[m];
                for (int d = 0; d < sd; d++) {
                    ps[d] += (double) unitStudent[k * sd + d] * studentNorm[k];
                }
                for (int d = 0; d < td; d++) {
                    pt[d] += (double) unitTeacher[k * td + d] * teacherNorm[k];
                }
            }
            // the mean's 1/n cancels in the cosine
            for (int d = 0; d < sd; d++) {
                sumS[d] = (float) ps[d];
            }
            for (int d = 0; d < td; d++) {
                sumT[d] = (float) pt[d];
            }
            unit(sumS, 0, sd, us, 0);
            unit(sumT, 0, td, ut, 0);
            int p = numPresent++;
            present[p] = g;
            for (int d = 0; d < sd; d++) {
                protoStudent[d][p] = us[d];
                protoStudentRow[p * sd + d] = us[d];
            }
            for (int d = 0; d < td; d++) {
                protoTeacher[d][p] = ut[d];
            }
        }
    }

    /** Copies the unit vectors into the transposed, group-ordered layout (after the units and groups are set). */
    void layOut() {
        for (int m = 0; m < size; m++) {
            int k = members[m];
            for (int d = 0; d < sd; d++) {
                memberStudent[d][m] = unitStudent[k * sd + d];
            }
            for (int d = 0; d < td; d++) {
                memberTeacher[d][m] = unitTeacher[k * td + d];
            }
        }
    }

    /**
     * The topology terms of the units at member positions [from, to) (group order), each added
     * to its loss through {@code losses} and, times {@code weight}, its gradient of the whole L_TD
     * w.r.t. its student embedding to out at {@code offset.applyAsInt(unit)}. Two neighbours of
     * one group go together: they share every load of the group's columns and the prototypes'.
     * Each unit's floats are those of computing it alone.
     */
    void memberLosses(int from, int to, PrototypeRelations relations, double weight, float[] out, java.util.function.IntUnaryOperator offset,
            UnitLosses losses, Scratch scratch) {
        for (int m = from; m < to; m++) {
            int k = members[m];
            if (m + 1 < to && group[members[m + 1]] == group[k]) {
                int l = members[++m];
                unitLosses(k, l, relations, weight, out, offset.applyAsInt(k), offset.applyAsInt(l), losses, scratch);
            } else {
                unitLosses(k, -1, relations, weight, out, offset.applyAsInt(k), 0, losses, scratch);
            }
        }
    }

    /** Receives a unit's (unweighted) topology terms. */
    @FunctionalInterface
    interface UnitLosses {
        void add(int unit, double loss);
    }

    /**
     * The topology terms of units k and l of one group (l = -1: k alone): each unit's row of the
     * entity-level sum and its group-level terms, handed to {@code losses} unweighted, and
     * {@code weight} times the gradient of the whole L_TD w.r.t. its s added to out at offK, offL.
     */
    private void unitLosses(int k, int l, PrototypeRelations relations, double weight, float[] out, int offK, int offL, UnitLosses losses,
            Scratch scratch) {
        int gk = group[k];
        int from = memberStart[gk];
        int to = memberStart[gk + 1];
        Lane a = scratch.lane(0, capacity, sd, groups);
        Lane b = scratch.lane(1, capacity, sd, groups);
        a.clearRows(from, to, numPresent);
        if (l < 0) {
            combineColumns(unitTeacher, k * td, memberTeacher, td, from, to, a.teacherRow);
            combineColumns(unitStudent, k * sd, memberStudent, sd, from, to, a.studentRow);
        } else {
            b.clearRows(from, to, numPresent);
            combineTwoColumns(unitTeacher, k * td, l * td, memberTeacher, td, from, to, a.teacherRow, b.teacherRow);
            combineTwoColumns(unitStudent, k * sd, l * sd, memberStudent, sd, from, to, a.studentRow, b.studentRow);
        }
        a.entityTerms(position[k], from, to);
        if (l < 0) {
            columnDots(a.coef, memberStudent, sd, from, to, a.direction);
        } else {
            b.entityTerms(position[l], from, to);
            columnDotsTwo(a.coef, b.coef, memberStudent, sd, from, to, a.direction, b.direction);
        }
        // group level: all prototypes against the unit at once, transposed as above
        if (l < 0) {
            combineColumns(unitTeacher, k * td, protoTeacher, td, 0, numPresent, a.protoTeacher);
            combineColumns(unitStudent, k * sd, protoStudent, sd, 0, numPresent, a.protoStudent);
        } else {
            combineTwoColumns(unitTeacher, k * td, l * td, protoTeacher, td, 0, numPresent, a.protoTeacher, b.protoTeacher);
            combineTwoColumns(unitStudent, k * sd, l * sd, protoStudent, sd, 0, numPresent, a.protoStudent, b.protoStudent);
        }
        losses.add(k, finish(k, gk, relations, weight, out, offK, a));
        if (l >= 0) {
            losses.add(l, finish(l, gk, relations, weight, out, offL, b));
        }
    }

    /** Unit k's group-level terms from its lane, then its gradient into out[off..); returns its whole loss. */
    private double finish(int k, int gk, PrototypeRelations relations, double weight, float[] out, int off, Lane lane) {
        double loss = lane.loss;
        double selfShare = lane.selfShare;
        float[] direction = lane.direction;
        for (int p = 0; p < numPresent; p++) {
            if (present[p] == gk && relations == PrototypeRelations.OTHER_GROUPS) {
                continue;
            }
            float diff = lane.protoStudent[p] - lane.protoTeacher[p];
            loss += (double) diff * diff;
            float c = 2 * diff;
            for (int d = 0; d < sd; d++) {
                direction[d] += c * protoStudentRow[p * sd + d];
            }
            selfShare += (double) c * lane.protoStudent[p];
        }
        float norm = studentNorm[k];
        if (norm > 0) {
            float scale = (float) (weight / norm);
            for (int d = 0; d < sd; d++) {
                out[off + d] += scale * (float) (direction[d] - selfShare * unitStudent[k * sd + d]);
            }
        }
        return loss;
    }

    /**
     * rowA[m] and rowB[m] as {@link #combineColumns} for the vectors at a[aOff..) and a[bOff..),
     * sharing the column loads.
     */
    private static void combineTwoColumns(float[] a, int aOff, int bOff, float[][] cols, int dims, int from, int to, float[] rowA,
            float[] rowB) {
        int d = 0;
        for (; d + 3 < dims; d += 4) {
            float a0 = a[aOff + d], a1 = a[aOff + d + 1], a2 = a[aOff + d + 2], a3 = a[aOff + d + 3];
            float b0 = a[bOff + d], b1 = a[bOff + d + 1], b2 = a[bOff + d + 2], b3 = a[bOff + d + 3];
            float[] c0 = cols[d], c1 = cols[d + 1], c2 = cols[d + 2], c3 = cols[d + 3];
            for (int m = from; m < to; m++) {
                float x0 = c0[m], x1 = c1[m], x2 = c2[m], x3 = c3[m];
                rowA[m] = (((rowA[m] + a0 * x0) + a1 * x1) + a2 * x2) + a3 * x3;
                rowB[m] = (((rowB[m] + b0 * x0) + b1 * x1) + b2 * x2) + b3 * x3;
            }
        }
        for (; d < dims; d++) {
            float ad = a[aOff + d];
            float bd = a[bOff + d];
            float[] c = cols[d];
            for (int m = from; m < to; m++) {
                float x = c[m];
                rowA[m] += ad * x;
                rowB[m] += bd * x;
            }
        }
    }

    /** outA and outB as {@link #columnDots} for the weights wA and wB, sharing the column loads. */
    private static void columnDotsTwo(float[] wA, float[] wB, float[][] cols, int dims, int from, int to, float[] outA, float[] outB) {
        int d = 0;
        for (; d + 3 < dims; d += 4) {
            float[] c0 = cols[d], c1 = cols[d + 1], c2 = cols[d + 2], c3 = cols[d + 3];
            float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
            float t0 = 0, t1 = 0, t2 = 0, t3 = 0;
            for (int m = from; m < to; m++) {
                float x0 = c0[m], x1 = c1[m], x2 = c2[m], x3 = c3[m];
                float wa = wA[m];
                float wb = wB[m];
                s0 += wa * x0;
                s1 += wa * x1;
                s2 += wa * x2;
                s3 += wa * x3;
                t0 += wb * x0;
                t1 += wb * x1;
                t2 += wb * x2;
                t3 += wb * x3;
            }
            outA[d] = s0;
            outA[d + 1] = s1;
            outA[d + 2] = s2;
            outA[d + 3] = s3;
            outB[d] = t0;
            outB[d + 1] = t1;
            outB[d + 2] = t2;
            outB[d + 3] = t3;
        }
        for (; d < dims; d++) {
            float[] c = cols[d];
            float s0 = 0;
            float t0 = 0;
            for (int m = from; m < to; m++) {
                s0 += wA[m] * c[m];
                t0 += wB[m] * c[m];
            }
            outA[d] = s0;
            outB[d] = t0;
        }
    }

    /**
     * row[m] += sum_d a[aOff + d] cols[d][m] for m in [from, to), d ascending (the floats of one
     * pass per d), four d per pass so that the row is loaded and stored once per four
     * multiply-adds; the loops run along m, which C2 vectorises.
     */
    private static void combineColumns(float[] a, int aOff, float[][] cols, int dims, int from, int to, float[] row) {
        int d = 0;
        for (; d + 3 < dims; d += 4) {
            float a0 = a[aOff + d];
            float a1 = a[aOff + d + 1];
            float a2 = a[aOff + d + 2];
            float a3 = a[aOff + d + 3];
            float[] c0 = cols[d];
            float[] c1 = cols[d + 1];
            float[] c2 = cols[d + 2];
            float[] c3 = cols[d + 3];
            for (int m = from; m < to; m++) {
                row[m] = (((row[m] + a0 * c0[m]) + a1 * c1[m]) + a2 * c2[m]) + a3 * c3[m];
            }
        }
        for (; d < dims; d++) {
            float ad = a[aOff + d];
            float[] c = cols[d];
            for (int m = from; m < to; m++) {
                row[m] += ad * c[m];
            }
        }
    }

    /**
     * out[d] = sum_m w[m] cols[d][m] over m in [from, to) ascending, for every d < dims: four d per
     * pass, so four independent sums hide the latency of the adds (C2 does not vectorise a float
     * sum) while each keeps its order and its floats.
     */
    private static void columnDots(float[] w, float[][] cols, int dims, int from, int to, float[] out) {
        int d = 0;
        for (; d + 3 < dims; d += 4) {
            float[] c0 = cols[d];
            float[] c1 = cols[d + 1];
            float[] c2 = cols[d + 2];
            float[] c3 = cols[d + 3];
            float s0 = 0;
            float s1 = 0;
            float s2 = 0;
            float s3 = 0;
            for (int m = from; m < to; m++) {
                float wm = w[m];
                s0 += wm * c0[m];
                s1 += wm * c1[m];
                s2 += wm * c2[m];
                s3 += wm * c3[m];
            }
            out[d] = s0;
            out[d + 1] = s1;
            out[d + 2] = s2;
            out[d + 3] = s3;
        }
        for (; d < dims; d++) {
            float[] c = cols[d];
            float s0 = 0;
            for (int m = from; m < to; m++) {
                s0 += w[m] * c[m];
            }
            out[d] = s0;
        }
    }

    /** Units per group, users' groups first. */
    int[] groupSizes() {
        int[] sizes = new int[groups];
        for (int g = 0; g < groups; g++) {
            sizes[g] = memberStart[g + 1] - memberStart[g];
        }
        return sizes;
    }

    /** Per-worker buffers of {@link #unitLosses}: one lane per unit of a pair, grown on demand. */
    static final class Scratch {
        private final Lane[] lanes = {new Lane(), new Lane()};

        Lane lane(int i, int capacity, int sd, int groups) {
            return lanes[i].ensure(capacity, sd, groups);
        }
    }

    /** One unit's similarity rows, pair coefficients, gradient direction and running sums. */
    private static final class Lane {
        float[] teacherRow = new float[0];
        float[] studentRow = new float[0];
        float[] coef = new float[0];
        float[] direction = new float[0];
        float[] protoStudent = new float[0];
        float[] protoTeacher = new float[0];
        double loss;
        /** sum of coef * cos(s_k, s_m): the part of the gradient along u_k. */
        double selfShare;

        Lane ensure(int capacity, int sd, int groups) {
            if (teacherRow.length < capacity) {
                teacherRow = new float[capacity];
                studentRow = new float[capacity];
                coef = new float[capacity];
            }
            if (direction.length < sd) {
                direction = new float[sd];
            }
            if (protoStudent.length < groups) {
                protoStudent = new float[groups];
                protoTeacher = new float[groups];
            }
            return this;
        }

        void clearRows(int from, int to, int prototypes) {
            Arrays.fill(teacherRow, from, to, 0f);
            Arrays.fill(studentRow, from, to, 0f);
            Arrays.fill(protoStudent, 0, prototypes, 0f);
            Arrays.fill(protoTeacher, 0, prototypes, 0f);
        }

        /** The entity-level terms of the unit at member position self: loss, coefficients, self share. */
        void entityTerms(int self, int from, int to) {
            loss = 0;
            selfShare = 0;
            for (int m = from; m < to; m++) {
                coef[m] = 0;
                float tc = teacherRow[m];
                if (!(tc > 0)) {
                    continue; // the code keeps only pairs whose (group-masked) teacher similarity is positive
                }
                float diff = studentRow[m] - tc;
                loss += (double) diff * diff;
                if (m != self) { // cos(s_k, s_k) = 1 has no gradient
                    coef[m] = 4 * diff;
                    selfShare += 4.0 * diff * studentRow[m];
                }
            }
        }
    }
}
