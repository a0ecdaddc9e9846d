package dev.parallax.core.brief;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What a story's outlets agree on, where they differ and who said what: the cross-source brief of one story. Every
 * statement in it points back to exact character spans of the articles' clean text. A plain value, built by
 * {@link BriefBuilder}; docs/brief.md documents its JSON form.
 *
 * @param voices the independent voices of the story (outlets; for an unknown outlet, its article) and their articles
 * @param claims statements aligned across articles, most widely carried first
 * @param quotes who said what where: one row per attribution, speakers resolved across articles when entities are
 *     present
 * @param speakers per speaker, the outlets quoting them and whether they carry different statements or different
 *     wording of one statement
 * @param discrepancies the same claim with different numbers, dates, places or attributions in different outlets
 * @param timeline event times mentioned in the articles, merged across outlets, in time order
 * @param framing for claims outlets share, the words only one of them uses
 * @param coverage per voice, the claims only it carries and the shared claims it leaves out
 * @param summary a short neutral extractive summary, each sentence cited
 * @param notes what the brief could not use (a missing layer, no embedder) and how syndicated copies were counted
 */
public record Brief(List<Voice> voices, List<Claim> claims, List<QuoteRow> quotes, List<Speaker> speakers,
        List<Discrepancy> discrepancies, List<TimePoint> timeline, List<Framing> framing, List<Coverage> coverage,
        List<SummarySentence> summary, List<String> notes) {

    public Brief {
        voices = List.copyOf(voices);
        claims = List.copyOf(claims);
        quotes = List.copyOf(quotes);
        speakers = List.copyOf(speakers);
        discrepancies = List.copyOf(discrepancies);
        timeline = List.copyOf(timeline);
        framing = List.copyOf(framing);
        coverage = List.copyOf(coverage);
        summary = List.copyOf(summary);
        notes = List.copyOf(notes);
    }

    /**
     * What each voice adds (the unique claims it carries) and omits (the partial claims it does not carry): derived
     * from the claims alone, so a stored brief need not keep it.
     *
     * @param voices every voice of the story, sorted
     */
    public static List<Coverage> coverage(List<String> voices, List<Claim> claims) {
        // One pass over the claims: each voice's adds, and the partial claims each voice carries (omits = the rest),
        // by position among the partial claims: a large story has thousands, and a set of boxed ids per voice made
        // this a sizeable share of a one-article update.
        Map<String, Integer> voiceAt = new HashMap<>();
        for (String v : voices) {
            voiceAt.put(v, voiceAt.size());
        }
        List<List<Integer>> adds = new ArrayList<>(voices.size());
        List<BitSet> carries = new ArrayList<>(voices.size());
        for (int v = 0; v < voices.size(); v++) {
            adds.add(new ArrayList<>());
            carries.add(new BitSet());
        }
        List<Integer> partial = new ArrayList<>();
        for (Claim c : claims) {
            if (c.status() == Status.UNIQUE || c.status() == Status.PARTIAL) {
                Integer id = c.id();
                for (String outlet : c.outlets()) {
                    Integer v = voiceAt.get(outlet);
                    if (v != null) {
                        if (c.status() == Status.UNIQUE) {
                            adds.get(v).add(id);
                        } else {
                            carries.get(v).set(partial.size());
                        }
                    }
                }
                if (c.status() == Status.PARTIAL) {
                    partial.add(id);
                }
            }
        }
        List<Coverage> out = new ArrayList<>(voices.size());
        for (int v = 0; v < voices.size(); v++) {
            BitSet carried = carries.get(v);
            List<Integer> omits = new ArrayList<>(partial.size() - carried.cardinality());
            for (int p = carried.nextClearBit(0); p < partial.size(); p = carried.nextClearBit(p + 1)) {
                omits.add(partial.get(p));
            }
            out.add(new Coverage(voices.get(v), Collections.unmodifiableList(adds.get(v)),
                    Collections.unmodifiableList(omits)));
        }
        return out;
    }

    /** The claim that has a span of the given article containing {@code text}, if any. */
    public Optional<Claim> claimWith(String articleId, String text) {
        return claims.stream().filter(c -> c.spans().stream()
                .anyMatch(s -> s.article().equals(articleId) && s.text().contains(text))).findFirst();
    }

    /**
     * One independent voice.
     *
     * @param name the outlet name, or the article id when the outlet is unknown (two unattributed files are not one
     *     outlet)
     * @param articles its articles
     * @param copies articles of other voices that are syndicated copies of this voice's articles, and so do not count
     *     as independent support
     */
    public record Voice(String name, List<String> articles, List<String> copies) {}

    /** A character range of one article's clean text, with the text it covers. */
    public record Span(String article, int start, int end, String text) {}

    public enum Status {
        /** Carried by every independent voice of the story (at least two). */
        CONSENSUS,
        /** Carried by more than one voice but not all. */
        PARTIAL,
        /** Carried by one voice only. */
        UNIQUE;

        @JsonValue
        public String json() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * One statement, as each article that carries it puts it.
     *
     * @param id its number in this brief (claims are numbered from 1 in order)
     * @param outlets the independent voices carrying it, sorted
     * @param spans the sentence or clause of each article that states it, in article order
     */
    public record Claim(int id, Status status, List<String> outlets, List<Span> spans) {}

    /**
     * One attribution in one article.
     *
     * @param speaker the speaker as resolved across the story (the fullest name), or as written
     * @param outlet the voice of the article
     * @param kind direct, indirect or mixed
     * @param text the attributed content
     * @param claim the claim whose span contains the quote, or 0
     */
    public record QuoteRow(String speaker, String outlet, String article, int start, int end, String text, String kind,
            boolean unnamed, int claim) {}

    /**
     * A speaker quoted in the story.
     *
     * @param differentStatements true when outlets carry statements of this speaker that no other outlet carries
     * @param differentWording pairs of quotes of one statement (same claim or near-identical content) whose wording
     *     differs between outlets
     */
    public record Speaker(String name, List<String> outlets, int quotes, boolean differentStatements,
            List<WordingDifference> differentWording) {}

    public record WordingDifference(Span a, String outletA, Span b, String outletB) {}

    /**
     * Two outlets stating one claim with different values.
     *
     * @param kind number, date, place or attribution
     */
    public record Discrepancy(String kind, int claim, String outletA, String valueA, Span a, String outletB,
            String valueB, Span b) {}

    /**
     * A point on the story's timeline: one event time, cited by each article that mentions it.
     *
     * @param value the TimeML value ({@code 2023-05}, {@code 2023-W22}, {@code 2018})
     * @param text the expression as the first citation writes it
     * @param article the first citing article
     * @param sentence the sentence of the first citation: what happened then
     * @param inferred true when every citation's value was anchored on a date inferred from the story
     */
    public record TimePoint(String value, String text, String article, String sentence, boolean inferred,
            List<TimeCitation> citations) {}

    public record TimeCitation(String article, String outlet, int start, int end, String text, Span sentence) {}

    /**
     * How two outlets word one shared claim differently, and what each adds to it.
     *
     * @param onlyA content words only A uses, adverbs, verbs and adjectives first ("outrightly", "declined")
     * @param addsA names and figures only A gives ("Su-35", "February")
     */
    public record Framing(int claim, String outletA, List<String> onlyA, List<String> addsA, Span a, String outletB,
            List<String> onlyB, List<String> addsB, Span b) {}

    /** What one voice adds (claims only it carries) and leaves out (claims other voices share without it). */
    public record Coverage(String outlet, List<Integer> adds, List<Integer> omits) {}

    public record SummarySentence(String text, int claim, List<Citation> citations) {}

    public record Citation(String article, String outlet, int start, int end) {}
}
