package dev.unkd.distill;

import dev.unkd.data.Dataset;
import dev.unkd.data.Interactions;
import dev.unkd.parallel.ChunkedExecutor;
import dev.unkd.teacher.Teacher;
import dev.unkd.train.BatchObjective;
import dev.unkd.train.BprObjective;
import java.util.List;

/**
 * Settings of RCE-KD, rejuvenated cross-entropy for knowledge distillation (Zhu and Zhang,
 * <i>Rejuvenating Cross-Entropy Loss in Knowledge Distillation for Recommender Systems</i>, 2025,
 * arXiv 2509.20989): cross-entropy between the teacher's and the student's softmax over two item
 * subsets per user, the student's top K (closed under the student's ranking) and the teacher's top
 * K the student misses, completed by items drawn from the student's top list where the teacher's
 * items need them for closure; the student's loss is BPR + L2 + kdWeight * L_RCE
 * ({@link RejuvenatedCrossEntropyDistillation}, {@link ClosedSubsets}). Only the paper's abstract
 * and secondary summaries were readable here: the objective and every constant come from the
 * authors' code as the KDs toolkit holds it (woriazzc/KDs, {@code modeling/KD/cf/playground.py:
 * MKD} and {@code configs/citeulike/bpr/mkd.yaml}; the same class is {@code RCEKD} in a fork of
 * the authors' BDML-lab/RCE-KD), values for a BPR teacher and a BPR student on CiteULike (the
 * file's {@code bpr} section; KDs' directory names the student, the section the teacher).
 *
 * @param topK K, the teacher's top items per user and the size of the student's top list that is
 *     the first subset (50: {@code mkd_K})
 * @param samples L, items drawn per user and epoch from the student's top list to close the second
 *     subset (50: {@code mkd_L}); 0 leaves it the teacher's items outside the student's top K
 * @param studentDepth the student's top items per user the samples are drawn from (200: {@code mkd_mxK})
 * @param sampleTemperature T of the sampling weight exp((c + 1) / T), c the number of the teacher's
 *     top items at or below a student position (10: {@code mkd_T})
 * @param countCap the cap on c (50: the code's {@code torch.tensor(50.)}, which equals K by default)
 * @param temperature tau, dividing teacher and student scores before both softmaxes (1: {@code mkd_tau})
 * @param beta of the adaptive mixing gamma = exp(-beta * overlap), overlap the share of the teacher's
 *     top items that were drawn, |Q_T &cap; I| / |Q_T|; loss (1 - gamma) L_first + gamma L_second
 *     (3: {@code mkd_beta})
 * @param refreshEvery the student's top lists are recomputed at the start of epochs 1, 1 + n, ...
 *     (1: the code ranks every epoch); samples are redrawn every epoch from the latest lists
 * @param excludeTrain leave the user's training items out of both top lists (false: the code ranks
 *     every item, training items included, for teacher and student alike)
 * @param kdWeight weight of L_RCE (500: {@code lmbda}; KDs sums both BPR and this term over the
 *     batch rows, unkd averages both, so the ratio is the same; not tuned here)
 */
