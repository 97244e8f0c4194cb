package dev.unkd.train;

import dev.unkd.model.EmbeddingTable;
import dev.unkd.model.RowSet;
import dev.unkd.parallel.ChunkedExecutor;

/**
 * Adam over the whole table, exactly as PyTorch's {@code torch.optim.Adam} on an embedding
 * weight: every row's moments decay and every row moves at every step, touched or not. Cost per
 * step: 4 passes over rows x dim floats (memory-bound). The reference for {@link LazyAdam}.
 */
public final class DenseAdam implements Optimizer {
    private static final int CHUNK = 1 << 16;

    private final EmbeddingTable table;
    private AdamConfig config;
    private final ChunkedExecutor executor;
    private final float[] m;
    private final float[] v;
    private int t;

    public DenseAdam(EmbeddingTable table, AdamConfig config, ChunkedExecutor executor) {
        this.table = table;
        this.config = config;
        this.executor = executor;
        this.m = new float[table.data().length];
        this.v = new float[table.data().length];
    }

    @Override
    public void step(float[] grad, RowSet touched) {
        t++;
        float b1 = (float) config.beta1();
        float b2 = (float) config.beta2();
        float stepSize = (float) (config.lr() / (1 - Math.pow(config.beta1(), t)));
        float sqrtBc2 = (float) Math.sqrt(1 - Math.pow(config.beta2(), t));
        float eps = (float) config.eps();
        float[] p = table.data();
        int n = p.length;
        executor.run(ChunkedExecutor.chunks(n, CHUNK), c -> {
            int to = Math.min(n, (c + 1) * CHUNK);
            for (int k = c * CHUNK; k < to; k++) {
                float g = grad[k];
                float mk = b1 * m[k] + (1 - b1) * g;
                float vk = b2 * v[k] + (1 - b2) * g * g;
                m[k] = mk;
                v[k] = vk;
                p[k] -= stepSize * mk / ((float) Math.sqrt(vk) / sqrtBc2 + eps);
            }
        });
    }

    @Override
    public void flush() {
        // always up to date
    }

    @Override
    public void setLearningRate(double lr) {
        config = new AdamConfig(lr, config.beta1(), config.beta2(), config.eps());
    }

    @Override
    public EmbeddingTable table() {
        return table;
    }
}
