package dev.unkd.distill;

import dev.unkd.data.Dataset;
import dev.unkd.distill.nn.ExpertActivation;
import dev.unkd.parallel.ChunkedExecutor;
import dev.unkd.teacher.Teacher;
import dev.unkd.train.BatchObjective;
import dev.unkd.train.BprObjective;
import java.util.List;
import java.util.Objects;

/**
 * Settings of Distillation Experts alone, the representation half of DE-RRD (Kang, Hwang, Kweon,
 * Yu, <i>DE-RRD: A Knowledge Distillation Framework for Recommender System</i>, CIKM 2020, section
 * 3.1): the student's loss is BPR + L2 + kdWeight * L_DE ({@link DeDistillation}), DE on the
 * batch's distinct users, positives and negatives ({@link DeEntities#BATCH}, the DE authors'
 * {@code run.py: LOO_DE_run}). The constants are those of {@link DeRrdConfig}, with the same
 * defaults, so that {@code de} is exactly {@code de-rrd} with RRD weight 0 and {@code --de-entities BATCH}
 * when kdWeight equals DE-RRD's deWeight.
 *
 * @param kdWeight weight of L_DE (0.001, DE-RRD's {@code --de_weight} in the UnKD code)
 * @param experts E, experts per side (5: {@code --num_expert}; original 30)
 * @param gateTemperature of the Gumbel-softmax expert selection (10: {@code BPRMFExpert.T})
 * @param activation where the experts' ReLU sits ({@link ExpertActivation#HIDDEN}, the DE paper and code)
 * @param lr Adam learning rate of the experts and selection networks (the student's --lr; 0.01)
 */
public record DeConfig(
        @Param(flag = "--kd-weight", shared = true, description = "Weight of the DE reconstruction term") double kdWeight,
        @Param(flag = "--experts", shared = true, description = "Experts per side") int experts,
        @Param(flag = "--de-temperature", shared = true, description = "Gumbel-softmax temperature of expert selection") double gateTemperature,
        @Param(flag = "--de-activation", shared = true, description = "Expert ReLU after the HIDDEN layer (DE paper) or the OUTPUT layer (UnKD"
                + " code)") ExpertActivation activation,
        @Param(flag = "--lr", shared = true, description = "Adam learning rate of the experts and selection networks (the student's --lr)")
        double lr) implements DistillerSettings {
    public DeConfig {
        if (!(kdWeight >= 0) || Double.isInfinite(kdWeight)) {
            throw new IllegalArgumentException("Invalid kdWeight: " + kdWeight + " (DE weight, must be >= 0)");
        }
        if (experts < 1) {
            throw new IllegalArgumentException("Invalid experts: " + experts + " (number of experts, must be >= 1)");
        }
        if (!(gateTemperature > 0) || Double.isInfinite(gateTemperature)) {
            throw new IllegalArgumentException("Invalid gateTemperature: " + gateTemperature + " (expert-selection temperature, must be positive)");
        }
        Objects.requireNonNull(activation, "activation");
        if (!(lr > 0) || Double.isInfinite(lr)) {
            throw new IllegalArgumentException("Invalid lr: " + lr + " (learning rate, must be positive)");
        }
    }

    /** DE-RRD's DE defaults ({@link DeRrdConfig#defaults()}). */
    public static DeConfig defaults() {
        DeRrdConfig d = DeRrdConfig.defaults();
        return new DeConfig(d.deWeight(), d.experts(), d.gateTemperature(), d.activation(), d.lr());
    }

    public DeConfig withKdWeight(double w) {
        return new DeConfig(w, experts, gateTemperature, activation, lr);
    }

    public DeConfig withExperts(int e, double temperature, ExpertActivation act) {
        return new DeConfig(kdWeight, e, temperature, act, lr);
    }

    @Override
    public String method() {
        return "de";
    }

    /** BPR + kdWeight * L_DE; refuses a teacher without embeddings. */
    @Override
    public List<BatchObjective> objectives(Teacher teacher, Dataset data, ChunkedExecutor executor) {
        TeacherInputs.scorer(teacher, data);
        return List.of(new BprObjective(1.0), new DeDistillation(this, data.train(), TeacherInputs.embeddings(method(), teacher, data)));
    }
}
