package dev.parallax.core.brief;

import dev.parallax.core.analysis.entity.EntityType;
import dev.parallax.core.analysis.entity.Mention;
import dev.parallax.core.analysis.quantity.Quantity;
import dev.parallax.core.analysis.time.Timex;
import dev.parallax.core.brief.Brief.Citation;
import dev.parallax.core.brief.Brief.Claim;
import dev.parallax.core.brief.Brief.Discrepancy;
import dev.parallax.core.brief.Brief.Framing;
import dev.parallax.core.brief.Brief.Span;
import dev.parallax.core.brief.Brief.Status;
import dev.parallax.core.brief.Brief.SummarySentence;
import dev.parallax.core.brief.Brief.TimeCitation;
import dev.parallax.core.brief.Brief.TimePoint;
import dev.parallax.core.brief.Brief.Voice;
import dev.parallax.core.brief.BriefBuilder.Unit;
import dev.parallax.core.model.Article;
import dev.parallax.core.model.LayerKey;
import dev.parallax.core.model.Sentence;
import dev.parallax.core.model.Spanned;
import dev.parallax.core.text.Terms;
import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

/** Turns the grouped units of one story into a {@link Brief}: one instance per build. */
final class BriefAssembly {
    /** Summary length in sentences. */
    private static final int SUMMARY = 5;
    /** Voices of a claim whose values every other voice is compared with. */
    private static final int DISCREPANCY_VOICES = 3;
    /** Framing contrasts kept, most widely shared claims first. */
    private static final int FRAMINGS = 20;
    /** Evaluative words that a neutral summary avoids, beyond adverbs in -ly. */
    private static final Set<String> LOADED = Set.of("outrightly", "slapped", "slammed", "blasted", "stern", "sternly",
            "firmly", "illegal", "litany", "excuses", "concerning", "shocking", "brazen", "bizarre", "disastrous",
            "outrageous", "furious", "extremely", "very", "increasingly", "strongly", "clearly", "alleged",
            "so-called", "notorious", "controversial", "radical", "extreme", "slam", "blast", "meaningful");
    /** Adverbs in -ly that carry no judgement. */
    private static final Set<String> NEUTRAL_LY = Set.of("only", "early", "reportedly", "recently", "family", "italy",
            "july", "likely", "daily", "weekly", "monthly", "quarterly", "previously", "currently", "nearly", "fully",
            "directly", "officially", "publicly", "separately", "already", "finally", "initially", "immediately");
    private static final Pattern WORD = Pattern.compile("[\\p{L}][\\p{L}'’-]*");
    /** The end of a locative phrase before a place name: "in ", "at the ". */
    private static final Pattern LOCATIVE = Pattern.compile("\\b(?:in|at|near|outside|inside)\\s+(?:the\\s+)?$");
    /** A word or figure, hyphens and apostrophes inside: "Su-35", "S-400", "China's". */
    private static final Pattern DETAIL = Pattern.compile("[\\p{L}\\p{N}](?:[\\p{L}\\p{N}'’-]*[\\p{L}\\p{N}])?");
    /** Function words the stemmer's stop list keeps, which say nothing about framing. */
    private static final Set<String> FUNCTION = Set.of("has", "had", "have", "having", "was", "were", "been", "being",
            "our", "his", "her", "its", "their", "them", "him", "she", "who", "whom", "which", "what", "after", "before",
            "over", "under", "down", "out", "about", "between", "according", "including", "also", "would", "could",
            "should", "can", "may", "might", "must", "shall", "from", "than", "said", "says");

    private final List<Article> articles;
    private final Map<String, Article> byId = new LinkedHashMap<>();
    private final Map<String, Integer> order = new HashMap<>();
    private final List<BriefBuilder.Group> groups;
    private final BriefBuilder.PairScores scores;
    private final Memo memo;
    private final Map<String, Within> withinCache;
    private final boolean embedded;
    private final List<String> notes = new ArrayList<>();
    private final List<String> allVoices;

    /** Copy article id → the id of its original in this story (from the dedup lineage). */
    private final Map<String, String> originals;

    /** The attributions of an article, as the builder caches them. */
    private final Function<Article, List<QuoteGrid.Said>> said;

    /** CPU time of each step, for the builder's {@link BriefBuilder#phaseMillis}. */
    private final BriefBuilder.Phases phases;

    BriefAssembly(List<Article> articles, Map<String, String> originals, List<BriefBuilder.Group> groups,
            BriefBuilder.PairScores scores, Memo memo, Map<String, Within> withinCache,
            Function<Article, List<QuoteGrid.Said>> said, boolean embedded,
            BriefBuilder.Phases phases) {
        this.phases = phases;
        this.memo = memo;
        this.withinCache = withinCache;
        this.articles = articles;
        this.said = said;
        this.originals = originals;
        for (int i = 0; i < articles.size(); i++) {
            byId.put(articles.get(i).id(), articles.get(i));
            order.put(articles.get(i).id(), i);
        }
        this.groups = groups;
        this.scores = scores;
        this.embedded = embedded;
        for (Article a : articles) {
            String original = originals.get(a.id());
            voiceById.put(a.id(), BriefBuilder.voice(original == null ? a : byId.get(original)));
        }
        this.allVoices = articles.stream().map(this::voice).distinct().sorted().toList();
    }

