package dev.unkd.distill;

import dev.unkd.data.Dataset;
import dev.unkd.data.PopularityGroups;
import dev.unkd.data.SplitDirectory;
import dev.unkd.eval.EvaluationOptions;
import dev.unkd.eval.EvaluationReport;
import dev.unkd.eval.Evaluator;
import dev.unkd.eval.MetricKey;
import dev.unkd.model.MatrixFactorization;
import dev.unkd.model.ModelFile;
import dev.unkd.model.Models;
import dev.unkd.parallel.ChunkedExecutor;
import dev.unkd.teacher.Teacher;
import dev.unkd.teacher.Teachers;
import dev.unkd.train.BatchObjective;
import dev.unkd.train.Trainer;
import dev.unkd.train.TrainingConfig;
import dev.unkd.train.TrainingListener;
import dev.unkd.train.TrainingResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Measures distillation on the authors' CiteULike split (not a unit test): trains or loads an
 * MF-100 teacher, then MF-10 students with each method, and prints validation and test metrics
 * and timings, one line per run.
 *
 * <pre>
 *   java -cp ... dev.unkd.distill.CiteULikeDistillationRun key=value ...
 *     data=/work/shared/data/citeulike  teacherLr=0.001 teacherDecay=0.001  threads=2  seed=2022
 *     runs="none unkd:1.0 unkd:0.1 rd:0.5 cd:1.0"  (method:kdWeight[:variant...], space separated;
 *                                                   variants lambdaX, muX, nX for UnKD, avg, static for RD, redraw for CD)
 *     groups=split|authors  (UnKD's groups: split here, or the authors' item_groups.txt)
 *     studentLr=0.01 studentDecay=0.01 maxEpochs=1000
 * </pre>
 * The teacher is cached in /tmp/teacher-mf100-lr{lr}-decay{decay}.unkd.
 */
public final class CiteULikeDistillationRun {
    private static final boolean VERBOSE = Boolean.getBoolean("verbose");

    private CiteULikeDistillationRun() {
    }

    public static void main(String[] args) throws IOException {
        Map<String, String> opt = new LinkedHashMap<>(Map.of("data", "/work/shared/data/citeulike", "teacherLr", "0.001",
                "teacherDecay", "0.001", "threads", "2", "seed", "2022", "runs", "none unkd:1.0 unkd:0.1 rd:0.5 cd:1.0", "groups", "split",
                "studentLr", "0.01", "studentDecay", "0.01", "maxEpochs", "1000"));
        for (String a : args) {
            int eq = a.indexOf('=');
            opt.put(a.substring(0, eq), a.substring(eq + 1));
        }
        long seed = Long.parseLong(opt.get("seed"));
        Dataset data = SplitDirectory.read(Path.of(opt.get("data")));
        System.out.printf(Locale.ROOT, "data %s: %d users, %d items, %d/%d/%d train/valid/test%n", data.name(), data.numUsers(),
                data.numItems(), data.train().size(), data.valid().size(), data.test().size());
        try (ChunkedExecutor executor = new ChunkedExecutor(Integer.parseInt(opt.get("threads")))) {
            Evaluator evaluator = new Evaluator(data.train(), EvaluationOptions.defaults(), executor);
            Teacher teacher = teacher(data, opt, evaluator, executor);
            EvaluationReport teacherTest = evaluator.evaluate(teacher.scorer(), data.test());
            System.out.println(row("teacher", Double.NaN, null, teacherTest, 0, 0, 0));
            PopularityGroups groups = opt.get("groups").equals("authors")
                    ? PopularityGroups.read(Path.of(opt.get("data")).resolve("item_groups.txt"), data.items(),
                            data.train().itemPopularity())
                    : UnkdConfig.defaults().popularityGroups(data.train());
            System.out.println("UnKD groups: " + groups.numGroups() + " sizes " + Arrays.toString(
                    java.util.stream.IntStream.range(0, groups.numGroups()).map(g -> groups.members(g).length).toArray()));
            TrainingConfig student = TrainingConfig.defaults().withLr(Double.parseDouble(opt.get("studentLr")))
                    .withDecay(Double.parseDouble(opt.get("studentDecay"))).withSeed(seed).withEpochs(Integer.parseInt(opt.get("maxEpochs")));
            for (String run : opt.get("runs").trim().split("\\s+")) {
                String[] parts = run.split(":");
                MethodDescriptor<?> method = DistillationMethods.parse(parts[0]);
                DistillerSettings config = method.defaults();
                double w = parts.length > 1 ? Double.parseDouble(parts[1]) : config.kdWeight();
                config = config.withKdWeight(w);
                for (int v = 2; v < parts.length; v++) {
                    config = variant(config, parts[v]);
                }
                runStudent(run, method, config, teacher, data, groups, student, evaluator, executor);
            }
        }
    }

    /** Named variants: lambdaX (UnKD ratio exponent X), mu=X (UnKD temperature), nX (UnKD budget), avg / static (RD), redraw (CD). */
    private static DistillerSettings variant(DistillerSettings c, String v) {
        if (c instanceof UnkdConfig u && v.startsWith("lambda")) {
            return u.withRatioExponent(Double.parseDouble(v.substring(6)));
        } else if (c instanceof UnkdConfig u && v.startsWith("mu")) {
            return u.withTemperature(Double.parseDouble(v.substring(2)));
        } else if (c instanceof UnkdConfig u && v.startsWith("n")) {
            return u.withSampleBudget(Integer.parseInt(v.substring(1)));
        } else if (c instanceof RdConfig rd && v.equals("avg")) {
            return rd.withAverageOverList(true);
        } else if (c instanceof RdConfig rd && v.equals("static")) {
            return rd.withDynamicWeights(false, rd.dynamicStartEpoch());
        } else if (c instanceof CdConfig cd && v.equals("redraw")) {
            return cd.withRedrawEveryEpoch(true);
        }
        throw new IllegalArgumentException("unknown variant " + v);
    }

