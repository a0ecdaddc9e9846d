package dev.parallax.core.dedup;

/** How a copy relates to the original of its duplicate family. */
public enum Relation {
    /** Same words (typography, whitespace and headline may differ). */
    EXACT,
    /** A light edit: most shingles shared both ways (Jaccard at or above the near threshold). */
    NEAR,
    /** The copy holds most of the original plus more text: a local article that embeds a wire copy. */
    CONTAINS,
    /** The copy is mostly a part of the original: a trimmed reprint. */
    CONTAINED
}