    Brief brief() {
        if (!embedded) {
            notes.add("no sentence embedder: claims are aligned by shared words, names and numbers only");
        }
        notes.add(originals.isEmpty() ? "no syndicated copies among the articles (near-duplicate lineage): every voice"
                + " is independent" : originals.size() + " article(s) are syndicated copies of another article of the"
                + " story (near-duplicate lineage) and count with their original's voice, not as independent support");
        if (articles.stream().noneMatch(a -> a.layers().find(Mention.LAYER).isPresent())) {
            notes.add("no entity layer: places are not compared across outlets");
        }
        memo.begin(originals, articles);
        List<Voice> voices = voices();
        List<Claim> claims = claims();
        claimByRoot = new int[ranked.stream().mapToInt(d -> d.parts.root()).max().orElse(-1) + 1];
        for (int i = 0; i < claims.size(); i++) {
            claimByRoot[ranked.get(i).parts.root()] = claims.get(i).id();
        }
        phases.lap("claims");
        boolean quoted = QuoteGrid.present(articles);
        if (!quoted) {
            notes.add("no quote layer: who said what where is not shown");
        }
        // The steps below read the claims and write only their own results and memo entries, so they run on both
        // cores (longest first); each gives what it gives on one thread.
        List<Parallel.Step> steps = new ArrayList<>();
        if (quoted) {
            steps.add(new Parallel.Step("quotes", () -> quotes = QuoteGrid.of(articles, this::voice, this::rootAt,
                    root -> claimByRoot[root], said, memo.quotes)));
        }
        steps.add(new Parallel.Step("timeline", () -> timeline = timeline()));
        steps.add(new Parallel.Step("discrepancies", () -> found = discrepancies(claims)));
        steps.add(new Parallel.Step("summary", () -> summary = summary(claims)));
        steps.add(new Parallel.Step("coverage", () -> coverage = Brief.coverage(allVoices, claims)));
        steps.add(new Parallel.Step("framing", () -> framing = framing(claims)));
        phases.ran(Parallel.run(steps));
        found.addAll(quotes.attributions());
        List<Discrepancy> discrepancies = new ArrayList<>();
        int[] discrepancyFrom = new int[found.stream().mapToInt(f -> f.found().size()).sum()];
        Map<List<Discrepancy>, List<Discrepancy>> numbered = new IdentityHashMap<>();
        for (Found f : found) {
            if (f.found().isEmpty()) {
                continue; // nothing to number, and every empty list is one shared object: no key for the maps below
            }
            // A claim's discrepancies are kept as one list between builds: its items continue the same positions.
            Integer from = memo.lastIndex.get(f.found());
            madeFrom.put(f.found(), discrepancies.size());
            // Numbered with the claim's id; the last build's numbered items serve while the claim keeps its id.
            List<Discrepancy> was = memo.numbered.get(f.found());
            List<Discrepancy> items = was != null && was.get(0).claim() == f.claim() ? was
                    : f.found().stream().map(d -> new Discrepancy(d.kind(), f.claim(), d.outletA(), d.valueA(), d.a(),
                            d.outletB(), d.valueB(), d.b())).toList();
            numbered.put(f.found(), items);
            for (int i = 0; i < items.size(); i++) {
                discrepancyFrom[discrepancies.size()] = from == null ? -1 : from + i;
                discrepancies.add(items.get(i));
            }
        }
        memo.numbered = numbered;
        phases.lap("discrepancies");
        Brief brief = new Brief(voices, claims, quotes.rows(), quotes.speakers(), discrepancies, timeline, framing,
                coverage, summary, notes);
        memo.changes = memo.last == null ? null : new BriefChanges(memo.last, claimFrom,
                IntStream.range(0, brief.quotes().size()).map(i -> i < memo.last.quotes().size() ? i : -1).toArray(),
                continued(brief.speakers()), discrepancyFrom, continued(timeline));
        memo.last = brief;
        memo.lastIndex = madeFrom;
        phases.lap("brief");
        return brief;
    }

    /** What the steps run on both cores give: each writes its own. */
    private QuoteGrid.Result quotes = new QuoteGrid.Result(List.of(), List.of(), List.of());
    private List<TimePoint> timeline;
    private List<Found> found;
    private List<SummarySentence> summary;
    private List<Brief.Coverage> coverage;
    private List<Framing> framing;

    /** A claim's discrepancies found with claim number 0 (as kept between builds), and the claim's id now. */
    record Found(int claim, List<Discrepancy> found) {}

    /**
     * What this build's items were made from (claim parts, speakers' entries, claims' discrepancy lists, timeline
     * points: objects kept between builds) → their index in the brief, for the next build's {@link BriefChanges}.
     */
    private final Map<Object, Integer> madeFrom = new IdentityHashMap<>();
    /** Per claim, the index of the claim made of the same parts in the last build's brief, or -1. */
    private int[] claimFrom = new int[0];

    /** Per item, the index of the same object in the last build's brief, or -1; noted for the next build. */
    private int[] continued(List<?> items) {
        int[] from = new int[items.size()];
        for (int i = 0; i < from.length; i++) {
            from[i] = memo.lastIndex.getOrDefault(items.get(i), -1);
            madeFrom.put(items.get(i), i);
        }
        return from;
    }

    /** Claim id by the root of its group in the builder's grouping. */
    private int[] claimByRoot;

    /**
     * The group of the claim whose unit holds the middle of the attribution's content, or -1 (an article's units do not
     * overlap). The unit is found once per attribution and kept: an article's units are fixed.
     */
    private int rootAt(String article, QuoteGrid.Said said) {
        Integer unit = memo.unitOfSaid.get(said);
        if (unit == null) {
            unit = -1;
            for (Unit u : scores.unitsOf(article)) {
                if (u.start() <= said.middle() && said.middle() < u.end()) {
                    unit = u.id();
                    break;
                }
            }
            memo.unitOfSaid.put(said, unit);
        }
        return unit == -1 ? -1 : scores.groupOf(unit);
    }

