package dev.unkd.distill.nn;

/**
 * Hands out consecutive regions of one flat parameter array to the layers of a small network.
 * Layers keep only their offsets and compute on arrays passed in, so one array holds every
 * weight of a distiller (one {@link dev.unkd.train.DenseAdam} steps it all), a gradient buffer is
 * just another array of the same length, and a gradient check can perturb any entry in place.
 */
public final class ParameterLayout {
    private int size;

    /** Reserves {@code n} parameters and returns the offset of the first. */
    public int reserve(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("Invalid parameter count: " + n);
        }
        int offset = size;
        size = Math.addExact(size, n);
        return offset;
    }

    /** Parameters reserved so far: the length of the arrays the layers compute on. */
    public int size() {
        return size;
    }
}
