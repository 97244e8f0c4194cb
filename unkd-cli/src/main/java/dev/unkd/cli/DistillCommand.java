package dev.unkd.cli;

import dev.unkd.data.Dataset;
import dev.unkd.data.PopularityGroups;
import dev.unkd.distill.CdConfig;
import dev.unkd.distill.DeEntities;
import dev.unkd.distill.DeRrdConfig;
import dev.unkd.distill.DistillationConfig;
import dev.unkd.distill.DistillationMethod;
import dev.unkd.distill.HtdConfig;
import dev.unkd.distill.PairShardHeader;
import dev.unkd.distill.PairShards;
import dev.unkd.distill.PrototypeRelations;
import dev.unkd.distill.RdConfig;
import dev.unkd.distill.UnkdConfig;
import dev.unkd.distill.ZeroPopularityItems;
import dev.unkd.distill.nn.ExpertActivation;
import dev.unkd.teacher.Teacher;
import dev.unkd.train.TrainingConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code unkd distill}: trains a student from a teacher with UnKD or a baseline. */
@Command(name = "distill", mixinStandardHelpOptions = true,
        description = {"Train a student (default MF, dim 10) from a teacher with UnKD or a baseline distillation method.",
            "The teacher's ranking is computed once: 4 bytes x users x groups x candidates of memory for unkd",
            "(5,219 users x 4 x 1000 = 83 MB on CiteULike), 4 x users x 3000 for cd, 4 x users x 30 for rd,",
            "4 x users x 100 for de-rrd. de-rrd and htd need a teacher with embeddings (--teacher or --teacher-embeddings).",
            "PD-CD and PD-HTD: cd and htd from a teacher trained with 'unkd train --pd-gamma 0.1' (gamma 1 collapses on CiteULike, see docs/DE-RRD-HTD-PD.md).",
            "unkd --pairs DIR: no teacher; epoch e's pairs are read from the shards of 'unkd spark unkd-pairs' (epoch=e/),",
            "which equal the pairs an in-process run with the shards' --seed draws; past the epochs held they are reused",
            "cyclically (epoch first + ((e - first) mod epochs)), so draw as many epochs as you train for fresh pairs."})
final class DistillCommand implements Callable<Integer> {
    /** Options that shape in-process sampling or the teacher, meaningless with --pairs (the shards fixed them). */
    private static final List<String> NOT_WITH_PAIRS = List.of("--groups", "--samples", "--temperature", "--candidates", "--ratio-exponent",
            "--zero-popularity", "--item-groups", "--teacher-ids", "--missing-items");

    @Spec
    CommandSpec spec;
    @Mixin
    CommonOptions common;
    @Mixin
    DataOptions data;
    @Mixin
    TeacherOptions teacher;
    @Mixin
    TrainingOptions training;

    @Option(names = "--method", description = "none, unkd, rd, cd, de-rrd or htd (default: ${DEFAULT-VALUE}).")
    String method = "unkd";

    @Option(names = "--kd-weight", description = "Weight of the distillation term (default: the method's, chosen on CiteULike validation users:"
            + " 0.05 for unkd, 0.3 for rd, 0.03 for cd, 0.01 for de-rrd's RRD term, 1e-6 for htd, whose topology and"
            + " reconstruction terms are sums over the batch's entities).")
    Double kdWeight;

    @Option(names = "--groups", description = "unkd: popularity groups K (default: ${DEFAULT-VALUE}; 1 = no stratification).")
    int groups = UnkdConfig.defaults().groups();

    @Option(names = "--samples", description = "unkd: pairs per user per epoch, split over the groups (default: ${DEFAULT-VALUE}).")
    int samples = UnkdConfig.defaults().sampleBudget();

    @Option(names = "--temperature", description = "unkd: mu of the rank law exp(-(r+1)/mu) (default: ${DEFAULT-VALUE}).")
    double temperature = UnkdConfig.defaults().temperature();

    @Option(names = "--candidates", description = "unkd: teacher's top items kept per user and group (default: ${DEFAULT-VALUE}).")
    int candidates = UnkdConfig.defaults().candidates();

    @Option(names = "--ratio-exponent", description = "unkd: lambda of the popularity-ratio allocation of pairs to groups (default: ${DEFAULT-VALUE} = equal shares).")
    double ratioExponent = UnkdConfig.defaults().ratioExponent();

    @Option(names = "--zero-popularity", description = "unkd: items without training interactions: EXCLUDED (authors' code) or LAST_GROUP (default: ${DEFAULT-VALUE}).")
    ZeroPopularityItems zeroPopularity = UnkdConfig.defaults().zeroPopularity();

