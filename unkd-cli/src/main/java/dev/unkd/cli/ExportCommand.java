package dev.unkd.cli;

import dev.unkd.model.FactorScorer;
import dev.unkd.model.ModelFile;
import dev.unkd.model.Models;
import dev.unkd.model.SavedModel;
import dev.unkd.model.Scorer;
import dev.unkd.model.SplitCheck;
import dev.unkd.serve.EmbeddingExport;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code unkd export}: the user and item embeddings a model scores with, for an ANN index or another system. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Write the embeddings the model scores with (propagated ones for LightGCN) and their ids:",
                "users.ids.txt, items.ids.txt and users/items as .npy (float32) or .csv; score(u, i) = users[u] . items[i]."})
final class ExportCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    // not the DataOptions mixin: its --format names the raw data format, here --format is the output's
    @Option(names = "--data", description = "The split directory the model was trained on; not needed for MF, whose file holds its"
            + " ids and tables (LightGCN propagates over the training interactions and needs it).")
    String data;

    @Option(names = "--model", required = true, description = "Model file.")
    Path model;

    @Option(names = "--format", paramLabel = "npy|csv", description = "Output format (default: ${DEFAULT-VALUE}).")
    String exportFormat = "npy";

    @Option(names = "--out", required = true, description = "Directory to write into (created if missing).")
    Path out;

    @Option(names = "--allow-other-split", description = "With --data: use the model with another split of its ids (warns).")
    boolean allowOtherSplit;

    @Override
    public Integer call() throws Exception {
        OutputPaths.directory(out, "--out");
        EmbeddingExport.Format format = switch (exportFormat.toLowerCase(Locale.ROOT)) {
            case "npy" -> EmbeddingExport.Format.NPY;
            case "csv" -> EmbeddingExport.Format.CSV;
            default -> throw new IllegalArgumentException("Invalid --format: '" + exportFormat + "' (expected npy or csv)");
        };
        SavedModel saved = ModelFile.load(model);
        Scorer scorer;
        if (data == null) {
            scorer = Models.restore(saved, model).scorer();
        } else {
            DataOptions source = new DataOptions();
            source.data = data;
            scorer = Models.restore(saved, source.load(common.seed), model,
                    allowOtherSplit ? SplitCheck.ALLOW_OTHER_SPLIT : SplitCheck.SAME_SPLIT).scorer();
        }
        if (!(scorer instanceof FactorScorer factors)) {
            throw new IllegalArgumentException(model + ": model type '" + saved.type() + "' does not score with embeddings; nothing to export");
        }
        // the file's id maps equal the data's (restore checked them), so they name the rows either way
        List<Path> files = EmbeddingExport.write(factors, saved.users(), saved.items(), format, out);
        if (!common.quiet) {
            System.err.printf("%d users and %d items x %d dimensions written: %s%n", saved.users().size(), saved.items().size(), factors.dim(),
                    files);
        }
        return 0;
    }
}
