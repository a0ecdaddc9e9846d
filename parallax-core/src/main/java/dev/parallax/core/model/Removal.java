package dev.parallax.core.model;

import java.util.Locale;
import java.util.Objects;

/**
 * Something the cleaner took out of the raw text, recorded so that no removal is silent. Removed text may still
 * inform analysis (a caption naming "Air Force Brig. Gen. Patrick Ryder" helps resolve "Ryder").
 *
 * @param kind what was removed
 * @param rawStart start offset in the raw text
 * @param rawEnd end offset (exclusive) in the raw text
 * @param cleanOffset where in the clean text the removed piece stood (a heading opens the section starting there)
 * @param text the removed text
 * @param reason why, in a few words a person can read
 */
public record Removal(Kind kind, int rawStart, int rawEnd, int cleanOffset, String text, String reason) {
    public enum Kind {
        /** A scraper's metadata line such as {@code date 2023-05-30}. */
        METADATA,
        /** A photo caption. */
        CAPTION,
        /** A photo or byline credit ("Photo via AP/Andrew Harnik"). */
        CREDIT,
        /** An in-body section heading: kept as structure, not as a sentence of the body. */
        HEADING,
        /** Page furniture: share buttons, "Read more", subscription prompts. */
        BOILERPLATE;

        /** The name people read: "caption", "credit". */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * What the CLI's and the REST API's JSON show of a removal, in this order (the stored form is the record itself).
     *
     * @param kind {@link Kind#label()}
     */
    public record Shown(String kind, String text, String reason, int rawStart, int rawEnd, int cleanOffset) {}

    public Shown shown() {
        return new Shown(kind.label(), text, reason, rawStart, rawEnd, cleanOffset);
    }

    public Removal {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(reason, "reason");
        if (rawStart < 0 || rawEnd < rawStart) {
            throw new IllegalArgumentException("bad raw span [" + rawStart + ", " + rawEnd + ")");
        }
    }
}