    @Option(names = "--item-groups", description = "unkd: read the popularity groups from an 'item group' file (e.g. the authors' item_groups.txt) instead of computing them.")
    Path itemGroups;

    @Option(names = "--pairs", description = "unkd: train from the pair shards of 'unkd spark unkd-pairs' (a directory with pairs.json) instead of"
            + " drawing pairs from a teacher; no teacher option is needed.")
    Path pairs;

    @Option(names = "--rd-top-k", description = "rd: teacher's top items used as positives (default: ${DEFAULT-VALUE}).")
    int rdTopK = RdConfig.defaults().topK();

    @Option(names = "--rd-dynamic", negatable = true, description = "rd: dynamic weights from the student's rank estimate (default: ${DEFAULT-VALUE}).")
    boolean rdDynamic = RdConfig.defaults().dynamicWeights();

    @Option(names = "--rd-start-epoch", description = "rd: epoch after which dynamic weights start (default: ${DEFAULT-VALUE}).")
    int rdStartEpoch = RdConfig.defaults().dynamicStartEpoch();

    @Option(names = "--de-weight", description = "de-rrd: weight of the DE reconstruction term (default: ${DEFAULT-VALUE}).")
    double deWeight = DeRrdConfig.defaults().deWeight();

    @Option(names = "--experts", description = "de-rrd: experts per side (default: ${DEFAULT-VALUE}).")
    int experts = DeRrdConfig.defaults().experts();

    @Option(names = "--de-temperature", description = "de-rrd: Gumbel-softmax temperature of expert selection (default: ${DEFAULT-VALUE}).")
    double deTemperature = DeRrdConfig.defaults().gateTemperature();

    @Option(names = "--de-activation", description = "de-rrd: expert ReLU after the HIDDEN layer (DE paper) or the OUTPUT layer (UnKD code) (default: ${DEFAULT-VALUE}).")
    ExpertActivation deActivation = DeRrdConfig.defaults().activation();

    @Option(names = "--de-entities", description = "de-rrd: entities DE reconstructs: RRD_SAMPLES (UnKD code: batch users and their RRD items) or BATCH (DE code: batch users, positives, negatives) (default: ${DEFAULT-VALUE}).")
    DeEntities deEntities = DeRrdConfig.defaults().deEntities();

    @Option(names = "--rrd-t", description = "de-rrd: teacher's top items the interesting items are drawn from (default: ${DEFAULT-VALUE}).")
    int rrdT = DeRrdConfig.defaults().topT();

    @Option(names = "--rrd-k", description = "de-rrd: interesting items per user (default: ${DEFAULT-VALUE}).")
    int rrdK = DeRrdConfig.defaults().interesting();

    @Option(names = "--rrd-l", description = "de-rrd: uninteresting items per user (default: ${DEFAULT-VALUE}).")
    int rrdL = DeRrdConfig.defaults().uninteresting();

    @Option(names = "--rrd-redraw", negatable = true, description = "de-rrd: redraw the RRD samples every epoch (DE-RRD code) instead of once (UnKD code) (default: ${DEFAULT-VALUE}).")
    boolean rrdRedraw = DeRrdConfig.defaults().redrawEveryEpoch();

    @Option(names = "--htd-groups", description = "htd: groups per side (default: ${DEFAULT-VALUE}).")
    int htdGroups = HtdConfig.defaults().groups();

    @Option(names = "--htd-alpha", description = "htd: weight of topology vs group assignment, alpha TD + (1 - alpha) GA (default: ${DEFAULT-VALUE}).")
    double htdAlpha = HtdConfig.defaults().alpha();

    @Option(names = "--htd-temperature", description = "htd: Gumbel-softmax temperature of group assignment (default: ${DEFAULT-VALUE}).")
    double htdTemperature = HtdConfig.defaults().gateTemperature();

    @Option(names = "--htd-prototypes", description = "htd: group-level topology compares each entity with the prototypes of OTHER_GROUPS (UnKD code) or ALL_GROUPS (HTD code) (default: ${DEFAULT-VALUE}).")
    PrototypeRelations htdPrototypes = HtdConfig.defaults().prototypeRelations();

    @Option(names = "--htd-cutoff", description = "htd: skip reconstruction networks whose Gumbel-softmax weight is below this (0 = exact) (default: ${DEFAULT-VALUE}).")
    double htdCutoff = HtdConfig.defaults().expertCutoff();

    @Option(names = "--out", description = "Student model file to write.")
    Path out;

    @Option(names = "--json", description = "Metrics JSON to write (same as train, plus the method and its parameters).")
    Path json;

