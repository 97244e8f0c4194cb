package dev.unkd.distill.nn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The batched {@link MixtureOfExperts#lossAndGradient(MixtureOfExperts.Weights, ExpertBatch, MixtureOfExperts.Weights)}
 * against the per-entity computation on random data: the same losses, student gradients and
 * parameter gradients, to the bit (its sums run in the per-entity order), for both activations,
 * one or several experts, with and without a cutoff, and tiles of every fill.
 */
class ExpertBatchTest {
    private static float[] gaussian(int n, double std, SplittableRandom rng) {
        float[] v = new float[n];
        for (int k = 0; k < n; k++) {
            v[k] = (float) (rng.nextGaussian() * std);
        }
        return v;
    }

    private static void check(int experts, double temperature, double cutoff, ExpertActivation activation, int entities, int capacity) {
        int sd = 10;
        int td = 23;
        int hidden = 13;
        ParameterLayout layout = new ParameterLayout();
        MixtureOfExperts moe = new MixtureOfExperts(layout, sd, hidden, td, experts, activation, new GumbelSoftmax(temperature, 1e-10), cutoff);
        float[] params = new float[layout.size()];
        SplittableRandom rng = new SplittableRandom(experts * 31L + entities);
        moe.initialise(params, rng);
        MixtureOfExperts.Weights w = moe.zeros();
        moe.unpack(params, w);
        float[] s = gaussian(entities * sd, 0.5, rng);
        float[] t = gaussian(entities * td, 0.5, rng);
        double[] weights = new double[entities];
        for (int i = 0; i < entities; i++) {
            weights[i] = 0.1 + rng.nextDouble();
        }

        // per entity, in order
        MixtureOfExperts.Weights gRow = moe.zeros();
        MixtureOfExperts.Workspace ws = moe.workspace();
        float[] dsRow = new float[entities * sd];
        double[] lossRow = new double[entities];
        float[] noise = new float[experts];
        for (int i = 0; i < entities; i++) {
            GumbelSoftmax.sample(new SplittableRandom(1000 + i), noise, 0, experts);
            lossRow[i] = moe.lossAndGradient(w, s, i * sd, t, i * td, noise, 0, weights[i], gRow, dsRow, i * sd, ws);
        }
        float[] flatRow = new float[params.length];
        moe.addTo(gRow, flatRow);

        // in tiles
        MixtureOfExperts.Weights gTile = moe.zeros();
        ExpertBatch tile = moe.batch(capacity);
        float[] dsTile = new float[entities * sd];
        double[] lossTile = new double[entities];
        for (int first = 0; first < entities; first += capacity) {
            tile.clear();
            int last = Math.min(entities, first + capacity);
            for (int i = first; i < last; i++) {
                GumbelSoftmax.sample(new SplittableRandom(1000 + i), noise, 0, experts);
                tile.add(s, i * sd, t, i * td, noise, 0, weights[i], dsTile, i * sd);
            }
            moe.lossAndGradient(w, tile, gTile);
            for (int i = first; i < last; i++) {
                lossTile[i] = tile.loss(i - first);
            }
        }
        float[] flatTile = new float[params.length];
        moe.addTo(gTile, flatTile);

        String what = experts + " experts, T=" + temperature + ", cutoff " + cutoff + ", " + activation + ", " + entities + " in tiles of "
                + capacity;
        assertThat(lossTile).as(what + " losses").containsExactly(lossRow);
        assertThat(dsTile).as(what + " student gradients").containsExactly(dsRow);
        assertThat(flatTile).as(what + " parameter gradients").containsExactly(flatRow);
        assertThat(flatRow).as(what + ": a real gradient").isNotEqualTo(new float[params.length]);
    }

    @Test
    void tilesGiveThePerEntityFloats() {
        for (ExpertActivation activation : ExpertActivation.values()) {
            check(1, 1, 0, activation, 37, 16);
            check(5, 10, 0, activation, 61, 64);
            check(5, 10, 0, activation, 61, 9);
            check(12, 0.1, 1e-6, activation, 150, 64);
            check(12, 0.5, 0, activation, 20, 256);
        }
    }
}
