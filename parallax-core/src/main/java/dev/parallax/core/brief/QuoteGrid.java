package dev.parallax.core.brief;

import dev.parallax.core.analysis.entity.Entity;
import dev.parallax.core.analysis.entity.EntityType;
import dev.parallax.core.analysis.entity.Mention;
import dev.parallax.core.analysis.quote.Quote;
import dev.parallax.core.brief.Brief.QuoteRow;
import dev.parallax.core.brief.Brief.Span;
import dev.parallax.core.brief.Brief.Speaker;
import dev.parallax.core.brief.Brief.WordingDifference;
import dev.parallax.core.model.Article;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Who said what where: every attribution of the quote layer as a row (speaker × outlet × quote), speakers resolved
 * across the story's articles through each article's entities and their canonical names ("Pat Ryder" and "Brig. Gen.
 * Patrick Ryder" are one speaker), and
 * per speaker whether outlets carry different statements of theirs, or word one statement differently.
 */
final class QuoteGrid {
    /** Finds the claim whose span holds a character of an article; 0 when none does. */
    interface ClaimAt {
        int claim(String article, int offset);
    }

    record Result(List<QuoteRow> rows, List<Speaker> speakers) {}

    private QuoteGrid() {}

    static boolean present(List<Article> articles) {
        return articles.stream().anyMatch(a -> a.layers().find(Quote.LAYER).isPresent());
    }

    /**
     * One attribution of an article with its speaker resolved: what {@link #of} needs of the article alone, so that a
     * builder can compute it once per article.
     *
     * @param middle the middle of the content, which places the quote in a claim
     * @param wording the content lower-cased with punctuation folded: what two outlets' wordings are compared by
     */
    record Said(String speaker, int start, int end, String text, String kind, boolean unnamed, int middle,
            String wording) {}

    /** The attributions of an article that name a speaker, speakers resolved through the article's entities. */
    static List<Said> said(Article a) {
        List<Quote> quotes = a.layer(Quote.LAYER);
        List<Entity> entities = quotes.isEmpty() ? List.of() : Entity.in(a);
        List<Said> out = new ArrayList<>();
        for (Quote q : quotes) {
            if (q.speaker() == null || q.speaker().isBlank()) {
                continue; // no "who": nothing for a who-said-what grid
            }
            String text = q.content().stream().map(a::textOf).collect(Collectors.joining(" … "));
            int middle = (q.content().get(0).start() + q.content().get(q.content().size() - 1).end()) / 2;
            out.add(new Said(speaker(a, q, entities), q.start(), q.end(), text,
                    q.kind().name().toLowerCase(Locale.ROOT), q.unnamedSource(), middle, norm(text)));
        }
        return out;
    }

    static Result of(List<Article> articles, Function<Article, String> voice, ClaimAt claimAt,
            Function<Article, List<Said>> said) {
        List<QuoteRow> rows = new ArrayList<>();
        Map<QuoteRow, String> wordings = new java.util.IdentityHashMap<>();
        for (Article a : articles) {
            for (Said q : said.apply(a)) {
                QuoteRow r = new QuoteRow(q.speaker(), voice.apply(a), a.id(), q.start(), q.end(), q.text(), q.kind(),
                        q.unnamed(), claimAt.claim(a.id(), q.middle()));
                rows.add(r);
                wordings.put(r, q.wording());
            }
        }
        rows = merged(rows, wordings);
        Map<String, List<QuoteRow>> bySpeaker = new LinkedHashMap<>();
        rows.forEach(r -> bySpeaker.computeIfAbsent(r.speaker(), k -> new ArrayList<>()).add(r));
        List<Speaker> speakers = new ArrayList<>();
        for (var e : bySpeaker.entrySet()) {
            List<QuoteRow> qs = e.getValue();
            Set<String> outlets = new TreeSet<>();
            qs.forEach(r -> outlets.add(r.outlet()));
            // A statement is a claim (or, outside claims, the quote itself); outlets differ when their sets differ.
            Map<String, Set<Object>> statements = new LinkedHashMap<>();
            for (QuoteRow r : qs) {
                statements.computeIfAbsent(r.outlet(), k -> new LinkedHashSet<>())
                        .add(r.claim() != 0 ? (Object) r.claim() : r.article() + ":" + r.start());
            }
            boolean different = outlets.size() > 1 && statements.values().stream().distinct().count() > 1;
            List<WordingDifference> wording = new ArrayList<>();
            Map<Integer, List<QuoteRow>> byClaim = new LinkedHashMap<>();
            qs.stream().filter(r -> r.claim() != 0)
                    .forEach(r -> byClaim.computeIfAbsent(r.claim(), k -> new ArrayList<>()).add(r));
            for (List<QuoteRow> same : byClaim.values()) {
                for (int i = 0; i < same.size(); i++) {
                    for (int j = i + 1; j < same.size(); j++) {
                        QuoteRow x = same.get(i), y = same.get(j);
                        if (!x.outlet().equals(y.outlet()) && !wordings.get(x).equals(wordings.get(y))) {
                            wording.add(new WordingDifference(new Span(x.article(), x.start(), x.end(), x.text()),
                                    x.outlet(), new Span(y.article(), y.start(), y.end(), y.text()), y.outlet()));
                        }
                    }
                }
            }
            speakers.add(new Speaker(e.getKey(), List.copyOf(outlets), qs.size(), different, wording));
        }
        speakers.sort(java.util.Comparator.comparingInt((Speaker s) -> -s.outlets().size())
                .thenComparingInt(s -> -s.quotes()));
        return new Result(rows, speakers);
    }

    /**
     * The speaker's name: the canonical name of the article's entity one of whose names ends the speaker as written
     * ("Pentagon spokesman Brigadier General Pat Ryder" ends in "Pat Ryder", whose canonical name is "Patrick Ryder"),
     * people first and longer names first; else a person named inside the quote's source; else the speaker as
     * written. The canonical names make one speaker of the same person across articles. (In-document entities rather
     * than the story-wide resolver, whose cost grows too fast with the story for a brief rebuilt on every article.)
     */
    private static String speaker(Article a, Quote q, List<Entity> entities) {
        String written = q.speaker().strip();
        if (q.unnamedSource()) {
            return written;
        }
        String lower = written.toLowerCase(Locale.ROOT);
        Entity best = null;
        int bestLength = 0;
        for (Entity e : entities) {
            for (String alias : e.aliases()) {
                String x = alias.toLowerCase(Locale.ROOT);
                boolean ends = lower.equals(x) || lower.endsWith(" " + x);
                int length = x.length() + (e.type() == EntityType.PERSON ? 1000 : 0);
                if (ends && length > bestLength) {
                    best = e;
                    bestLength = length;
                }
            }
        }
        if (best != null) {
            return best.canonicalName();
        }
        if (q.source() != null) {
            for (Mention m : a.layer(Mention.LAYER)) {
                if (m.start() < q.source().end() && q.source().start() < m.end()) {
                    for (Entity e : entities) {
                        if (e.id().equals(m.entityId()) && e.type() == EntityType.PERSON) {
                            return e.canonicalName();
                        }
                    }
                }
            }
        }
        return written;
    }

    /**
     * Speakers the entity layer left apart that are plainly one person: the same surname, and one given name a prefix
     * of the other ("Pat Ryder", "Patrick Ryder"). The longer name wins.
     */
    private static List<QuoteRow> merged(List<QuoteRow> rows, Map<QuoteRow, String> wordings) {
        Map<String, String> to = new LinkedHashMap<>();
        // Only names that end in the same word can be one person: compare within those groups, not all pairs.
        Map<String, List<String>> bySurname = new LinkedHashMap<>();
        rows.stream().map(QuoteRow::speaker).distinct().forEach(n -> bySurname
                .computeIfAbsent(n.substring(n.lastIndexOf(' ') + 1), k -> new ArrayList<>()).add(n));
        for (List<String> names : bySurname.values()) {
            for (String a : names) {
                for (String b : names) {
                    if (a.length() < b.length() && samePerson(a, b)) {
                        to.put(a, b);
                    }
                }
            }
        }
        return rows.stream().map(r -> {
            if (!to.containsKey(r.speaker())) {
                return r;
            }
            QuoteRow renamed = new QuoteRow(to.get(r.speaker()), r.outlet(), r.article(), r.start(), r.end(), r.text(),
                    r.kind(), r.unnamed(), r.claim());
            wordings.put(renamed, wordings.get(r));
            return renamed;
        }).toList();
    }

    private static boolean samePerson(String a, String b) {
        String[] x = a.split("\\s+"), y = b.split("\\s+");
        if (x.length < 2 || y.length < 2 || !x[x.length - 1].equals(y[y.length - 1])
                || !Character.isUpperCase(x[0].charAt(0))) {
            return false;
        }
        return y[y.length - 2].startsWith(x[x.length - 2]) || x[x.length - 2].startsWith(y[y.length - 2]);
    }

    private static String norm(String s) {
        return s.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", " ").strip();
    }
}
