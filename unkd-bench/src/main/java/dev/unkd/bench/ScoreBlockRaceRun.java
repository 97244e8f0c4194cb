package dev.unkd.bench;

import dev.unkd.data.Interactions;
import dev.unkd.model.FactorScorer;
import dev.unkd.model.MatrixFactorization;
import dev.unkd.recommend.Recommender;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * For a shared, loaded machine, where JMH's sequential runs see different loads: times the
 * current and the previous scoreBlock kernel alternately (64 users x 25,181 items x dim 100), then
 * splits one thread's full ranking (4,176 users in blocks of 64, top 20) into scoring and
 * selection. Reports min and median per call with the load average.
 *
 * <p>{@code java -cp unkd-bench/target/unkd-bench.jar dev.unkd.bench.ScoreBlockRaceRun [rounds]}
 */
public final class ScoreBlockRaceRun {
    private static final int DIM = 100;
    private static final int BLOCK = 64;

    public static void main(String[] args) throws IOException {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 40;
        MatrixFactorization mf = MatrixFactorization.initialise(BenchData.USERS, BenchData.ITEMS, DIM, new SplittableRandom(1));
        FactorScorer current = new FactorScorer(mf.userTable(), mf.itemTable());
        PreviousScoreBlock previous = new PreviousScoreBlock(mf.userTable().data(), mf.itemTable().data(), BenchData.ITEMS, DIM);
        float[][] rows = new float[BLOCK][BenchData.ITEMS];
        int[] users = new int[4176];
        Arrays.setAll(users, u -> u);
        System.out.println("load " + load());

        double[] cur = new double[rounds];
        double[] prev = new double[rounds];
        for (int r = -5; r < rounds; r++) { // 5 untimed rounds for the JIT
            long t0 = System.nanoTime();
            current.scoreBlock(users, 0, BLOCK, rows);
            long t1 = System.nanoTime();
            previous.scoreBlock(users, 0, BLOCK, rows);
            long t2 = System.nanoTime();
            if (r >= 0) {
                cur[r] = (t1 - t0) / 1e6;
                prev[r] = (t2 - t1) / 1e6;
            }
        }
        double macs = (double) BLOCK * BenchData.ITEMS * DIM;
        report("scoreBlock current ", cur, macs);
        report("scoreBlock previous", prev, macs);

        Recommender recommender = Recommender.unfiltered(current);
        Recommender.Scratch scratch = new Recommender.Scratch();
        int[] none = new int[0];
        int passes = Math.max(3, rounds / 10);
        double[] scoring = new double[passes];
        double[] selection = new double[passes];
        for (int p = -1; p < passes; p++) {
            long score = 0;
            long select = 0;
            for (int from = 0; from < users.length; from += BLOCK) {
                int to = Math.min(users.length, from + BLOCK);
                long t0 = System.nanoTime();
                current.scoreBlock(users, from, to, rows);
                long t1 = System.nanoTime();
                for (int b = from; b < to; b++) {
                    recommender.select(rows[b - from], 20, none, scratch);
                }
                score += t1 - t0;
                select += System.nanoTime() - t1;
            }
            if (p >= 0) {
                scoring[p] = score / 1e6;
                selection[p] = select / 1e6;
            }
        }
        report("full ranking, scoring ", scoring, (double) users.length * BenchData.ITEMS * DIM);
        report("full ranking, top 20  ", selection, 0);
        System.out.println("load " + load());
    }

    private static void report(String what, double[] ms, double macs) {
        double[] s = ms.clone();
        Arrays.sort(s);
        double min = s[0];
        double median = s[s.length / 2];
        String rate = macs == 0 ? "" : String.format(" (%.1f / %.1f GMAC/s)", macs / min / 1e6, macs / median / 1e6);
        System.out.printf("%s min %.2f ms, median %.2f ms%s%n", what, min, median, rate);
    }

    private static String load() throws IOException {
        return Files.readString(Path.of("/proc/loadavg")).trim();
    }
}
