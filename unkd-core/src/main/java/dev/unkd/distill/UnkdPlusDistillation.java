package dev.unkd.distill;

import dev.unkd.data.Dataset;
import dev.unkd.data.Interactions;
import dev.unkd.data.PopularityGroups;
import dev.unkd.model.Embeddings;
import dev.unkd.model.Scorer;
import dev.unkd.parallel.ChunkedExecutor;
import dev.unkd.parallel.Seeds;
import dev.unkd.train.Batch;
import dev.unkd.train.EpochContext;
import dev.unkd.train.GradientLog;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * unkd-plus (settings and objective in {@link UnkdPlusConfig}): stratified, student-aware
 * list-wise distillation. Once: the teacher's unobserved items per (user, popularity group)
 * ({@link TeacherRanking}), the teacher's share of top-20 slots in each popularity group (and a
 * fitted penalty if asked for, {@link PopularityPenalty}) and the cross-group targets
 * ({@link CrossGroupTargets}). Every {@code refreshEvery} epochs: the student's top items per
 * (user, group). Every epoch: the exposure controller's step of the group penalties (from the
 * student's shares against their targets) with the cross-group targets rebuilt, and RCE-KD's two
 * subsets within each group
 * ({@link ClosedSubsets}), so that a group's term asks the student to rank the group's items as the
 * teacher does, including the items the student itself wrongly puts first. Every batch, per row b
 * of user u:
 * <pre>
 *   L = kdWeight / |B| sum_b [ 1/K sum_g ((1 - gamma_ug) CE_J1g(u) + gamma_ug CE_J2g(u)) + crossWeight CE_C(u) ]
 * </pre>
 * The within-group softmaxes are shift-invariant inside each group, so they carry no order between
 * groups (the popularity bias UnKD removes); the only cross-group signal is CE_C's, whose targets
 * have the popularity confound taken out. With one group and no cross-group term this is RCE-KD
 * with its closure count capped at K (same subsets, draws and student, bit for bit, when every item
 * has a training interaction).
 *
 * <p>Cost per batch: per distinct user at most K (2 topK + L) + K crossTop dot products and
 * gradient rows; per epoch K subset builds; at refresh epochs one blocked scoring pass over users x
 * items and a linear-time selection per (user, group). Deterministic: draws come from streams fixed
 * by the seed, the epoch, the group and the user; the batch's distinct users are split into the
 * trainer's chunks as in {@link RejuvenatedCrossEntropyDistillation}.
 */
public final class UnkdPlusDistillation extends DistillerBase {
    private static final Logger LOG = LoggerFactory.getLogger(UnkdPlusDistillation.class);

    private final UnkdPlusConfig config;
    private final Scorer teacher;
    private final Interactions excluded;
    private final int[][] groupMembers;
    private final TeacherRanking teacherTop;
    private final ClosedSubsets[] subsets;
    private final BatchUnits units;
    private final TeacherRanking unobserved;
    private final int[] popularity;
    private final Interactions train;
    private final Optional<ExposureControl> control;
    private Optional<CrossGroupTargets> cross;
    private final double penalty;
    private final double[] groupPenalties;
    private TeacherRanking studentTop;
    private boolean drawn;
    /** The current KD weight: config.kdWeight() times kdDecay per plateau of kdPatience validations. */
    private double kdWeight;
    private int sinceBest;

    /** The exposure controller's reference: the users it measures, the target top-20 share per group and the penalties' unit. */
    private record ExposureControl(int[] users, double[] targetShares, double scale) {
    }

    private UnkdPlusDistillation(UnkdPlusConfig config, Scorer teacher, Interactions train, PopularityGroups groups, TeacherRanking unobserved,
            TeacherRanking teacherTop, Optional<ExposureControl> control, double penalty, double preparationSeconds) {
        super(config, preparationSeconds);
        this.config = config;
        this.teacher = teacher;
        this.excluded = config.excluded(train);
        this.unobserved = unobserved;
        this.popularity = train.itemPopularity();
        this.train = train;
        this.control = control;
        this.groupMembers = new int[groups.numGroups()][];
        Arrays.setAll(groupMembers, groups::members);
        this.teacherTop = teacherTop;
        this.subsets = new ClosedSubsets[groups.numGroups()];
        RceKdConfig within = config.withinGroup();
        Arrays.setAll(subsets, g -> new ClosedSubsets(within, excluded.numUsers(), excluded.numItems()));
        this.penalty = penalty;
        this.groupPenalties = new double[groups.numGroups()];
        this.cross = Optional.empty();
        this.units = new BatchUnits(excluded.numUsers());
        this.kdWeight = config.kdWeight();
    }

