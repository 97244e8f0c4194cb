package dev.unkd.distill;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The distillation methods unkd trains students with: one registration line per method, giving
 * its heading label, its default settings (whose record also names the method and builds its
 * objectives) and a one-line description. The command line ({@code unkd distill}) and the
 * experiment runner take the method list, names, defaults and parameters from here.
 *
 * <p>Adding a method: a settings record implementing {@link DistillerSettings} (named in its
 * {@code permits} clause) with a {@link Param} on every component, its {@link Distiller}, and a
 * line here.
 */
public final class DistillationMethods {
    private static final List<MethodDescriptor<?>> REGISTERED = new ArrayList<>();

    /** The plain BPR student, no distillation. */
    public static final MethodDescriptor<NoDistillation> NONE = register("Student", new NoDistillation(),
            "no distillation: the plain BPR student");
    /** UnKD (Chen et al., WSDM 2023). */
    public static final MethodDescriptor<UnkdConfig> UNKD = register("UnKD", UnkdConfig.defaults(),
            "unbiased knowledge distillation from popularity-stratified rank pairs (Chen et al., WSDM 2023)");
    /** Ranking Distillation (Tang and Wang, KDD 2018). */
    public static final MethodDescriptor<RdConfig> RD = register("RD", RdConfig.defaults(),
            "ranking distillation, the teacher's top items as weighted positives (Tang and Wang, KDD 2018)");
    /** Collaborative Distillation (Lee et al., ICDM 2019). */
    public static final MethodDescriptor<CdConfig> CD = register("CD", CdConfig.defaults(),
            "collaborative distillation, soft labels on rank-sampled teacher items (Lee et al., ICDM 2019)");
    /** DE-RRD (Kang et al., CIKM 2020). */
    public static final MethodDescriptor<DeRrdConfig> DE_RRD = register("DE-RRD", DeRrdConfig.defaults(),
            "distillation experts and relaxed ranking distillation (Kang et al., CIKM 2020)");
    /** Hierarchical topology distillation (Kang et al., KDD 2021). */
    public static final MethodDescriptor<HtdConfig> HTD = register("HTD", HtdConfig.defaults(),
            "hierarchical topology distillation (Kang et al., KDD 2021)");
    /** RRD, the ranking half of DE-RRD alone (Kang et al., CIKM 2020). */
    public static final MethodDescriptor<RrdConfig> RRD = register("RRD", RrdConfig.defaults(),
            "relaxed ranking distillation alone, DE-RRD's ranking half (Kang et al., CIKM 2020)");
    /** DE, the representation half of DE-RRD alone (Kang et al., CIKM 2020). */
    public static final MethodDescriptor<DeConfig> DE = register("DE", DeConfig.defaults(),
            "distillation experts alone, DE-RRD's representation half (Kang et al., CIKM 2020)");
    /** FitNet feature distillation (Romero et al., ICLR 2015). */
    public static final MethodDescriptor<FitNetConfig> FITNET = register("FitNet", FitNetConfig.defaults(),
            "feature distillation, a linear projector from student to teacher embeddings (Romero et al., ICLR 2015)");
    /** DCD (Lee and Kim, CIKM 2021). */
    public static final MethodDescriptor<DcdConfig> DCD = register("DCD", DcdConfig.defaults(),
            "dual correction distillation from teacher-student rank discrepancies (Lee and Kim, CIKM 2021)");
    /** RCE-KD (Zhu and Zhang, 2025). */
    public static final MethodDescriptor<RceKdConfig> RCE_KD = register("RCE-KD", RceKdConfig.defaults(),
            "cross-entropy on item subsets closed under the student's ranking (Zhu and Zhang, 2025, arXiv 2509.20989)");
    /** HetComp (Kang et al., WWW 2023). */
    public static final MethodDescriptor<HetcompConfig> HETCOMP = register("HetComp", HetcompConfig.defaults(),
            "easy-to-hard ranking knowledge from (several) teachers' training trajectories (Kang et al., WWW 2023)");

    /** unkd-plus: UnKD's stratification with RCE-KD's student-aware subsets and a deconfounded cross-group term. */
    public static final MethodDescriptor<UnkdPlusConfig> UNKD_PLUS = register("UnKD+", UnkdPlusConfig.defaults(),
            "stratified cross-entropy on subsets closed under the student's in-group ranking, plus a popularity-deconfounded"
                    + " order across groups (unkd's own)");

    private static final List<MethodDescriptor<?>> ALL = Collections.unmodifiableList(REGISTERED);

    static {
        Set<Class<?>> registered = ALL.stream().map(MethodDescriptor::type).collect(Collectors.toSet());
        for (Class<?> permitted : DistillerSettings.class.getPermittedSubclasses()) {
            if (!registered.contains(permitted)) {
                throw new IllegalStateException(permitted.getSimpleName() + " is a DistillerSettings but not registered in DistillationMethods");
            }
        }
    }

    private DistillationMethods() {
    }

    private static <S extends DistillerSettings> MethodDescriptor<S> register(String label, S defaults, String description) {
        MethodDescriptor<S> m = new MethodDescriptor<>(label, defaults, description);
        String name = m.name();
        if (!name.equals(name.strip().toLowerCase(Locale.ROOT)) || REGISTERED.stream().anyMatch(r -> r.name().equals(name))) {
            throw new IllegalStateException("method name '" + name + "' is not lower case or not unique");
        }
        REGISTERED.add(m);
        return m;
    }

    /** Every method, in registration order (none, unkd, rd, cd, de-rrd, htd, rrd, de, ...). */
    public static List<MethodDescriptor<?>> all() {
        return ALL;
    }

    /** The method names in registration order. */
    public static List<String> names() {
        return ALL.stream().map(MethodDescriptor::name).toList();
    }

    /** Parses a method name, case-insensitively ("UnKD", "rd", "none", ...). */
    public static MethodDescriptor<?> parse(String name) {
        String key = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
        for (MethodDescriptor<?> m : ALL) {
            if (m.name().equals(key)) {
                return m;
            }
        }
        throw new IllegalArgumentException("Unknown distillation method '" + name + "' (expected one of " + String.join(", ", names()) + ")");
    }

    /** The method that settings belong to. */
    @SuppressWarnings("unchecked")
    public static <S extends DistillerSettings> MethodDescriptor<S> of(S settings) {
        for (MethodDescriptor<?> m : ALL) {
            if (m.type() == settings.getClass()) {
                return (MethodDescriptor<S>) m;
            }
        }
        throw new IllegalStateException("unregistered settings " + settings.getClass().getName() + " (known: "
                + Arrays.toString(ALL.stream().map(MethodDescriptor::name).toArray()) + ")");
    }
}
