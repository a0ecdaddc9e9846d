package dev.parallax.core.analysis.quote;

import dev.parallax.core.model.LayerKey;
import dev.parallax.core.model.Spanned;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One attribution in PolNeAR's scheme: a source (who), a cue (the attributing words: "said", "according to",
 * "told reporters") and the content attributed to the source.
 *
 * @param start first character of the whole attribution (min over source, cue and content)
 * @param end end of the whole attribution (max over source, cue and content)
 * @param kind DIRECT when all content is inside quotation marks, MIXED when part of it is, INDIRECT otherwise
 * @param source the source as written ("Pentagon spokesman Brig. Gen. Patrick Ryder", "he", "officials"), or null
 *        when the text gives none
 * @param cue the cue words
 * @param content the attributed content in text order; several pieces when it is interrupted ("“A,” he said, “B”")
 *        or runs over paragraphs
 * @param speaker who the content is attributed to: the source's surface form, or, when the source is a pronoun, the
 *        surface form of its antecedent (the nearest preceding named source); null when there is no source
 * @param unnamedSource true when the source is an anonymous description ("a senior US defence official",
 *        "officials", "a spokesperson") rather than a name
 */
public record Quote(int start, int end, Kind kind, Span source, Span cue, List<Span> content, String speaker,
        boolean unnamedSource) implements Spanned {
    public static final LayerKey<Quote> LAYER = new LayerKey<>("quotes", Quote.class);

    public enum Kind { DIRECT, INDIRECT, MIXED }

    public Quote {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(cue, "cue");
        content = List.copyOf(content);
        if (content.isEmpty()) {
            throw new IllegalArgumentException("a quote needs content");
        }
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("bad span [" + start + ", " + end + ")");
        }
    }

    /** Whether the speaker is a bare pronoun that no earlier source resolved ("it", "who", "they"). */
    public boolean unresolvedPronoun() {
        return speaker != null && CueLexicon.PRONOUNS.contains(speaker.strip().toLowerCase(Locale.ROOT));
    }
}
