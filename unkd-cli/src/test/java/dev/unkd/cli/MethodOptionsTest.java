package dev.unkd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unkd.distill.DeRrdConfig;
import dev.unkd.distill.DistillationMethods;
import dev.unkd.distill.DistillerSettings;
import dev.unkd.distill.HtdConfig;
import dev.unkd.distill.MethodDescriptor;
import dev.unkd.distill.PrototypeRelations;
import dev.unkd.distill.RdConfig;
import dev.unkd.distill.UnkdConfig;
import dev.unkd.distill.ZeroPopularityItems;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/** unkd distill's method options, derived from the registered methods' parameter descriptions. */
class MethodOptionsTest {
    /** The distill command's spec after parsing {@code args}. */
    private static CommandSpec parsed(String... args) {
        List<String> all = new ArrayList<>(List.of("distill"));
        all.addAll(List.of(args));
        CommandLine.ParseResult r = Main.commandLine().parseArgs(all.toArray(String[]::new));
        return r.subcommand().commandSpec();
    }

    @Test
    void helpHasOneSectionPerMethodWithItsOwnOptions() {
        CliRunner.Result r = CliRunner.run("distill", "--help");
        assertThat(r.exitCode()).isZero();
        String help = r.out();
        List<String> headings = new ArrayList<>();
        for (MethodDescriptor<?> m : DistillationMethods.all()) {
            if (!MethodOptions.ownFlags(m).isEmpty()) {
                headings.add(m.label() + " options: ");
            }
        }
        assertThat(headings).containsExactly("UnKD options: ", "RD options: ", "DE-RRD options: ", "HTD options: ", "RRD options: ",
                "FitNet options: ", "DCD options: ", "RCE-KD options: ", "HetComp options: ", "UnKD+ options: ");
        int previous = help.indexOf("--kd-weight=");
        assertThat(previous).as("the common options come first").isPositive().isLessThan(help.indexOf(headings.get(0)));
        for (MethodDescriptor<?> m : DistillationMethods.all()) {
            if (MethodOptions.ownFlags(m).isEmpty()) {
                continue;
            }
            int start = help.indexOf("\n" + m.label() + " options: ");
            assertThat(start).as(m.label()).isGreaterThan(previous);
            assertThat(help.indexOf("\n" + m.label() + " options: ", start + 1)).as("one " + m.label() + " section").isNegative();
            int end = help.indexOf(" options: ", start + m.label().length() + 12);
            String section = help.substring(start, end < 0 ? help.length() : end);
            for (String flag : MethodOptions.ownFlags(m)) {
                assertThat(section).as(m.label() + " section").containsPattern("(" + flag + "|--\\[no-\\]" + flag.substring(2) + ")[= ]");
            }
            previous = start;
        }
        // its options are no longer in the flat list
        String flat = help.substring(help.indexOf("\n      --batch="), help.indexOf("UnKD options: "));
        assertThat(flat).doesNotContain("--groups=", "--rd-top-k=", "--rrd-t=", "--htd-alpha=", "--pairs=", "--item-groups=");
        assertThat(help).contains("--pairs=", "--item-groups=", "(default: 4)", "Parameters without a flag", "cd: candidates=3000");
        // a shared flag's line in a method's section gives that method's default (unkd-plus's zeroPopularity is not UnKD's)
        String plus = help.substring(help.indexOf("\nUnKD+ options: "));
        assertThat(plus.replaceAll("\\s+", " ")).contains("--zero-popularity: Items without training interactions:", "(default: LAST_GROUP).");
        assertThat(help).contains("--method=<method>      none, unkd, rd, cd, de-rrd, htd, rrd, de, fitnet,", "dcd, rce-kd, hetcomp, unkd-plus (default: unkd).");
    }

    @Test
    void everyMethodsDefaultsApplyWithoutFlags() {
        CommandSpec spec = parsed();
        for (MethodDescriptor<?> m : DistillationMethods.all()) {
            DistillerSettings s = MethodOptions.settings(spec, m);
            if (m == DistillationMethods.DE_RRD || m == DistillationMethods.HTD) {
                // their networks train with the student's --lr, whose default is the records' too
                assertThat(s.params()).isEqualTo(m.defaults().params());
            } else {
                assertThat(s).isEqualTo(m.defaults());
            }
        }
        assertThat(MethodOptions.method(spec)).isSameAs(DistillationMethods.UNKD);
    }

