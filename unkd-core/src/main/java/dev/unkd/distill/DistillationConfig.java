package dev.unkd.distill;

import java.util.Objects;

/**
 * The settings of every distillation method, so that one value configures whichever method is
 * chosen (only the chosen method's part is used).
 */
public record DistillationConfig(UnkdConfig unkd, RdConfig rd, CdConfig cd, DeRrdConfig deRrd, HtdConfig htd) {
    public DistillationConfig {
        Objects.requireNonNull(unkd, "unkd");
        Objects.requireNonNull(rd, "rd");
        Objects.requireNonNull(cd, "cd");
        Objects.requireNonNull(deRrd, "deRrd");
        Objects.requireNonNull(htd, "htd");
    }

    /** UnKD, RD and CD settings with the defaults of DE-RRD and HTD. */
    public DistillationConfig(UnkdConfig unkd, RdConfig rd, CdConfig cd) {
        this(unkd, rd, cd, DeRrdConfig.defaults(), HtdConfig.defaults());
    }

    public static DistillationConfig defaults() {
        return new DistillationConfig(UnkdConfig.defaults(), RdConfig.defaults(), CdConfig.defaults());
    }

    public DistillationConfig withUnkd(UnkdConfig c) {
        return new DistillationConfig(c, rd, cd, deRrd, htd);
    }

    public DistillationConfig withRd(RdConfig c) {
        return new DistillationConfig(unkd, c, cd, deRrd, htd);
    }

    public DistillationConfig withCd(CdConfig c) {
        return new DistillationConfig(unkd, rd, c, deRrd, htd);
    }

    public DistillationConfig withDeRrd(DeRrdConfig c) {
        return new DistillationConfig(unkd, rd, cd, c, htd);
    }

    public DistillationConfig withHtd(HtdConfig c) {
        return new DistillationConfig(unkd, rd, cd, deRrd, c);
    }

    /** The KD weight of the given method (0 for none; DE-RRD's RRD weight, its DE weight is separate). */
    public double kdWeight(DistillationMethod method) {
        return switch (method) {
            case NONE -> 0;
            case UNKD -> unkd.kdWeight();
            case RD -> rd.kdWeight();
            case CD -> cd.kdWeight();
            case DE_RRD -> deRrd.kdWeight();
            case HTD -> htd.kdWeight();
        };
    }

    /** The same settings with the given method's KD weight replaced. */
    public DistillationConfig withKdWeight(DistillationMethod method, double w) {
        return switch (method) {
            case NONE -> this;
            case UNKD -> withUnkd(unkd.withKdWeight(w));
            case RD -> withRd(rd.withKdWeight(w));
            case CD -> withCd(cd.withKdWeight(w));
            case DE_RRD -> withDeRrd(deRrd.withKdWeight(w));
            case HTD -> withHtd(htd.withKdWeight(w));
        };
    }
}
