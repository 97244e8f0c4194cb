package dev.unkd.cli;

import dev.unkd.data.DataFormat;
import dev.unkd.data.Dataset;
import dev.unkd.data.DatasetLoader;
import dev.unkd.data.DelimitedFormat;
import dev.unkd.data.FilterOptions;
import dev.unkd.data.JsonFields;
import dev.unkd.data.LoadOptions;
import dev.unkd.data.SplitMethod;
import dev.unkd.data.SyntheticData;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * Where the data comes from: a split directory, a raw interaction file (read, filtered and split
 * with the paper's protocol by default), or the built-in synthetic dataset.
 */
final class DataOptions {
    static final String SYNTHETIC = "synthetic";

    @Option(names = "--data", description = "A split directory (train.txt, valid.txt, test.txt), a raw interaction file, or 'synthetic' (default).")
    String data = SYNTHETIC;

    @Option(names = "--format", description = "Raw file format: ${COMPLETION-CANDIDATES} (default: detect from the name).")
    DataFormatName format;

    @Option(names = "--columns", description = "Columns of a csv file, e.g. user,item,rating,timestamp ('-' skips one; default: user,item).")
    String columns = "user,item";

    @Option(names = "--delimiter", description = "Delimiter of a csv file: comma, tab, semicolon, pipe, whitespace or a literal (default: comma).")
    String delimiter = "comma";

    @Option(names = "--header", negatable = true, description = "Whether a csv file starts with a header line (default: true).")
    boolean header = true;

    @Option(names = "--json-fields", description = "JSON lines fields as user=F,item=F,rating=F,timestamp=F (default: Amazon reviews reviewerID, asin, overall, unixReviewTime).")
    String jsonFields;

    @Option(names = "--min-rating", description = "Keep only interactions with rating >= this (implicit feedback; default: keep all).")
    double minRating = Double.NEGATIVE_INFINITY;

    @Option(names = "--min-user-items", converter = Bounds.NonNegative.class, description = "Drop users with fewer items (default: 0).")
    int minUserItems;

    @Option(names = "--min-item-users", converter = Bounds.NonNegative.class, description = "Drop items with fewer users (default: 0).")
    int minItemUsers;

    @Option(names = "--kcore", description = "Repeat the two filters until no user or item falls below them.")
    boolean kcore;

    @Option(names = "--protocol", description = "Split protocol: paper, loo, temporal or kds, with options, e.g. paper:holdout=0.2,valid=0.2,"
            + " loo:mode=latest or kds:ratios=8/1/1,order=random (the KDs benchmark's per-user split; order=file keeps the file's"
            + " item order as its script does) (default: paper).")
    String protocol = "paper";

    @Option(names = "--holdout", description = "Paper protocol: fraction of each user's items held out, rounded up (default: 0.2).")
    Double holdout;

    @Option(names = "--valid-users", description = "Paper protocol: fraction of users whose held-out items validate (default: 0.2).")
    Double validUsers;

    @Option(names = "--charset", description = "Charset of the data files, e.g. ISO-8859-1 (default: UTF-8). Decoded strictly:"
            + " a byte sequence invalid in it is an error naming file, line and byte offset.")
    Charset charset = StandardCharsets.UTF_8;

    @Option(names = "--split-seed", description = "Seed of the split (default: the --seed value).")
    Long splitSeed;

    /** Format names as the CLI spells them. */
    enum DataFormatName {
        citeulike, pairs, userlines, movielens, jsonl, csv
    }

    boolean isSynthetic() {
        return SYNTHETIC.equals(data);
    }

    Dataset load(long seed) throws IOException {
        if (isSynthetic()) {
            return SyntheticData.defaultDataset();
        }
        return DatasetLoader.load(Path.of(data), options(seed));
    }

    LoadOptions options(long seed) {
        LoadOptions o = LoadOptions.defaults()
                .withDelimited(DelimitedFormat.parse(columns, delimiter, header))
                .withMinRating(minRating)
                .withFilter(new FilterOptions(minUserItems, minItemUsers, kcore))
                .withSplitter(SplitMethod.parse(splitSpec()))
                .withSeed(splitSeed != null ? splitSeed : seed)
                .withCharset(charset);
        if (format != null) {
            o = o.withFormat(DataFormat.parse(format.name()));
        }
        if (jsonFields != null) {
            o = o.withJson(JsonFields.parse(jsonFields));
        }
        return o;
    }

    private String splitSpec() {
        if (holdout == null && validUsers == null) {
            return protocol;
        }
        if (!protocol.startsWith("paper")) {
            throw new IllegalArgumentException("--holdout and --valid-users apply to --protocol paper only (got '" + protocol + "')");
        }
        return "paper:holdout=" + (holdout == null ? 0.2 : holdout) + ",valid=" + (validUsers == null ? 0.2 : validUsers);
    }
}
