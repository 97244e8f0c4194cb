package dev.unkd.parallel;

/**
 * Derives independent seeds from a base seed and a path of indices (epoch, batch, chunk, ...),
 * so every random stream is fixed by its position in the computation, not by thread timing.
 */
public final class Seeds {
    private Seeds() {
    }

    /** SplitMix64 finaliser: a bijective, well-mixing 64-bit hash. */
    public static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    public static long derive(long seed, long... path) {
        long h = mix(seed + 0x9e3779b97f4a7c15L);
        for (long p : path) {
            h = mix(h ^ (p + 0x9e3779b97f4a7c15L));
        }
        return h;
    }
}
