package dev.unkd.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.unkd.model.EmbeddingGradients;
import dev.unkd.model.RowSet;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class GradientLogTest {
    private static final int USERS = 700;
    private static final int ITEMS = 2_000;
    private static final int DIM = 3;

    /** 1,500 random contributions (beyond the initial capacity) over rows of many 64-row blocks, rows repeating. */
    private static void fill(GradientLog log) {
        SplittableRandom rng = new SplittableRandom(11);
        float[] v = new float[DIM];
        for (int k = 0; k < 1_500; k++) {
            for (int d = 0; d < DIM; d++) {
                v[d] = (float) rng.nextGaussian();
            }
            if (rng.nextBoolean()) {
                log.addUser(rng.nextInt(USERS), v, 0, 0.3f);
            } else {
                log.addItem(rng.nextInt(ITEMS), v, 0, 0.7f);
            }
        }
    }

    private static int[] order(RowSet rows) {
        int[] out = new int[rows.size()];
        for (int k = 0; k < out.length; k++) {
            out[k] = rows.get(k);
        }
        return out;
    }

    @Test
    void stripedReplayEqualsTheSequentialOneBitForBitWithOrWithoutTheStripeIndex() {
        GradientLog plain = new GradientLog(DIM);
        fill(plain);
        EmbeddingGradients expected = new EmbeddingGradients(USERS, ITEMS, DIM);
        plain.replayInto(expected);
        for (int logStripes : new int[] {1, 2, 3}) {
            GradientLog log = new GradientLog(DIM, logStripes);
            for (int round = 0; round < 2; round++) { // the second round checks that clear() empties the index
                log.clear();
                fill(log);
                for (int stripes : new int[] {2, 3}) {
                    EmbeddingGradients striped = new EmbeddingGradients(USERS, ITEMS, DIM);
                    for (int s = stripes - 1; s >= 0; s--) {
                        log.replayStripe(striped, s, stripes);
                    }
                    log.markTouched(striped);
                    assertThat(striped.user()).as("log stripes %d, replay stripes %d", logStripes, stripes).containsExactly(expected.user());
                    assertThat(striped.item()).containsExactly(expected.item());
                    assertThat(order(striped.touchedUsers())).containsExactly(order(expected.touchedUsers()));
                    assertThat(order(striped.touchedItems())).containsExactly(order(expected.touchedItems()));
                }
            }
        }
    }

    @Test
    void aStripeReplaysOnlyRowsOfItsOwnBlocks() {
        GradientLog log = new GradientLog(1, 2);
        float[] one = {1f};
        log.addItem(5, one, 0, 1f);   // block 0: stripe 0
        log.addItem(70, one, 0, 1f);  // block 1: stripe 1
        log.addUser(130, one, 0, 1f); // block 2: stripe 0
        EmbeddingGradients grads = new EmbeddingGradients(200, 200, 1);
        log.replayStripe(grads, 1, 2);
        assertThat(grads.item()[70]).isEqualTo(1f);
        assertThat(grads.item()[5]).isZero();
        assertThat(grads.user()[130]).isZero();
        log.replayStripe(grads, 0, 2);
        assertThat(grads.item()[5]).isEqualTo(1f);
        assertThat(grads.user()[130]).isEqualTo(1f);
    }

    @Test
    void refusesANonPositiveStripeCount() {
        assertThatThrownBy(() -> new GradientLog(4, 0)).hasMessage("Invalid stripe count: 0");
    }
}
