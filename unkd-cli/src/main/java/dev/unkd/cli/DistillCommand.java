package dev.unkd.cli;

import dev.unkd.data.Dataset;
import dev.unkd.data.PopularityGroups;
import dev.unkd.distill.DistillationMethods;
import dev.unkd.distill.DistillerSettings;
import dev.unkd.distill.MethodDescriptor;
import dev.unkd.distill.PairShardHeader;
import dev.unkd.distill.PairShards;
import dev.unkd.distill.UnkdConfig;
import dev.unkd.teacher.Teacher;
import dev.unkd.train.TrainingConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.IModelTransformer;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code unkd distill}: trains a student from a teacher with UnKD or a baseline. */
@Command(name = "distill", mixinStandardHelpOptions = true, modelTransformer = DistillCommand.Options.class,
        description = {"Train a student (default MF, dim 10) from a teacher with UnKD or a baseline distillation method.",
            "The teacher's ranking is computed once: 4 bytes x users x groups x candidates of memory for unkd",
            "(5,219 users x 4 x 1000 = 83 MB on CiteULike), 4 x users x 3000 for cd, 4 x users x 30 for rd,",
            "4 x users x 100 for de-rrd. de-rrd and htd need a teacher with embeddings (--teacher or --teacher-embeddings).",
            "PD-CD and PD-HTD: cd and htd from a teacher trained with 'unkd train --pd-gamma 0.1' (gamma 1 collapses on CiteULike, see docs/DE-RRD-HTD-PD.md).",
            "hetcomp distils from training trajectories: teachers trained with 'unkd train --checkpoints E1,E2,... --out T.unkd'",
            "(checkpoints in T.checkpoints/); repeat --teacher for several teachers (e.g. MF and LightGCN).",
            "unkd --pairs DIR: no teacher; epoch e's pairs are read from the shards of 'unkd spark unkd-pairs' (epoch=e/),",
            "which equal the pairs an in-process run with the shards' --seed draws; past the epochs held they are reused",
            "cyclically (epoch first + ((e - first) mod epochs)), so draw as many epochs as you train for fresh pairs.",
            "Each method's options are in its own section below; options of a method other than --method's are ignored."})
