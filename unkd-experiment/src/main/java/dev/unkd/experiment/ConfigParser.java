package dev.unkd.experiment;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.unkd.model.LightGcn;
import dev.unkd.model.MatrixFactorization;
import dev.unkd.model.ModelSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Reads an experiment config (the format is documented in {@code configs/README.md}) and
 * checks all of it before anything runs: every problem found is reported at once, each naming
 * its key. Grid points are resolved here too, so a bad parameter fails in a second, not after
 * an hour of training.
 */
final class ConfigParser {
    private static final List<String> TOP = List.of("name", "seeds", "k", "groups", "search", "datasets", "teachers", "students",
            "training", "methods");
    private static final List<String> MODEL = List.of("model", "dim", "layers", "keepProb");

    private final Path baseDir;
    private final List<String> problems = new ArrayList<>();

    private ConfigParser(Path baseDir) {
        this.baseDir = baseDir;
    }

    static ExperimentConfig read(Path file) throws IOException {
        String text;
        try {
            text = dev.unkd.io.TextLines.readString(file, StandardCharsets.UTF_8); // strict: bad bytes name file, line, offset
        } catch (NoSuchFileException e) {
            throw new ConfigException(file.toString(), List.of("file not found"));
        }
        String lower = file.getFileName().toString().toLowerCase(Locale.ROOT);
        boolean yaml = lower.endsWith(".yaml") || lower.endsWith(".yml");
        Path dir = file.toAbsolutePath().getParent();
        String base = file.getFileName().toString().replaceFirst("\\.[^.]*$", "");
        return parse(text, yaml, dir, base, file.toString());
    }

    static ExperimentConfig parse(String text, boolean yaml, Path baseDir, String defaultName) throws IOException {
        return parse(text, yaml, baseDir, defaultName == null ? "experiment" : defaultName, null);
    }

