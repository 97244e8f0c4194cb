package dev.unkd.distill;

import dev.unkd.data.Dataset;
import dev.unkd.distill.nn.ExpertActivation;
import dev.unkd.model.Scorer;
import dev.unkd.parallel.ChunkedExecutor;
import dev.unkd.teacher.Teacher;
import dev.unkd.train.BatchObjective;
import dev.unkd.train.BprObjective;
import java.util.List;
import java.util.Objects;

/**
 * Settings of DE-RRD (Kang, Hwang, Kweon, Yu, <i>DE-RRD: A Knowledge Distillation Framework for
 * Recommender System</i>, CIKM 2020), as the UnKD authors combine the two parts
 * ({@code sample.py: class RRD}, {@code model.py: BPRMFExpert}); the student's loss is
 * BPR + L2 + kdWeight * L_RRD + deWeight * L_DE. Where the DE-RRD authors' own code
 * (SeongKu-Kang/DE-RRD_CIKM20) differs, its value is given too.
 *
 * <p>RRD: per user, K "interesting" items drawn without replacement from the teacher's top T
 * unobserved items with p(r) proportional to exp(-(r + 1) / rankTemperature), kept in rank order,
 * and L "uninteresting" items drawn uniformly without replacement from the unobserved items outside
 * that top T. List-wise loss on the student's (sigmoid) scores x (interesting) and y (uninteresting):
 * -[sum_k x_k - sum_k log(sum_{j &gt;= k} e^{x_j} + sum_l e^{y_l})], averaged over the batch rows.
 *
 * @param topT T, the depth of the teacher's list (100: {@code RRD(T=100)}; the original draws from
 *     the teacher's top 500)
 * @param interesting K, interesting items per user (20: {@code K=20}; original {@code --U_K 40})
 * @param uninteresting L, uninteresting items per user (20: {@code L=20}; original {@code --U_L 40})
 * @param rankTemperature of the rank law (30: {@code (i+1)/30}; original {@code --U_T 10})
 * @param sigmoidScores apply the sigmoid to the student's scores before the list-wise loss (true, as
 *     the UnKD code; the original uses raw inner products)
 * @param redrawEveryEpoch draw new RRD samples every epoch, as the original ({@code URRD_sampling}
 *     each epoch; default true); the UnKD code draws once, at construction. Measured on CiteULike
 *     (MF-100 -> MF-10, RRD alone at weight 0.01, 100 epochs, seed 1): best valid NDCG@20 0.0608
 *     redrawn against 0.0546 drawn once (no KD: 0.0570): a fixed draw makes 20 extra pseudo-positives
 *     per user that the student overfits and that push its top-20 to the popular group (G0 share
 *     0.64 against 0.49)
 * @param kdWeight weight of L_RRD (0.01, chosen on CiteULike validation users; the UnKD code's
 *     {@code --kd_weight 1.0} ruins the dim-10 student: valid NDCG@20 falls from 0.027 at epoch 3
 *     to 0.015 by epoch 40, and 0.1 peaks at epoch 5; the original's 0.001 multiplies summed rather
 *     than averaged losses)
 * @param deWeight weight of L_DE (0.001: {@code --de_weight}; original {@code --lmbda_DE 0.01} on sums)
 * @param experts E, experts per side (5: {@code --num_expert}; original 30)
 * @param gateTemperature of the Gumbel-softmax expert selection (10: {@code BPRMFExpert.T}; the
 *     original anneals it from 1 towards 1e-10 over the maximum epoch count)
 * @param activation where the experts' ReLU sits ({@link ExpertActivation#HIDDEN}, the DE paper and
 *     code; the UnKD code puts it after the output layer, {@link ExpertActivation#OUTPUT})
 * @param deEntities which entities DE reconstructs ({@link DeEntities#BATCH}, the DE code: the
 *     batch's users, positives and negatives; {@link DeEntities#RRD_SAMPLES}, the UnKD code's choice,
 *     reconstructs nearly every item in every CiteULike batch and costs about 13x more per epoch)
 * @param lr Adam learning rate of the experts and selection networks (0.01; the authors' code trains
 *     them with the student's optimiser, and the command line passes the student's --lr)
 */