    @Override
    public Integer call() throws Exception {
        training.defaultDim(10);
        DistillationMethod m = DistillationMethod.parse(method);
        checkSources(m);
        Dataset dataset = data.load(common.seed);
        DistillationConfig config = config(m);
        if (pairs != null) {
            PairShards shards = PairShards.open(pairs, dataset.users(), dataset.items());
            noteShards(shards.header());
            StudentRun.run(common, training, dataset,
                    pipeline -> pipeline.distill(dataset, shards, training.spec(), config.unkd(), training.config(common.seed)), out, json);
            return 0;
        }
        Teacher t = teacher.load(dataset);
        PopularityGroups groups = itemGroups != null && m == DistillationMethod.UNKD
                ? PopularityGroups.read(itemGroups, dataset.items(), dataset.train().itemPopularity()) : null;
        TrainingConfig trainingConfig = training.config(common.seed);
        StudentRun.run(common, training, dataset, pipeline -> groups != null
                ? pipeline.distill(dataset, t, training.spec(), config.unkd(), groups, trainingConfig)
                : pipeline.distill(dataset, t, training.spec(), m, config, trainingConfig), out, json);
        return 0;
    }

    private void checkSources(DistillationMethod m) {
        if (pairs == null) {
            if (!teacher.given()) {
                throw new ParameterException(spec.commandLine(),
                        "Missing teacher: give --teacher, --teacher-embeddings or --teacher-scores (or --pairs with --method unkd)");
            }
            return;
        }
        if (m != DistillationMethod.UNKD) {
            throw new ParameterException(spec.commandLine(), "--pairs holds UnKD pairs and works with --method unkd only (got " + m.cliName() + ")");
        }
        if (teacher.given()) {
            throw new ParameterException(spec.commandLine(), "--pairs replaces the teacher: give either --pairs or a teacher option, not both");
        }
        for (String option : NOT_WITH_PAIRS) {
            if (spec.commandLine().getParseResult().hasMatchedOption(option)) {
                throw new ParameterException(spec.commandLine(), option + " does not apply with --pairs: the shards were drawn with their"
                        + " own settings (see " + PairShards.HEADER + "); set them on unkd spark unkd-pairs");
            }
        }
    }

    /** Tells what differs from an in-process run: other seed, or fewer epochs than may be trained. */
    private void noteShards(PairShardHeader h) {
        if (common.quiet) {
            return;
        }
        if (h.seed() != common.seed) {
            System.err.printf("unkd: note: the pairs were drawn for seed %d, this run uses --seed %d: valid UnKD pairs, but not the ones"
                    + " an in-process run with seed %d would draw%n", h.seed(), common.seed, common.seed);
        }
        if (h.firstEpoch() > 1 || h.lastEpoch() < training.epochs) {
            System.err.printf("unkd: note: the pairs hold epochs %d..%d of up to %d trained; other epochs reuse them cyclically%n",
                    h.firstEpoch(), h.lastEpoch(), training.epochs);
        }
    }

    private DistillationConfig config(DistillationMethod m) {
        UnkdConfig unkd = UnkdConfig.defaults().withGroups(groups).withSampleBudget(samples).withTemperature(temperature)
                .withCandidates(candidates).withRatioExponent(ratioExponent).withZeroPopularity(zeroPopularity);
        RdConfig rd = RdConfig.defaults().withDynamicWeights(rdDynamic, rdStartEpoch);
        rd = new RdConfig(rdTopK, rd.positionTemperature(), rd.dynamicWeights(), rd.dynamicStartEpoch(), rd.mu(), rd.dynamicSamples(),
                rd.kdWeight(), rd.averageOverList());
        // DE's experts and HTD's networks train with the student's learning rate, as in the authors' single optimiser
        DeRrdConfig deRrd = DeRrdConfig.defaults().withSampling(rrdT, rrdK, rrdL).withRedrawEveryEpoch(rrdRedraw).withDeWeight(deWeight)
                .withExperts(experts, deTemperature, deActivation).withDeEntities(deEntities).withLr(training.lr);
        HtdConfig htd = HtdConfig.defaults().withGroups(htdGroups).withAlpha(htdAlpha).withGateTemperature(htdTemperature)
                .withPrototypeRelations(htdPrototypes).withExpertCutoff(htdCutoff).withLr(training.lr);
        DistillationConfig config = DistillationConfig.defaults().withUnkd(unkd).withRd(rd).withCd(CdConfig.defaults()).withDeRrd(deRrd)
                .withHtd(htd);
        return kdWeight == null || m == DistillationMethod.NONE ? config : config.withKdWeight(m, kdWeight);
    }
}