    private static ExperimentConfig parse(String text, boolean yaml, Path baseDir, String defaultName, String file) {
        JsonNode tree;
        try {
            ObjectMapper mapper = yaml ? new YAMLMapper() : new ObjectMapper();
            // a key given twice is a mistake in a hand-written file, not "the last one wins"
            mapper.enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
            tree = mapper.readTree(text);
        } catch (JacksonException e) {
            throw new ConfigException(file, List.of("not valid " + (yaml ? "YAML" : "JSON") + ": " + e.getOriginalMessage()
                    + (e.getLocation() != null ? " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")" : "")));
        }
        ConfigParser p = new ConfigParser(baseDir);
        ExperimentConfig config = p.config(ConfigNode.root(tree), defaultName);
        if (!p.problems.isEmpty()) {
            throw new ConfigException(file, p.problems);
        }
        return config;
    }

    private ExperimentConfig config(ConfigNode root, String defaultName) {
        try {
            root.allowOnly(TOP);
        } catch (ConfigException e) {
            problems.addAll(e.problems());
            if (!root.isObject()) {
                return null;
            }
        }
        String name = attempt(() -> root.optional("name").map(ConfigNode::text).orElse(defaultName), defaultName);
        List<Long> seeds = attempt(() -> seeds(root.get("seeds")), List.of(2022L));
        List<Integer> ks = attempt(() -> ks(root.get("k")), List.of(10, 20));
        int groups = attempt(() -> root.optional("groups").map(n -> n.integer(1)).orElse(4), 4);
        SearchSettings search = attempt(() -> search(root.get("search"), seeds.size()), new SearchSettings(1));
        TrainingSettings training = attempt(() -> root.optional("training")
                .map(n -> training(n.allowOnly(TrainingSettings.KEYS), TrainingSettings.defaults())).orElse(TrainingSettings.defaults()),
                TrainingSettings.defaults());
        DatasetParser datasetParser = new DatasetParser(baseDir);
        List<DatasetSpec> datasets = list(root.get("datasets"), datasetParser::dataset);
        int before = problems.size();
        List<TeacherSpec> teachers = list(root.get("teachers"), this::teacher);
        boolean teachersOk = problems.size() == before;
        int beforeStudents = problems.size();
        List<StudentSpec> students = list(root.get("students"), n -> student(n, teachers, teachersOk, training));
        // names to check method references against; null when their section had errors (no consequential errors)
        List<String> teacherNames = teachersOk ? teachers.stream().map(TeacherSpec::name).toList() : null;
        List<String> studentNames = problems.size() == beforeStudents ? students.stream().map(StudentSpec::name).toList() : null;
        List<MethodSpec> methods = list(root.get("methods"), n -> MethodParser.method(n, training, teacherNames, studentNames));
        unique(datasets.stream().map(DatasetSpec::name).toList(), "datasets", "dataset name");
        unique(teachers.stream().map(TeacherSpec::name).toList(), "teachers", "teacher name");
        unique(students.stream().map(StudentSpec::name).toList(), "students", "student name");
        unique(methods.stream().flatMap(m -> m.arms().stream()).map(MethodSpec.Arm::label).toList(), "methods", "label");
        return new ExperimentConfig(name, datasets, teachers, students, training, methods, seeds, ks, groups, search);
    }

    private List<Long> seeds(ConfigNode node) {
        if (node.isMissing()) {
            return List.of(2022L);
        }
        List<Long> seeds = new ArrayList<>();
        for (ConfigNode s : node.nonEmptyList()) {
            long v = s.longValue();
            if (seeds.contains(v)) {
                throw s.problem("seed " + v + " appears twice");
            }
            seeds.add(v);
        }
        return seeds;
    }

    private List<Integer> ks(ConfigNode node) {
        if (node.isMissing()) {
            return List.of(10, 20);
        }
        List<Integer> ks = new ArrayList<>();
        for (ConfigNode k : node.nonEmptyList()) {
            ks.add(k.integer(1));
        }
        if (!ks.contains(20)) {
            throw node.problem("must include 20: validation NDCG@20 picks every run's epoch and every method's setting");
        }
        return ks.stream().distinct().sorted().toList();
    }

    private SearchSettings search(ConfigNode node, int numSeeds) {
        if (node.isMissing()) {
            return new SearchSettings(1);
        }
        node.allowOnly(List.of("seeds"));
        int seeds = node.optional("seeds").map(n -> n.integer(1)).orElse(1);
        if (seeds > numSeeds) {
            throw node.get("seeds").problem("must be at most the number of seeds (" + numSeeds + "), got " + seeds);
        }
        return new SearchSettings(seeds);
    }

    private TeacherSpec teacher(ConfigNode n) {
        List<String> allowed = new ArrayList<>(List.of("name", "seed", "pdGamma", "checkpoints"));
        allowed.addAll(MODEL);
        allowed.addAll(TrainingSettings.KEYS);
        n.allowOnly(allowed);
        ModelSpec model = model(n, 100);
        String name = n.optional("name").map(ConfigNode::text).orElse(model.label());
        OptionalLong seed = n.optional("seed").map(s -> OptionalLong.of(s.longValue())).orElse(OptionalLong.empty());
        OptionalDouble pdGamma = n.optional("pdGamma").map(g -> OptionalDouble.of(g.number(0, false))).orElse(OptionalDouble.empty());
        List<Integer> checkpoints = n.optional("checkpoints").map(c -> c.elements().stream().map(e -> e.integer(1)).toList()).orElse(List.of());
        return new TeacherSpec(name, model, training(n, TrainingSettings.defaults()), seed, pdGamma, checkpoints);
    }

    /** A student; its teacher reference is only checked when every teacher parsed (else the error would be a consequence). */
    private StudentSpec student(ConfigNode n, List<TeacherSpec> teachers, boolean teachersOk, TrainingSettings base) {
        List<String> allowed = new ArrayList<>(List.of("name", "teacher"));
        allowed.addAll(MODEL);
        allowed.addAll(TrainingSettings.KEYS);
        n.allowOnly(allowed);
        ModelSpec model = model(n, 10);
        String name = n.optional("name").map(ConfigNode::text).orElse(model.label());
        String teacher;
        if (n.optional("teacher").isPresent()) {
            teacher = n.get("teacher").text();
            if (teachersOk && teachers.stream().noneMatch(t -> t.name().equals(teacher))) {
                throw n.get("teacher").problem("no teacher named '" + teacher + "' (teachers: "
                        + String.join(", ", teachers.stream().map(TeacherSpec::name).toList()) + ")");
            }
        } else {
            // the paper distils within one architecture, so a lone plain teacher of the same type is the natural
            // default (a PD teacher is there for the methods that name it)
            List<TeacherSpec> same = teachers.stream().filter(t -> t.model().type().equals(model.type()) && t.pdGamma().isEmpty()).toList();
            if (same.size() != 1) {
                if (!teachersOk) {
                    return new StudentSpec(name, model, "?", base);
                }
                throw n.problem("needs 'teacher' (" + same.size() + " teachers of type " + model.type() + ")");
            }
            teacher = same.get(0).name();
        }
        return new StudentSpec(name, model, teacher, training(n, base));
    }

    private static ModelSpec model(ConfigNode n, int defaultDim) {
        String type = n.optional("model").map(ConfigNode::text).orElse(MatrixFactorization.TYPE).toLowerCase(Locale.ROOT);
        if (!type.equals(MatrixFactorization.TYPE) && !type.equals(LightGcn.TYPE)) {
            throw n.get("model").problem("must be mf or lightgcn, got " + n.get("model").shown());
        }
        int dim = n.optional("dim").map(v -> v.integer(1)).orElse(defaultDim);
        int layers = n.optional("layers").map(v -> v.integer(1)).orElse(LightGcn.DEFAULT_LAYERS);
        double keep = n.optional("keepProb").map(v -> v.number(0, true)).orElse(1.0);
        if (keep > 1) {
            throw n.get("keepProb").problem("must be a number in (0, 1], got " + n.get("keepProb").shown());
        }
        return new ModelSpec(type, dim, layers, keep);
    }

    /** Training fields present in {@code n}, over {@code base}. */
    private static TrainingSettings training(ConfigNode n, TrainingSettings base) {
        TrainingSettings t = base;
        for (String key : TrainingSettings.KEYS) {
            Optional<ConfigNode> v = n.optional(key);
            if (v.isPresent()) {
                Object value;
                if (key.equals("lazyAdam")) {
                    value = v.get().bool();
                } else if (key.equals("sampling") || key.equals("lrSchedule") || key.equals("negatives")) {
                    value = v.get().text();
                } else if (key.equals("lr") || key.equals("decay")) {
                    value = v.get().number(0, key.equals("lr"));
                } else {
                    value = v.get().integer(1);
                }
                t = convertAt(v.get(), t, key, value);
            }
        }
        return t;
    }

    private static TrainingSettings convertAt(ConfigNode n, TrainingSettings t, String key, Object value) {
        try {
            return t.with(key, value);
        } catch (IllegalArgumentException e) {
            throw n.problem(e.getMessage());
        }
    }

    /** Parses the list at {@code n}, collecting each element's problems and keeping the good elements. */
    private <T> List<T> list(ConfigNode n, java.util.function.Function<ConfigNode, T> parse) {
        List<T> out = new ArrayList<>();
        List<ConfigNode> elements;
        try {
            elements = n.nonEmptyList();
        } catch (ConfigException e) {
            problems.addAll(e.problems());
            return out;
        }
        for (ConfigNode e : elements) {
            try {
                out.add(parse.apply(e));
            } catch (ConfigException ex) {
                problems.addAll(ex.problems());
            }
        }
        return out;
    }

    private <T> T attempt(java.util.function.Supplier<T> parse, T fallback) {
        try {
            return parse.get();
        } catch (ConfigException e) {
            problems.addAll(e.problems());
            return fallback;
        }
    }

    private void unique(List<String> names, String path, String what) {
        Set<String> seen = new HashSet<>();
        for (String name : names) {
            if (!seen.add(name)) {
                problems.add(path + ": " + what + " '" + name + "' appears twice (names must be unique)");
            }
        }
    }
}