public record DeRrdConfig(
        @Param(flag = "--rrd-t", description = "Teacher's top items the interesting items are drawn from") int topT,
        @Param(flag = "--rrd-k", description = "Interesting items per user") int interesting,
        @Param(flag = "--rrd-l", description = "Uninteresting items per user") int uninteresting,
        @Param(description = "Temperature of the rank law exp(-(r+1)/T) the interesting items are drawn with") double rankTemperature,
        @Param(description = "Apply the sigmoid to the student's scores before the list-wise loss (UnKD code)") boolean sigmoidScores,
        @Param(flag = "--rrd-redraw", description = "Redraw the RRD samples every epoch (DE-RRD code) instead of once (UnKD code)")
        boolean redrawEveryEpoch,
        @Param(flag = "--kd-weight", shared = true, description = "Weight of the RRD term") double kdWeight,
        @Param(flag = "--de-weight", description = "Weight of the DE reconstruction term") double deWeight,
        @Param(flag = "--experts", description = "Experts per side") int experts,
        @Param(flag = "--de-temperature", description = "Gumbel-softmax temperature of expert selection") double gateTemperature,
        @Param(flag = "--de-activation", description = "Expert ReLU after the HIDDEN layer (DE paper) or the OUTPUT layer (UnKD code)")
        ExpertActivation activation,
        @Param(flag = "--de-entities", description = "Entities DE reconstructs: RRD_SAMPLES (UnKD code: batch users and their RRD items) or"
                + " BATCH (DE code: batch users, positives, negatives)") DeEntities deEntities,
        @Param(flag = "--lr", shared = true, description = "Adam learning rate of the experts and selection networks (the student's --lr)")
        double lr) implements DistillerSettings {
    public DeRrdConfig {
        if (topT < 1) {
            throw new IllegalArgumentException("Invalid topT: " + topT + " (RRD top T, must be >= 1)");
        }
        if (interesting < 1 || interesting > topT) {
            throw new IllegalArgumentException("Invalid interesting: " + interesting + " (RRD interesting-item count, must be in 1.." + topT
                    + " = topT)");
        }
        if (uninteresting < 0) {
            throw new IllegalArgumentException("Invalid uninteresting: " + uninteresting + " (RRD uninteresting-item count, must be >= 0)");
        }
        if (!(rankTemperature > 0) || Double.isInfinite(rankTemperature)) {
            throw new IllegalArgumentException("Invalid rankTemperature: " + rankTemperature + " (RRD rank temperature, must be positive)");
        }
        if (!(kdWeight >= 0) || Double.isInfinite(kdWeight)) {
            throw new IllegalArgumentException("Invalid kdWeight: " + kdWeight + " (RRD weight, must be >= 0)");
        }
        if (!(deWeight >= 0) || Double.isInfinite(deWeight)) {
            throw new IllegalArgumentException("Invalid deWeight: " + deWeight + " (DE weight, must be >= 0)");
        }
        if (experts < 1) {
            throw new IllegalArgumentException("Invalid experts: " + experts + " (number of experts, must be >= 1)");
        }
        if (!(gateTemperature > 0) || Double.isInfinite(gateTemperature)) {
            throw new IllegalArgumentException("Invalid gateTemperature: " + gateTemperature + " (expert-selection temperature, must be positive)");
        }
        Objects.requireNonNull(activation, "activation");
        Objects.requireNonNull(deEntities, "deEntities");
        if (!(lr > 0) || Double.isInfinite(lr)) {
            throw new IllegalArgumentException("Invalid lr: " + lr + " (learning rate, must be positive)");
        }
    }

    public static DeRrdConfig defaults() {
        return new DeRrdConfig(100, 20, 20, 30, true, true, 0.01, 0.001, 5, 10, ExpertActivation.HIDDEN, DeEntities.BATCH, 0.01);
    }

    public DeRrdConfig withKdWeight(double w) {
        return new DeRrdConfig(topT, interesting, uninteresting, rankTemperature, sigmoidScores, redrawEveryEpoch, w, deWeight, experts,
                gateTemperature, activation, deEntities, lr);
    }

    public DeRrdConfig withDeWeight(double w) {
        return new DeRrdConfig(topT, interesting, uninteresting, rankTemperature, sigmoidScores, redrawEveryEpoch, kdWeight, w, experts,
                gateTemperature, activation, deEntities, lr);
    }

    public DeRrdConfig withSampling(int t, int k, int l) {
        return new DeRrdConfig(t, k, l, rankTemperature, sigmoidScores, redrawEveryEpoch, kdWeight, deWeight, experts, gateTemperature,
                activation, deEntities, lr);
    }

    public DeRrdConfig withRedrawEveryEpoch(boolean redraw) {
        return new DeRrdConfig(topT, interesting, uninteresting, rankTemperature, sigmoidScores, redraw, kdWeight, deWeight, experts,
                gateTemperature, activation, deEntities, lr);
    }

    public DeRrdConfig withExperts(int e, double temperature, ExpertActivation act) {
        return new DeRrdConfig(topT, interesting, uninteresting, rankTemperature, sigmoidScores, redrawEveryEpoch, kdWeight, deWeight, e,
                temperature, act, deEntities, lr);
    }

    public DeRrdConfig withDeEntities(DeEntities entities) {
        return new DeRrdConfig(topT, interesting, uninteresting, rankTemperature, sigmoidScores, redrawEveryEpoch, kdWeight, deWeight, experts,
                gateTemperature, activation, entities, lr);
    }

    public DeRrdConfig withSigmoidScores(boolean sigmoid) {
        return new DeRrdConfig(topT, interesting, uninteresting, rankTemperature, sigmoid, redrawEveryEpoch, kdWeight, deWeight, experts,
                gateTemperature, activation, deEntities, lr);
    }

    public DeRrdConfig withLr(double v) {
        return new DeRrdConfig(topT, interesting, uninteresting, rankTemperature, sigmoidScores, redrawEveryEpoch, kdWeight, deWeight, experts,
                gateTemperature, activation, deEntities, v);
    }

    @Override
    public String method() {
        return "de-rrd";
    }

    /** BPR + kdWeight * L_RRD + deWeight * L_DE; refuses a teacher without embeddings. */
    @Override
    public List<BatchObjective> objectives(Teacher teacher, Dataset data, ChunkedExecutor executor) {
        Scorer scorer = TeacherInputs.scorer(teacher, data);
        return List.of(new BprObjective(1.0),
                DeRrdDistillation.prepare(this, scorer, TeacherInputs.embeddings(method(), teacher, data), data.train(), executor));
    }

    /** DE's hidden width: (student + teacher) / 2, or teacher / 2 when they are equal (self-distillation), as {@code BPR_DE}. */
    public static int hiddenWidth(int studentDim, int teacherDim) {
        return studentDim == teacherDim ? Math.max(1, teacherDim / 2) : (studentDim + teacherDim) / 2;
    }
}
