package dev.parallax.eval.dedup;

import dev.parallax.core.dedup.Relation;
import dev.parallax.core.model.Article;
import dev.parallax.core.model.Published;
import dev.parallax.core.text.TextFingerprint;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.regex.Pattern;

/**
 * A labelled near-duplicate benchmark made from real articles with the edits syndication makes. For a fixed corpus
 * and seed the output is always the same.
 *
 * <p>Each family is one real base article and one to three copies published after it:
 * <ul>
 *   <li>EXACT: the same words with other typography (curly quotes, spacing) under a new headline and outlet;</li>
 *   <li>NEAR: two to four light edits: a byline, an outlet boilerplate line, a "Read more" line, one short paragraph
 *       dropped, the last sentence cut, two adjacent sentences swapped, 2–3% of words replaced by synonyms; at most
 *       12% of the words are added and at most 12% removed;</li>
 *   <li>CONTAINED: a trimmed reprint that keeps the first 40–70% of the words (whole paragraphs where possible);</li>
 *   <li>CONTAINS: a local article that embeds the whole base between local paragraphs taken from another real
 *       article, adding 40–100% of the base's length.</li>
 * </ul>
 * Hard negatives are pairs of different real articles of the same outlet (and, where the id names one, the same
 * category) chosen for the most shared content words. Every pair of real articles used (bases, negatives, donors of
 * local text) shares under 20% of its exact 4-word shingles either way, so a gold negative is never a real rewrite.
 * About one base in ten arrives after its copies although it was published first, which lineage must repair.
 */
final class DedupBenchmark {
    /** One labelled pair: {@code copy} relates to {@code original} by {@code relation}, or is unrelated when null. */
    record GoldPair(String copy, String original, Relation relation) {}

    record Result(List<Article> stream, List<GoldPair> positives, List<GoldPair> negatives) {}

