package dev.unkd.cli;

import dev.unkd.train.NegativeSampling;

/** Reads {@code --negatives uniform|popularity[:SHARE]}; a bad value is a usage error naming the forms. */
final class NegativesConverter extends ParsedConverter<NegativeSampling> {
    NegativesConverter() {
        super(NegativeSampling::parse);
    }
}
