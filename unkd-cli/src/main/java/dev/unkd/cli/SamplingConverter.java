package dev.unkd.cli;

import dev.unkd.train.PairSampling;

/** Reads {@code --sampling interactions|users}; a bad value is a usage error naming the choices. */
final class SamplingConverter extends ParsedConverter<PairSampling> {
    SamplingConverter() {
        super(PairSampling::parse);
    }
}
