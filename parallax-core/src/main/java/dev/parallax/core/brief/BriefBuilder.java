package dev.parallax.core.brief;

import dev.parallax.core.dedup.Deduper;
import dev.parallax.core.embed.Embedder;
import dev.parallax.core.model.Article;
import dev.parallax.core.model.LayerKey;
import dev.parallax.core.model.Outlet;
import dev.parallax.core.model.Sentence;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds the {@link Brief} of a story from its articles.
 *
 * <p><b>Claims.</b> Every sentence, split into clauses where it carries two facts ({@link Clauses}), is a unit.
 * Units of different articles are scored by the {@link ClaimModel} (embedding cosine, lexical overlap, name and number
 * agreement; fitted on STS-B train). Candidates come from an inverted index over content terms (the best
 * {@value #CANDIDATES} units by shared-term weight, ignoring terms in more than a twentieth of all units), so a new
 * article costs O(its units × candidates) rather than O(story). Pairs above the threshold are matched one-to-one per
 * pair of articles, strongest first, and joined by average link: two groups merge only when their mean pair score
 * stays above the threshold (a pair never scored counts as clearly different; pairs within one article count too),
 * so a chain A≈B≈C does not merge A with an unrelated C.
 *
 * <p><b>Incremental.</b> The builder caches each article's units, vectors and pair scores by article id, and the claims
 * of the story it built last, so building that story again after one article joined embeds, scores and groups only
 * that article; the assembly re-derives only the claims that changed ({@link BriefAssembly.Memo}). Vectors come from
 * {@link UnitVectors} when it has them, so a builder in another process embeds nothing already stored. One builder should follow one stream of stories: the cache grows with the articles it has
 * seen, and candidate choice depends on the order articles arrive in (the same order gives the same brief). Not
 * thread-safe across concurrent builds; {@link #build} is synchronised.
 */
public final class BriefBuilder {
    /** Candidate units scored per unit. */
    static final int CANDIDATES = 60;
    /**
     * Terms in more units than this (or than a twentieth of all units, when that is less, but never below
     * {@link #MIN_MAX_DF}) do not propose candidates: a story's everyday names ("Trump", "summit") would make every
     * sentence a candidate of every other, and reading their long postings would make a new article cost O(story).
     */
    static final int MAX_DF = 200;
    private static final int MIN_MAX_DF = 50;
    /** Log-odds given to a cross-article pair that was never scored: it shares no distinctive term. */
    private static final double UNSCORED = -6;

    private final Embedder embedder;
    private final UnitVectors vectors;
    private final ClaimModel model;
    private final Map<String, Doc> docs = new HashMap<>();
    /** Near-duplicate lineage of every article seen: syndicated copies are not independent voices. */
    private final Deduper deduper = new Deduper();
    private final List<Unit> units = new ArrayList<>();
    private final Map<String, List<Integer>> postings = new HashMap<>();
    /** The vector of unit texts seen, so that a repeated sentence is not embedded again (thread-safe when shared). */
    private final Map<String, float[]> byText;
    /** Scored candidate pairs, by unit: neighbour id → log-odds. Symmetric. */
    private final List<Map<Integer, Float>> scores = new ArrayList<>();
    /** The grouping of the story built last. */
    private Grouping grouping;
    /** Resolved attributions by article id, with the quote layer they were computed from. */
    private final Map<String, Said> saidCache = new HashMap<>();

    private record Said(List<?> layer, List<QuoteGrid.Said> quotes) {}

    /** The assembly's spans of each layer inside each unit, valid while the article carries the same layer list. */
    private final Map<String, BriefAssembly.Within> withinCache = new HashMap<>();

    /** With an embedder the claim model uses sentence vectors; without one (null) it uses words alone and says so. */
    public BriefBuilder(Embedder embedder) {
        this(embedder, UnitVectors.NONE);
    }

    /** A builder that takes the vectors of an article's units from {@code vectors} and keeps there those it embeds. */
    public BriefBuilder(Embedder embedder, UnitVectors vectors) {
        this(embedder, vectors, new HashMap<>());
    }

    /** The same, with the vectors of unit texts known in this process ({@link StoryBriefs}' recent texts). */
    BriefBuilder(Embedder embedder, UnitVectors vectors, Map<String, float[]> byText) {
        this.embedder = embedder;
        this.vectors = vectors;
        this.byText = byText;
        this.model = ClaimModel.shipped(embedder != null);
    }

    /** A builder without embeddings: claims are aligned by words, names and numbers only. */
    public static BriefBuilder lexical() {
        return new BriefBuilder(null);
    }

    /** Who speaks in an article: its outlet, or the article itself when the outlet is unknown. */
    public static String voice(Article a) {
        return a.outlet().equals(Outlet.UNKNOWN) ? a.id() : a.outlet().name();
    }

    /**
     * One sentence or clause of an article. Its id is unique within the builder, so it alone is the unit's identity:
     * hashing the text and term sets of 25k units on every build was a large share of an incremental update.
     *
     * @param loaded evaluative words in the text ({@link BriefAssembly#loaded}), counted once
     * @param words  whitespace-separated words in the text
     */
    record Unit(int id, String article, int sentence, int start, int end, String text, ClaimModel.Text features,
            float[] vector, int loaded, int words) {
        Unit(int id, String article, int sentence, int start, int end, String text, float[] vector) {
            this(id, article, sentence, start, end, text, ClaimModel.Text.of(text), vector, BriefAssembly.loaded(text),
                    text.split("\\s+").length);
        }

        Unit withVector(float[] v) {
            return new Unit(id, article, sentence, start, end, text, features, v, loaded, words);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Unit u && u.id == id;
        }

        @Override
        public int hashCode() {
            return Integer.hashCode(id);
        }
    }

    /** An article's units, by id and in text order. */
    private record Doc(String article, int textHash, int[] units, List<Unit> list) {}

    /** The brief of a story whose articles are given in publication order. */
    public synchronized Brief build(List<Article> storyArticles) {
        if (storyArticles.isEmpty()) {
            throw new IllegalArgumentException("a story without articles has no brief");
        }
        Set<String> ids = new HashSet<>();
        for (Article a : storyArticles) {
            if (!ids.add(a.id())) {
                throw new IllegalArgumentException("article '" + a.id() + "' is given twice");
            }
        }
        phases = new Phases();
        List<Doc> story = storyArticles.stream().map(this::doc).toList();
        phases.lap("units");
        if (grouping == null || !grouping.continues(story)) {
            grouping = new Grouping();
        }
        for (Doc d : story.subList(grouping.docs.size(), story.size())) {
            grouping.add(d);
        }
        List<Group> groups = grouping.groups();
        phases.lap("grouping");
        Map<String, String> originals = new HashMap<>();
        for (Article a : storyArticles) {
            deduper.linkOf(a.id()).filter(l -> ids.contains(l.originalId()))
                    .ifPresent(l -> originals.put(a.id(), l.originalId()));
        }
        Grouping g = grouping;
        // Every unit's root, read by the assembly's steps on both cores: find() compresses paths as it reads.
        int[] roots = new int[g.units.size()];
        for (int i = 0; i < roots.length; i++) {
            roots[i] = g.find(i);
        }
        PairScores view = new PairScores() {
            @Override
            public Map<Integer, Float> scored(Unit u) {
                return scores.get(u.id());
            }

            @Override
            public int groupOf(int unit) {
                int local = g.localOf(unit);
                return local < 0 ? -1 : roots[local];
            }

            @Override
            public Unit unit(int unit) {
                return units.get(unit);
            }

            @Override
            public List<Unit> unitsOf(String article) {
                return docs.get(article).list();
            }
        };
        return new BriefAssembly(storyArticles, originals, groups, view, grouping.memo, withinCache, this::said,
                embedder != null, phases).brief();
    }

    /** CPU time of the steps of the last build. */
    private Phases phases = new Phases();

    /**
     * The CPU time and heap allocation of each step of a build, in order: what explains a slow update. Steps run by
     * {@link Parallel} count on the threads that ran them, and the CPU time spent off the building thread is summed
     * apart.
     */
    static final class Phases {
        private final java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();
        private final Map<String, Double> millis = new LinkedHashMap<>();
        private final Map<String, Double> megabytes = new LinkedHashMap<>();
        private long last = cpu.getCurrentThreadCpuTime(), lastBytes = Parallel.allocatedBytes();
        /** CPU and bytes of parallel steps the building thread ran since the last lap: counted already, under their names. */
        private long counted, countedBytes;
        private long offThread;

        /** Ends a step: the CPU time and allocation since the last one ended go to {@code step}. */
        void lap(String step) {
            long now = cpu.getCurrentThreadCpuTime(), bytes = Parallel.allocatedBytes();
            millis.merge(step, (now - last - counted) / 1e6, Double::sum);
            megabytes.merge(step, (bytes - lastBytes - countedBytes) / 1e6, Double::sum);
            last = now;
            lastBytes = bytes;
            counted = 0;
            countedBytes = 0;
        }

        /** Steps that {@link Parallel} ran: each one's CPU and allocation go to its name. */
        void ran(Parallel.Cost cost) {
            for (int i = 0; i < cost.names().size(); i++) {
                millis.merge(cost.names().get(i), cost.nanos()[i] / 1e6, Double::sum);
                megabytes.merge(cost.names().get(i), cost.bytes()[i] / 1e6, Double::sum);
                if (cost.offThread()[i]) {
                    offThread += cost.nanos()[i];
                } else {
                    counted += cost.nanos()[i];
                    countedBytes += cost.bytes()[i];
                }
            }
        }
    }

    /**
     * CPU milliseconds of each step of the last build: units (the new articles' units, vectors and candidate scores),
     * grouping, and the assembly's claims, quotes, discrepancies, timeline, framing, coverage and summary, and the
     * brief made of them with what each item continues (brief).
     */
    public synchronized Map<String, Double> phaseMillis() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(phases.millis));
    }

    /** Heap megabytes each step of the last build allocated, the steps as in {@link #phaseMillis}. */
    public synchronized Map<String, Double> phaseMegabytes() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(phases.megabytes));
    }

    /**
     * CPU milliseconds the last build spent on threads other than the one that called {@link #build}: the steps it
     * ran on both cores ({@link #phaseMillis} counts them under their steps).
     */
    public synchronized double offThreadCpuMillis() {
        return phases.offThread / 1e6;
    }

    /**
     * The scored pairs of units of different articles whose log-odds lie in {@code [low, high)}.
     *
     * @param scored     every scored pair of units of different articles
     * @param pairs      the texts of each pair in the band
     * @param mutualBest of those, the pairs that are each unit's best-scored pair with the other's article: the pairs
     *     the one-to-one matching per article pair takes first
     */
    public record Band(long scored, List<String[]> pairs, long mutualBest) {}

    /** The pairs in a band of log-odds, for measuring what a second model over them would cost. */
    public synchronized Band pairsWithin(double low, double high) {
        List<Map<String, Float>> best = new ArrayList<>(units.size());
        for (Unit u : units) {
            Map<String, Float> b = new HashMap<>();
            scores.get(u.id()).forEach((v, x) -> b.merge(units.get(v).article(), x, Math::max));
            best.add(b);
        }
        long scored = 0, mutual = 0;
        List<String[]> pairs = new ArrayList<>();
        for (Unit u : units) {
            for (var e : scores.get(u.id()).entrySet()) {
                Unit v = units.get(e.getKey());
                float x = e.getValue();
                if (v.id() < u.id() || v.article().equals(u.article())) {
                    continue;
                }
                scored++;
                if (x >= low && x < high) {
                    pairs.add(new String[] {u.text(), v.text()});
                    if (best.get(u.id()).get(v.article()) == x && best.get(v.id()).get(u.article()) == x) {
                        mutual++;
                    }
                }
            }
        }
        return new Band(scored, pairs, mutual);
    }

    /**
     * Where the items of the last build's brief come from in the build's before it, for a store that saved that one
     * ({@link dev.parallax.core.store.Store#saveBrief(String, StoredBrief, BriefChanges)}); null after the first build
     * of a story, or of a story whose order changed.
     */
    public synchronized BriefChanges changes() {
        return grouping == null ? null : grouping.memo.changes;
    }

    /**
     * A claim's units (by id) with the grouping's root of it. Claims only grow, so a root with the same number of
     * units is the same claim as at the last build: the assembly keeps what it derived from a claim under that key.
     */
    record Group(int root, List<Unit> units) {
        long key() {
            return (long) root << 32 | units.size();
        }
    }

    /**
     * An article's resolved attributions, computed once per article while it carries the same quote layer (the same
     * list: hashing every article's quotes on every build cost more than the lookup saved).
     */
    private List<QuoteGrid.Said> said(Article a) {
        List<?> layer = a.layer(dev.parallax.core.analysis.quote.Quote.LAYER);
        Said cached = saidCache.get(a.id());
        if (cached == null || cached.layer() != layer) {
            cached = new Said(layer, QuoteGrid.said(a));
            saidCache.put(a.id(), cached);
        }
        return cached.quotes();
    }

    private Doc doc(Article a) {
        Doc cached = docs.get(a.id());
        if (cached != null && cached.textHash() == a.text().hashCode()) {
            return cached;
        }
        if (cached == null) {
            deduper.observe(a);
        }
        List<UnitSpan> spans = units(a);
        Unit[] made = new Unit[spans.size()];
        // A unit's terms, names and loaded words are its own: analysed on both cores for a long article.
        phases.ran(Parallel.forRanges("units", made.length, (from, to) -> {
            for (int i = from; i < to; i++) {
                UnitSpan u = spans.get(i);
                made[i] = new Unit(units.size() + i, a.id(), u.sentence(), u.clause().start(), u.clause().end(),
                        a.textOf(u.clause()), null);
            }
        }));
        List<Unit> fresh = new ArrayList<>(Arrays.asList(made));
        if (embedder != null && !fresh.isEmpty()) {
            float[][] v = vectors.find(a.id(), fresh.size());
            if (v == null) {
                v = embed(fresh);
                vectors.keep(a.id(), v);
            }
            for (int i = 0; i < fresh.size(); i++) {
                fresh.set(i, fresh.get(i).withVector(v[i]));
                byText.putIfAbsent(fresh.get(i).text(), v[i]);
            }
        }
        for (Unit u : fresh) {
            units.add(u);
            scores.add(new HashMap<>());
        }
        // Indexed first, so that the article's own sentences are candidates too: a claim's spans must agree with
        // each other, including two from one article, before they are grouped (see #group).
        for (Unit u : fresh) {
            for (String t : u.features().terms()) {
                postings.computeIfAbsent(t, k -> new ArrayList<>()).add(u.id());
            }
        }
        // Each unit's candidates and scores depend on the index alone, so they are found on both cores; the scores
        // are then kept in unit order, as one thread would keep them (the grouping sums them in that order).
        int[][] candidates = new int[fresh.size()][];
        float[][] scored = new float[fresh.size()][];
        phases.ran(Parallel.forRanges("units", fresh.size(), (from, to) -> {
            Search search = new Search(units.size());
            for (int i = from; i < to; i++) {
                candidates[i] = candidates(fresh.get(i), search);
                scored[i] = scores(fresh.get(i), candidates[i]);
            }
        }));
        for (int i = 0; i < fresh.size(); i++) {
            int u = fresh.get(i).id();
            for (int k = 0; k < candidates[i].length; k++) {
                scores.get(u).put(candidates[i][k], scored[i][k]);
                scores.get(candidates[i][k]).put(u, scored[i][k]);
            }
        }
        Doc d = new Doc(a.id(), a.text().hashCode(), fresh.stream().mapToInt(Unit::id).toArray(), List.copyOf(fresh));
        docs.put(a.id(), d);
        return d;
    }

    /**
     * The units' vectors: a text this builder has seen before (a syndicated copy repeats its original's sentences)
     * takes that vector, the rest are embedded in one call. The model gives a text the same vector whatever else is
     * in its batch.
     */
    private float[][] embed(List<Unit> fresh) {
        float[][] v = new float[fresh.size()][];
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < v.length; i++) {
            v[i] = byText.get(fresh.get(i).text());
            if (v[i] == null) {
                missing.add(fresh.get(i).text());
            }
        }
        if (!missing.isEmpty()) {
            List<String> distinct = missing.stream().distinct().toList();
            float[][] embedded = embedder.embed(distinct);
            Map<String, float[]> got = new HashMap<>();
            for (int i = 0; i < distinct.size(); i++) {
                got.put(distinct.get(i), embedded[i]);
            }
            for (int i = 0; i < v.length; i++) {
                if (v[i] == null) {
                    v[i] = got.get(fresh.get(i).text());
                }
            }
        }
        return v;
    }

    /** One brief unit of an article: a sentence (by its index) or a clause of it, holding at least one letter. */
    record UnitSpan(int sentence, Sentence clause) {}

    /**
     * The brief units of an article in text order: its sentences ({@link LayerKey#SENTENCES}; the whole text when it
     * has none), split into clauses ({@link Clauses}). What {@link UnitEmbeddingAnnotator} embeds at ingest.
     */
    static List<UnitSpan> units(Article a) {
        List<UnitSpan> out = new ArrayList<>();
        List<Sentence> sentences = a.layer(LayerKey.SENTENCES);
        if (sentences.isEmpty() && !a.text().isBlank()) {
            sentences = List.of(new Sentence(0, a.text().length()));
        }
        for (int i = 0; i < sentences.size(); i++) {
            for (Sentence c : Clauses.of(a.text(), sentences.get(i))) {
                if (a.textOf(c).chars().anyMatch(Character::isLetter)) {
                    out.add(new UnitSpan(i, c));
                }
            }
        }
        return out;
    }

    /**
     * One thread's scratch space for finding candidates, reused from unit to unit of an article: a unit of a large
     * story touches thousands of indexed units, and arrays of that size made anew for each unit were most of what a
     * long article's update allocated.
     */
    private static final class Search {
        /** Shared-term weight by unit id: zero between units. */
        final double[] overlap;
        /** The units the current unit touched, and their weights. */
        final IntList touched = new IntList();
        double[] weight = new double[64];

        Search(int units) {
            overlap = new double[units];
        }
    }

    /**
     * The indexed units of other articles that share the most distinctive terms with the unit, best first: at most
     * {@value #CANDIDATES}.
     */
    private int[] candidates(Unit u, Search search) {
        int indexed = units.size();
        int maxDf = Math.max(MIN_MAX_DF, Math.min(MAX_DF, indexed / 20));
        double[] overlap = search.overlap;
        IntList touched = search.touched;
        touched.size = 0;
        for (String t : u.features().terms()) {
            List<Integer> posting = postings.get(t);
            if (posting == null || posting.size() > maxDf) {
                continue;
            }
            double idf = Math.log(1 + (double) indexed / posting.size());
            for (int v : posting) {
                if (v != u.id()) {
                    if (overlap[v] == 0) {
                        touched.add(v);
                    }
                    overlap[v] += idf;
                }
            }
        }
        int[] candidates = touched.items;
        int n = touched.size;
        if (search.weight.length < n) {
            search.weight = new double[Math.max(n, 2 * search.weight.length)];
        }
        double[] weight = search.weight;
        for (int i = 0; i < n; i++) {
            weight[i] = overlap[candidates[i]];
            overlap[candidates[i]] = 0;
        }
        Integer[] order = best(candidates, n, weight, Math.min(CANDIDATES, n));
        Arrays.sort(order, (x, y) -> before(x, y, candidates, weight) ? -1 : before(y, x, candidates, weight) ? 1 : 0);
        int[] out = new int[order.length];
        for (int k = 0; k < order.length; k++) {
            out[k] = candidates[order[k]];
        }
        return out;
    }

    /** The claim model's log-odds of the unit with each candidate. */
    private float[] scores(Unit u, int[] candidates) {
        float[] out = new float[candidates.length];
        for (int k = 0; k < candidates.length; k++) {
            Unit v = units.get(candidates[k]);
            out[k] = model.logOdds(u.features(), v.features(), u.vector(), v.vector());
        }
        return out;
    }

    /** Whether candidate {@code x} goes before {@code y}: more shared-term weight, then the lower unit id. */
    private static boolean before(int x, int y, int[] candidates, double[] weight) {
        return weight[x] > weight[y] || weight[x] == weight[y] && candidates[x] < candidates[y];
    }

    /**
     * The {@code m} first of the {@code n} first candidates in that order, unordered: a heap of the best so far, whose
     * root is the last of them. A unit of a large story touches thousands of candidates, and sorting them all was most
     * of scoring it.
     */
    private static Integer[] best(int[] candidates, int n, double[] weight, int m) {
        int[] heap = new int[m];
        int size = 0;
        for (int i = 0; i < n; i++) {
            if (size < m) {
                int at = size++;
                heap[at] = i;
                while (at > 0 && before(heap[(at - 1) / 2], heap[at], candidates, weight)) {
                    int up = (at - 1) / 2;
                    int t = heap[up];
                    heap[up] = heap[at];
                    heap[at] = t;
                    at = up;
                }
            } else if (before(i, heap[0], candidates, weight)) {
                heap[0] = i;
                int at = 0;
                while (true) {
                    int worst = at, l = 2 * at + 1, r = l + 1;
                    if (l < size && before(heap[worst], heap[l], candidates, weight)) {
                        worst = l;
                    }
                    if (r < size && before(heap[worst], heap[r], candidates, weight)) {
                        worst = r;
                    }
                    if (worst == at) {
                        break;
                    }
                    int t = heap[worst];
                    heap[worst] = heap[at];
                    heap[at] = t;
                    at = worst;
                }
            }
        }
        Integer[] out = new Integer[size];
        for (int i = 0; i < size; i++) {
            out[i] = heap[i];
        }
        return out;
    }

    /** A growable list of ints, for the candidates one unit touches: its first {@code size} items. */
    private static final class IntList {
        private int[] items = new int[64];
        private int size;

        void add(int x) {
            if (size == items.length) {
                items = Arrays.copyOf(items, size * 2);
            }
            items[size++] = x;
        }
    }

    /**
     * The claims of the story so far, built article by article in the story's order, kept so that the next build of
     * the same articles plus new ones continues from it. For each new article, its pairs above the threshold with the
     * earlier articles are taken strongest first as a greedy one-to-one matching per pair of articles (a sentence aligns
     * with at most one sentence of each other article, so a strong match cannot swallow a weaker one's only partner),
     * and a match merges two groups only when their average link stays above the threshold. A new sentence left alone
     * then joins the group of its best partner if the average link allows: the second time an article states a claim.
     * A fresh build runs the same steps over every article, so it equals the incremental one.
     */
    private final class Grouping {
        private final List<Doc> docs = new ArrayList<>();
        private final List<Unit> units = new ArrayList<>();
        /**
         * Local index by the builder's unit id (-1: not in this grouping), and the union-find parent by local index:
         * arrays, since every build looks up the group of most units (quotes, timeline, summary).
         */
        private int[] local = new int[0];
        private int[] parent = new int[0];
        private final List<List<Integer>> members = new ArrayList<>();
        /** Per group: other group → {sum of scored pairs, number of scored pairs}. Kept symmetric. */
        private final List<Map<Integer, double[]>> links = new ArrayList<>();
        /** Per unit: article → the unit of that article it is matched with. */
        private final List<Map<String, Integer>> partner = new ArrayList<>();
        /** What the assembly derived from this grouping's claims, articles and timeline at the last build. */
        private final BriefAssembly.Memo memo = new BriefAssembly.Memo();
        /**
         * Each group's units sorted by id, with its root, by the root's local index: valid while the group keeps its
         * size. An array, since every build reads the group of each of a large story's 8k roots.
         */
        private Group[] sorted = new Group[0];

        boolean continues(List<Doc> story) {
            if (story.size() < docs.size()) {
                return false;
            }
            for (int i = 0; i < docs.size(); i++) {
                if (story.get(i) != docs.get(i)) {
                    return false;
                }
            }
            return true;
        }

        void add(Doc d) {
            docs.add(d);
            int first = units.size();
            for (int id : d.units()) {
                int i = units.size();
                units.add(BriefBuilder.this.units.get(id));
                if (id >= local.length) {
                    int was = local.length;
                    local = Arrays.copyOf(local, Math.max(id + 1, 2 * was));
                    Arrays.fill(local, was, local.length, -1);
                }
                local[id] = i;
                if (i >= parent.length) {
                    parent = Arrays.copyOf(parent, Math.max(i + 1, 2 * parent.length));
                }
                parent[i] = i;
                members.add(new ArrayList<>(List.of(i)));
                links.add(new HashMap<>());
                partner.add(new HashMap<>());
            }
            record Edge(int a, int b, double s) {}
            List<Edge> edges = new ArrayList<>();
            for (int i = first; i < units.size(); i++) {
                for (var e : scores.get(units.get(i).id()).entrySet()) {
                    int j = localOf(e.getKey());
                    if (j < 0 || j >= i) {
                        continue;
                    }
                    link(find(i), find(j), e.getValue());
                    if (j < first && model.same(e.getValue())) {
                        edges.add(new Edge(j, i, e.getValue()));
                    }
                }
            }
            edges.sort(Comparator.comparingDouble(Edge::s).reversed().thenComparingInt(Edge::a)
                    .thenComparingInt(Edge::b));
            for (Edge e : edges) {
                String aa = units.get(e.a()).article(), ab = units.get(e.b()).article();
                if (!partner.get(e.a()).containsKey(ab) && !partner.get(e.b()).containsKey(aa)
                        && mergeIfCoherent(e.a(), e.b())) {
                    partner.get(e.a()).put(ab, e.b());
                    partner.get(e.b()).put(aa, e.a());
                }
            }
            for (Edge e : edges) {
                if (members.get(find(e.b())).size() == 1) {
                    mergeIfCoherent(e.a(), e.b());
                }
            }
        }

        private void link(int a, int b, double score) {
            add(links.get(a), b, score, 1);
            add(links.get(b), a, score, 1);
        }

        /**
         * Adds to a group's link with another. Every link map holds arrays of its own (merges copy them), so sums are
         * added in place: a long article makes ~10k links, and a new array for each was much of grouping it.
         */
        private static double[] add(Map<Integer, double[]> links, int other, double sum, double pairs) {
            double[] p = links.get(other);
            if (p == null) {
                p = new double[] {sum, pairs};
                links.put(other, p);
            } else {
                p[0] += sum;
                p[1] += pairs;
            }
            return p;
        }

        /** The local index of a builder unit id, or -1. */
        int localOf(int unit) {
            return unit < local.length ? local[unit] : -1;
        }

        private int find(int i) {
            while (parent[i] != i) {
                parent[i] = parent[parent[i]];
                i = parent[i];
            }
            return i;
        }

        /**
         * Merges the groups of two units when the mean score over every pair across them (a pair never scored counts
         * as {@link #UNSCORED}; pairs within one article count too) stays above the threshold.
         */
        private boolean mergeIfCoherent(int x, int y) {
            int a = find(x), b = find(y);
            if (a == b) {
                return true;
            }
            double[] link = links.get(a).get(b);
            long cross = (long) members.get(a).size() * members.get(b).size();
            if (link == null || !model.same((link[0] + UNSCORED * (cross - link[1])) / cross)) {
                return false;
            }
            int big = members.get(a).size() >= members.get(b).size() ? a : b;
            int sm = big == a ? b : a;
            parent[sm] = big;
            members.get(big).addAll(members.get(sm));
            members.set(sm, null);
            Map<Integer, double[]> bigLinks = links.get(big);
            bigLinks.remove(sm);
            for (var l : links.get(sm).entrySet()) {
                int k = l.getKey();
                if (k == big) {
                    continue;
                }
                double[] merged = add(bigLinks, k, l.getValue()[0], l.getValue()[1]);
                Map<Integer, double[]> theirs = links.get(k);
                theirs.remove(sm);
                theirs.put(big, merged.clone());
            }
            links.set(sm, null);
            return true;
        }

        List<Group> groups() {
            List<Group> out = new ArrayList<>();
            for (int i = 0; i < units.size(); i++) {
                if (parent[i] == i) {
                    if (i >= sorted.length) {
                        sorted = Arrays.copyOf(sorted, Math.max(units.size(), 2 * sorted.length));
                    }
                    Group g = sorted[i];
                    if (g == null || g.units().size() != members.get(i).size()) {
                        g = new Group(i, members.get(i).stream().sorted().map(units::get).toList());
                        sorted[i] = g;
                    }
                    out.add(g);
                }
            }
            return out;
        }
    }


    /** What the assembly reads of the builder: pair scores, the grouping, units by id and by article. */
    interface PairScores {
        /** The scored pairs of a unit (neighbour unit id → log-odds); any other pair counts as {@link #UNSCORED}. */
        Map<Integer, Float> scored(Unit u);

        /** The root of the unit's group, or -1 for a unit outside the story. */
        int groupOf(int unit);

        Unit unit(int unit);

        /** An article's units in text order. */
        List<Unit> unitsOf(String article);

        double UNSCORED = BriefBuilder.UNSCORED;
    }
}