    @Test
    void flagsSetTheirParameters() {
        CommandSpec spec = parsed("--method", "HTD", "--groups", "3", "--samples", "12", "--zero-popularity", "LAST_GROUP", "--kd-weight",
                "0.5", "--lr", "0.02", "--htd-cutoff", "0.1", "--htd-prototypes", "ALL_GROUPS", "--rd-top-k", "7", "--no-rd-dynamic",
                "--rrd-t", "12", "--rrd-k", "4", "--no-rrd-redraw");
        assertThat(MethodOptions.method(spec)).isSameAs(DistillationMethods.HTD);
        assertThat(MethodOptions.settings(spec, DistillationMethods.UNKD)).isEqualTo(UnkdConfig.defaults().withGroups(3)
                .withSampleBudget(12).withZeroPopularity(ZeroPopularityItems.LAST_GROUP).withKdWeight(0.5));
        assertThat(MethodOptions.settings(spec, DistillationMethods.RD)).isEqualTo(new RdConfig(7, 1.0, false, 100, 0.1, 100, 0.5, false));
        assertThat(MethodOptions.settings(spec, DistillationMethods.DE_RRD)).isEqualTo(DeRrdConfig.defaults().withSampling(12, 4, 20)
                .withRedrawEveryEpoch(false).withKdWeight(0.5).withLr(0.02));
        assertThat(MethodOptions.settings(spec, DistillationMethods.HTD)).isEqualTo(HtdConfig.defaults().withExpertCutoff(0.1)
                .withPrototypeRelations(PrototypeRelations.ALL_GROUPS).withKdWeight(0.5).withLr(0.02));
        assertThat(MethodOptions.otherMethodsFlags(spec, DistillationMethods.HTD, Map.of()))
                .containsEntry("--groups", "UnKD").containsEntry("--rd-top-k", "RD").containsEntry("--rrd-t", "DE-RRD")
                .doesNotContainKey("--htd-cutoff");
    }

    @Test
    void rrdAndDeTakeDeRrdsFlagsAndAreNotToldTheyAreIgnored() {
        CommandSpec spec = parsed("--method", "rrd", "--rrd-t", "12", "--rrd-k", "4", "--no-rrd-sample", "--experts", "3");
        assertThat(MethodOptions.settings(spec, DistillationMethods.RRD)).isEqualTo(dev.unkd.distill.RrdConfig.defaults()
                .withSampling(12, 4, 20).withSampleInteresting(false));
        assertThat(MethodOptions.otherMethodsFlags(spec, DistillationMethods.RRD, Map.of())).containsOnlyKeys("--experts");
        CommandSpec de = parsed("--method", "de", "--experts", "3", "--de-temperature", "2", "--kd-weight", "0.02", "--lr", "0.005");
        assertThat(MethodOptions.settings(de, DistillationMethods.DE)).isEqualTo(new dev.unkd.distill.DeConfig(0.02, 3, 2.0,
                dev.unkd.distill.nn.ExpertActivation.HIDDEN, 0.005));
        assertThat(MethodOptions.otherMethodsFlags(de, DistillationMethods.DE, Map.of())).isEmpty();
    }

    @Test
    void negatableFlagsMeanWhatTheySay() {
        assertThat(((RdConfig) MethodOptions.settings(parsed("--rd-dynamic"), DistillationMethods.RD)).dynamicWeights()).isTrue();
        assertThat(((RdConfig) MethodOptions.settings(parsed("--no-rd-dynamic"), DistillationMethods.RD)).dynamicWeights()).isFalse();
        assertThat(((DeRrdConfig) MethodOptions.settings(parsed("--rrd-redraw"), DistillationMethods.DE_RRD)).redrawEveryEpoch()).isTrue();
        assertThat(((DeRrdConfig) MethodOptions.settings(parsed("--no-rrd-redraw"), DistillationMethods.DE_RRD)).redrawEveryEpoch())
                .isFalse();
    }

    @Test
    void optionsOfAnotherMethodAreNotedAndBadValuesNameTheParameter() {
        String missing = "/nonexistent/unkd-data";
        CliRunner.Result r = CliRunner.run("distill", "--data", missing, "--teacher-scores", "x.tsv", "--method", "rd", "--groups", "0",
                "--rd-top-k", "5");
        assertThat(r.exitCode()).isEqualTo(Main.FAILED);
        assertThat(r.err()).contains("unkd: note: --groups is an option of UnKD, ignored with --method rd").doesNotContain("--rd-top-k is");
        // the settings are checked before any data is read
        CliRunner.Result bad = CliRunner.run("distill", "--data", missing, "--teacher-scores", "x.tsv", "--groups", "0");
        assertThat(bad.exitCode()).isEqualTo(Main.FAILED);
        assertThat(bad.err()).contains("unkd: error: Invalid groups: 0 (number of popularity groups, must be >= 1)");
        CliRunner.Result type = CliRunner.run("distill", "--data", missing, "--teacher-scores", "x.tsv", "--groups", "2.5");
        assertThat(type.exitCode()).isEqualTo(Main.USAGE);
        assertThat(type.err()).contains("--groups");
    }
}
