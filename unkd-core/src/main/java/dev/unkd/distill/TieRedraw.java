package dev.unkd.distill;

/**
 * What UnKD does when the two ranks of a pair coincide (the pair would compare an item with
 * itself). Both rules give every pair the same law, the two-draw law conditioned on r1 != r2,
 * because the pairs of a group are independent; they differ only in the random numbers used.
 */
public enum TieRedraw {
    /** Redraw only the tied pair (default: cheaper, no unbounded loop over a whole group). */
    PAIR,
    /**
     * Redraw all pairs of the (user, group) until none is tied, as the authors' code does
     * ({@code while True: ... if k >= dis_n: break}); kept to reproduce its random-number use.
     * Lists so short that a whole group would rarely come out untied (acceptance below 1%, e.g.
     * 8 pairs from 3 items) are drawn pair by pair instead, with the same law.
     */
    GROUP
}
