package dev.unkd.eval;

import java.util.Arrays;
import java.util.Locale;

/**
 * Whom the per-user accuracy metrics (recall, precision, NDCG, hit, MRR, IPS recall and NDCG, the
 * per-group and per-half recall divided by all users) are averaged over. Metrics that describe
 * the top lists themselves (group share, ARP, coverage, Gini, aplt, popLift, miscalibration,
 * popRsp / popReo) and the per-half recall over the half's users are the same under both: lists
 * are only made for users with held-out items.
 */
public enum UserAveraging {
    /** The users with at least one held-out item (the default; the UnKD authors' code, METHOD.md section 1). */
    HELD_OUT_USERS("held-out-users"),
    /**
     * Every user of the data, a user without held-out items counting as 0: the evaluator of the
     * KDs benchmark (woriazzc/KDs {@code modules/evaluation.py}, which divides by the number of
     * users). Each value is the default one times (users with held-out items / all users).
     */
    ALL_USERS("all-users");

    private final String id;

    UserAveraging(String id) {
        this.id = id;
    }

    /** The name in options, configs and files: {@code held-out-users} or {@code all-users}. */
    public String id() {
        return id;
    }

    /** The averaging named {@code text} (case-insensitive), or an exception naming the choices. */
    public static UserAveraging parse(String text) {
        String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(a -> a.id.equals(t)).findFirst().orElseThrow(() -> new IllegalArgumentException(
                "Invalid user averaging '" + text + "' (expected held-out-users or all-users)"));
    }

    @Override
    public String toString() {
        return id;
    }
}
