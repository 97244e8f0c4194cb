package dev.unkd.distill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.unkd.distill.nn.ExpertActivation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The registry of distillation methods, their parameter descriptions and their settings records' validation. */
class DistillerSettingsTest {
    @Test
    void everySettingsRecordIsRegisteredOnceUnderItsOwnName() {
        Set<Class<?>> registered = DistillationMethods.all().stream().map(MethodDescriptor::type).collect(Collectors.toSet());
        assertThat(registered).containsExactlyInAnyOrder(DistillerSettings.class.getPermittedSubclasses());
        assertThat(DistillationMethods.names()).containsExactly("none", "unkd", "rd", "cd", "de-rrd", "htd", "rrd", "de", "fitnet", "dcd",
                "rce-kd", "hetcomp", "unkd-plus");
        for (MethodDescriptor<?> m : DistillationMethods.all()) {
            assertThat(m.defaults().method()).isEqualTo(m.name());
            assertThat(DistillationMethods.of(m.defaults())).isSameAs(m);
            assertThat(m.description()).as(m.name()).isNotBlank();
        }
    }

    @Test
    void everyMethodNameParsesBackToItsMethod() {
        for (MethodDescriptor<?> m : DistillationMethods.all()) {
            assertThat(DistillationMethods.parse(m.name())).isSameAs(m);
            assertThat(DistillationMethods.parse(" " + m.name().toUpperCase(Locale.ROOT) + " ")).isSameAs(m);
            assertThat(DistillationMethods.parse(m.defaults().method())).isSameAs(m);
        }
        assertThatThrownBy(() -> DistillationMethods.parse("kd")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Unknown distillation method 'kd' (expected one of none, unkd, rd, cd, de-rrd, htd, rrd, de, fitnet, dcd, rce-kd, hetcomp, unkd-plus)");
        assertThatThrownBy(() -> DistillationMethods.parse(null)).hasMessageContaining("expected one of none, unkd");
    }

    @Test
    void kdWeightIsEveryMethodsOwnAndReplaceable() {
        for (MethodDescriptor<?> m : DistillationMethods.all()) {
            DistillerSettings s = m.defaults();
            if (s instanceof NoDistillation) {
                assertThat(s.kdWeight()).isZero();
                assertThat(s.withKdWeight(0.5)).isEqualTo(s);
                continue;
            }
            assertThat(s.kdWeight()).isEqualTo(m.parameter("kdWeight").orElseThrow().defaultValue());
            DistillerSettings changed = s.withKdWeight(0.25);
            assertThat(changed.kdWeight()).isEqualTo(0.25);
            assertThat(changed.params()).containsEntry("kdWeight", 0.25);
            assertThat(m.parameter("kdWeight").orElseThrow().flag()).as(m.name()).contains("--kd-weight");
            assertThat(m.parameter("kdWeight").orElseThrow().sharedFlag()).isTrue();
        }
    }

    @Test
    void badValuesGiveAMessageNamingTheParameter() {
        int checked = 0;
        for (MethodDescriptor<?> m : DistillationMethods.all()) {
            for (MethodParameter p : m.parameters()) {
                Object bad;
                if (p.type() == int.class) {
                    bad = -1;
                } else if (p.type() == double.class) {
                    bad = Double.NaN;
                } else if (p.type() == boolean.class) {
                    continue; // every value is valid
                } else {
                    assertThat(p.type().isEnum()).as(p.name()).isTrue();
                    bad = null;
                }
                Map<String, Object> values = new HashMap<>();
                values.put(p.name(), bad);
                assertThatThrownBy(() -> m.with(values)).as(m.name() + "." + p.name()).isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining(p.name());
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(35);
        // the records themselves, without the descriptor
        assertThatThrownBy(() -> UnkdConfig.defaults().withSampleBudget(0)).hasMessage(
                "Invalid sampleBudget: 0 (pairs per user per epoch, must be >= 1)");
        assertThatThrownBy(() -> RdConfig.defaults().withKdWeight(1.5)).hasMessage("Invalid kdWeight: 1.5 (RD weight, must be in [0, 1])");
        assertThatThrownBy(() -> DeRrdConfig.defaults().withSampling(12, 20, 5)).hasMessageStartingWith("Invalid interesting: 20")
                .hasMessageContaining("1..12 = topT");
        assertThatThrownBy(() -> HtdConfig.defaults().withExpertCutoff(1)).hasMessageStartingWith("Invalid expertCutoff: 1.0");
        assertThatThrownBy(() -> new CdConfig(3000, 50, 0.05, 0, 0, 0.03, false, 1e-10)).hasMessageStartingWith("Invalid t1: 0.0");
    }

    @Test
    void settingParametersByNameValidatesNamesAndTypes() {
        UnkdConfig u = DistillationMethods.UNKD.with(Map.of("groups", 2, "kdWeight", 1, "zeroPopularity", ZeroPopularityItems.LAST_GROUP));
        assertThat(u).isEqualTo(UnkdConfig.defaults().withGroups(2).withKdWeight(1.0).withZeroPopularity(ZeroPopularityItems.LAST_GROUP));
        assertThat(DistillationMethods.UNKD.with(u, Map.of("candidates", 50))).isEqualTo(u.withCandidates(50));
        assertThatThrownBy(() -> DistillationMethods.UNKD.with(Map.of("samples", 3))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Unknown parameter 'samples' of unkd (expected one of groups, sampleBudget, ratioExponent, temperature,"
                        + " candidates, tieRedraw, zeroPopularity, kdWeight, epsilon)");
        assertThatThrownBy(() -> DistillationMethods.UNKD.with(Map.of("groups", 2.5))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid groups of unkd: expected int, got 2.5 (Double)");
        assertThatThrownBy(() -> DistillationMethods.NONE.with(Map.of("kdWeight", 1.0)))
                .hasMessage("Unknown parameter 'kdWeight': none has no parameters");
        assertThatThrownBy(() -> DistillationMethods.RD.params(UnkdConfig.defaults())).hasMessage("settings of unkd, not of rd");
    }

    @Test
    void provenanceIsSortedAndCompleteDefaultsIncluded() {
        for (MethodDescriptor<?> m : DistillationMethods.all()) {
            Map<String, Object> params = m.defaults().params();
            List<String> components = Arrays.stream(m.type().getRecordComponents()).map(c -> c.getName()).toList();
            assertThat(new ArrayList<>(params.keySet())).as(m.name()).isSorted().containsExactlyInAnyOrderElementsOf(components);
            for (MethodParameter p : m.parameters()) {
                assertThat(params.get(p.name())).as(m.name() + "." + p.name()).isEqualTo(p.defaultValue());
            }
        }
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("activation", ExpertActivation.HIDDEN);
        expected.put("alpha", 0.3);
        expected.put("expertCutoff", 1e-6);
        expected.put("gateTemperature", 0.1);
        expected.put("groups", 30);
        expected.put("kdWeight", 1e-6);
        expected.put("lr", 0.01);
        expected.put("prototypeRelations", PrototypeRelations.OTHER_GROUPS);
        assertThat(HtdConfig.defaults().withAlpha(0.3).params()).containsExactlyEntriesOf(expected);
        assertThat(new NoDistillation().params()).isEmpty();
    }

    @Test
    void canonicalTextIsTheRecordsOwnLessKeyNeutralComponentsSoRunKeysStay() {
        for (MethodDescriptor<?> m : DistillationMethods.all()) {
            DistillerSettings s = m.defaults().withKdWeight(0.125);
            assertThat(m.canonical(s)).isEqualTo(s.toString().replace(" pairWeight=0.0,", "").replace(" crossStudentTop=0,", "")
                    .replace(" kdPatience=2,", "").replace(" penaltyUnit=POOLED,", ""));
        }
        UnkdPlusConfig withPairs = UnkdPlusConfig.defaults().withPairWeight(0.5);
        assertThat(DistillationMethods.UNKD_PLUS.canonical(withPairs)).isEqualTo(withPairs.toString().replace(" crossStudentTop=0,", "").replace(" kdPatience=2,", "")
                .replace(" penaltyUnit=POOLED,", ""))
                .contains("pairWeight=0.5");
        UnkdPlusConfig withStudent = UnkdPlusConfig.defaults().withCrossStudent(10);
        assertThat(DistillationMethods.UNKD_PLUS.canonical(withStudent)).contains("crossStudentTop=10").doesNotContain("pairWeight");
        assertThat(DistillationMethods.UNKD.canonical(UnkdConfig.defaults())).isEqualTo("UnkdConfig[groups=4, sampleBudget=30,"
                + " ratioExponent=0.0, temperature=20.0, candidates=1000, tieRedraw=PAIR, zeroPopularity=EXCLUDED, kdWeight=0.05,"
                + " epsilon=1.0E-10]");
    }

    @Test
    void flagsAreUniqueExceptTheSharedOnes() {
        Map<String, String> owner = new HashMap<>();
        for (MethodDescriptor<?> m : DistillationMethods.all()) {
            for (MethodParameter p : m.parameters()) {
                if (p.ownFlag()) {
                    String flag = p.flag().orElseThrow();
                    assertThat(flag).startsWith("--");
                    assertThat(owner.put(flag, m.name() + "." + p.name())).as(flag).isNull();
                }
            }
        }
        Set<String> shared = DistillationMethods.all().stream().flatMap(m -> m.parameters().stream()).filter(MethodParameter::sharedFlag)
                .map(p -> p.flag().orElseThrow()).collect(Collectors.toSet());
        // rrd's and de's parameters take DE-RRD's flags, unkd-plus takes UnKD's --groups
        assertThat(shared).containsExactlyInAnyOrder("--kd-weight", "--lr", "--rrd-t", "--rrd-k", "--rrd-l", "--rrd-redraw", "--experts",
                "--de-temperature", "--de-activation", "--groups", "--zero-popularity");
        for (MethodDescriptor<?> m : DistillationMethods.all()) {
            for (MethodParameter p : m.parameters()) {
                if (p.sharedFlag() && !p.flag().get().equals("--kd-weight") && !p.flag().get().equals("--lr")) {
                    assertThat(owner).as(p.flag().get()).containsKey(p.flag().get());
                }
            }
        }
        // the flags unkd distill has always had (--item-groups and --pairs are the command's, not parameters)
        assertThat(owner.keySet()).containsExactlyInAnyOrder("--groups", "--samples", "--temperature", "--candidates", "--ratio-exponent",
                "--zero-popularity", "--rd-top-k", "--rd-dynamic", "--rd-start-epoch", "--de-weight", "--experts", "--de-temperature",
                "--de-activation", "--de-entities", "--rrd-t", "--rrd-k", "--rrd-l", "--rrd-redraw", "--htd-groups", "--htd-alpha",
                "--htd-temperature", "--htd-prototypes", "--htd-cutoff", "--rrd-sample", "--fitnet-bias", "--dcd-t", "--dcd-k", "--dcd-epsilon",
                "--dcd-refresh", "--dcd-item-side", "--rce-k", "--rce-l", "--rce-depth", "--rce-tau", "--rce-beta", "--rce-refresh",
                "--rce-mask-train", "--hetcomp-k", "--hetcomp-observed", "--hetcomp-rest", "--hetcomp-depth", "--hetcomp-p",
                "--hetcomp-alpha", "--hetcomp-bpr", "--plus-k", "--plus-l", "--plus-depth", "--plus-tau", "--plus-refresh", "--plus-mask-train",
                "--cross-weight", "--cross-top", "--popularity-penalty", "--fit-penalty", "--exposure-gain", "--exposure-tilt",
                "--plus-pair-weight", "--cross-student", "--plus-kd-decay", "--plus-kd-patience", "--penalty-unit");
    }
}
