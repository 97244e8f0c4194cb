package dev.unkd.distill;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The distillation methods unkd trains students with, by their command-line names. */
public enum DistillationMethod {
    /** No distillation: the plain BPR student. */
    NONE("none"),
    /** Unbiased KD, group-wise rank pairs (Chen et al., WSDM 2023): {@link UnbiasedDistiller}. */
    UNKD("unkd"),
    /** Ranking Distillation (Tang and Wang, KDD 2018): {@link RankingDistillation}. */
    RD("rd"),
    /** Collaborative Distillation (Lee et al., ICDM 2019): {@link CollaborativeDistillation}. */
    CD("cd"),
    /** Distillation experts + relaxed ranking distillation (Kang et al., CIKM 2020): {@link DeRrdDistillation}. */
    DE_RRD("de-rrd"),
    /** Hierarchical topology distillation (Kang et al., KDD 2021): {@link HierarchicalTopologyDistillation}. */
    HTD("htd");

    private final String cliName;

    DistillationMethod(String cliName) {
        this.cliName = cliName;
    }

    /** The name used on the command line and in result files ("unkd", "rd", ...). */
    public String cliName() {
        return cliName;
    }

    /** Parses a method name, case-insensitively ("UnKD", "rd", "none", ...). */
    public static DistillationMethod parse(String name) {
        String key = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
        for (DistillationMethod m : values()) {
            if (m.cliName.equals(key)) {
                return m;
            }
        }
        throw new IllegalArgumentException("Unknown distillation method '" + name + "' (expected one of "
                + Arrays.stream(values()).map(DistillationMethod::cliName).collect(Collectors.joining(", ")) + ")");
    }

    @Override
    public String toString() {
        return cliName;
    }
}
