package dev.unkd.experiment;

import dev.unkd.data.DataFormat;
import dev.unkd.data.DelimitedFormat;
import dev.unkd.data.FilterOptions;
import dev.unkd.data.JsonFields;
import dev.unkd.data.KdsSplitter;
import dev.unkd.data.LoadOptions;
import dev.unkd.data.SplitMethod;
import dev.unkd.data.Splitter;
import dev.unkd.data.SyntheticData;
import dev.unkd.eval.UserAveraging;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** The {@code datasets} entries of an experiment config: a split directory, an interaction file or synthetic data. */
final class DatasetParser {
    private static final List<String> DATASET = List.of("name", "split", "file", "synthetic", "format", "columns", "delimiter",
            "header", "jsonFields", "minRating", "filters", "protocol", "splitSeed", "paper", "averaging");
    private static final List<String> FILTERS = List.of("minUserItems", "minItemUsers", "kcore");
    private static final List<String> SYNTHETIC = List.of("users", "items", "rank", "preferenceStrength", "popularityExponent",
            "meanItemsPerUser", "minItemsPerUser", "seed");

    private final Path baseDir;

    /** @param baseDir relative paths resolve against it (the config file's folder) */
    DatasetParser(Path baseDir) {
        this.baseDir = baseDir;
    }

    DatasetSpec dataset(ConfigNode n) {
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
        return new DatasetSpec(name, source, paper, averaging(n.get("averaging"), source));
    }

    private RawFileSource rawFile(ConfigNode n) {
        Path file = path(n.get("file"));
        if (!Files.exists(file)) {
            throw n.get("file").problem("'" + file + "' does not exist");
        }
        LoadOptions o = LoadOptions.defaults();
        if (n.optional("format").isPresent()) {
            o = o.withFormat(n.get("format").convert(() -> DataFormat.parse(n.get("format").text())));
        }
        String columns = n.optional("columns").map(ConfigNode::text).orElse("user,item");
        String delimiter = n.optional("delimiter").map(ConfigNode::text).orElse("comma");
        boolean header = n.optional("header").map(ConfigNode::bool).orElse(true);
        o = o.withDelimited(n.get("columns").convert(() -> DelimitedFormat.parse(columns, delimiter, header)));
        if (n.optional("jsonFields").isPresent()) {
            o = o.withJson(n.get("jsonFields").convert(() -> JsonFields.parse(n.get("jsonFields").text())));
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
            options = s.convert(() -> new SyntheticData.Options(
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

    /** The given averaging, else KDs' all-users one for a dataset split with its protocol, else the default. */
    private static UserAveraging averaging(ConfigNode n, DataSource source) {
        if (!n.isMissing()) {
            return n.convert(() -> UserAveraging.parse(n.text()));
        }
        Splitter splitter = source instanceof RawFileSource raw ? raw.options().splitter()
                : source instanceof SyntheticSource synthetic ? synthetic.splitter() : null;
        return splitter instanceof KdsSplitter ? UserAveraging.ALL_USERS : UserAveraging.HELD_OUT_USERS;
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
        return n.convert(() -> SplitMethod.parse(protocol));
    }

    private static void rejectWith(ConfigNode n, String source, List<String> keys, String why) {
        for (String k : keys) {
            if (!n.get(k).isMissing()) {
                throw n.get(k).problem("does not apply to a '" + source + "' dataset (" + why + ")");
            }
        }
    }

    private Path path(ConfigNode n) {
        Path p = Path.of(n.text());
        return (p.isAbsolute() ? p : baseDir.resolve(p)).normalize();
    }
}
