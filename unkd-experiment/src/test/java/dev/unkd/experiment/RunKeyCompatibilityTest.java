package dev.unkd.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unkd.distill.DistillationMethods;
import dev.unkd.distill.MethodDescriptor;
import dev.unkd.model.ModelSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * Run keys find the stored runs of an experiment, so they must not change when the code does:
 * these are the keys for every method with defaults, a KD weight, and training keys, as computed
 * since the "run-v2" prefix (the LazyAdam fix of 2026-12-01 changed trained models, so runs
 * stored before it are trained again); the refactorings before it kept the v1 keys unchanged.
 * A new method appends its keys; a change of these is a change of what stored runs mean (unkd-plus's
 * last: its defaults of 2026-12-06, per-user penalty units and the exposure target half-way to the
 * validation interactions' group shares, train other students).
 */
class RunKeyCompatibilityTest {
    private static final List<String> KEYS_BEFORE = List.of(
            "none\t{}\tc1d8912c4c9eff34",
            "none\t{lr=0.005, epochs=40}\t132332df3b79ecfd",
            "unkd\t{}\t74c8edb283371e7c",
            "unkd\t{kdWeight=0.1}\t764b06c0c90ab559",
            "unkd\t{lr=0.005, epochs=40}\t15e353ad8dc1d271",
            "rd\t{}\tf7b1df7862446d74",
            "rd\t{kdWeight=0.1}\t99f4ccf9a2773d2c",
            "rd\t{lr=0.005, epochs=40}\t20ada0aeb61d794f",
            "cd\t{}\t66df7ec0287d167a",
            "cd\t{kdWeight=0.1}\t91d28aa113e98d83",
            "cd\t{lr=0.005, epochs=40}\tc05069dde8c22db6",
            "de-rrd\t{}\t1e671f20f81eb826",
            "de-rrd\t{kdWeight=0.1}\t5146cf4f3e5f593f",
            "de-rrd\t{lr=0.005, epochs=40}\t4839be109fb8e841",
            "htd\t{}\t948e6304866a6b06",
            "htd\t{kdWeight=0.1}\tcbf06e8a3877c9c4",
            "htd\t{lr=0.005, epochs=40}\t15435f0c96fc0670",
            "rrd\t{}\t0c2c563f4906296d",
            "rrd\t{kdWeight=0.1}\t137efddfd151beea",
            "rrd\t{lr=0.005, epochs=40}\ta238dcce51e4216c",
            "de\t{}\t4838326822d507ce",
            "de\t{kdWeight=0.1}\t2358e1170f99d1ad",
            "de\t{lr=0.005, epochs=40}\td8975345b7bcd0a7",
            "fitnet\t{}\t6c290d50d2079573",
            "fitnet\t{kdWeight=0.1}\t2a311e2548a34a37",
            "fitnet\t{lr=0.005, epochs=40}\tf1a6f03b336f1bc7",
            "dcd\t{}\tc352fd7994bfdfde",
            "dcd\t{kdWeight=0.1}\t368721ba4383587d",
            "dcd\t{lr=0.005, epochs=40}\t10dcb19bb971e5f4",
            "rce-kd\t{}\t643272f986c67580",
            "rce-kd\t{kdWeight=0.1}\t6bd9d2319fcd7798",
            "rce-kd\t{lr=0.005, epochs=40}\taa2148244a46274c",
            "hetcomp\t{}\taf7a19c27ff47fb6",
            "hetcomp\t{kdWeight=0.1}\tb526a10f73a714b7",
            "hetcomp\t{lr=0.005, epochs=40}\tb064a2dfd9359b72",
            "unkd-plus\t{}\t53489ca440c366ba",
            "unkd-plus\t{kdWeight=0.1}\td1c5b164a0dbbf12",
            "unkd-plus\t{lr=0.005, epochs=40}\tcff27397231f12f8");

    @Test
    void runKeysAreThoseOfEarlierReleases() {
        ModelSpec mf = new ModelSpec("mf", 10, 2, 1.0);
        StudentSpec student = new StudentSpec("mf-10", mf, "mf-100", TrainingSettings.defaults());
        TeacherSpec teacher = new TeacherSpec("mf-100", new ModelSpec("mf", 100, 2, 1.0), TrainingSettings.defaults(), OptionalLong.empty(),
                OptionalDouble.empty());
        List<Map<String, Object>> points = new ArrayList<>();
        points.add(Map.of());
        points.add(Map.of("kdWeight", 0.1));
        Map<String, Object> training = new LinkedHashMap<>();
        training.put("lr", 0.005);
        training.put("epochs", 40);
        points.add(training);
        List<String> keys = new ArrayList<>();
        for (MethodDescriptor<?> m : DistillationMethods.all()) {
            for (Map<String, Object> p : points) {
                if (m == DistillationMethods.NONE && p.containsKey("kdWeight")) {
                    continue;
                }
                MethodSetting s = MethodSettings.resolve(m, TrainingSettings.defaults(), p);
                RunSpec spec = new RunSpec("citeulike", 0x1234abcdL, student, teacher, "tkey", "label", m, s, 2022, List.of(10, 20), 4);
                keys.add(m.name() + "\t" + p + "\t" + spec.key());
            }
        }
        assertThat(keys).containsExactlyElementsOf(KEYS_BEFORE);
    }
}
