package dev.parallax.core.brief;

import dev.parallax.core.analysis.entity.Entity;
import dev.parallax.core.analysis.entity.EntityType;
import dev.parallax.core.analysis.entity.Mention;
import dev.parallax.core.analysis.quote.Quote;
import dev.parallax.core.brief.Brief.Discrepancy;
import dev.parallax.core.brief.Brief.QuoteRow;
import dev.parallax.core.brief.Brief.Span;
import dev.parallax.core.brief.Brief.Speaker;
import dev.parallax.core.brief.Brief.WordingDifference;
import dev.parallax.core.model.Article;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.IntUnaryOperator;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Who said what where: every attribution of the quote layer as a row (speaker × outlet × quote), speakers resolved
 * across the story's articles through each article's entities and their canonical names ("Pat Ryder" and "Brig. Gen.
 * Patrick Ryder" are one speaker), and
 * per speaker whether outlets carry different statements of theirs, or word one statement differently.
 */
final class QuoteGrid {
    /** Finds the group (claim root) whose unit holds the middle of an attribution's content; -1 when none does. */
    interface RootAt {
        int root(String article, Said said);
    }

    /**
     * @param attributions per claim, the cases of it attributed to different named speakers by different outlets, as
     *     discrepancies (claim 0), kept between builds while the claim's attributions are what they were
     */
    record Result(List<QuoteRow> rows, List<Speaker> speakers, List<BriefAssembly.Found> attributions) {}

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
     * @param span the attribution's span, made once per article rather than on every build (the wording
     *     differences and attribution discrepancies that cite it are kept between builds)
     */
    record Said(String speaker, int start, int end, String text, String kind, boolean unnamed, int middle,
            String wording, Span span) {}

    /** The attributions of an article that name a speaker, speakers resolved through the article's entities. */
    static List<Said> said(Article a) {
        List<Quote> quotes = a.layer(Quote.LAYER);
        List<Entity> entities = quotes.isEmpty() ? List.of() : Entity.in(a);
        List<Said> out = new ArrayList<>();
        for (Quote q : quotes) {
            if (q.speaker() == null || q.speaker().isBlank() || q.unresolvedPronoun()) {
                continue; // no "who" (or only "it", "they"): nothing for a who-said-what grid
            }
            String who = speaker(a, q, entities);
            if (WHEN.matcher(who).matches()) {
                continue; // "said Wednesday": the tagger took the day for the source; the grid has no speaker for it
            }
            String text = q.content().stream().map(a::textOf).collect(Collectors.joining(" … "));
            int middle = (q.content().get(0).start() + q.content().get(q.content().size() - 1).end()) / 2;
            boolean unnamed = q.unnamedSource() && who.equals(q.speaker().strip()); // else named in apposition
            out.add(new Said(who, q.start(), q.end(), text,
                    q.kind().name().toLowerCase(Locale.ROOT), unnamed, middle, norm(text),
                    new Span(a.id(), q.start(), q.end(), text)));
        }
        return out;
    }

    /** One attribution in the story: what it says, the voice carrying it and the group of the claim holding it. */
    private record Row(Said said, String outlet, String article, int root) {}

    /**
     * A speaker's entry as the last build made it, from its rows: the same attributions, voices and claim groups give
     * the same entry, whatever the claims are numbered now.
     */
    static final class Kept {
        private final List<Row> rows;
        private final Speaker speaker;

        private Kept(List<Row> rows, Speaker speaker) {
            this.rows = rows;
            this.speaker = speaker;
        }

        private boolean madeFrom(List<Row> now) {
            if (now.size() != rows.size()) {
                return false;
            }
            for (int i = 0; i < now.size(); i++) {
                Row a = now.get(i), b = rows.get(i);
                if (a.said() != b.said() || a.root() != b.root() || !a.outlet().equals(b.outlet())) {
                    return false;
                }
            }
            return true;
        }
    }

    /**
     * What the grid derived at the last build of a story, for the next build with more articles: each speaker's entry
     * and each claim's attribution discrepancies, by the rows they were made from; the speaker names by surname with
     * the merges found among them (names only accrue while the story grows).
     */
    static final class Memo {
        private Map<String, Kept> speakers = new HashMap<>();
        private Map<Integer, Attributed> attributions = new HashMap<>();
        private final Set<String> names = new HashSet<>();
        private final Map<String, List<String>> bySurname = new LinkedHashMap<>();
        private final Map<String, Map<String, String>> merges = new HashMap<>();
        /** All merges in one map, made again when a surname gained a name. */
        private Map<String, String> to = Map.of();
        /**
         * Each attribution's row as last made: kept while its speaker, outlet and claim number are, so that an update
         * makes rows only for what changed and the store finds the others unchanged by identity.
         */
        private final Map<Said, QuoteRow> rows = new IdentityHashMap<>();
        /**
         * The last build's rows in story order, the merges they were named under, and their rows by speaker and by
         * claim group (lists never changed once made): a build whose earlier rows are all as they were only appends
         * the new article's rows to these.
         */
        private List<Row> all = List.of();
        private Map<String, String> allNamedUnder = Map.of();
        private Map<String, List<Row>> bySpeaker = new LinkedHashMap<>();
        private Map<Integer, List<Row>> byRoot = new LinkedHashMap<>();
    }

    /** A claim's attribution discrepancies (claim 0) as made from its rows and their speakers. */
    private record Attributed(List<Row> rows, List<String> speakers, List<Discrepancy> found) {
        /** Whether the rows are those it was made from, their speakers named as then under the merges {@code to}. */
        boolean madeFrom(List<Row> now, Map<String, String> to) {
            if (now.size() != rows.size()) {
                return false;
            }
            for (int i = 0; i < now.size(); i++) {
                Row r = now.get(i);
                if (r.said() != rows.get(i).said() || !r.outlet().equals(rows.get(i).outlet())
                        || !speakers.get(i).equals(to.getOrDefault(r.said().speaker(), r.said().speaker()))) {
                    return false;
                }
            }
            return true;
        }
    }

    /**
     * The grid: a row per attribution with the number of its claim, and per speaker whether outlets differ. A speaker
     * whose rows are what they were at the last build keeps its entry, and a claim whose attributions are keeps its
     * discrepancies: after one more article only the speakers it quotes, or whose quotes' claims it joined, are
     * compared again. {@code memo} must follow one story as it grows.
     */
    static Result of(List<Article> articles, Function<Article, String> voice, RootAt rootAt,
            IntUnaryOperator claimOfRoot, Function<Article, List<Said>> said, Memo memo) {
        // Every row, the last build's row object where it is the same (attribution, voice and claim group).
        List<Row> all = new ArrayList<>(memo.all.size() + 16);
        boolean same = true;
        for (Article a : articles) {
            String outlet = voice.apply(a);
            for (Said q : said.apply(a)) {
                int root = rootAt.root(a.id(), q), i = all.size();
                Row was = i < memo.all.size() ? memo.all.get(i) : null;
                if (was != null && was.said() == q && was.root() == root && was.outlet().equals(outlet)) {
                    all.add(was);
                } else {
                    all.add(new Row(q, outlet, a.id(), root));
                    same &= was == null;
                }
            }
        }
        int kept = Math.min(all.size(), memo.all.size());
        same &= kept == memo.all.size();
        // Names only accrue: with the earlier rows unchanged, only the new ones can bring a name.
        Map<String, String> to = merged(same ? all.subList(kept, all.size()) : all, memo);
        // The grouping by speaker and by claim continues the last one when the earlier rows, and the names they go
        // by, are as they were: then only the speakers and claims of the new rows are derived again.
        boolean continues = same && to.equals(memo.allNamedUnder);
        List<QuoteRow> rows = new ArrayList<>(all.size());
        Map<String, List<Row>> bySpeaker = continues ? new LinkedHashMap<>(memo.bySpeaker) : new LinkedHashMap<>();
        Map<Integer, List<Row>> byRoot = continues ? new LinkedHashMap<>(memo.byRoot) : new LinkedHashMap<>();
        Set<String> newSpeakers = new HashSet<>();
        Set<Integer> newRoots = new HashSet<>();
        for (int i = 0; i < all.size(); i++) {
            Row r = all.get(i);
            Said q = r.said();
            String speaker = to.getOrDefault(q.speaker(), q.speaker());
            int claim = r.root() == -1 ? 0 : claimOfRoot.applyAsInt(r.root());
            QuoteRow row = memo.rows.get(q);
            if (row == null || row.claim() != claim || !row.speaker().equals(speaker)
                    || !row.outlet().equals(r.outlet())) {
                row = new QuoteRow(speaker, r.outlet(), r.article(), q.start(), q.end(), q.text(), q.kind(),
                        q.unnamed(), claim);
                memo.rows.put(q, row);
            }
            rows.add(row);
            if (continues && i < kept) {
                continue; // in the groups already
            }
            // A list of the last build is copied before it grows: the last build's groups keep theirs.
            if (newSpeakers.add(speaker) && bySpeaker.containsKey(speaker)) {
                bySpeaker.put(speaker, new ArrayList<>(bySpeaker.get(speaker)));
            }
            bySpeaker.computeIfAbsent(speaker, k -> new ArrayList<>()).add(r);
            if (r.root() != -1 && !q.unnamed()) {
                if (newRoots.add(r.root()) && byRoot.containsKey(r.root())) {
                    byRoot.put(r.root(), new ArrayList<>(byRoot.get(r.root())));
                }
                byRoot.computeIfAbsent(r.root(), k -> new ArrayList<>()).add(r);
            }
        }
        List<Speaker> speakers = new ArrayList<>();
        Map<String, Kept> keptSpeakers = new HashMap<>();
        for (var e : bySpeaker.entrySet()) {
            Kept k = memo.speakers.get(e.getKey());
            if (k == null || newSpeakers.contains(e.getKey()) && !k.madeFrom(e.getValue())) {
                k = new Kept(List.copyOf(e.getValue()), speaker(e.getKey(), e.getValue()));
            }
            keptSpeakers.put(e.getKey(), k);
            speakers.add(k.speaker);
        }
        speakers.sort(Comparator.comparingInt((Speaker s) -> -s.outlets().size())
                .thenComparingInt(s -> -s.quotes()));
        List<BriefAssembly.Found> attributions = new ArrayList<>();
        Map<Integer, Attributed> keptAttributions = new HashMap<>();
        for (var e : byRoot.entrySet()) {
            List<Row> qs = e.getValue();
            Attributed k = memo.attributions.get(e.getKey());
            if (k == null || newRoots.contains(e.getKey()) && !k.madeFrom(qs, to)) {
                List<String> names = qs.stream().map(r -> to.getOrDefault(r.said().speaker(), r.said().speaker()))
                        .toList();
                k = new Attributed(List.copyOf(qs), names, attributions(qs, names));
            }
            keptAttributions.put(e.getKey(), k);
            attributions.add(new BriefAssembly.Found(claimOfRoot.applyAsInt(e.getKey()), k.found()));
        }
        memo.speakers = keptSpeakers;
        memo.attributions = keptAttributions;
        memo.all = all;
        memo.allNamedUnder = to;
        memo.bySpeaker = bySpeaker;
        memo.byRoot = byRoot;
        return new Result(rows, speakers, attributions);
    }

    /**
     * Every pair of speakers one claim is attributed to by different outlets (claim 0), once: the first pair of their
     * quotes from two outlets stands for the others (seven outlets quoting Heller where one quotes White make one
     * conflict, not seven; the quote grid lists every outlet's quote).
     */
    private static List<Discrepancy> attributions(List<Row> qs, List<String> names) {
        List<Discrepancy> out = new ArrayList<>();
        Set<Set<String>> seen = new HashSet<>();
        for (int i = 0; i < qs.size(); i++) {
            for (int j = i + 1; j < qs.size(); j++) {
                Row x = qs.get(i), y = qs.get(j);
                if (!x.outlet().equals(y.outlet()) && !names.get(i).equals(names.get(j))
                        && seen.add(Set.of(names.get(i), names.get(j)))) {
                    out.add(new Discrepancy("attribution", 0, x.outlet(), names.get(i), x.said().span(), y.outlet(),
                            names.get(j), y.said().span()));
                }
            }
        }
        return List.copyOf(out);
    }

    /**
     * One speaker's entry from its rows. A statement is a claim (by its group; or, outside claims, the quote itself):
     * outlets carry different statements when their sets differ; two outlets word one claim differently when their
     * folded wordings differ.
     */
    private static Speaker speaker(String name, List<Row> qs) {
        Set<String> outlets = new TreeSet<>();
        qs.forEach(r -> outlets.add(r.outlet()));
        Map<String, Set<Object>> statements = new LinkedHashMap<>();
        for (Row r : qs) {
            statements.computeIfAbsent(r.outlet(), k -> new LinkedHashSet<>())
                    .add(r.root() != -1 ? (Object) r.root() : r.article() + ":" + r.said().start());
        }
        boolean different = outlets.size() > 1 && statements.values().stream().distinct().count() > 1;
        List<WordingDifference> wording = new ArrayList<>();
        Map<Integer, List<Row>> byClaim = new LinkedHashMap<>();
        qs.stream().filter(r -> r.root() != -1)
                .forEach(r -> byClaim.computeIfAbsent(r.root(), k -> new ArrayList<>()).add(r));
        for (List<Row> same : byClaim.values()) {
            for (int i = 0; i < same.size(); i++) {
                for (int j = i + 1; j < same.size(); j++) {
                    Row x = same.get(i), y = same.get(j);
                    if (!x.outlet().equals(y.outlet()) && !x.said().wording().equals(y.said().wording())) {
                        wording.add(new WordingDifference(x.said().span(), x.outlet(), y.said().span(), y.outlet()));
                    }
                }
            }
        }
        return new Speaker(name, List.copyOf(outlets), qs.size(), different, wording);
    }

    /**
     * The speaker's name: the canonical name of the article's entity one of whose names ends the speaker as written
     * ("Pentagon spokesman Brigadier General Pat Ryder" ends in "Pat Ryder", whose canonical name is "Patrick Ryder"),
     * people first and longer names first; else a person named inside the quote's source; else the speaker as
     * written. A place or time after the speaker's noun phrase is not the speaker: "the Chinese Embassy in the US" is
     * matched as "the Chinese Embassy" (which, named by no entity, is shown without its article). The canonical names
     * make one speaker of the same person across articles. (In-document entities rather than the story-wide resolver,
     * whose cost grows too fast with the story for a brief rebuilt on every article.)
     */
    private static String speaker(Article a, Quote q, List<Entity> entities) {
        // A party label is no part of a name: "Congressman Anthony Weiner (D-N.Y.)".
        String written = PARENTHESES.matcher(q.speaker()).replaceAll("").strip();
        // An apposition or a relative clause after the name ("Mr. Weiner, a Democrat,", "Jack Levin, the chief
        // executive of yFrog,", "Twitter, which"): the name is one of the parts between commas, the first unless an
        // entity names another ("Lohan’s attorney, Shawn Holley,").
        String[] parts = written.split("\\s*,\\s*");
        String first = parts.length == 0 || parts[0].isBlank() ? written : parts[0].strip();
        Entity best = named(q.unnamedSource() ? Arrays.copyOfRange(parts, 1, parts.length) : parts, entities);
        if (q.unnamedSource()) {
            // a description is its own speaker, unless it gives the person's name in apposition: "A spokesman for
            // the Democratic National Committee, Brad Woodhouse,"
            return best != null && best.type() == EntityType.PERSON ? best.canonicalName() : q.speaker().strip();
        }
        String head = POST_MODIFIER.matcher(first).replaceFirst("");
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
        return head.equals(first) ? first : LEADING_THE.matcher(head).replaceFirst("");
    }

    /**
     * The article's entity one of whose names ends one of {@code parts} (a place or time after it left out), people
     * first and longer names first; null when none does.
     */
    private static Entity named(String[] parts, List<Entity> entities) {
        Entity best = null;
        int bestLength = 0;
        for (String part : parts) {
            String lower = POST_MODIFIER.matcher(part.strip()).replaceFirst("").toLowerCase(Locale.ROOT);
            if (lower.isEmpty()) {
                continue;
            }
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
        }
        return best;
    }

    private static final Pattern PARENTHESES = Pattern.compile("\\s*\\([^()]*\\)");

    /** A day the quote tagger took for a source ("said Wednesday"): no one to attribute the words to. */
    private static final Pattern WHEN = Pattern.compile("(?i)(?:monday|tuesday|wednesday|thursday|friday|saturday"
            + "|sunday|today|yesterday|tonight|tomorrow)(?:\\s+(?:morning|afternoon|evening|night))?");

    /** A place, time or cause after a speaker's noun phrase ("the Chinese Embassy [in the US]"). */
    private static final Pattern POST_MODIFIER = Pattern.compile("(?<=\\S)\\s+(?:in|at|on|over|from|near)(?:\\s.*)?$");
    /** "the" before a name ("the Chinese Embassy"), not before a common noun ("the statement"). */
    private static final Pattern LEADING_THE = Pattern.compile("^[Tt]he\\s+(?=\\p{Lu})");

    /**
     * Speakers the entity layer left apart that are plainly one: the same surname, and one given name a prefix of the
     * other ("Pat Ryder", "Patrick Ryder"; the longer name wins: the map gives it for the shorter), or the same words
     * in other case or with other apostrophes ({@link #sameButCase}). Only names
     * that end in the same word can be one person, so names are compared within those groups, and a group is compared
     * again only when it gained a name.
     */
    private static Map<String, String> merged(List<Row> rows, Memo memo) {
        Set<String> grown = new LinkedHashSet<>();
        for (Row r : rows) {
            String n = r.said().speaker();
            if (memo.names.add(n)) {
                String[] w = words(n);
                String surname = w[w.length - 1].toLowerCase(Locale.ROOT);
                memo.bySurname.computeIfAbsent(surname, k -> new ArrayList<>()).add(n);
                grown.add(surname);
            }
        }
        for (String surname : grown) {
            List<String> names = memo.bySurname.get(surname);
            Map<String, String> to = new HashMap<>();
            for (String a : names) {
                for (String b : names) {
                    if (a.length() < b.length() && samePerson(a, b) || sameButCase(a, b)) {
                        to.put(a, b);
                    }
                }
            }
            // "pat ryder" → "Pat Ryder" → "Patrick Ryder": each step makes a name longer or more capitalised, so the
            // chain ends
            to.replaceAll((a, b) -> {
                while (to.containsKey(b)) {
                    b = to.get(b);
                }
                return b;
            });
            // The surname alone, or after a title ("Heller", "Mr. Weiner", after "Mark Jay Heller" and "Anthony D.
            // Weiner" in other articles), is the one full name of the story that ends in it, when there is one:
            // names of capitalised words only, so "China" stays apart from "Bank of China".
            Set<String> full = new TreeSet<>();
            for (String n : names) {
                if (!givenNames(words(n)).isEmpty() && FULL_NAME.matcher(n).matches()) {
                    full.add(to.getOrDefault(n, n));
                }
            }
            if (full.size() == 1) {
                String person = full.iterator().next();
                String[] p = words(person);
                for (String n : names) {
                    String[] w = words(n);
                    if (Character.isUpperCase(n.charAt(0)) && givenNames(w).isEmpty()
                            && w[w.length - 1].equals(p[p.length - 1]) && !n.equals(person)) {
                        to.put(n, person);
                    }
                }
            }
            memo.merges.put(surname, to);
        }
        if (!grown.isEmpty()) {
            Map<String, String> to = new HashMap<>();
            memo.merges.values().forEach(to::putAll);
            memo.to = to;
        }
        return memo.to;
    }

    /**
     * "tea party organizers" and "Tea Party organizers", "the Times" and "The Times" (a sentence began with it),
     * "Lindsay Lohan's attorney" and "Lindsay Lohan’s attorney" (outlets' apostrophes differ): one speaker, named by
     * the form with more capitals (then the first in code-point order), so the map gives {@code b} for {@code a} when
     * {@code b} is that form.
     */
    private static boolean sameButCase(String a, String b) {
        if (a.equals(b) || !a.replace('’', '\'').equalsIgnoreCase(b.replace('’', '\''))) {
            return false;
        }
        long ca = a.chars().filter(Character::isUpperCase).count(), cb = b.chars().filter(Character::isUpperCase).count();
        return ca < cb || ca == cb && a.compareTo(b) > 0;
    }

    /**
     * Two names of one person: the same surname, and the given names before it agree: the last ones one a prefix of
     * the other ("Pat Ryder", "Patrick Ryder"), or the given names of the shorter name found in order, each a prefix
     * of one of the longer's, from its first ("Mark Heller", "Mark Jay Heller"). Titles and initials (words ending in a
     * period) and lower-case words are not given names, so "Gov. Rick Perry" and "Gov. Anita Perry" stay two; a suffix
     * is no surname ("Theodore Boutrous", "Theodore J. Boutrous Jr.").
     */
    private static boolean samePerson(String a, String b) {
        String[] x = words(a), y = words(b);
        if (x.length < 2 || y.length < 2 || !x[x.length - 1].equals(y[y.length - 1])
                || !Character.isUpperCase(x[0].charAt(0))) {
            return false;
        }
        if (y[y.length - 2].startsWith(x[x.length - 2]) || x[x.length - 2].startsWith(y[y.length - 2])) {
            return true;
        }
        List<String> gx = givenNames(x), gy = givenNames(y);
        List<String> shorter = gx.size() <= gy.size() ? gx : gy, longer = shorter == gx ? gy : gx;
        if (shorter.isEmpty() || !compatible(shorter.get(0), longer.get(0))) {
            return false;
        }
        int at = 1;
        for (String g : shorter.subList(1, shorter.size())) {
            while (at < longer.size() && !compatible(g, longer.get(at))) {
                at++;
            }
            if (at++ >= longer.size()) {
                return false;
            }
        }
        return true;
    }

    /** A name's words up to its surname: a generational suffix ("Joseph R. Biden Jr.") is not the surname. */
    private static String[] words(String name) {
        String[] w = name.split("\\s+");
        int n = w.length;
        while (n > 1 && SUFFIXES.contains(w[n - 1])) {
            n--;
        }
        return n == w.length ? w : Arrays.copyOf(w, n);
    }

    private static final Set<String> SUFFIXES = Set.of("Jr.", "Jr", "Sr.", "Sr", "II", "III", "IV");

    /** The words before the surname that can be given names: capitalised, not a title or initial, not "The". */
    private static List<String> givenNames(String[] words) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < words.length - 1; i++) {
            String w = words[i];
            if (Character.isUpperCase(w.charAt(0)) && !w.endsWith(".") && !w.equals("The")) {
                out.add(w);
            }
        }
        return out;
    }

    private static boolean compatible(String g, String h) {
        return g.startsWith(h) || h.startsWith(g);
    }

    /** A name in capitalised words (initials and hyphens allowed): "Mark Jay Heller", not "Bank of China". */
    private static final Pattern FULL_NAME = Pattern.compile("\\p{Lu}[\\p{L}.'’-]*(?:\\s+\\p{Lu}[\\p{L}.'’-]*)+");

    private static String norm(String s) {
        return s.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", " ").strip();
    }
}