    /** The cross-group targets at the current group penalties (none when the term is off). */
    private void buildCross(ChunkedExecutor executor) {
        if (config.crossWeight() > 0) {
            cross = Optional.of(CrossGroupTargets.build(unobserved, config.crossTop(), studentTop, config.crossStudentTop(), train, teacher,
                    popularity, penalty, groupPenalties, config.penaltyUnit(), control.map(ExposureControl::scale).orElse(0.0),
                    config.temperature(), executor));
        }
    }

    /** Ranks the teacher's items per (user, group), fits the penalty and builds the cross-group targets. */
    public static UnkdPlusDistillation prepare(UnkdPlusConfig config, Scorer teacher, Dataset data, PopularityGroups groups,
            ChunkedExecutor executor) {
        long start = System.nanoTime();
        Interactions train = data.train();
        if (groups.numItems() != train.numItems() || groups.numGroups() == 0) {
            throw new IllegalArgumentException("unkd-plus needs popularity groups over the " + train.numItems() + " items of "
                    + data.name() + " (got " + groups.numGroups() + " groups over " + groups.numItems() + " items)");
        }
        for (int g = 0; g < groups.numGroups(); g++) {
            if (groups.members(g).length == 0) {
                throw new IllegalArgumentException("unkd-plus popularity group " + g + " of " + groups.numGroups() + " has no items");
            }
        }
        if (groups.numGroups() != config.groups()) { // equal-mass splitting can give fewer or more groups than asked for
            LOG.info("unkd-plus on {}: {} popularity groups (asked for {})", data.name(), groups.numGroups(), config.groups());
        }
        boolean crossed = config.crossWeight() > 0;
        boolean fitted = crossed && config.fitPenalty();
        boolean controlled = crossed && config.exposureGain() > 0;
        int depth = Math.max(config.topK(), crossed ? config.crossTop() : 0);
        if (fitted || controlled) {
            depth = Math.max(depth, PopularityPenalty.DEPTH);
        }
        TeacherRanking unobserved = TeacherRanking.grouped(teacher, train, groups, depth, executor);
        TeacherRanking top = config.excludeTrain() ? unobserved
                : TeacherRanking.grouped(teacher, config.excluded(train), groups, config.topK(), executor);
        double penalty = config.penalty();
        Optional<ExposureControl> control = Optional.empty();
        if (fitted || controlled) {
            int[] users = PopularityPenalty.referenceUsers(train, data.valid());
            PopularityPenalty pools = PopularityPenalty.pools(unobserved, PopularityPenalty.DEPTH, teacher, train.itemPopularity(), users);
            if (fitted) {
                PopularityPenalty.Fit fit = pools.fit(groups, train, data.valid());
                LOG.info("unkd-plus on {}: {}", data.name(), fit);
                penalty = fit.penalty();
            }
            if (controlled) {
                double[] teacherShares = pools.shares(0);
                double[] target = exposureTarget(teacherShares, PopularityPenalty.heldOutShares(groups, train, data.valid()),
                        config.exposureTilt());
                LOG.info("unkd-plus on {}: target top-20 group shares {} (teacher's {})", data.name(),
                        PopularityPenalty.shown(target, "%.3f"), PopularityPenalty.shown(teacherShares, "%.3f"));
                control = Optional.of(new ExposureControl(users, target, pools.scoreSpread()));
            }
        }
        UnkdPlusDistillation d = new UnkdPlusDistillation(config, teacher, train, groups, unobserved, top, control, penalty,
                (System.nanoTime() - start) / 1e9);
        d.buildCross(executor);
        return d;
    }

    public UnkdPlusConfig config() {
        return config;
    }

    /** The popularity penalty gamma of the cross-group targets: fitted or configured. */
    public double penalty() {
        return penalty;
    }

    /** The exposure controller's current penalty per popularity group (all 0 when it is off). */
    public double[] groupPenalties() {
        return groupPenalties.clone();
    }

    /** The teacher's lists per (user, group), training items left out when the settings say so; the subsets use their first K. */
    TeacherRanking teacherTop() {
        return teacherTop;
    }

    /** The student's lists per (user, group) of the current subsets (empty before the first epoch). */
    Optional<TeacherRanking> studentTop() {
        return Optional.ofNullable(studentTop);
    }

    /** The current epoch's subsets of group g (empty before the first epoch). */
    Optional<ClosedSubsets> subsets(int g) {
        return drawn ? Optional.of(subsets[g]) : Optional.empty();
    }

    Optional<CrossGroupTargets> cross() {
        return cross;
    }