public record RceKdConfig(
        @Param(flag = "--rce-k", description = "K: the teacher's top items per user, and the student's top items of the first subset") int topK,
        @Param(flag = "--rce-l", description = "L: items drawn per user and epoch from the student's top list to close the second subset")
        int samples,
        @Param(flag = "--rce-depth", description = "The student's top items per user the closure samples are drawn from") int studentDepth,
        @Param(description = "Temperature T of the closure sampling weight exp((c + 1) / T)") double sampleTemperature,
        @Param(description = "Cap on c, the teacher's top items at or below a student position, in the sampling weight") int countCap,
        @Param(flag = "--rce-tau", description = "Softmax temperature tau on teacher and student scores") double temperature,
        @Param(flag = "--rce-beta", description = "beta of the mixing weight gamma = exp(-beta * overlap) of the two subsets' losses")
        double beta,
        @Param(flag = "--rce-refresh", description = "Recompute the student's top lists every this many epochs") int refreshEvery,
        @Param(flag = "--rce-mask-train", description = "Leave the user's training items out of both top lists"
                + " (--no-rce-mask-train: rank every item, as the authors' code)") boolean excludeTrain,
        @Param(flag = "--kd-weight", shared = true, description = "Weight of the RCE-KD cross-entropy") double kdWeight)
        implements DistillerSettings {
    public RceKdConfig {
        if (topK < 1) {
            throw new IllegalArgumentException("Invalid topK: " + topK + " (RCE-KD top items per user, must be >= 1)");
        }
        if (studentDepth < topK) {
            throw new IllegalArgumentException("Invalid studentDepth: " + studentDepth + " (RCE-KD student list depth, must be >= " + topK
                    + " = topK: the first subset is the student's top K)");
        }
        if (samples < 0 || samples > studentDepth) {
            throw new IllegalArgumentException("Invalid samples: " + samples + " (RCE-KD closure samples per user, must be in 0.."
                    + studentDepth + " = studentDepth)");
        }
        if (!(sampleTemperature > 0) || Double.isInfinite(sampleTemperature)) {
            throw new IllegalArgumentException("Invalid sampleTemperature: " + sampleTemperature
                    + " (RCE-KD closure sampling temperature, must be positive)");
        }
        if (countCap < 1) {
            throw new IllegalArgumentException("Invalid countCap: " + countCap + " (RCE-KD cap on the closure count, must be >= 1)");
        }
        if (!(temperature > 0) || Double.isInfinite(temperature)) {
            throw new IllegalArgumentException("Invalid temperature: " + temperature + " (RCE-KD softmax temperature, must be positive)");
        }
        if (!(beta >= 0) || Double.isInfinite(beta)) {
            throw new IllegalArgumentException("Invalid beta: " + beta + " (RCE-KD mixing exponent, must be >= 0)");
        }
        if (refreshEvery < 1) {
            throw new IllegalArgumentException("Invalid refreshEvery: " + refreshEvery
                    + " (RCE-KD student ranking refresh period in epochs, must be >= 1)");
        }
        if (!(kdWeight >= 0) || Double.isInfinite(kdWeight)) {
            throw new IllegalArgumentException("Invalid kdWeight: " + kdWeight + " (RCE-KD weight, must be >= 0)");
        }
    }

    /** The KDs constants for a BPR teacher and student on CiteULike ({@code configs/citeulike/bpr/mkd.yaml}, section {@code bpr}). */
    public static RceKdConfig defaults() {
        return new RceKdConfig(50, 50, 200, 10, 50, 1, 3, 1, false, 500);
    }

    public RceKdConfig withKdWeight(double w) {
        return new RceKdConfig(topK, samples, studentDepth, sampleTemperature, countCap, temperature, beta, refreshEvery, excludeTrain, w);
    }

    /** K, L and the student's list depth. */
    public RceKdConfig withSizes(int k, int l, int depth) {
        return new RceKdConfig(k, l, depth, sampleTemperature, countCap, temperature, beta, refreshEvery, excludeTrain, kdWeight);
    }

    public RceKdConfig withTemperature(double tau) {
        return new RceKdConfig(topK, samples, studentDepth, sampleTemperature, countCap, tau, beta, refreshEvery, excludeTrain, kdWeight);
    }

    public RceKdConfig withBeta(double b) {
        return new RceKdConfig(topK, samples, studentDepth, sampleTemperature, countCap, temperature, b, refreshEvery, excludeTrain, kdWeight);
    }

    public RceKdConfig withRefreshEvery(int n) {
        return new RceKdConfig(topK, samples, studentDepth, sampleTemperature, countCap, temperature, beta, n, excludeTrain, kdWeight);
    }

    public RceKdConfig withExcludeTrain(boolean exclude) {
        return new RceKdConfig(topK, samples, studentDepth, sampleTemperature, countCap, temperature, beta, refreshEvery, exclude, kdWeight);
    }

    @Override
    public String method() {
        return "rce-kd";
    }

    /** What the top lists leave out: the training items, or nothing. */
    Interactions excluded(Interactions train) {
        return excludeTrain ? train : Interactions.empty(train.numUsers(), train.numItems());
    }

    /**
     * BPR + kdWeight * L_RCE. Needs the teacher's score of any item the student ranks high, so a
     * score file that lists some pairs only is refused, as is a student list deeper than the catalogue.
     */
    @Override
    public List<BatchObjective> objectives(Teacher teacher, Dataset data, ChunkedExecutor executor) {
        if (studentDepth > data.numItems()) {
            throw new IllegalArgumentException("Invalid studentDepth: " + studentDepth + " (RCE-KD student list depth, must be <= "
                    + data.numItems() + ", the items of " + data.name() + "; lower --rce-depth, and --rce-k and --rce-l with it)");
        }
        return List.of(new BprObjective(1.0), RejuvenatedCrossEntropyDistillation.prepare(this,
                TeacherInputs.everyScore(method(), teacher, data), data.train(), executor));
    }
}
