package dev.unkd.train;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unkd.data.Dataset;
import dev.unkd.model.Embeddings;
import dev.unkd.model.MatrixFactorization;
import dev.unkd.parallel.ChunkedExecutor;
import dev.unkd.testing.TestData;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;

/** The trainer calls an objective's batch hooks around its chunks, once per batch, in its own thread. */
class BatchHooksTest {
    private static final Dataset DATA = TestData.clustered(60, 40, 8, 3);

    /** Records the order of calls. */
    private static final class Recorder implements BatchObjective {
        final ConcurrentLinkedQueue<String> calls = new ConcurrentLinkedQueue<>();
        final Thread trainerThread = Thread.currentThread();
        boolean hooksInTrainerThread = true;
        Embeddings seen;

        @Override
        public String name() {
            return "recorder";
        }

        @Override
        public void beforeBatch(Batch batch, Embeddings embeddings) {
            hooksInTrainerThread &= Thread.currentThread() == trainerThread;
            seen = embeddings;
            calls.add("before " + batch.epoch() + "/" + batch.index());
        }

        @Override
        public double accumulate(Batch batch, int from, int to, Embeddings embeddings, GradientLog log, SplittableRandom rng) {
            assertThat(embeddings).isSameAs(seen);
            calls.add("chunk " + batch.epoch() + "/" + batch.index());
            return 0;
        }

        @Override
        public void afterBatch(Batch batch) {
            hooksInTrainerThread &= Thread.currentThread() == trainerThread;
            calls.add("after " + batch.epoch() + "/" + batch.index());
        }
    }

    @Test
    void hooksBracketTheChunksOfEveryBatch() {
        Recorder recorder = new Recorder();
        MatrixFactorization mf = MatrixFactorization.initialise(DATA.numUsers(), DATA.numItems(), 4, new SplittableRandom(1));
        TrainingConfig config = new TrainingConfig(0.01, 0.01, 300, 2, 5, 5, 7, true, TrainingConfig.DEFAULT_SELECT_METRIC);
        new Trainer(config, new ChunkedExecutor(2), TrainingListener.NONE).train(mf, DATA.train(), DATA.valid(), null,
                List.of(new BprObjective(1.0), recorder));
        List<String> calls = List.copyOf(recorder.calls);
        int batches = (DATA.train().size() + 299) / 300;
        int chunks = (300 + Trainer.CHUNK - 1) / Trainer.CHUNK;
        assertThat(calls.stream().filter(c -> c.startsWith("before"))).hasSize(2 * batches);
        assertThat(calls.stream().filter(c -> c.startsWith("after"))).hasSize(2 * batches);
        assertThat(recorder.hooksInTrainerThread).isTrue();
        // before, this batch's chunks, after; then the next batch
        String current = null;
        for (String call : calls) {
            String batch = call.substring(call.indexOf(' ') + 1);
            if (call.startsWith("before")) {
                assertThat(current).isNull();
                current = batch;
            } else if (call.startsWith("chunk")) {
                assertThat(batch).isEqualTo(current);
            } else {
                assertThat(batch).isEqualTo(current);
                current = null;
            }
        }
        assertThat(calls.stream().filter(c -> c.equals("chunk 1/0"))).hasSizeBetween(1, chunks);
    }
}