    @Override
    public void startEpoch(EpochContext context) {
        long start = System.nanoTime();
        ChunkedExecutor executor = context.executor();
        Scorer student = context.model().forward().scorer();
        boolean rebuild = false;
        if (studentTop == null || (context.epoch() - 1) % config.refreshEvery() == 0) {
            studentTop = TeacherRanking.compute(student, excluded, groupMembers, config.studentDepth(), executor);
            rebuild = config.crossStudentTop() > 0; // the cross-group set holds the student's best items
        }
        // before epoch 1 the student is its random initialisation: its shares say nothing, and a
        // penalty built on them (on the tail, where random lists put most slots) takes tens of epochs to drain
        if (control.isPresent() && context.epoch() > 1) {
            ExposureControl c = control.get();
            // the student's top 20 of the union of its in-group lists: its overall top 20 (each list holds 20 or its whole group)
            double[] shares = PopularityPenalty.pools(studentTop, PopularityPenalty.CUTOFF, student, popularity, c.users()).shares(0);
            for (int g = 0; g < shares.length; g++) {
                groupPenalties[g] = Math.max(0, groupPenalties[g] + config.exposureGain() * c.scale() * (shares[g] - c.targetShares()[g]));
            }
            rebuild = true;
            if (context.epoch() % 20 == 1) {
                LOG.info("unkd-plus epoch {}: student's top-20 group shares {} (target {}), group penalties {}", context.epoch(),
                        PopularityPenalty.shown(shares, "%.3f"), PopularityPenalty.shown(c.targetShares(), "%.3f"),
                        PopularityPenalty.shown(groupPenalties, "%.4g"));
            }
        }
        if (rebuild) {
            buildCross(executor);
        }
        // group 0 on RCE-KD's stream: with one group the subsets are RCE-KD's
        long seed = Seeds.derive(context.seed(), RejuvenatedCrossEntropyDistillation.STREAM);
        for (int g = 0; g < subsets.length; g++) {
            subsets[g].build(teacherTop, studentTop, g, teacher, g == 0 ? seed : Seeds.derive(seed, g), executor);
        }
        drawn = true;
        epochStarted(start);
    }

    /** The KD weight decays by kdDecay after every kdPatience validations in a row without improvement. */
    @Override
    public void validated(int epoch, double value, boolean improved) {
        if (improved) {
            sinceBest = 0;
        } else if (++sinceBest >= config.kdPatience() && config.kdDecay() < 1) {
            kdWeight *= config.kdDecay();
            sinceBest = 0;
            LOG.info("unkd-plus epoch {}: validation plateau, KD weight now {}", epoch, String.format(Locale.ROOT, "%.4g", kdWeight));
        }
    }

    /** The KD weight now (the configured one until the first plateau). */
    public double currentKdWeight() {
        return kdWeight;
    }

    /** (1 - tilt) times the teacher's shares plus tilt times the held-out interactions'. */
    static double[] exposureTarget(double[] teacherShares, double[] dataShares, double tilt) {
        double[] target = new double[teacherShares.length];
        for (int g = 0; g < target.length; g++) {
            target[g] = (1 - tilt) * teacherShares[g] + tilt * dataShares[g];
        }
        return target;
    }

    /** Numbers the batch's distinct users in ascending order, with their row counts. */
    @Override
    public void beforeBatch(Batch batch, Embeddings emb) {
        units.clear(batch.size());
        units.add(batch.users(), batch.size());
    }

    @Override
    public double accumulate(Batch batch, int from, int to, Embeddings emb, GradientLog log, SplittableRandom rng) {
        if (!drawn) {
            throw new IllegalStateException("unkd-plus subsets not drawn: call startEpoch before the first batch");
        }
        if (kdWeight == 0) {
            return 0;
        }
        int first = units.boundary(from, batch.size());
        int last = units.boundary(to, batch.size());
        SubsetCrossEntropy withinGroup = new SubsetCrossEntropy(config.temperature(), subsets[0].stride());
        double[] z = new double[cross.map(CrossGroupTargets::stride).orElse(0)];
        float[] userGrad = new float[emb.dim()];
        double scale = kdWeight / batch.size();
        double groupShare = 1.0 / subsets.length;
        double loss = 0;
        for (int unit = first; unit < last; unit++) {
            int u = units.id(unit);
            double c = scale * units.count(unit);
            boolean any = false;
            Arrays.fill(userGrad, 0f);
            for (ClosedSubsets group : subsets) {
                if (group.contributes(u)) {
                    loss += withinGroup.add(group, u, c * groupShare, emb, userGrad, log);
                    any = true;
                }
            }
            if (cross.isPresent() && cross.get().contributes(u)) {
                loss += cross.get().add(u, c * config.crossWeight(), emb, userGrad, log, z);
                any = true;
            }
            if (any) {
                log.addUser(u, userGrad, 0, 1f);
            }
        }
        return loss;
    }
}
