package dev.unkd.cli;

import dev.unkd.data.Dataset;
import dev.unkd.serve.Recommendation;
import dev.unkd.serve.RecommendationCsv;
import dev.unkd.serve.RecommendationService;
import dev.unkd.serve.ServingSnapshot;
import dev.unkd.serve.UserList;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code unkd recommend}: top-K lists for a file of users (or all users) from a saved model, as CSV. */
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
    }

    @Option(names = "--skip-unknown", description = "Skip ids of --users the model does not know (default: fail naming the line).")
    boolean skipUnknown;

    @Option(names = "--k", converter = Bounds.Positive.class, description = "Items per user (default: ${DEFAULT-VALUE}).")
    int k = 20;

    @Option(names = "--out", required = true, description = "CSV file to write.")
    Path out;

    @Override
    public Integer call() throws Exception {
        if (k < 1) {
            throw new IllegalArgumentException("Invalid --k: " + k + " (must be at least 1)");
        }
        OutputPaths.file(out, "--out");
        if (who.users != null && java.nio.file.Files.isDirectory(who.users)) {
            throw new IllegalArgumentException("--users " + who.users + ": is a directory, expected a file of user ids");
        }
        Dataset dataset = data.load(common.seed);
        ServingSnapshot s = RecommendationService.open(model, dataset).snapshot();
        UserList list = who.all ? UserList.all(dataset.users()) : UserList.read(who.users, dataset.users(), skipUnknown);
        int[] users = list.users();
        Recommendation[] lists = new Recommendation[users.length];
        // each list fills its own slot, so the file's order is the input order whatever the thread count
        s.recommender().recommendEach(users, k, BLOCK, common.executor(),
                (b, items, scores) -> lists[b] = Recommendation.fromRow(items, scores, false));
        RecommendationCsv.write(out, dataset.users(), dataset.items(), users, lists);
        if (!common.quiet) {
            System.err.printf("%d users x top-%d written to %s%s%n", users.length, k, out,
                    list.skipped() > 0 ? " (" + list.skipped() + " unknown ids skipped)" : "");
        }
        return 0;
    }
}
