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
 * these are the keys the release before the method registry computed (enum DistillationMethod,
 * settings bundle DistillationConfig) for every method with defaults, a KD weight, and training
 * keys.
 */
class RunKeyCompatibilityTest {
    private static final List<String> KEYS_BEFORE = List.of(
            "none\t{}\t816f7b52f2a2ff1e",
            "none\t{lr=0.005, epochs=40}\t0554413e942d9530",
            "unkd\t{}\t3965b214daacd417",
            "unkd\t{kdWeight=0.1}\t855a46d59eb78479",
            "unkd\t{lr=0.005, epochs=40}\tb2463bf69aab1347",
            "rd\t{}\t92b06ee382acddcc",
            "rd\t{kdWeight=0.1}\tba1c99479fd82c83",
            "rd\t{lr=0.005, epochs=40}\t8e100ba7ea5d2c04",
            "cd\t{}\t6cb37441c5e6cc7b",
            "cd\t{kdWeight=0.1}\taf2d7b863804977a",
            "cd\t{lr=0.005, epochs=40}\tca62dc365f8419e3",
            "de-rrd\t{}\t5136ff1fe1a46b71",
            "de-rrd\t{kdWeight=0.1}\tf6fa371b7b266b6c",
            "de-rrd\t{lr=0.005, epochs=40}\tb23149a368db31cc",
            "htd\t{}\t2377fa93a4b1d6e5",
            "htd\t{kdWeight=0.1}\tcb7000dae86250cd",
            "htd\t{lr=0.005, epochs=40}\ta05b39376d854705",
            // issue 16: methods added after, appended (the keys above are unchanged)
            "rrd\t{}\t14e22c892b1c54f6",
            "rrd\t{kdWeight=0.1}\ta5dc362d50c93c25",
            "rrd\t{lr=0.005, epochs=40}\tbde282f077c9c9bf",
            "de\t{}\t7b5d3706b3a737dc",
            "de\t{kdWeight=0.1}\t7d1e97a0af3bb363",
            "de\t{lr=0.005, epochs=40}\t72d406cd50c1a952",
            "fitnet\t{}\t9ec7e26162b9c411",
            "fitnet\t{kdWeight=0.1}\t1ed4c8ed8f9fb38d",
            "fitnet\t{lr=0.005, epochs=40}\taa16b201dd002c7e",
            "dcd\t{}\t40a5099fb063d40e",
            "dcd\t{kdWeight=0.1}\t2b99f4d6de115da9",
            "dcd\t{lr=0.005, epochs=40}\t496d334e931fc600",
            "hetcomp\t{}\tae0424e7068bc3d9",
            "hetcomp\t{kdWeight=0.1}\td68836e336970968",
            "hetcomp\t{lr=0.005, epochs=40}\t7b86f86fcbdcb9fa");

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
