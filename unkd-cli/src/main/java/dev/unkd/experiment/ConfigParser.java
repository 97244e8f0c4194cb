package dev.unkd.experiment;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.unkd.data.DataFormat;
import dev.unkd.data.DelimitedFormat;
import dev.unkd.data.FilterOptions;
import dev.unkd.data.JsonFields;
import dev.unkd.data.LoadOptions;
import dev.unkd.data.SplitMethod;
import dev.unkd.data.Splitter;
import dev.unkd.data.SyntheticData;
import dev.unkd.distill.DistillationMethod;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
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
    private static final List<String> DATASET = List.of("name", "split", "file", "synthetic", "format", "columns", "delimiter",
            "header", "jsonFields", "minRating", "filters", "protocol", "splitSeed", "paper");
    private static final List<String> FILTERS = List.of("minUserItems", "minItemUsers", "kcore");
    private static final List<String> SYNTHETIC = List.of("users", "items", "rank", "preferenceStrength", "popularityExponent",
            "meanItemsPerUser", "minItemsPerUser", "seed");
    private static final List<String> MODEL = List.of("model", "dim", "layers", "keepProb");
    private static final List<String> METHOD = List.of("method", "label", "paper", "params", "expand");

    private final Path baseDir;
    private final List<String> problems = new ArrayList<>();

    private ConfigParser(Path baseDir) {
        this.baseDir = baseDir;
    }

    static ExperimentConfig read(Path file) throws IOException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
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
        List<DatasetSpec> datasets = list(root.get("datasets"), this::dataset);
        int before = problems.size();
        List<TeacherSpec> teachers = list(root.get("teachers"), this::teacher);
        boolean teachersOk = problems.size() == before;
        List<StudentSpec> students = list(root.get("students"), n -> student(n, teachers, teachersOk, training));
        List<MethodSpec> methods = list(root.get("methods"), n -> method(n, training));
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

    private DatasetSpec dataset(ConfigNode n) {
        n.allowOnly(DATASET);
        String name = n.get("name").text();
        List<String> sources = java.util.stream.Stream.of("split", "file", "synthetic").filter(k -> !n.get(k).isMissing()).toList();
        if (sources.size() != 1) {
            throw n.problem("needs exactly one of split (a split directory), file (an interaction file) or synthetic, got "
                    + (sources.isEmpty() ? "none" : String.join(" and ", sources)));
        }
        Optional<String> paper = n.optional("paper").map(ConfigNode::text);
        DataSource source = switch (sources.get(0)) {
            case "split" -> {
                rejectWith(n, "split", List.of("format", "columns", "delimiter", "header", "jsonFields", "minRating", "filters",
                        "protocol", "splitSeed"), "an existing split is read as is");
                Path dir = path(n.get("split"));
                if (!dev.unkd.data.SplitDirectory.isSplitDirectory(dir)) {
                    throw n.get("split").problem("'" + dir + "' is not a split directory (expected train.txt, valid.txt, test.txt)");
                }
                yield new SplitDirectorySource(dir);
            }
            case "file" -> rawFile(n);
            default -> synthetic(n);
        };
        return new DatasetSpec(name, source, paper);
    }

    private RawFileSource rawFile(ConfigNode n) {
        Path file = path(n.get("file"));
        if (!Files.exists(file)) {
            throw n.get("file").problem("'" + file + "' does not exist");
        }
        LoadOptions o = LoadOptions.defaults();
        if (n.optional("format").isPresent()) {
            o = o.withFormat(convert(n.get("format"), () -> DataFormat.parse(n.get("format").text())));
        }
        String columns = n.optional("columns").map(ConfigNode::text).orElse("user,item");
        String delimiter = n.optional("delimiter").map(ConfigNode::text).orElse("comma");
        boolean header = n.optional("header").map(ConfigNode::bool).orElse(true);
        o = o.withDelimited(convert(n.get("columns"), () -> DelimitedFormat.parse(columns, delimiter, header)));
        if (n.optional("jsonFields").isPresent()) {
            o = o.withJson(convert(n.get("jsonFields"), () -> JsonFields.parse(n.get("jsonFields").text())));
        }
        if (n.optional("minRating").isPresent()) {
            o = o.withMinRating(n.get("minRating").number());
        }
        o = o.withFilter(filters(n.get("filters")));
        String protocol = n.optional("protocol").map(ConfigNode::text).orElse("paper");
        o = o.withSplitter(splitter(n.get("protocol"), protocol));
        o = o.withSeed(n.optional("splitSeed").map(ConfigNode::longValue).orElse(2022L));
        return new RawFileSource(file, o, protocol);
    }

    private SyntheticSource synthetic(ConfigNode n) {
        rejectWith(n, "synthetic", List.of("format", "columns", "delimiter", "header", "jsonFields", "minRating", "filters"),
                "synthetic data has no file");
        ConfigNode s = n.get("synthetic");
        SyntheticData.Options d = SyntheticData.Options.defaults();
        SyntheticData.Options options;
        if (s.isText()) {
            if (!s.text().equals("default")) {
                throw s.problem("must be 'default' or a mapping of " + String.join(", ", SYNTHETIC) + ", got " + s.shown());
            }
            options = d;
        } else {
            s.allowOnly(SYNTHETIC);
            options = convert(s, () -> new SyntheticData.Options(
                    s.optional("users").map(v -> v.integer(1)).orElse(d.numUsers()),
                    s.optional("items").map(v -> v.integer(1)).orElse(d.numItems()),
                    s.optional("rank").map(v -> v.integer(1)).orElse(d.rank()),
                    s.optional("preferenceStrength").map(v -> v.number(0, false)).orElse(d.preferenceStrength()),
                    s.optional("popularityExponent").map(v -> v.number(0, false)).orElse(d.popularityExponent()),
                    s.optional("meanItemsPerUser").map(v -> v.number(1, false)).orElse(d.meanItemsPerUser()),
                    s.optional("minItemsPerUser").map(v -> v.integer(1)).orElse(d.minItemsPerUser()),
                    s.optional("seed").map(ConfigNode::longValue).orElse(d.seed())));
        }
        String protocol = n.optional("protocol").map(ConfigNode::text).orElse("paper");
        return new SyntheticSource(options, splitter(n.get("protocol"), protocol), protocol,
                n.optional("splitSeed").map(ConfigNode::longValue).orElse(2022L));
    }

    private static FilterOptions filters(ConfigNode n) {
        if (n.isMissing()) {
            return FilterOptions.NONE;
        }
        n.allowOnly(FILTERS);
        return new FilterOptions(n.optional("minUserItems").map(v -> v.integer(0)).orElse(0),
                n.optional("minItemUsers").map(v -> v.integer(0)).orElse(0), n.optional("kcore").map(ConfigNode::bool).orElse(false));
    }

    private static Splitter splitter(ConfigNode n, String protocol) {
        return convert(n, () -> SplitMethod.parse(protocol));
    }

    private static void rejectWith(ConfigNode n, String source, List<String> keys, String why) {
        for (String k : keys) {
            if (!n.get(k).isMissing()) {
                throw n.get(k).problem("does not apply to a '" + source + "' dataset (" + why + ")");
            }
        }
    }

    private TeacherSpec teacher(ConfigNode n) {
        List<String> allowed = new ArrayList<>(List.of("name", "seed"));
        allowed.addAll(MODEL);
        allowed.addAll(TrainingSettings.KEYS);
        n.allowOnly(allowed);
        ModelSpec model = model(n, 100);
        String name = n.optional("name").map(ConfigNode::text).orElse(model.label());
        OptionalLong seed = n.optional("seed").map(s -> OptionalLong.of(s.longValue())).orElse(OptionalLong.empty());
        return new TeacherSpec(name, model, training(n, TrainingSettings.defaults()), seed);
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
            // the paper distils within one architecture, so a lone teacher of the same type is the natural default
            List<TeacherSpec> same = teachers.stream().filter(t -> t.model().type().equals(model.type())).toList();
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
        String type = n.optional("model").map(ConfigNode::text).orElse(ModelSpec.MF).toLowerCase(Locale.ROOT);
        if (!type.equals(ModelSpec.MF) && !type.equals(ModelSpec.LIGHTGCN)) {
            throw n.get("model").problem("must be mf or lightgcn, got " + n.get("model").shown());
        }
        int dim = n.optional("dim").map(v -> v.integer(1)).orElse(defaultDim);
        int layers = n.optional("layers").map(v -> v.integer(1)).orElse(dev.unkd.model.LightGcn.DEFAULT_LAYERS);
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

    private MethodSpec method(ConfigNode n, TrainingSettings training) {
        n.allowOnly(METHOD);
        ConfigNode m = n.get("method");
        DistillationMethod method = convert(m, () -> DistillationMethod.parse(m.text()));
        String label = n.optional("label").map(ConfigNode::text).orElse(method.cliName());
        Optional<String> paper = n.optional("paper").map(ConfigNode::text);
        Map<String, List<Object>> params = new LinkedHashMap<>();
        ConfigNode p = n.get("params");
        if (!p.isMissing()) {
            Set<String> seen = new HashSet<>();
            for (Map.Entry<String, ConfigNode> e : p.entries().entrySet()) {
                ConfigNode valueNode = e.getValue();
                if (!seen.add(RecordOverrides.normalise(e.getKey()))) {
                    throw valueNode.problem("set twice (keys match ignoring case, '-' and '_')");
                }
                List<Object> values = new ArrayList<>();
                for (ConfigNode v : valueNode.nonEmptyList()) {
                    Object value = v.scalar();
                    if (values.contains(value)) {
                        throw v.problem("value " + ParamValues.shown(value) + " appears twice");
                    }
                    values.add(value);
                    checkOne(method, training, e.getKey(), value, valueNode, v);
                }
                params.put(e.getKey(), values);
            }
        }
        List<String> expand = new ArrayList<>();
        if (!n.get("expand").isMissing()) {
            for (ConfigNode e : n.get("expand").elements()) {
                String key = e.text();
                if (!params.containsKey(key)) {
                    throw e.problem("'" + key + "' is not a key of params (params: " + String.join(", ", params.keySet()) + ")");
                }
                expand.add(key);
            }
        }
        MethodSpec spec = new MethodSpec(label, method, params, expand, paper);
        for (MethodSpec.Arm arm : spec.arms()) { // combinations can fail where single values passed
            for (Map<String, Object> point : arm.points()) {
                try {
                    MethodSettings.resolve(method, training, point);
                } catch (IllegalArgumentException e) {
                    throw p.problem("the combination " + ParamValues.describe(point) + " is invalid: " + e.getMessage());
                }
            }
        }
        return spec;
    }

    /** Checks one parameter value alone, so that its error names its key (or the list element at fault). */
    private static void checkOne(DistillationMethod method, TrainingSettings training, String key, Object value, ConfigNode keyNode,
            ConfigNode valueNode) {
        try {
            MethodSettings.resolve(method, training, Map.of(key, value));
        } catch (RecordOverrides.KeyProblem e) {
            throw (e.getMessage().startsWith("unknown parameter") ? keyNode : valueNode).problem(e.getMessage());
        } catch (IllegalArgumentException e) {
            throw valueNode.problem(e.getMessage());
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

    private Path path(ConfigNode n) {
        Path p = Path.of(n.text());
        return (p.isAbsolute() ? p : baseDir.resolve(p)).normalize();
    }

    /** Runs a conversion that may reject the value with {@link IllegalArgumentException}, naming the key. */
    private static <T> T convert(ConfigNode at, java.util.function.Supplier<T> conversion) {
        try {
            return conversion.get();
        } catch (ConfigException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw at.problem(e.getMessage());
        }
    }
}
