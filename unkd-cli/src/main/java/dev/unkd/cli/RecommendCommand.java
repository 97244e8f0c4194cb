package dev.unkd.cli;

import dev.unkd.data.Dataset;
import dev.unkd.data.IdMap;
import dev.unkd.io.TextLines;
import dev.unkd.parallel.ChunkedExecutor;
import dev.unkd.serve.IndexChoice;
import dev.unkd.serve.MipsIndex;
import dev.unkd.serve.Recommendation;
import dev.unkd.serve.RecommendationCsv;
import dev.unkd.serve.RecommendationService;
import dev.unkd.serve.ServingSnapshot;
import dev.unkd.serve.UserList;
import dev.unkd.io.AtomicFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code unkd recommend}: top-K lists for a file of users (or all users, or anonymous histories) from a saved model, as CSV. */
@Command(name = "recommend", mixinStandardHelpOptions = true,
        description = "Write the top-K items of users (training items excluded) as CSV: user,rank,item,score.")
final class RecommendCommand implements Callable<Integer> {
    /** Users scored together by the blocked kernel, as for batch requests: 8 rows of 25k items are 800 KB per thread. */
    private static final int BLOCK = 8;

    @Mixin
    CommonOptions common;
    @Mixin
    DataOptions data;

    @Option(names = "--model", required = true, description = "Model file.")
    Path model;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Who who;

    static final class Who {
        @Option(names = "--users", description = "File of external user ids, one per line.")
        Path users;

        @Option(names = "--all", description = "Every user of the data.")
        boolean all;

        @Option(names = "--items", description = "File of anonymous users' histories, one per line: item ids separated by spaces or tabs."
                + " Each is folded into a user vector; its CSV user is the line number, its items are excluded.")
        Path items;
    }

    @Option(names = "--skip-unknown", description = "Skip ids of --users (or --items lines with no known item) the model does not know (default: fail naming the line).")
    boolean skipUnknown;

    @Option(names = "--k", converter = Bounds.Positive.class, description = "Items per user (default: ${DEFAULT-VALUE}).")
    int k = 20;

    @Option(names = "--index", description = "Top-K search: exact, hnsw (approximate inner-product graph over the item embeddings) or auto"
            + " (default: hnsw from " + IndexChoice.AUTO_MIN_ITEMS + " items on, kept when its recall@20 on sampled users reaches " + IndexChoice.AUTO_MIN_RECALL + ").")
    String index = "auto";

    @Option(names = "--ef", description = "Candidates the hnsw search keeps (default: ${DEFAULT-VALUE}).")
    int ef = 100;

    @Option(names = "--out", required = true, description = "CSV file to write.")
    Path out;

    @Override
    public Integer call() throws Exception {
        IndexChoice indexChoice = IndexChoice.parse(index);
        if (ef < 1) {
            throw new IllegalArgumentException("Invalid --ef: " + ef + " (must be at least 1)");
        }
        OutputPaths.file(out, "--out");
        for (Path file : new Path[] {who.users, who.items}) {
            if (file != null && Files.isDirectory(file)) {
                throw new IllegalArgumentException(file == who.users ? "--users " + file + ": is a directory, expected a file of user ids"
                        : "--items " + file + ": is a directory, expected a file of item histories");
            }
        }
        Dataset dataset = data.load(common.seed);
        RecommendationService service = RecommendationService.open(model, dataset, indexChoice,
                MipsIndex.Settings.defaults().withSearchBeam(ef).withThreads(common.executor().threads()));
        ServingSnapshot s = service.snapshot();
        if (who.items != null) {
            return foldIn(service, s, dataset.items());
        }
        UserList list = who.all ? UserList.all(dataset.users()) : UserList.read(who.users, dataset.users(), skipUnknown);
        int[] users = list.users();
        Recommendation[] lists = new Recommendation[users.length];
        ChunkedExecutor executor = common.executor();
        if (s.index().isPresent()) { // one graph search per user, in parallel chunks
            executor.run(ChunkedExecutor.chunks(users.length, BLOCK), c -> {
                for (int b = c * BLOCK; b < Math.min(users.length, (c + 1) * BLOCK); b++) {
                    lists[b] = service.recommend(s, users[b], k, new int[0]);
                }
            });
        } else {
            // each list fills its own slot, so the file's order is the input order whatever the thread count
            s.recommender().recommendEach(users, k, BLOCK, executor, (b, items, scores) -> lists[b] = Recommendation.fromRow(items, scores, false));
        }
        RecommendationCsv.write(out, dataset.users(), dataset.items(), users, lists);
        if (!common.quiet) {
            System.err.printf("%d users x top-%d written to %s%s%n", users.length, k, out,
                    list.skipped() > 0 ? " (" + list.skipped() + " unknown ids skipped)" : "");
        }
        return 0;
    }

    /** --items: one fold-in list per non-blank line, written with the line number as the user. */
    private int foldIn(RecommendationService service, ServingSnapshot s, IdMap items) throws Exception {
        if (s.foldIn().isEmpty()) {
            throw new IllegalArgumentException("--items: model type '" + s.type() + "' has no item embeddings to fold a user in with");
        }
        List<String> lines = TextLines.readString(who.items, StandardCharsets.UTF_8).lines().toList();
        List<String> names = new ArrayList<>();
        List<int[]> histories = new ArrayList<>();
        int unknown = 0;
        int skipped = 0;
        for (int ln = 0; ln < lines.size(); ln++) {
            String line = lines.get(ln).strip();
            if (line.isEmpty()) {
                continue;
            }
            String[] ids = line.split("[ \\t]+");
            int[] history = Arrays.stream(ids).mapToInt(items::indexOf).filter(i -> i >= 0).toArray();
            unknown += ids.length - history.length;
            if (history.length == 0) {
                if (!skipUnknown) {
                    throw new IllegalArgumentException(who.items + ":" + (ln + 1) + ": none of the " + ids.length
                            + " item id(s) is known to the model (--skip-unknown skips such lines)");
                }
                skipped++;
                continue;
            }
            names.add(Integer.toString(ln + 1));
            histories.add(history);
        }
        Recommendation[] lists = new Recommendation[histories.size()];
        common.executor().run(ChunkedExecutor.chunks(lists.length, BLOCK), c -> {
            for (int b = c * BLOCK; b < Math.min(lists.length, (c + 1) * BLOCK); b++) {
                lists[b] = service.foldIn(s, histories.get(b), k, new int[0]);
            }
        });
        AtomicFiles.writeText(out, w -> {
            w.write(RecommendationCsv.HEADER);
            w.write('\n');
            for (int q = 0; q < lists.length; q++) {
                for (int r = 0; r < lists[q].size(); r++) {
                    w.write(names.get(q) + "," + (r + 1) + "," + RecommendationCsv.field(items.id(lists[q].items()[r])) + ","
                            + lists[q].scores()[r] + "\n");
                }
            }
        });
        if (!common.quiet) {
            System.err.printf("%d anonymous histories x top-%d written to %s (%d unknown item ids ignored%s)%n", lists.length, k, out, unknown,
                    skipped > 0 ? ", " + skipped + " lines without a known item skipped" : "");
        }
        return 0;
    }
}