    private static Teacher teacher(Dataset data, Map<String, String> opt, Evaluator evaluator, ChunkedExecutor executor)
            throws IOException {
        double lr = Double.parseDouble(opt.get("teacherLr"));
        double decay = Double.parseDouble(opt.get("teacherDecay"));
        Path file = Path.of(String.format(Locale.ROOT, "/tmp/teacher-mf100-lr%s-decay%s.unkd", lr, decay));
        if (!Files.exists(file)) {
            TrainingConfig tc = TrainingConfig.defaults().withLr(lr).withDecay(decay).withSeed(Long.parseLong(opt.get("seed")));
            MatrixFactorization mf = MatrixFactorization.initialise(data.numUsers(), data.numItems(), 100,
                    new SplittableRandom(tc.seed()));
            TrainingResult r = new Trainer(tc, executor, progress("teacher")).train(mf, data.train(), data.valid(), evaluator,
                    List.of(new dev.unkd.train.BprObjective(1.0)));
            System.out.printf(Locale.ROOT, "teacher trained: best epoch %d of %d, %.1f s (%.3f s/epoch)%n", r.bestEpoch(),
                    r.epochsRun(), r.trainSeconds(), r.secondsPerEpoch());
            ModelFile.save(Models.toSaved(mf, data, Map.of("lr", lr, "decay", decay, "bestEpoch", r.bestEpoch())), file);
        }
        return Teachers.fromModelFile(file, data);
    }

    private static void runStudent(String name, MethodDescriptor<?> method, DistillerSettings config, Teacher teacher, Dataset data,
            PopularityGroups groups, TrainingConfig tc, Evaluator evaluator, ChunkedExecutor executor) {
        long start = System.nanoTime();
        List<BatchObjective> objectives = config instanceof UnkdConfig unkd ? unkd.objectives(teacher, data, groups, executor)
                : config.objectives(teacher, data, executor);
        double prep = Distiller.find(objectives).map(Distiller::preparationSeconds).orElse(0.0);
        double[] sampling = new double[2]; // sum, epochs
        TrainingListener listener = new TrainingListener() {
            @Override
            public void epochFinished(int epoch, double loss, double seconds) {
                Distiller.find(objectives).ifPresent(d -> {
                    sampling[0] += d.lastEpochSeconds();
                    sampling[1]++;
                });
            }

            @Override
            public void validated(int epoch, EvaluationReport validation, boolean best) {
                if (epoch % 50 == 0 || VERBOSE) {
                    System.err.printf(Locale.ROOT, "  %s epoch %d valid ndcg@20 %.4f%s%n", name, epoch, validation.get(MetricKey.parse("ndcg@20")),
                            best ? " *" : "");
                }
            }
        };
        MatrixFactorization mf = MatrixFactorization.initialise(data.numUsers(), data.numItems(), 10, new SplittableRandom(tc.seed()));
        TrainingResult result = new Trainer(tc, executor, listener).train(mf, data.train(), data.valid(), evaluator, objectives);
        EvaluationReport test = evaluator.evaluate(mf.scorer(), data.test());
        double total = (System.nanoTime() - start) / 1e9;
        System.out.println(row(name, result.bestValidation().map(r -> r.get(MetricKey.parse("ndcg@20"))).orElse(Double.NaN), result, test, prep,
                sampling[1] == 0 ? 0 : sampling[0] / sampling[1], total));
    }

    private static TrainingListener progress(String name) {
        return new TrainingListener() {
            @Override
            public void validated(int epoch, EvaluationReport validation, boolean best) {
                if (epoch % 25 == 0) {
                    System.err.printf(Locale.ROOT, "  %s epoch %d valid ndcg@20 %.4f%s%n", name, epoch, validation.get(MetricKey.parse("ndcg@20")),
                            best ? " *" : "");
                }
            }
        };
    }

    private static String row(String name, double validNdcg, TrainingResult r, EvaluationReport test, double prep, double sampling,
            double total) {
        double[] share = test.perGroup(MetricKey.parse("groupShare@20"));
        return String.format(Locale.ROOT,
                "%-10s valid-ndcg@20 %.4f  best %4s/%4s  test R@10 %.4f N@10 %.4f  R@20 %.4f N@20 %.4f  share@20 [%s]  popR@10 %.4f"
                        + " unpopR@10 %.4f  prep %.2fs  sample %.4fs/ep  total %.1fs",
                name, validNdcg, r == null ? "-" : r.bestEpoch(), r == null ? "-" : r.epochsRun(), test.get(MetricKey.parse("recall@10")),
                test.get(MetricKey.parse("ndcg@10")), test.get(MetricKey.parse("recall@20")), test.get(MetricKey.parse("ndcg@20")),
                Arrays.stream(share).mapToObj(s -> String.format(Locale.ROOT, "%.3f", s)).reduce((a, b) -> a + " " + b).orElse(""),
                test.get(MetricKey.parse("popularRecall@10")), test.get(MetricKey.parse("unpopularRecall@10")), prep, sampling, total);
    }
}
