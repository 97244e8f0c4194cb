package dev.unkd.distill;

import java.util.Objects;

/**
 * The settings of every distillation method, so that one value configures whichever method is
 * chosen (only the chosen method's part is used).
 */
public record DistillationConfig(UnkdConfig unkd, RdConfig rd, CdConfig cd) {
    public DistillationConfig {
        Objects.requireNonNull(unkd, "unkd");
        Objects.requireNonNull(rd, "rd");
        Objects.requireNonNull(cd, "cd");
    }

    public static DistillationConfig defaults() {
        return new DistillationConfig(UnkdConfig.defaults(), RdConfig.defaults(), CdConfig.defaults());
    }

    public DistillationConfig withUnkd(UnkdConfig c) {
        return new DistillationConfig(c, rd, cd);
    }

    public DistillationConfig withRd(RdConfig c) {
        return new DistillationConfig(unkd, c, cd);
    }

    public DistillationConfig withCd(CdConfig c) {
        return new DistillationConfig(unkd, rd, c);
    }

    /** The KD weight of the given method (0 for none). */
    public double kdWeight(DistillationMethod method) {
        return switch (method) {
            case NONE -> 0;
            case UNKD -> unkd.kdWeight();
            case RD -> rd.kdWeight();
            case CD -> cd.kdWeight();
        };
    }

    /** The same settings with the given method's KD weight replaced. */
    public DistillationConfig withKdWeight(DistillationMethod method, double w) {
        return switch (method) {
            case NONE -> this;
            case UNKD -> withUnkd(unkd.withKdWeight(w));
            case RD -> withRd(rd.withKdWeight(w));
            case CD -> withCd(cd.withKdWeight(w));
        };
    }
}
