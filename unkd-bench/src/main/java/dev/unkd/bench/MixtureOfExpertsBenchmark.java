package dev.unkd.bench;

import dev.unkd.distill.nn.ExpertActivation;
import dev.unkd.distill.nn.ExpertBatch;
import dev.unkd.distill.nn.GumbelSoftmax;
import dev.unkd.distill.nn.MixtureOfExperts;
import dev.unkd.distill.nn.ParameterLayout;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The reconstruction block of DE and HTD ({@link MixtureOfExperts}): forward and backward for
 * 1,000 entities, student dim 10, teacher dim 100, hidden 55, one thread. DE-RRD's defaults are 5
 * experts at temperature 10 (every expert used); HTD's are 30 at temperature 0.1 with the 1e-6
 * cutoff (a few experts per entity). A DE-RRD batch on CiteULike reconstructs about 5,000 entities
 * with {@code BATCH} and 20,000 with {@code RRD_SAMPLES}; an HTD batch about 5,000.
 * {@link #thousandEntities} is the per-entity form (the reference), {@link #thousandEntitiesBatched}
 * the tiled matrix x matrix form the distillers use (same floats), with their tile sizes.
 *
 * <pre>java -jar unkd-bench/target/unkd-bench.jar MixtureOfExpertsBenchmark</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xmx1g"})
public class MixtureOfExpertsBenchmark {
    static final int ENTITIES = 1000;
    static final int STUDENT = 10;
    static final int TEACHER = 100;

    /** "experts:temperature:cutoff": DE-RRD's and HTD's defaults. */
    @Param({"5:10:0", "30:0.1:1e-6"})
    public String setting;

    private MixtureOfExperts block;
    private MixtureOfExperts.Weights weights;
    private MixtureOfExperts.Weights gradient;
    private MixtureOfExperts.Workspace workspace;
    private ExpertBatch tile;
    private float[] students;
    private float[] teachers;
    private float[] noise;
    private float[] studentGradient;
    private float[] flat;

    @Setup(Level.Trial)
    public void setUp() {
        String[] p = setting.split(":");
        int experts = Integer.parseInt(p[0]);
        ParameterLayout layout = new ParameterLayout();
        block = new MixtureOfExperts(layout, STUDENT, (STUDENT + TEACHER) / 2, TEACHER, experts, ExpertActivation.HIDDEN,
                new GumbelSoftmax(Double.parseDouble(p[1]), 1e-10), Double.parseDouble(p[2]));
        float[] params = new float[layout.size()];
        SplittableRandom rng = new SplittableRandom(1);
        block.initialise(params, rng);
        weights = block.zeros();
        block.unpack(params, weights);
        gradient = block.zeros();
        workspace = block.workspace();
        tile = block.batch(Double.parseDouble(p[2]) > 0 ? 1024 : 256); // as UserItemExperts
        flat = new float[layout.size()];
        students = gaussian(ENTITIES * STUDENT, 0.3, rng);
        teachers = gaussian(ENTITIES * TEACHER, 0.3, rng);
        noise = new float[ENTITIES * experts];
        GumbelSoftmax.sample(rng, noise, 0, noise.length);
        studentGradient = new float[students.length];
    }

    private static float[] gaussian(int n, double std, SplittableRandom rng) {
        float[] v = new float[n];
        for (int k = 0; k < n; k++) {
            v[k] = (float) (rng.nextGaussian() * std);
        }
        return v;
    }

    /** 1,000 entities' losses and gradients, then the parameter gradient flattened once (as per work chunk and batch). */
    @Benchmark
    public double thousandEntities() {
        int experts = block.numExperts();
        double loss = 0;
        for (int e = 0; e < ENTITIES; e++) {
            loss += block.lossAndGradient(weights, students, e * STUDENT, teachers, e * TEACHER, noise, e * experts, 1e-3, gradient,
                    studentGradient, e * STUDENT, workspace);
        }
        block.addTo(gradient, flat);
        return loss;
    }

    /** The same 1,000 entities in tiles, each tile computed at once. */
    @Benchmark
    public double thousandEntitiesBatched() {
        int experts = block.numExperts();
        double loss = 0;
        for (int first = 0; first < ENTITIES; first += tile.capacity()) {
            tile.clear();
            int last = Math.min(ENTITIES, first + tile.capacity());
            for (int e = first; e < last; e++) {
                tile.add(students, e * STUDENT, teachers, e * TEACHER, noise, e * experts, 1e-3, studentGradient, e * STUDENT);
            }
            block.lossAndGradient(weights, tile, gradient);
            for (int e = first; e < last; e++) {
                loss += tile.loss(e - first);
            }
        }
        block.addTo(gradient, flat);
        return loss;
    }
}
