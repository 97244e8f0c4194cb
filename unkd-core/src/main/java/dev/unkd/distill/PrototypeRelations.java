package dev.unkd.distill;

/** Which prototype-to-entity similarities HTD's group-level topology ("Group(P, e)") compares. */
public enum PrototypeRelations {
    /**
     * Each entity against the prototypes of the groups other than its own: the UnKD authors'
     * {@code model.py: HTD.get_TD_loss2}, which masks the own group with {@code (1 - Z.T)}.
     */
    OTHER_GROUPS,
    /**
     * Each entity against every prototype of the batch: the HTD authors' code
     * ({@code Topology_Distillation_KDD21/model.py: get_TD_loss2}, where the masked version is
     * commented out).
     */
    ALL_GROUPS
}