    private static final int MIN_WORDS = 120;
    private static final double MAX_SHARED = 0.2;
    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?][\"']?)\\s+(?=[A-Z\"'])");
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");
    private static final String[] OUTLETS = {"daily-gazette", "metro-herald", "valley-news", "coast-times",
        "city-post", "national-ledger", "morning-star", "evening-courier"};
    private static final String[] NAMES = {"Jane Smith", "Omar Haddad", "Li Wei", "Maria Lopez", "Tom Becker",
        "Aisha Khan", "Peter Novak", "Grace Okafor"};
    private static final Map<String, String> SYNONYMS = synonyms();

    private final List<Article> corpus;
    private final SplittableRandom random;
    private final Map<Long, List<Integer>> selectedShingles = new HashMap<>();
    private final List<long[]> selected = new ArrayList<>();
    private final Set<Integer> used = new HashSet<>();

    private DedupBenchmark(List<Article> corpus, long seed) {
        this.corpus = corpus;
        this.random = new SplittableRandom(seed);
    }

    static Result generate(List<Article> corpus, long seed, int families, int negatives) {
        return new DedupBenchmark(corpus, seed).build(families, negatives);
    }

    private Result build(int families, int negativePairs) {
        int[] order = shuffledIndexes();
        Set<String> seenFingerprints = new HashSet<>();
        Set<String> duplicated = new HashSet<>();
        for (Article a : corpus) {
            if (!seenFingerprints.add(TextFingerprint.of(a.text()))) {
                duplicated.add(TextFingerprint.of(a.text()));
            }
        }
        List<Article> stream = new ArrayList<>();
        Map<String, Instant> arrival = new HashMap<>();
        List<GoldPair> positives = new ArrayList<>();
        List<GoldPair> negatives = new ArrayList<>();
        Instant clock = Instant.parse("2025-01-06T06:00:00Z");
        int cursor = 0;
        for (int f = 0; f < families && cursor < order.length; ) {
            int b = order[cursor++];
            Article base = corpus.get(b);
            if (words(base.text()) < MIN_WORDS || base.text().split("\n\n").length < 3
                    || duplicated.contains(TextFingerprint.of(base.text())) || !select(b)) {
                continue;
            }
            f++;
            clock = clock.plus(Duration.ofMinutes(7 + random.nextInt(30)));
            Article original = CorpusReader.article(base.id(), base.outlet().name(), at(clock), base.title(),
                    base.text());
            stream.add(original);
            Instant lastCopy = clock;
            int copies = 1 + random.nextInt(3);
            for (int c = 0; c < copies; c++) {
                Relation relation = Relation.values()[random.nextInt(Relation.values().length)];
                String text = switch (relation) {
                    case EXACT -> retype(base.text());
                    case NEAR -> nearCopy(base.text());
                    case CONTAINED -> trimmed(base.text());
                    case CONTAINS -> embedded(base.text());
                };
                if (text == null) {
                    continue;
                }
                Instant when = clock.plus(Duration.ofMinutes(20 + random.nextInt(48 * 60)));
                lastCopy = when.isAfter(lastCopy) ? when : lastCopy;
                String id = base.id() + "~" + relation.name().toLowerCase(Locale.ROOT) + c;
                stream.add(CorpusReader.article(id, OUTLETS[random.nextInt(OUTLETS.length)], at(when),
                        headline(base), text));
                positives.add(new GoldPair(id, base.id(), relation));
                arrival.put(id, when);
            }
            boolean late = random.nextInt(10) == 0;
            arrival.put(base.id(), late ? lastCopy.plusSeconds(60) : clock);
        }
        for (int n = 0; n < negativePairs && cursor < order.length; ) {
            int a = order[cursor++];
            if (words(corpus.get(a).text()) < MIN_WORDS || duplicated.contains(TextFingerprint.of(corpus.get(a).text()))
                    || !select(a)) {
                continue;
            }
            int partner = hardNegative(a, duplicated);
            if (partner < 0) {
                continue;
            }
            n++;
            for (int d : new int[] {a, partner}) {
                Article src = corpus.get(d);
                clock = clock.plus(Duration.ofMinutes(3 + random.nextInt(20)));
                stream.add(CorpusReader.article(src.id(), src.outlet().name(), at(clock), src.title(), src.text()));
                arrival.put(src.id(), clock);
            }
            negatives.add(new GoldPair(corpus.get(partner).id(), corpus.get(a).id(), null));
        }
        stream.sort(Comparator.comparing((Article x) -> arrival.get(x.id())).thenComparing(Article::id));
        return new Result(List.copyOf(stream), List.copyOf(positives), List.copyOf(negatives));
    }

    private static Published at(Instant t) {
        return new Published(t, t.atZone(ZoneOffset.UTC).toLocalDate(), false);
    }

    private int[] shuffledIndexes() {
        int[] order = new int[corpus.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    /**
     * Marks corpus article {@code i} as used when it shares under {@link #MAX_SHARED} of its exact 4-word shingles
     * with every article used so far (either way), so no two real articles in the benchmark are real rewrites.
     */
    private boolean select(int i) {
        if (used.contains(i)) {
            return false;
        }
        long[] shingles = shingles(corpus.get(i).text());
        Map<Integer, Integer> shared = new HashMap<>();
        for (long s : shingles) {
            for (int other : selectedShingles.getOrDefault(s, List.of())) {
                shared.merge(other, 1, Integer::sum);
            }
        }
        for (Map.Entry<Integer, Integer> e : shared.entrySet()) {
            int common = e.getValue();
            if (common >= MAX_SHARED * shingles.length || common >= MAX_SHARED * selected.get(e.getKey()).length) {
                return false;
            }
        }
        int slot = selected.size();
        selected.add(shingles);
        for (long s : shingles) {
            selectedShingles.computeIfAbsent(s, k -> new ArrayList<>(2)).add(slot);
        }
        used.add(i);
        return true;
    }

    /** The unused article of the same outlet and category sharing the most content words with article {@code a}. */
    private int hardNegative(int a, Set<String> duplicated) {
        Article anchor = corpus.get(a);
        Set<String> terms = contentWords(anchor.text());
        String category = category(anchor.id());
        int best = -1;
        double bestScore = 0;
        for (int tries = 0; tries < 400; tries++) {
            int c = random.nextInt(corpus.size());
            Article other = corpus.get(c);
            if (used.contains(c) || !other.outlet().equals(anchor.outlet()) || !category(other.id()).equals(category)
                    || words(other.text()) < MIN_WORDS / 2 || duplicated.contains(TextFingerprint.of(other.text()))) {
                continue;
            }
            Set<String> otherTerms = contentWords(other.text());
            int common = 0;
            for (String t : otherTerms) {
                if (terms.contains(t)) {
                    common++;
                }
            }
            double score = (double) common / (terms.size() + otherTerms.size() - common);
            if (score > bestScore) {
                best = c;
                bestScore = score;
            }
        }
        return best >= 0 && select(best) ? best : -1;
    }

    /** "bbc-business-001" -> "business"; ids without a category share the empty one. */
    private static String category(String id) {
        String[] parts = id.split("-");
        return parts.length == 3 ? parts[1] : "";
    }

    private static Set<String> contentWords(String text) {
        Set<String> out = new HashSet<>();
        String lower = text.toLowerCase(Locale.ROOT);
        var m = WORD.matcher(lower);
        while (m.find()) {
            if (m.end() - m.start() >= 4 && !Character.isDigit(lower.charAt(m.start()))) {
                out.add(m.group());
            }
        }
        return out;
    }

    /** Distinct hashes of the exact 4-word shingles (lower-cased), for the selection filter. */
    static long[] shingles(String text) {
        List<String> words = new ArrayList<>();
        var m = WORD.matcher(text.toLowerCase(Locale.ROOT));
        while (m.find()) {
            words.add(m.group());
        }
        Set<Long> out = new HashSet<>();
        for (int i = 0; i + 4 <= words.size(); i++) {
            out.add((long) String.join(" ", words.subList(i, i + 4)).hashCode() << 32
                    | (words.get(i).hashCode() & 0xffffffffL));
        }
        return out.stream().mapToLong(Long::longValue).sorted().toArray();
    }

    static int words(String text) {
        int n = 0;
        var m = WORD.matcher(text);
        while (m.find()) {
            n++;
        }
        return n;
    }

    private String headline(Article base) {
        String title = base.title() == null ? "" : base.title();
        String[] forms = {"UPDATE: %s", "%s, officials say", "What we know: %s", "%s (updated)", "Report: %s"};
        return String.format(forms[random.nextInt(forms.length)], title);
    }

    // ---- edits ----

    /** Same words, other typography: curly quotes and apostrophes, doubled spaces after sentences. */
    private static String retype(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        boolean open = true;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                out.append(open ? '\u201c' : '\u201d');
                open = !open;
            } else if (c == '\'') {
                out.append('\u2019');
            } else if (c == ' ' && i > 0 && text.charAt(i - 1) == '.') {
                out.append("  ");
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private String nearCopy(String text) {
        int baseWords = words(text);
        for (int attempt = 0; attempt < 20; attempt++) {
            List<String> paragraphs = new ArrayList<>(Arrays.asList(text.split("\n\n")));
            int edits = 2 + random.nextInt(3);
            boolean[] kinds = new boolean[7];
            for (int e = 0; e < edits; e++) {
                kinds[random.nextInt(kinds.length)] = true;
            }
            String outlet = OUTLETS[random.nextInt(OUTLETS.length)];
            int removed = 0;
            int added = 0;
            if (kinds[3] && paragraphs.size() >= 5) {
                removed += words(paragraphs.remove(1 + random.nextInt(paragraphs.size() - 1)));
            }
            if (kinds[4]) {
                int last = paragraphs.size() - 1;
                List<String> sentences = sentences(paragraphs.get(last));
                if (sentences.size() > 1) {
                    removed += words(sentences.get(sentences.size() - 1));
                    paragraphs.set(last, String.join(" ", sentences.subList(0, sentences.size() - 1)));
                } else if (paragraphs.size() > 3) {
                    removed += words(paragraphs.remove(last));
                }
            }
            if (kinds[5]) {
                swapSentences(paragraphs);
            }
            if (kinds[6]) {
                int n = substitute(paragraphs, Math.max(1, (int) Math.round((0.02 + 0.01 * random.nextDouble())
                        * baseWords)));
                removed += n;
                added += n;
            }
            List<String> lines = new ArrayList<>();
            if (kinds[0]) {
                lines.add("By " + NAMES[random.nextInt(NAMES.length)] + ", " + outlet + " staff");
                paragraphs.add(0, lines.get(lines.size() - 1));
            }
            if (kinds[1]) {
                lines.add(random.nextBoolean() ? "Follow " + outlet + " for the latest updates."
                        : "\u00a9 " + outlet + " 2025. All rights reserved.");
                paragraphs.add(lines.get(lines.size() - 1));
            }
            if (kinds[2]) {
                lines.add("Read more: local news from " + outlet);
                paragraphs.add(1 + random.nextInt(paragraphs.size() - 1), lines.get(lines.size() - 1));
            }
            for (String line : lines) {
                added += words(line);
            }
            String copy = String.join("\n\n", paragraphs);
            if (!copy.equals(text) && added <= 0.12 * baseWords && removed <= 0.12 * baseWords) {
                return copy;
            }
        }
        return null;
    }

    /** The first 40–70% of the words: whole leading paragraphs while they fit, then whole sentences. */
    private String trimmed(String text) {
        int total = words(text);
        double keep = (0.4 + 0.3 * random.nextDouble()) * total;
        List<String> kept = new ArrayList<>();
        int n = 0;
        for (String p : text.split("\n\n")) {
            if (n >= keep) {
                break;
            }
            int w = words(p);
            if (n + w <= 0.7 * total) {
                kept.add(p);
                n += w;
                continue;
            }
            List<String> part = new ArrayList<>();
            for (String sentence : sentences(p)) {
                int ws = words(sentence);
                if (n >= keep || n + ws > 0.7 * total) {
                    break;
                }
                part.add(sentence);
                n += ws;
            }
            if (!part.isEmpty()) {
                kept.add(String.join(" ", part));
            }
            break;
        }
        return n >= 0.4 * total && n <= 0.7 * total ? String.join("\n\n", kept) : null;
    }

    /** The whole base between local sentences from another real article, adding 40–100% of its length. */
    private String embedded(String text) {
        int total = words(text);
        double add = (0.4 + 0.6 * random.nextDouble()) * total;
        for (int tries = 0; tries < 200; tries++) {
            int d = random.nextInt(corpus.size());
            if (words(corpus.get(d).text()) < add || !select(d)) {
                continue;
            }
            List<String> local = new ArrayList<>();
            int n = 0;
            for (String s : sentences(corpus.get(d).text().replace("\n\n", " "))) {
                int ws = words(s);
                if (n >= add || n + ws > total) {
                    break;
                }
                local.add(s);
                n += ws;
            }
            if (n < 0.4 * total || local.size() < 2) {
                continue;
            }
            int intro = Math.max(1, local.size() / 3);
            return String.join(" ", local.subList(0, intro)) + "\n\n" + text + "\n\n"
                    + String.join(" ", local.subList(intro, local.size()));
        }
        return null;
    }

    private static List<String> sentences(String paragraph) {
        return Arrays.asList(SENTENCE_END.split(paragraph));
    }

    private void swapSentences(List<String> paragraphs) {
        List<Integer> candidates = new ArrayList<>();
        for (int i = 0; i < paragraphs.size(); i++) {
            if (sentences(paragraphs.get(i)).size() >= 2) {
                candidates.add(i);
            }
        }
        if (candidates.isEmpty()) {
            return;
        }
        int p = candidates.get(random.nextInt(candidates.size()));
        List<String> s = new ArrayList<>(sentences(paragraphs.get(p)));
        int i = random.nextInt(s.size() - 1);
        String t = s.get(i);
        s.set(i, s.get(i + 1));
        s.set(i + 1, t);
        paragraphs.set(p, String.join(" ", s));
    }

    /** Replaces {@code count} randomly chosen words that have a synonym; returns how many it replaced. */
    private int substitute(List<String> paragraphs, int count) {
        List<int[]> spots = new ArrayList<>();
        for (int p = 0; p < paragraphs.size(); p++) {
            var m = WORD.matcher(paragraphs.get(p));
            while (m.find()) {
                if (SYNONYMS.containsKey(m.group().toLowerCase(Locale.ROOT))) {
                    spots.add(new int[] {p, m.start(), m.end()});
                }
            }
        }
        for (int i = spots.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int[] t = spots.get(i);
            spots.set(i, spots.get(j));
            spots.set(j, t);
        }
        List<int[]> chosen = new ArrayList<>(spots.subList(0, Math.min(count, spots.size())));
        // Right to left, so earlier offsets in a paragraph stay valid.
        chosen.sort(Comparator.comparingInt((int[] x) -> x[0]).thenComparing((int[] x) -> -x[1]));
        for (int[] spot : chosen) {
            String p = paragraphs.get(spot[0]);
            String word = p.substring(spot[1], spot[2]);
            paragraphs.set(spot[0], p.substring(0, spot[1]) + SYNONYMS.get(word.toLowerCase(Locale.ROOT))
                    + p.substring(spot[2]));
        }
        return chosen.size();
    }

    private static Map<String, String> synonyms() {
        String[] pairs = {"said", "stated", "about", "around", "company", "firm", "firm", "company", "also",
            "additionally", "but", "however", "big", "large", "large", "big", "rose", "climbed", "fell", "dropped",
            "expected", "anticipated", "mln", "million", "million", "mln", "pct", "percent", "percent", "pct",
            "buy", "purchase", "shares", "stock", "government", "administration", "told", "informed", "week",
            "seven days", "year", "twelve months", "increase", "rise", "help", "assist", "start", "begin", "end",
            "finish", "show", "indicate", "new", "fresh", "plans", "intends", "because", "as", "people", "persons"};
        Map<String, String> out = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            out.putIfAbsent(pairs[i], pairs[i + 1]);
        }
        return Map.copyOf(out);
    }
}
