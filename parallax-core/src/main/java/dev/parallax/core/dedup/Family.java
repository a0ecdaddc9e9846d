package dev.parallax.core.dedup;

import java.util.List;

/**
 * A duplicate family: one original and its copies, in arrival order. Twenty reprints of one wire story are one
 * family, so one source of evidence.
 */
public record Family(String originalId, List<DuplicateLink> copies) {
    public Family {
        copies = List.copyOf(copies);
    }

    public int size() {
        return copies.size() + 1;
    }
}
