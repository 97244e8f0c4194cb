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
     * Unit k's topology terms: its row of the entity-level sum and its group-level terms. Adds
     * {@code weight} times the gradient of the whole L_TD w.r.t. s_k to out[off..) and returns
     * the (unweighted) terms.
     */
    double unitLoss(int k, PrototypeRelations relations, double weight, float[] out, int off, Scratch scratch) {
        int gk = group[k];
        int from = memberStart[gk];
        int to = memberStart[gk + 1];
        float[] tRow = scratch.teacherRow(capacity);
        float[] sRow = scratch.studentRow(capacity);
        float[] coef = scratch.coefficients(capacity);
        Arrays.fill(tRow, from, to, 0f);
        Arrays.fill(sRow, from, to, 0f);
        combineColumns(unitTeacher, k * td, memberTeacher, td, from, to, tRow);
        combineColumns(unitStudent, k * sd, memberStudent, sd, from, to, sRow);
        int self = position[k];
        double loss = 0;
        double selfShare = 0; // sum of coef * cos(s_k, s_m): the part of the gradient along u_k
        for (int m = from; m < to; m++) {
            coef[m] = 0;
            float tc = tRow[m];
            if (!(tc > 0)) {
                continue; // the code keeps only pairs whose (group-masked) teacher similarity is positive
            }
            float diff = sRow[m] - tc;
            loss += (double) diff * diff;
            if (m != self) { // cos(s_k, s_k) = 1 has no gradient
                coef[m] = 4 * diff;
                selfShare += 4.0 * diff * sRow[m];
            }
        }
        float[] direction = scratch.direction(sd);
        columnDots(coef, memberStudent, sd, from, to, direction);
        // group level: all prototypes against unit k at once, transposed as above
        float[] ps = scratch.prototypeStudent(groups);
        float[] pt = scratch.prototypeTeacher(groups);
        Arrays.fill(ps, 0, numPresent, 0f);
        Arrays.fill(pt, 0, numPresent, 0f);
        combineColumns(unitTeacher, k * td, protoTeacher, td, 0, numPresent, pt);
        combineColumns(unitStudent, k * sd, protoStudent, sd, 0, numPresent, ps);
        for (int p = 0; p < numPresent; p++) {
            if (present[p] == gk && relations == PrototypeRelations.OTHER_GROUPS) {
                continue;
            }
            float diff = ps[p] - pt[p];
            loss += (double) diff * diff;
            float c = 2 * diff;
            for (int d = 0; d < sd; d++) {
                direction[d] += c * protoStudentRow[p * sd + d];
            }
            selfShare += (double) c * ps[p];
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

    /** Per-worker buffers of {@link #unitLoss}, grown on demand. */
    static final class Scratch {
        private float[] teacherRow = new float[0];
        private float[] studentRow = new float[0];
        private float[] coef = new float[0];
        private float[] direction = new float[0];
        private float[] protoS = new float[0];
        private float[] protoT = new float[0];

        float[] teacherRow(int n) {
            return teacherRow.length >= n ? teacherRow : (teacherRow = new float[n]);
        }

        float[] studentRow(int n) {
            return studentRow.length >= n ? studentRow : (studentRow = new float[n]);
        }

        float[] coefficients(int n) {
            return coef.length >= n ? coef : (coef = new float[n]);
        }

        float[] direction(int n) {
            return direction.length >= n ? direction : (direction = new float[n]);
        }

        float[] prototypeStudent(int n) {
            return protoS.length >= n ? protoS : (protoS = new float[n]);
        }

        float[] prototypeTeacher(int n) {
            return protoT.length >= n ? protoT : (protoT = new float[n]);
        }
    }
}
