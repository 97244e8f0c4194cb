package dev.unkd.examples;

import dev.unkd.data.Dataset;
import dev.unkd.data.InteractionLog;
import dev.unkd.data.PaperSplitter;
import dev.unkd.data.SyntheticData;
import dev.unkd.distill.UnkdConfig;
import dev.unkd.eval.EvaluationReport;
import dev.unkd.eval.MetricName;
import dev.unkd.model.ModelSpec;
import dev.unkd.pipeline.Pipeline;
import dev.unkd.pipeline.TrainedModel;
import dev.unkd.train.TrainingConfig;
import java.nio.file.Path;
import java.util.List;

/** unkd from Java: synthetic data, the paper's split, an MF teacher, a UnKD student, its metrics and model file. */
public final class Quickstart {
    public static void main(String[] args) throws Exception {
        // 3,000 users, 6,000 items, power-law popularity; 20% of each user's items held out, 20% of users validate
        InteractionLog log = SyntheticData.generate(SyntheticData.Options.defaults());
        Dataset data = PaperSplitter.CITEULIKE.split(log, 2022);
        TrainingConfig training = TrainingConfig.defaults().withEpochs(40).withSeed(2022);
        Pipeline pipeline = Pipeline.create(); // all cores; the numbers do not depend on how many

        TrainedModel teacher = pipeline.train(data, ModelSpec.mf(100), training);
        TrainedModel student = pipeline.distill(data, teacher, ModelSpec.mf(10), UnkdConfig.defaults(), training);

        EvaluationReport test = pipeline.evaluate(student, data.test());
        for (MetricName metric : List.of(MetricName.RECALL, MetricName.NDCG, MetricName.UNPOPULAR_RECALL, MetricName.GINI)) {
            System.out.printf("UnKD student %s: %.4f%n", metric.at(20), test.get(metric.at(20))); // accuracy and popularity bias
        }
        Path out = Path.of(args.length > 0 ? args[0] : "student.unkd");
        student.save(out);
        System.out.println("saved " + out);
    }
}
