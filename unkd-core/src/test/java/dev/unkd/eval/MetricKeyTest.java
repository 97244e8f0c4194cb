package dev.unkd.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.unkd.train.TrainingConfig;
import org.junit.jupiter.api.Test;

class MetricKeyTest {
    @Test
    void everyNameRoundTripsThroughItsFileName() {
        for (MetricName m : MetricName.values()) {
            MetricKey key = m.at(20);
            assertThat(MetricKey.parse(key.toString())).isEqualTo(key);
        }
        assertThat(MetricKey.parse("ndcg@20")).isEqualTo(new MetricKey(MetricName.NDCG, 20));
        assertThat(MetricName.GROUP_SHARE.at(10).toString()).isEqualTo("groupShare@10");
        assertThat(MetricName.GROUP_SHARE.perGroup()).isTrue();
        assertThat(MetricName.POPULAR_RECALL.perGroup()).isFalse();
    }

    @Test
    void badNamesAreRejectedWithTheKnownMetrics() {
        assertThatThrownBy(() -> MetricKey.parse("ndgc@20")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Unknown metric 'ndgc'").hasMessageContaining("recall, precision, ndcg");
        assertThatThrownBy(() -> MetricKey.parse("NDCG@20")).hasMessageContaining("Unknown metric 'NDCG'");
        assertThatThrownBy(() -> MetricKey.parse("ndcg20")).hasMessageContaining("expected NAME@K");
        assertThatThrownBy(() -> MetricKey.parse("ndcg@top")).hasMessageContaining("Invalid cutoff in metric 'ndcg@top'");
        assertThatThrownBy(() -> MetricKey.parse("ndcg@0")).hasMessageContaining("Invalid cutoff for ndcg: 0");
        assertThatThrownBy(() -> MetricKey.parse(null)).hasMessageContaining("expected NAME@K");
    }

    @Test
    void trainingSelectsBySomeScalarMetric() {
        TrainingConfig d = TrainingConfig.defaults();
        assertThat(d.selectMetric()).isEqualTo(MetricKey.parse("ndcg@20")).isEqualTo(TrainingConfig.DEFAULT_SELECT_METRIC);
        assertThat(new TrainingConfig(d.lr(), d.decay(), d.batchSize(), d.epochs(), d.evalEvery(), d.patience(), d.seed(), d.lazyAdam(),
                MetricName.RECALL.at(10)).selectMetric().toString()).isEqualTo("recall@10");
        assertThatThrownBy(() -> new TrainingConfig(d.lr(), d.decay(), d.batchSize(), d.epochs(), d.evalEvery(), d.patience(), d.seed(),
                d.lazyAdam(), MetricName.GROUP_SHARE.at(20))).hasMessageContaining("Invalid selection metric: groupShare@20");
        assertThatThrownBy(() -> new TrainingConfig(d.lr(), d.decay(), d.batchSize(), d.epochs(), d.evalEvery(), d.patience(), d.seed(),
                d.lazyAdam(), null)).hasMessageContaining("Invalid selection metric: null");
    }

    @Test
    void reportsAreReadByKey() {
        EvaluationReport r = new EvaluationReport(3);
        r.put(MetricName.RECALL.at(5), new double[] {0.25});
        r.put(MetricName.GROUP_SHARE.at(5), new double[] {0.75, 0.25});
        assertThat(r.users()).isEqualTo(3);
        assertThat(r.get(MetricName.RECALL.at(5))).isEqualTo(0.25);
        assertThat(r.perGroup(MetricName.GROUP_SHARE.at(5))).containsExactly(0.75, 0.25);
        assertThat(r.keys()).containsExactly(MetricName.RECALL.at(5), MetricName.GROUP_SHARE.at(5));
        assertThat(r.asMap()).containsOnlyKeys("users", "recall@5", "groupShare@5");
        assertThat(r.asMap().get("users")).isEqualTo(3.0);
        assertThat(r.toString()).isEqualTo("{users=3.0, recall@5=0.25, groupShare@5=[0.75, 0.25]}");
        assertThatThrownBy(() -> r.get(MetricName.RECALL.at(10))).hasMessageContaining("no scalar metric 'recall@10'")
                .hasMessageContaining("recall@5");
        assertThatThrownBy(() -> r.get(MetricName.GROUP_SHARE.at(5))).hasMessageContaining("no scalar metric 'groupShare@5'");
        assertThatThrownBy(() -> r.perGroup(MetricName.RECALL.at(5))).hasMessageContaining("no per-group metric 'recall@5'");
        assertThatThrownBy(() -> r.put(MetricName.RECALL.at(5), new double[] {1})).hasMessageContaining("reported twice");
        assertThatThrownBy(() -> r.put(MetricName.NDCG.at(5), new double[] {1, 2})).hasMessageContaining("scalar metric");
    }
}