    /** The independent voice an article of the story speaks with: its original's, when it is a syndicated copy. */
    private String voice(Article a) {
        return voiceById.get(a.id());
    }

    /**
     * Voices by article id: asked for every unit of every claim, from the steps that run on both cores too, so made
     * once, before them.
     */
    private final Map<String, String> voiceById = new HashMap<>();

    private List<Voice> voices() {
        Map<String, List<String>> own = new LinkedHashMap<>(), copies = new HashMap<>();
        for (Article a : articles) {
            (originals.containsKey(a.id()) ? copies : own).computeIfAbsent(voice(a), k -> new ArrayList<>()).add(a.id());
        }
        return own.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> new Voice(e.getKey(), e.getValue(), copies.getOrDefault(e.getKey(), List.of()))).toList();
    }

    /** What is derived from each claim, in claim order (claim {@code i + 1} at {@code i}). */
    private List<Memo.Derived> ranked = List.of();

    /**
     * A claim's units in article order, its voices and spans: what a claim is, apart from its number and status; with
     * the story position of its first article (fixed while the story only grows, as the memo's grouping does).
     */
    record ClaimParts(long key, int root, List<Unit> units, List<String> voices, List<Span> spans, int firstArticle) {}

    private List<Claim> claims() {
        List<Memo.Derived> derived = new ArrayList<>(groups.size());
        for (BriefBuilder.Group g : groups) {
            Memo.Derived d = memo.claim(g.key());
            if (d.parts == null) {
                List<Unit> sorted = g.units().stream().sorted(Comparator.comparing((Unit u) -> order.get(u.article()))
                        .thenComparingInt(Unit::start)).toList();
                d.parts = new ClaimParts(g.key(), g.root(), sorted, List.copyOf(voicesOf(sorted)),
                        sorted.stream().map(this::span).toList(), order.get(sorted.get(0).article()));
            }
            derived.add(d);
        }
        ranked = rank(derived);
        List<Claim> claims = new ArrayList<>(ranked.size());
        for (Memo.Derived d : ranked) {
            ClaimParts p = d.parts;
            int voices = p.voices().size();
            Status status = voices == 1 ? Status.UNIQUE : voices == allVoices.size() ? Status.CONSENSUS : Status.PARTIAL;
            claims.add(new Claim(claims.size() + 1, status, p.voices(), p.spans()));
        }
        return claims;
    }

    /** Claims rank by voices (most first), then by their first span's place in the story: a total order. */
    private static final Comparator<ClaimParts> RANK = Comparator.comparingInt((ClaimParts p) -> -p.voices().size())
            .thenComparingInt(ClaimParts::firstArticle).thenComparingInt(p -> p.units().get(0).start());

    /**
     * The claims in {@link #RANK} order, and where each was in the last build's ({@link #claimFrom}). A claim kept from
     * the last build has the rank key it had, so the kept claims are in order already, by their place then; only the
     * claims derived anew (those the new article touched) are sorted, and merged in: O(claims), where sorting the
     * 8k claims of a large story on every update was most of this step.
     */
    private List<Memo.Derived> rank(List<Memo.Derived> claims) {
        Memo.Derived[] kept = new Memo.Derived[memo.last == null ? 0 : memo.last.claims().size()];
        List<Memo.Derived> fresh = new ArrayList<>();
        for (Memo.Derived d : claims) {
            if (d.index >= 0 && d.index < kept.length && kept[d.index] == null) {
                kept[d.index] = d;
            } else {
                fresh.add(d);
            }
        }
        Comparator<Memo.Derived> rank = Comparator.comparing(d -> d.parts, RANK);
        fresh.sort(rank);
        List<Memo.Derived> out = new ArrayList<>(claims.size());
        claimFrom = new int[claims.size()];
        int k = 0, f = 0;
        while (true) {
            while (k < kept.length && kept[k] == null) {
                k++;
            }
            boolean takeKept = k < kept.length && (f == fresh.size() || rank.compare(kept[k], fresh.get(f)) < 0);
            if (!takeKept && f == fresh.size()) {
                break;
            }
            Memo.Derived d = takeKept ? kept[k] : fresh.get(f++);
            claimFrom[out.size()] = takeKept ? k++ : -1;
            d.index = out.size();
            out.add(d);
        }
        return out;
    }

    private Set<String> voicesOf(List<Unit> g) {
        Set<String> v = new TreeSet<>();
        for (Unit u : g) {
            v.add(voice(byId.get(u.article())));
        }
        return v;
    }

    private Span span(Unit u) {
        return new Span(u.article(), u.start(), u.end(), u.text());
    }

    private String voice(Unit u) {
        return voice(byId.get(u.article()));
    }

    /** One unit per voice of the claim: the first in article order. */
    private List<Unit> perVoice(List<Unit> g) {
        Map<String, Unit> first = new LinkedHashMap<>();
        for (Unit u : g) {
            first.putIfAbsent(voice(u), u);
        }
        return List.copyOf(first.values());
    }

    /**
     * The spans of a layer inside a unit. Kept by the builder between builds (unit and layer name → the layer list it
     * was read from, and the spans), and reused while the article carries that same list: an incremental build then
     * scans only the new article's layers.
     */
    @SuppressWarnings("unchecked")
    private <T extends Spanned> List<T> within(Article a, LayerKey<T> key, Unit u) {
        List<T> layer = a.layer(key);
        Within cached = withinCache.get(u.id() + " " + key.name());
        if (cached != null && cached.layer() == layer) {
            return (List<T>) cached.spans();
        }
        List<T> spans = layer.stream().filter(s -> s.start() >= u.start() && s.end() <= u.end()).toList();
        withinCache.put(u.id() + " " + key.name(), new Within(layer, spans));
        return spans;
    }

    /** A unit's spans of one layer, with the layer list they were taken from. */
    record Within(List<?> layer, List<?> spans) {}

    // ---- Discrepancies -------------------------------------------------------------------------------------------

    /** Each unit's quantities, dates and places, by unit id: a unit is compared with many others. */
    private final Map<Integer, List<Quantity>> quantities = new HashMap<>();
    private final Map<Integer, List<Timex>> dates = new HashMap<>();
    private final Map<Integer, List<Mention>> places = new HashMap<>();

    /**
     * The discrepancies within each claim that has some, found with claim number 0 and kept with what else is derived
     * from the claim.
     */
    private List<Found> discrepancies(List<Claim> claims) {
        List<Found> out = new ArrayList<>();
        for (int c = 0; c < claims.size(); c++) {
            Memo.Derived d = ranked.get(c);
            if (d.discrepancies == null) {
                List<Unit> g = d.parts.units();
                List<Discrepancy> within = new ArrayList<>();
                List<Unit> reps = perVoice(g);
                // Every voice against the first few: enough to surface a disagreement without a quadratic cost.
                for (int i = 0; i < Math.min(reps.size(), DISCREPANCY_VOICES); i++) {
                    for (int j = i + 1; j < reps.size(); j++) {
                        numbers(0, reps.get(i), reps.get(j), within);
                        dates(0, reps.get(i), reps.get(j), within);
                        places(0, reps.get(i), reps.get(j), within);
                    }
                }
                d.discrepancies = List.copyOf(within);
            }
            if (!d.discrepancies.isEmpty()) {
                out.add(new Found(claims.get(c).id(), d.discrepancies));
            }
        }
        return out;
    }

    private void numbers(int claim, Unit a, Unit b, List<Discrepancy> out) {
        Article aa = byId.get(a.article()), ab = byId.get(b.article());
        List<Quantity> qa = quantities.computeIfAbsent(a.id(), k -> within(aa, Quantity.LAYER, a));
        List<Quantity> qb = quantities.computeIfAbsent(b.id(), k -> within(ab, Quantity.LAYER, b));
        for (Quantity x : qa) {
            for (Quantity y : qb) {
                if (x.kind() == y.kind() && sameUnit(x, y) && !compatible(x, y)
                        && qb.stream().noneMatch(z -> z.kind() == x.kind() && compatible(x, z))) {
                    out.add(new Discrepancy("number", claim, voice(a), aa.textOf(x), span(aa, x), voice(b),
                            ab.textOf(y), span(ab, y)));
                }
            }
        }
    }

    private static boolean sameUnit(Quantity x, Quantity y) {
        if (x.kind() != Quantity.Kind.COUNT || x.unit().isEmpty() || y.unit().isEmpty()) {
            return x.unit().equals(y.unit()) || x.kind() == Quantity.Kind.COUNT;
        }
        return !Collections.disjoint(Terms.of(x.unit()), Terms.of(y.unit()));
    }

    /** Two stated values that can both be true: equal, or within what a hedge ("over", "about") allows. */
    private static boolean compatible(Quantity x, Quantity y) {
        double a = x.value(), b = y.value();
        if (Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b))) {
            return true;
        }
        return allows(x, b) || allows(y, a);
    }

    private static boolean allows(Quantity q, double v) {
        return switch (q.comparator()) {
            case GREATER -> v > q.value();
            case LESS -> v < q.value();
            case APPROX -> Math.abs(v - q.value()) <= 0.15 * Math.abs(q.value());
            case EXACT -> false;
        };
    }

    private void dates(int claim, Unit a, Unit b, List<Discrepancy> out) {
        Article aa = byId.get(a.article()), ab = byId.get(b.article());
        List<Timex> ta = dates.computeIfAbsent(a.id(), k -> eventDates(aa, a));
        List<Timex> tb = dates.computeIfAbsent(b.id(), k -> eventDates(ab, b));
        for (Timex x : ta) {
            List<Timex> comparable = tb.stream().filter(y -> granularity(y.value()).equals(granularity(x.value())))
                    .toList();
            if (comparable.isEmpty() || comparable.stream().anyMatch(y -> y.value().equals(x.value()))
                    || ta.stream().anyMatch(z -> z != x && comparable.stream().anyMatch(y -> y.value().equals(z.value())))) {
                continue;
            }
            Timex y = comparable.get(0);
            out.add(new Discrepancy("date", claim, voice(a), x.value() + " (" + aa.textOf(x) + ")", span(aa, x),
                    voice(b), y.value() + " (" + ab.textOf(y) + ")", span(ab, y)));
        }
    }

    /** Both spans name places and share none of them (by name, case-folded). */
    private void places(int claim, Unit a, Unit b, List<Discrepancy> out) {
        Article aa = byId.get(a.article()), ab = byId.get(b.article());
        List<Mention> pa = places.computeIfAbsent(a.id(), k -> places(aa, a));
        List<Mention> pb = places.computeIfAbsent(b.id(), k -> places(ab, b));
        if (pa.isEmpty() || pb.isEmpty()) {
            return;
        }
        Set<String> na = new HashSet<>(), nb = new HashSet<>();
        pa.forEach(m -> na.add(aa.textOf(m).toLowerCase(Locale.ROOT)));
        pb.forEach(m -> nb.add(ab.textOf(m).toLowerCase(Locale.ROOT)));
        if (Collections.disjoint(na, nb)) {
            out.add(new Discrepancy("place", claim, voice(a), aa.textOf(pa.get(0)), span(aa, pa.get(0)), voice(b),
                    ab.textOf(pb.get(0)), span(ab, pb.get(0))));
        }
    }

    /** Places the span says something happened at: PLACE mentions right after "in", "at", "near" and the like. */
    private List<Mention> places(Article a, Unit u) {
        return within(a, Mention.LAYER, u).stream().filter(m -> m.type() == EntityType.PLACE
                && LOCATIVE.matcher(a.text().substring(Math.max(u.start(), m.start() - 12), m.start())).find())
                .toList();
    }

    /**
     * The calendar dates a unit states. A value anchored on a date inferred from the story ("Thursday" in an undated
     * article) is Parallax's guess, not the outlet's statement, so it is no side of a discrepancy (the timeline shows
     * it, marked inferred).
     */
    private List<Timex> eventDates(Article a, Unit u) {
        return within(a, Timex.LAYER, u).stream()
                .filter(t -> !t.anchoredOnInferredDate() && sortKey(t.value()) != null).toList();
    }

    private static String granularity(String value) {
        return value.replaceAll("\\d", "9");
    }

    private static Span span(Article a, Spanned s) {
        return new Span(a.id(), s.start(), s.end(), a.textOf(s));
    }

    // ---- Timeline ------------------------------------------------------------------------------------------------

    /** The first day of a calendar value, or null for values that are not a point or period in the calendar. */
    static LocalDate sortKey(String v) {
        try {
            if (v.matches("\\d{4}")) {
                return LocalDate.of(Integer.parseInt(v), 1, 1);
            }
            if (v.matches("\\d{4}-\\d{2}")) {
                return LocalDate.of(Integer.parseInt(v.substring(0, 4)), Integer.parseInt(v.substring(5)), 1);
            }
            if (v.matches("\\d{4}-\\d{2}-\\d{2}(T.*)?")) {
                return LocalDate.parse(v.substring(0, 10));
            }
            if (v.matches("\\d{4}-W\\d{2}")) {
                return LocalDate.of(Integer.parseInt(v.substring(0, 4)), 6, 1)
                        .with(IsoFields.WEEK_OF_WEEK_BASED_YEAR, Integer.parseInt(v.substring(6)))
                        .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            }
            if (v.matches("\\d{4}-Q[1-4]")) {
                return LocalDate.of(Integer.parseInt(v.substring(0, 4)), 3 * (v.charAt(6) - '1') + 1, 1);
            }
        } catch (RuntimeException e) {
            return null;
        }
        return null;
    }

    /**
     * One calendar time expression of an article, with its sentence and the unit holding it (null when none does):
     * fixed once the article is known.
     */
    record Cited(Article article, Timex timex, Sentence sentence, Unit unit, Set<String> context) {}

    /** An article's calendar time expressions, kept while the article carries the same time layer. */
    private List<Cited> cited(Article a) {
        List<Timex> layer = a.layer(Timex.LAYER);
        Memo.Times kept = memo.times.get(a.id());
        if (kept != null && kept.layer() == layer) {
            return kept.cited();
        }
        List<Sentence> sentences = a.layer(LayerKey.SENTENCES);
        List<Unit> units = scores.unitsOf(a.id());
        List<Cited> out = new ArrayList<>();
        for (Timex t : layer) {
            if ((t.type() != Timex.Type.DATE && t.type() != Timex.Type.TIME) || sortKey(t.value()) == null) {
                continue;
            }
            Sentence s = sentences.stream().filter(x -> x.start() <= t.start() && t.end() <= x.end()).findFirst()
                    .orElse(new Sentence(t.start(), t.end()));
            // The context is the terms of the unit holding the expression, already analysed when it was built.
            Unit in = units.stream().filter(u -> u.start() <= t.start() && t.end() <= u.end()).findFirst()
                    .orElse(null);
            out.add(new Cited(a, t, s, in, in == null ? Set.of() : in.features().terms()));
        }
        memo.times.put(a.id(), new Memo.Times(layer, List.copyOf(out)));
        return out;
    }

    /** The group of the claim a mention lies in, or -1. */
    private int groupOf(Cited m) {
        return m.unit() == null ? -1 : scores.groupOf(m.unit().id());
    }

    /**
     * Mentions of one value with overlapping context (the same claim, or units sharing a fifth of their terms) make
     * one point; each mention is compared with the first mention of each point of its value, in order. Values never
     * meet, so the points of the last build are kept and only the new mentions placed, except for the values with a
     * mention in a claim that merged with another claim holding earlier mentions since (which can join mentions that
     * were apart): those values' mentions are placed again, as a fresh build does. A point that gained no mention
     * keeps its {@link TimePoint}.
     */
    private List<TimePoint> timeline() {
        List<Cited> mentions = new ArrayList<>();
        for (Article a : articles) {
            mentions.addAll(cited(a));
        }
        Memo.Timeline kept = memo.timeline;
        if (kept == null || !kept.opens(mentions)) {
            kept = new Memo.Timeline();
        }
        int[] groups = new int[mentions.size()];
        for (int i = 0; i < groups.length; i++) {
            groups[i] = groupOf(mentions.get(i));
        }
        Set<String> merged = kept.mergedValues(groups);
        for (String v : merged) {
            kept.byValue.put(v, new ArrayList<>()); // the value keeps its place in the map's order
        }
        for (int i = merged.isEmpty() ? kept.mentions.size() : 0; i < mentions.size(); i++) {
            Cited m = mentions.get(i);
            if (i >= kept.mentions.size() || merged.contains(m.timex().value())) {
                place(kept.byValue.computeIfAbsent(m.timex().value(), k -> new ArrayList<>()), m, i, groups);
            }
            if (i >= kept.mentions.size()) {
                kept.mentions.add(m);
            }
        }
        kept.groups = groups;
        memo.timeline = kept;
        List<Memo.Point> points = new ArrayList<>();
        kept.byValue.values().forEach(points::addAll);
        points.sort(Comparator.comparing((Memo.Point p) -> p.sortKey).thenComparing(p -> p.value)
                .thenComparingInt(p -> order.get(p.mentions.get(0).article().id())));
        List<TimePoint> out = new ArrayList<>(points.size());
        for (Memo.Point p : points) {
            out.add(p.timePoint(m -> new TimeCitation(m.article().id(), voice(m.article()), m.timex().start(),
                    m.timex().end(), m.article().textOf(m.timex()), span(m.article(), m.sentence()))));
        }
        return out;
    }

    /** Puts a mention into the first point of its value whose first mention shares its claim or context. */
    private static void place(List<Memo.Point> points, Cited m, int index, int[] groups) {
        int group = groups[index];
        for (Memo.Point p : points) {
            Cited first = p.mentions.get(0);
            if ((group != -1 && group == groups[p.firstIndex]) || overlap(m.context(), first.context()) >= 0.2) {
                p.mentions.add(m);
                return;
            }
        }
        points.add(new Memo.Point(m, index));
    }

    private static double overlap(Set<String> a, Set<String> b) {
        if (a.isEmpty() || b.isEmpty()) {
            return 0;
        }
        // Probing the larger set with the smaller: the count is the same, the cost is the smaller set's.
        Set<String> small = a.size() <= b.size() ? a : b, large = small == a ? b : a;
        int common = 0;
        for (String x : small) {
            if (large.contains(x)) {
                common++;
            }
        }
        return (double) common / small.size();
    }

    // ---- Framing and coverage ------------------------------------------------------------------------------------

    private List<Framing> framing(List<Claim> claims) {
        List<Framing> out = new ArrayList<>();
        for (int c = 0; c < claims.size() && out.size() < FRAMINGS; c++) {
            if (claims.get(c).status() == Status.UNIQUE) {
                continue;
            }
            Memo.Derived d = ranked.get(c);
            // A claim's contrasts depend on its units and their voices alone: kept with it, like its discrepancies.
            if (d.framing == null) {
                List<Unit> g = d.parts.units();
                List<Framing> within = new ArrayList<>();
                List<Unit> reps = perVoice(g);
                Unit a = reps.get(0);
                for (int j = 1; j < reps.size() && j <= 3; j++) {
                    Unit b = reps.get(j);
                    List<String> onlyA = onlyIn(a.text(), b.text()), onlyB = onlyIn(b.text(), a.text());
                    List<String> addsA = detailsOnlyIn(a.text(), b.text()), addsB = detailsOnlyIn(b.text(), a.text());
                    if (!onlyA.isEmpty() || !onlyB.isEmpty() || !addsA.isEmpty() || !addsB.isEmpty()) {
                        within.add(new Framing(0, voice(a), onlyA, addsA, span(a), voice(b), onlyB, addsB, span(b)));
                    }
                }
                d.framing = List.copyOf(within);
            }
            int id = claims.get(c).id();
            for (Framing f : d.framing) {
                out.add(new Framing(id, f.outletA(), f.onlyA(), f.addsA(), f.a(), f.outletB(), f.onlyB(), f.addsB(),
                        f.b()));
            }
        }
        return out;
    }

    /**
     * Names and figures of {@code a} that {@code b} does not have ("Su-35", "S-400", "February"): the details one
     * outlet adds to a claim both carry. A capitalised word that opens the span is not counted as a name.
     */
    static List<String> detailsOnlyIn(String a, String b) {
        Set<String> other = new HashSet<>();
        Matcher o = DETAIL.matcher(b);
        while (o.find()) {
            other.add(o.group().toLowerCase(Locale.ROOT));
        }
        Set<String> out = new LinkedHashSet<>();
        Matcher m = DETAIL.matcher(a);
        while (m.find()) {
            String w = m.group();
            boolean named = Character.isUpperCase(w.charAt(0)) || w.chars().anyMatch(Character::isDigit);
            if (named && m.start() > 1 && !other.contains(w.toLowerCase(Locale.ROOT))) {
                out.add(w);
            }
        }
        return List.copyOf(out);
    }

    /** Content words of {@code a} whose stem {@code b} lacks, adverbs, verbs and adjectives first; names excluded. */
    static List<String> onlyIn(String a, String b) {
        Set<String> other = new HashSet<>(Terms.of(b));
        Set<String> seen = new LinkedHashSet<>();
        Matcher m = WORD.matcher(a);
        while (m.find()) {
            String w = m.group();
            List<String> stem = Terms.of(w);
            if (!stem.isEmpty() && !other.contains(stem.get(0)) && w.length() > 2
                    && !FUNCTION.contains(w.toLowerCase(Locale.ROOT)) && !Character.isUpperCase(w.charAt(0))) {
                seen.add(w);
            }
        }
        List<String> words = new ArrayList<>(seen);
        words.sort(Comparator.comparingInt(BriefAssembly::wordClass));
        return words.size() > 10 ? words.subList(0, 10) : words;
    }

    /** 0 adverb, 1 verb, 2 adjective, 3 other: by suffix, which is enough to put judgement words first. */
    private static int wordClass(String w) {
        String l = w.toLowerCase(Locale.ROOT);
        if (l.endsWith("ly") && !NEUTRAL_LY.contains(l)) {
            return 0;
        }
        if (l.endsWith("ed") || l.endsWith("ing") || l.endsWith("ize") || l.endsWith("ise")) {
            return 1;
        }
        if (l.matches(".*(ous|ive|ful|less|ic|able|ible|al|ant|ent|ern)$")) {
            return 2;
        }
        return 3;
    }

    // ---- Summary -------------------------------------------------------------------------------------------------

    /** Loaded words in a text: evaluative adverbs in -ly and the {@link #LOADED} list. */
    static int loaded(String text) {
        int n = 0;
        Matcher m = WORD.matcher(text);
        while (m.find()) {
            String w = m.group().toLowerCase(Locale.ROOT);
            if (LOADED.contains(w) || (w.endsWith("ly") && w.length() > 4 && !NEUTRAL_LY.contains(w)
                    && !Character.isUpperCase(m.group().charAt(0)))) {
                n++;
            }
        }
        return n;
    }

    /**
     * Centrality minus redundancy: claims score by how many voices carry them and how strongly their spans agree;
     * each claim is voiced by its most neutral span (fewest loaded words, then most central; not a fragment: very
     * short, cut off, a clause without its subject, or a piece of a quotation); a claim that only a piece of a
     * quotation can voice is left out, and a claim too close to one already chosen is passed over.
     * Sentences keep story order.
     */
    private List<SummarySentence> summary(List<Claim> claims) {
        record Candidate(int index, Unit unit, double score) {}
        List<Candidate> candidates = new ArrayList<>();
        for (int c = 0; c < claims.size(); c++) {
            Memo.Derived d = ranked.get(c);
            List<Unit> g = d.parts.units();
            int root = d.parts.root();
            // A claim's most neutral, most central span depends on its units alone, so it is kept with the claim: an
            // incremental build pays only for the claims the new article touched.
            if (d.voiced == null) {
                Map<String, Integer> perArticle = new HashMap<>();
                g.forEach(u -> perArticle.merge(u.article(), 1, Integer::sum));
                Unit bestUnit = null;
                double bestUnitKey = Double.NEGATIVE_INFINITY;
                for (Unit u : g) {
                    // Centrality: the unit's scores with the claim's units of other articles, a pair never scored
                    // counting as UNSCORED. Read off the unit's scored pairs: a claim of n units costs O(n), not O(n²).
                    double central = 0;
                    int scoredInClaim = 0;
                    for (var e : scores.scored(u).entrySet()) {
                        if (scores.groupOf(e.getKey()) == root
                                && !scores.unit(e.getKey()).article().equals(u.article())) {
                            central += Math.min(e.getValue(), 10);
                            scoredInClaim++;
                        }
                    }
                    central += BriefBuilder.PairScores.UNSCORED
                            * (g.size() - perArticle.get(u.article()) - scoredInClaim);
                    int words = u.words();
                    double key = -3 * u.loaded() + 0.1 * central - (words < 6 ? 5 : 0) - (words > 45 ? 2 : 0)
                            - (u.text().endsWith("…") || u.text().endsWith(":") || Clauses.headless(u.text())
                                    || Clauses.cutQuotation(u.text()) ? 5 : 0);
                    if (key > bestUnitKey) {
                        bestUnitKey = key;
                        bestUnit = u;
                    }
                }
                d.voiced = new Memo.Voiced(bestUnit, bestUnitKey, order.get(bestUnit.article()));
            }
            Memo.Voiced voiced = d.voiced;
            Unit best = voiced.unit();
            if (Clauses.cutQuotation(best.text())) {
                continue; // only a piece of someone's quotation voices this claim: stated alone, it loses its speaker
            }
            double bestKey = voiced.key();
            int voices = claims.get(c).outlets().size();
            double score = 3.0 * voices / allVoices.size() + (claims.get(c).status() == Status.CONSENSUS ? 1 : 0)
                    + 0.3 * Math.min(g.size(), 10) / 10 + 0.1 * bestKey
                    - 0.02 * voiced.article() - 0.0001 * best.start();
            candidates.add(new Candidate(c, best, score));
        }
        // Best first, equal scores in claim order (as a stable sort would give them); a heap, since a few are taken
        // of thousands of claims.
        PriorityQueue<Candidate> best = new PriorityQueue<>(candidates.size() + 1,
                Comparator.comparingDouble(Candidate::score).reversed().thenComparingInt(Candidate::index));
        best.addAll(candidates);
        List<Candidate> chosen = new ArrayList<>();
        while (chosen.size() < SUMMARY && !best.isEmpty()) {
            Candidate k = best.poll();
            boolean redundant = chosen.stream().anyMatch(x -> overlap(x.unit().features().terms(),
                    k.unit().features().terms()) >= 0.6);
            if (!redundant) {
                chosen.add(k);
            }
        }
        chosen.sort(Comparator.comparing((Candidate k) -> order.get(k.unit().article()))
                .thenComparingInt(k -> k.unit().start()));
        List<SummarySentence> out = new ArrayList<>();
        for (Candidate k : chosen) {
            List<Citation> cites = ranked.get(k.index()).parts.units().stream()
                    .map(u -> new Citation(u.article(), voice(u), u.start(), u.end())).toList();
            out.add(new SummarySentence(k.unit().text(), claims.get(k.index()).id(), cites));
        }
        return out;
    }

    /**
     * What an assembly derives from one grouping and keeps for the next build of the same story with more articles:
     * per claim (by {@link BriefBuilder.Group#key}, the same while the claim has the same units) its sorted units,
     * voices and spans, its discrepancies and its summary span; per article its time expressions; and the timeline's
     * points. Claims that no longer exist are dropped at each build. What depends on voices is dropped when the
     * syndication lineage changed.
     */
    static final class Memo {
        /**
         * What is derived from one claim, kept while it has the same units (its {@link BriefBuilder.Group#key}): its
         * parts, then, filled by the step that needs each (steps on both cores write only their own field), its
         * discrepancies, framing contrasts and summary span; and its index in the last build's brief. One object per
         * claim, updated in place: remaking a map of 8k entries per derived value on every build was a large share of
         * an update's allocation.
         */
        static final class Derived {
            ClaimParts parts;
            List<Discrepancy> discrepancies;
            List<Framing> framing;
            Voiced voiced;
            /** Where the claim of these parts was in the last build's brief, or -1. */
            int index = -1;
            /** The last build that used it. */
            private int build;

            /** Drops what depends on voices: all but the summary span, which depends on units and scores alone. */
            void voicesChanged() {
                parts = null;
                discrepancies = null;
                framing = null;
                index = -1;
            }
        }

        /** What is derived from each claim of the last build (and, during a build, of this one), by claim key. */
        private final Map<Long, Derived> claims = new HashMap<>();
        /** Builds begun with this memo: tells the claims this build used from those it dropped. */
        private int builds;

        /** What is derived from the claim with this key (nothing yet for a new claim), kept for the next build. */
        Derived claim(long key) {
            Derived d = claims.computeIfAbsent(key, k -> new Derived());
            d.build = builds;
            return d;
        }

        /** A claim's most neutral, most central unit, its key, and its article's place in the story (fixed). */
        record Voiced(Unit unit, double key, int article) {}

        record Times(List<Timex> layer, List<Cited> cited) {}

        /** The timeline's mentions placed so far, their claims' groups then, and the points by value. */
        static final class Timeline {
            final List<Cited> mentions = new ArrayList<>();
            int[] groups = new int[0];
            final Map<String, List<Point>> byValue = new LinkedHashMap<>();

            /** Whether the mentions placed so far open {@code now} unchanged (the same objects, in order). */
            boolean opens(List<Cited> now) {
                if (now.size() < mentions.size()) {
                    return false;
                }
                for (int i = 0; i < mentions.size(); i++) {
                    if (now.get(i) != mentions.get(i)) {
                        return false;
                    }
                }
                return true;
            }

            /**
             * The values with a placed mention whose claim now holds placed mentions that were in different claims
             * (groups only merge): within those values, mentions compare differently than when they were placed.
             *
             * @param now the group of every mention now, placed ones first
             */
            Set<String> mergedValues(int[] now) {
                Map<Integer, Integer> was = new HashMap<>();
                Set<Integer> merged = new HashSet<>();
                for (int i = 0; i < mentions.size(); i++) {
                    if (now[i] != -1) {
                        Integer before = was.putIfAbsent(now[i], groups[i]);
                        if (before != null && before != groups[i]) {
                            merged.add(now[i]);
                        }
                    }
                }
                Set<String> values = new HashSet<>();
                if (!merged.isEmpty()) {
                    for (int i = 0; i < mentions.size(); i++) {
                        if (merged.contains(now[i])) {
                            values.add(mentions.get(i).timex().value());
                        }
                    }
                }
                return values;
            }
        }

        /**
         * One point of the timeline: its mentions in order (points only gain mentions), the index of its first among
         * all mentions, and its {@link TimePoint} as made for the mentions it had then.
         */
        static final class Point {
            final List<Cited> mentions = new ArrayList<>();
            final int firstIndex;
            final String value;
            final LocalDate sortKey;
            private final List<TimeCitation> citations = new ArrayList<>();
            private TimePoint made;

            Point(Cited first, int firstIndex) {
                mentions.add(first);
                this.firstIndex = firstIndex;
                this.value = first.timex().value();
                this.sortKey = BriefAssembly.sortKey(value);
            }

            /** The point as the brief shows it; only the citations of mentions it gained since are made. */
            TimePoint timePoint(Function<Cited, TimeCitation> cite) {
                if (made == null || citations.size() != mentions.size()) {
                    for (int i = citations.size(); i < mentions.size(); i++) {
                        citations.add(cite.apply(mentions.get(i)));
                    }
                    Cited first = mentions.get(0);
                    made = new TimePoint(value, first.article().textOf(first.timex()), first.article().id(),
                            first.article().textOf(first.sentence()).strip(),
                            mentions.stream().allMatch(m -> m.timex().anchoredOnInferredDate()),
                            List.copyOf(citations));
                }
                return made;
            }
        }

        final Map<String, Times> times = new HashMap<>();
        Timeline timeline;
        final QuoteGrid.Memo quotes = new QuoteGrid.Memo();
        /** The unit holding each attribution's content (-1 for none), by the builder's attribution object. */
        final Map<QuoteGrid.Said, Integer> unitOfSaid = new IdentityHashMap<>();
        /** Each claim's discrepancy list numbered with the claim's id in the last build, by the list found. */
        Map<List<Discrepancy>, List<Discrepancy>> numbered = new IdentityHashMap<>();
        /** The brief of the last build, what its items were made from, and how it followed the one before it. */
        Brief last;
        Map<Object, Integer> lastIndex = new IdentityHashMap<>();
        BriefChanges changes;
        private Map<String, String> originals;
        /** The articles of the last build. */
        private Set<String> built = Set.of();

        /**
         * Starts a build: drops what the last one did not use, and what depends on voices if an article of the last
         * build changed its lineage. A new article's own lineage gives only it another voice, and the claims it
         * joins are derived again anyway.
         */
        void begin(Map<String, String> lineage, List<Article> story) {
            boolean sameVoices = originals != null && lineage.entrySet().containsAll(originals.entrySet())
                    && lineage.keySet().stream().noneMatch(id -> !originals.containsKey(id) && built.contains(id));
            originals = Map.copyOf(lineage);
            built = new HashSet<>();
            story.forEach(a -> built.add(a.id()));
            int last = builds++;
            claims.values().removeIf(d -> d.build != last);
            if (!sameVoices) {
                claims.values().forEach(Derived::voicesChanged);
                timeline = null; // its citations name voices
            }
        }
    }
}