final class DistillCommand implements Callable<Integer> {
    private static final String ITEM_GROUPS = "--item-groups";
    private static final String PAIRS = "--pairs";
    private static final String HETCOMP_CHECKPOINTS = "--hetcomp-checkpoints";
    /** Names of the command-line-only options of a method ({@link #extras()}). */
    private static final Map<String, List<String>> EXTRAS = extras().entrySet().stream()
            .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().stream().map(OptionSpec::longestName).toList()));

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

    @Option(names = "--out", description = "Student model file to write.")
    Path out;

    @Option(names = "--json", description = "Metrics JSON to write (same as train, plus the method and its parameters).")
    Path json;

    /** Adds --method, --kd-weight and the methods' sections ({@link MethodOptions}), with the {@link #extras()}. */
    static final class Options implements IModelTransformer {
        @Override
        public CommandSpec transform(CommandSpec spec) {
            return MethodOptions.addTo(spec, extras());
        }
    }

    /**
     * Command-line-only options of a method, shown in its section: UnKD's --item-groups and --pairs,
     * HetComp's --hetcomp-checkpoints (new specs on each call).
     */
    private static Map<String, List<OptionSpec>> extras() {
        return Map.of(DistillationMethods.HETCOMP.name(), List.of(
                OptionSpec.builder(HETCOMP_CHECKPOINTS).type(List.class).auxiliaryTypes(Path.class).splitRegex(",").paramLabel("DIR,...")
                        .description("Checkpoint directories of the --teacher files, one per teacher in the same order (default: next to"
                                + " each, t.unkd -> t.checkpoints, as 'unkd train --checkpoints' writes them).").build()),
                DistillationMethods.UNKD.name(), List.of(
                OptionSpec.builder(ITEM_GROUPS).type(Path.class).paramLabel("<itemGroups>").description("Read the popularity groups from an"
                        + " 'item group' file (e.g. the authors' item_groups.txt) instead of computing them.").build(),
                OptionSpec.builder(PAIRS).type(Path.class).paramLabel("<pairs>").description("Train from the pair shards of 'unkd spark"
                        + " unkd-pairs' (a directory with pairs.json) instead of drawing pairs from a teacher; no teacher option is needed.")
                        .build()));
    }

    @Override
    public Integer call() throws Exception {
        training.defaultDim(10);
        StudentRun.checkOutputs(spec, out, json);
        MethodDescriptor<?> m = MethodOptions.method(spec);
        Path pairs = spec.findOption(PAIRS).getValue();
        Path itemGroups = spec.findOption(ITEM_GROUPS).getValue();
        checkSources(m, pairs);
        noteOtherMethodsOptions(m);
        // DE-RRD's experts and HTD's networks train with the student's --lr, as in the authors' single optimiser
        DistillerSettings settings = MethodOptions.settings(spec, m);
        Dataset dataset = data.load(common.seed);
        if (pairs != null) {
            UnkdConfig unkd = (UnkdConfig) settings;
            PairShards shards = PairShards.open(pairs, dataset.users(), dataset.items());
            noteShards(shards.header());
            StudentRun.run(common, training, dataset,
                    pipeline -> pipeline.distill(dataset, shards, training.spec(), unkd, training.config(common.seed)), out, json);
            return 0;
        }
        List<Path> checkpointDirs = spec.findOption(HETCOMP_CHECKPOINTS).getValue();
        Teacher t = m == DistillationMethods.HETCOMP ? teacher.loadTrajectories(dataset, checkpointDirs) : teacher.load(dataset);
        PopularityGroups groups = itemGroups != null && settings instanceof UnkdConfig
                ? PopularityGroups.read(itemGroups, dataset.items(), dataset.train().itemPopularity()) : null;
        TrainingConfig trainingConfig = training.config(common.seed);
        StudentRun.run(common, training, dataset, pipeline -> groups != null
                ? pipeline.distill(dataset, t, training.spec(), (UnkdConfig) settings, groups, trainingConfig)
                : pipeline.distill(dataset, t, training.spec(), settings, trainingConfig), out, json);
        return 0;
    }

    private void checkSources(MethodDescriptor<?> m, Path pairs) {
        if (pairs == null) {
            if (!teacher.given()) {
                throw new ParameterException(spec.commandLine(),
                        "Missing teacher: give --teacher, --teacher-embeddings or --teacher-scores (or --pairs with --method unkd)");
            }
            return;
        }
        if (m != DistillationMethods.UNKD) {
            throw new ParameterException(spec.commandLine(), "--pairs holds UnKD pairs and works with --method unkd only (got " + m.name() + ")");
        }
        if (teacher.given()) {
            throw new ParameterException(spec.commandLine(), "--pairs replaces the teacher: give either --pairs or a teacher option, not both");
        }
        // options that shape in-process sampling or the teacher, meaningless with --pairs (the shards fixed them)
        List<String> notWithPairs = new ArrayList<>(MethodOptions.ownFlags(DistillationMethods.UNKD));
        notWithPairs.addAll(List.of(ITEM_GROUPS, "--teacher-ids", "--missing-items"));
        for (String option : notWithPairs) {
            if (spec.commandLine().getParseResult().hasMatchedOption(option)) {
                throw new ParameterException(spec.commandLine(), option + " does not apply with --pairs: the shards were drawn with their"
                        + " own settings (see " + PairShards.HEADER + "); set them on unkd spark unkd-pairs");
            }
        }
    }

    /** Options of another method than the chosen one are ignored; say so. */
    private void noteOtherMethodsOptions(MethodDescriptor<?> m) {
        if (common.quiet) {
            return;
        }
        MethodOptions.otherMethodsFlags(spec, m, EXTRAS).forEach((flag, label) -> System.err.printf(
                "unkd: note: %s is an option of %s, ignored with --method %s%n", flag, label, m.name()));
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
}
