package dev.parallax.core.story;

import dev.parallax.core.embed.Embedding;
import dev.parallax.core.model.Article;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * Online story clustering in publication order: each article joins the open story that a fitted {@link StoryModel}
 * scores most likely to be its own, or opens a story when no candidate reaches the model's threshold.
 *
 * <p><b>Representation.</b> An article is its headline terms and its body terms (Lucene's {@link EnglishAnalyzer}:
 * stopwords removed, Porter stems), its {@link CapitalisedNames names}, each as a unit vector of sublinear term
 * frequency times a smoothed IDF {@code ln((1 + N) / (1 + df)) + 1} over the documents seen so far (this one
 * included), and its headline+lead {@link Embedding} when the pipeline added one. A story keeps the sum of its
 * articles' vectors, fixed when they were added (terms pruned to the heaviest, see {@link Centroid}), so a cosine with
 * it is a cosine with its centroid.
 *
 * <p><b>Candidates.</b> Only open stories are scored: those sharing one of the article's headline terms or
 * {@value #QUERY_TERMS} heaviest body terms (inverted index; the stories that took a term up most recently first),
 * at most {@value #MAX_CANDIDATES}; plus the {@value #EMBEDDING_NEIGHBOURS} stories whose mean embedding is nearest
 * the article's among the {@value #RECENT_STORIES} most recently updated, which finds paraphrased headlines that share
 * no term. A dated article sees a story only while its time lies within the window around it: no later than its last
 * article plus the window and no earlier than its first minus the window. Stories the clock (the latest date seen)
 * has left behind by more than the window become dormant; the oldest dormant stories beyond {@value #DORMANT_STORIES}
 * are forgotten, so memory stays bounded on long streams.
 *
 * <p><b>Articles without a date</b> have no time: the window and the time gap do not apply to them, and they are
 * compared with every story still remembered, dormant ones included. Guessing a time for them (say, the latest seen)
 * would be wrong exactly where undated items are common: an archive, where the pipeline places them after every
 * dated one, would then find only the last week's stories. They do not move the clock nor a story's time span. An
 * article or story without an embedding gets its headline cosine in place of the embedding cosine. All embeddings must
 * come from one embedder ({@link Embedding#model}): the pipeline re-embeds stored articles of another before restoring
 * them, and an article of another embedder is refused rather than compared.
 *
 * <p><b>Merging.</b> When an article fits its best story and at least one other open story with a probability of at
 * least {@link StoryScorer#merge()}, the stories have converged: all are merged into the oldest, which keeps its id,
 * and the assignment lists the absorbed ids ({@link StoryAssignment#mergedFrom()}) for the store to alias.
 *
 * <p><b>Splitting.</b> A story of full articles joins its members one at a time, each against the story as a whole;
 * once a first article of a similar but different event has joined (an undated one, which no window keeps out), the
 * rest of that event follows it. So while a story has at most {@value #SPLIT_MEMBERS} members, each new member is
 * scored against each earlier one as if that were a one-article story, and the members are cut into two groups: the
 * founding article's and the new member's (each member goes where its mean link is higher, until none moves). When
 * both groups have at least two members and the mean link between them is below {@link StoryScorer#split()} times
 * the mean link within the weaker group, the new member's group splits off as a story of its own, under the id its
 * first article would have opened ({@link StoryAssignment#split()}); the founding article's group keeps the id. A
 * story that took a member whose scorer never splits (headline-only items: their stories can be large and many, and
 * their members are not kept) or that grew past that size is not re-checked again.
 *
 * <p>Story ids are {@code "s-"} plus the first 12 hex digits of the SHA-256 of the founding article's id, so they are
 * stable across runs and machines. Deterministic for a given input order (ties go to the older story); not
 * thread-safe.
 */
public final class OnlineStoryClusterer implements StoryClusterer {
    public static final Duration DEFAULT_WINDOW = Duration.ofDays(7);
    static final int QUERY_TERMS = 20;
    static final int MAX_CANDIDATES = 150;
    static final int EMBEDDING_NEIGHBOURS = 10;
    static final int RECENT_STORIES = 400;
    /** Stories whose mean {@link #prepare} dots with a chunk's articles: the scan's pool plus room for candidates. */
    static final int PREPARED_STORIES = RECENT_STORIES + MAX_CANDIDATES;
    static final int DORMANT_STORIES = 10_000;
    private static final int TITLE_TERMS = 64;
    private static final int BODY_TERMS = 256;
    private static final int NAME_TERMS = 64;
    private static final int NUMBER_TERMS = 64;
    /** Members whose embeddings a story keeps for {@link StoryFeature#EMBEDDING_MAX}: its latest. */
    static final int MEMBER_EMBEDDINGS = 10;
    /** The largest story re-checked for a split: its members' vectors are kept, and links grow with the square. */
    static final int SPLIT_MEMBERS = 32;
    /** The least number of members of either group of a split. */
    private static final int SPLIT_GROUP = 2;
    /**
     * At least any {@link Story#bestMemberCosine}: a cosine, plus room for the float rounding of the scale factor
     * (relative error below 2⁻²²).
     */
    private static final double MAX_COSINE = 1 + 1e-6;
    private static final HexFormat HEX = HexFormat.of();
    private static final int FEATURES = StoryFeature.values().length;

    private final StoryModel model;
    private final Duration window;
    private final Analyzer analyzer = new EnglishAnalyzer();
    private final Vocabulary terms = new Vocabulary();
    private final Vocabulary names = new Vocabulary();
    private final Vocabulary numbers = new Vocabulary();
    private final Map<String, Story> stories = new HashMap<>();
    /** Term id to the stories that hold it, in the order they took it up. */
    private final List<List<Story>> postings = new ArrayList<>();
    /** Open stories, least recently updated first. */
    private final LinkedHashMap<Story, Story> recent = new LinkedHashMap<>(16, 0.75f, true);
    /** Terms posted under stories that were merged away, to clean at the next sweep. */
    private final Set<Integer> retiredPostings = new HashSet<>();
    /** Stories out of the window, oldest first: still candidates for undated articles, up to a bound. */
    private final ArrayDeque<Story> dormant = new ArrayDeque<>();
    private Instant clock;
    /** The embedder of the first embedding seen; every later one must match it. */
    private String embeddingModel;
    private Instant nextSweep;
    private long storiesOpened;
    /** Counts articles added to stories: the order of a story's kept members. */
    private long added;
    /** The articles the last {@link #prepare} announced, to their column in {@link Story#preparedDots}. */
    private final Map<Article, Integer> preparedColumns = new IdentityHashMap<>();
    /** Counts the calls of {@link #prepare}: a story's prepared dots are those of the chunk it names. */
    private long preparedChunk;

    /** The shipped model and the default 7-day window. */
    public OnlineStoryClusterer() {
        this(StoryModel.standard(), DEFAULT_WINDOW);
    }

    public OnlineStoryClusterer(StoryModel model, Duration window) {
        this.model = Objects.requireNonNull(model, "model");
        this.window = Objects.requireNonNull(window, "window");
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("window must be positive, was " + window);
        }
    }

    public StoryModel model() {
        return model;
    }

    @Override
    public StoryAssignment assign(Article article) {
        Features f = features(article);
        StoryScorer scorer = model.scorerFor(article);
        Story best = null;
        double bestScore = -1;
        List<Story> fits = new ArrayList<>();
        Story[] found = candidates(f).toArray(Story[]::new);
        double[] embeddingCosines = embeddingCosines(found, found.length, f);
        // The best-member cosine costs up to MEMBER_EMBEDDINGS dot products per candidate, every other feature a few
        // lookups. So every candidate is first scored with the member cosine that would score it highest, and the
        // exact one is computed best bound first, until no bound left can reach the best score found or the merge
        // level: the skipped candidates could neither win nor merge, so the decision is the one of scoring them all.
        double memberBound = scorer.weights().getOrDefault(StoryFeature.EMBEDDING_MAX, 0.0) > 0 ? MAX_COSINE : 0;
        double[][] xs = new double[found.length][FEATURES];
        double[] bound = new double[found.length];
        boolean[] pending = new boolean[found.length];
        // descending bounds: each rounded up to a float (its bits order like it) above the candidate's index
        long[] byBound = new long[found.length];
        for (int c = 0; c < found.length; c++) {
            pending[c] = measureAllButMembers(f, found[c], embeddingCosines[c], xs[c]);
            if (pending[c]) {
                xs[c][StoryFeature.EMBEDDING_MAX.ordinal()] = memberBound;
            }
            bound[c] = scorer.probability(xs[c]);
            float rounded = (float) bound[c];
            byBound[c] = (long) Float.floatToIntBits(rounded < bound[c] ? Math.nextUp(rounded) : rounded) << 32 | c;
        }
        Arrays.sort(byBound);
        for (int i = byBound.length - 1; i >= 0; i--) {
            int c = (int) byBound[i];
            // no candidate after this one has a bound above this one's rounded-up bound
            float reach = Float.intBitsToFloat((int) (byBound[i] >>> 32));
            if (best != null && reach < bestScore && reach < scorer.merge()) {
                break;
            }
            Story candidate = found[c];
            double p = bound[c];
            if (pending[c]) {
                xs[c][StoryFeature.EMBEDDING_MAX.ordinal()] = candidate.bestMemberCosine(f.quantized(), f.scale());
                p = scorer.probability(xs[c]);
            }
            if (p >= scorer.merge()) {
                fits.add(candidate);
            }
            if (p > bestScore || (p == bestScore && candidate.seq < best.seq)) {
                best = candidate;
                bestScore = p;
            }
        }
        if (best != null && bestScore >= scorer.threshold()) {
            if (bestScore < scorer.merge() || fits.size() < 2) {
                add(best, f);
                return recheck(best, new StoryAssignment(article.id(), best.id, false, bestScore));
            }
            // The article fits several stories beyond doubt: they are one story. The oldest keeps its id.
            fits.sort((a, b) -> Long.compare(a.seq, b.seq));
            Story into = fits.get(0);
            List<String> merged = new ArrayList<>();
            for (Story from : fits.subList(1, fits.size())) {
                absorb(into, from);
                merged.add(from.id);
            }
            add(into, f);
            return recheck(into, new StoryAssignment(article.id(), into.id, false, bestScore, merged));
        }
        String id = storyIdFor(article.id());
        if (stories.containsKey(id)) {
            throw new IllegalArgumentException("article '" + article.id() + "' would open story " + id
                    + ", which exists already: was the article assigned twice?");
        }
        Story opened = open(id);
        add(opened, f);
        return new StoryAssignment(article.id(), opened.id, true, 0);
    }

    /**
     * {@inheritDoc} The article counts into the IDF statistics and the story's vectors exactly as if it had been
     * assigned there, so restoring a stream's decisions in order and then assigning gives what assigning the whole
     * stream would. A story id that is not open (new, or retired by the window) opens a story under that id.
     */
    @Override
    public void restore(Article article, String storyId) {
        observe(article, storyId, false);
    }

    /**
     * Places the article in the given story as {@link #restore} does, and returns the features it would have been
     * scored with against each candidate and against the given story if that is open: what a scorer is fitted on
     * when the given story is the true one.
     */
    public List<Candidate> observe(Article article, String storyId) {
        return observe(article, storyId, true);
    }

    /** An open story and the features measured between it and an article, indexed by {@link StoryFeature#ordinal}. */
    public record Candidate(String storyId, double[] features) {}

    @Override
    public Duration activeWindow() {
        return window;
    }

    /**
     * {@inheritDoc} Computes the dot products of the {@value #PREPARED_STORIES} most recently updated stories' mean
     * embeddings with every announced article's: the nearest-story scan reads up to {@value #RECENT_STORIES} means
     * per article, which costs more in memory traffic than in arithmetic; here each mean is read once per chunk.
     * Every dot product is the float sum of {@link Story#dot}, in its order, so it is the same to the bit; a story
     * whose mean moves afterwards, or that is not among them, is computed when its article comes.
     */
    @Override
    public void prepare(List<Article> next) {
        preparedColumns.clear();
        preparedChunk++;
        List<float[]> vectors = new ArrayList<>();
        for (Article a : next) {
            List<Embedding> e = a.layer(Embedding.LAYER);
            if (!e.isEmpty() && !preparedColumns.containsKey(a)) {
                preparedColumns.put(a, vectors.size());
                vectors.add(e.get(0).values());
            }
        }
        if (vectors.isEmpty()) {
            return;
        }
        int n = vectors.size();
        int dimensions = vectors.get(0).length;
        // one row per dimension, so the inner loop runs over the articles (independent sums the JIT vectorises)
        float[][] byDimension = new float[dimensions][n];
        for (int a = 0; a < n; a++) {
            float[] v = vectors.get(a);
            if (v.length != dimensions) {
                preparedColumns.clear();
                return; // not one embedder's: assign refuses such an article anyway
            }
            for (int k = 0; k < dimensions; k++) {
                byDimension[k][a] = v[k];
            }
        }
        Iterator<Story> it = recent.sequencedKeySet().reversed().iterator();
        for (int done = 0, visited = 0; it.hasNext() && done < PREPARED_STORIES && visited < 4 * RECENT_STORIES;
                visited++) {
            Story s = it.next();
            if (s.embedding == null || s.embedding.length != dimensions || s.dormant) {
                continue;
            }
            float[] dots = new float[n];
            for (int k = 0; k < dimensions; k++) {
                float e = s.embedding[k];
                float[] column = byDimension[k];
                for (int a = 0; a < n; a++) {
                    dots[a] += e * column[a];
                }
            }
            s.preparedDots = dots;
            s.preparedChunk = preparedChunk;
            s.preparedVersion = s.meanVersion;
            done++;
        }
    }

    /** The id of the story that an article opens. */
    public static String storyIdFor(String articleId) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(articleId.getBytes(StandardCharsets.UTF_8));
            return "s-" + HEX.formatHex(hash, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
    }

    private List<Candidate> observe(Article article, String storyId, boolean measure) {
        Objects.requireNonNull(storyId, "storyId");
        Features f = features(article);
        List<Candidate> out = new ArrayList<>();
        Story story = stories.get(storyId);
        if (measure) {
            Set<Story> found = candidates(f);
            if (story != null && inWindow(story, f.time())) {
                found.add(story);
            }
            Story[] scored = found.toArray(Story[]::new);
            double[] embeddingCosines = embeddingCosines(scored, scored.length, f);
            for (int c = 0; c < scored.length; c++) {
                double[] x = new double[FEATURES];
                measure(f, scored[c], embeddingCosines[c], x);
                out.add(new Candidate(scored[c].id, x));
            }
        }
        add(story != null ? story : open(storyId), f);
        return out;
    }

    /** Computes the article's vectors, counting it into the IDF statistics and advancing the clock. */
    private Features features(Article article) {
        Instant time = article.published() != null ? article.published().instant() : null;
        if (time != null && (clock == null || time.isAfter(clock))) {
            clock = time;
        }
        String title = article.title() == null ? "" : article.title().strip();
        String text = article.text().strip();
        Map<String, Integer> titleCounts = analyse(title);
        Map<String, Integer> bodyCounts = text.equals(title) ? titleCounts : analyse(text);
        Set<String> seen = new LinkedHashSet<>(titleCounts.keySet());
        seen.addAll(bodyCounts.keySet());
        terms.count(seen);
        Map<String, Integer> nameCounts = new HashMap<>();
        for (String name : CapitalisedNames.of(title.isEmpty() || text.equals(title) ? text : title + "\n" + text)) {
            nameCounts.merge(name, 1, Integer::sum);
        }
        names.count(nameCounts.keySet());
        Map<String, Integer> numberCounts = new HashMap<>();
        for (Map<String, Integer> counts : bodyCounts == titleCounts ? List.of(titleCounts)
                : List.of(titleCounts, bodyCounts)) {
            counts.forEach((term, n) -> {
                if (hasDigit(term)) {
                    numberCounts.merge(term, n, Integer::sum);
                }
            });
        }
        numbers.count(numberCounts.keySet());
        SparseVector body = terms.vector(bodyCounts);
        SparseVector titleVector = bodyCounts == titleCounts ? body : terms.vector(titleCounts);
        List<Embedding> e = article.layer(Embedding.LAYER);
        if (!e.isEmpty()) {
            checkEmbeddingModel(article.id(), e.get(0).model());
        }
        int[] quantized = e.isEmpty() ? null : Story.widen(e.get(0).quantized());
        // the factor Embedding.values() scales the bytes by
        int squaredNorm = quantized == null ? 0 : Story.dot(quantized, quantized);
        float scale = squaredNorm == 0 ? 0 : (float) (1 / Math.sqrt(squaredNorm));
        return new Features(article.id(), model.scorerFor(article), time, titleVector, body, names.vector(nameCounts),
                numbers.vector(numberCounts), e.isEmpty() ? null : e.get(0).values(), quantized, scale,
                queryTerms(titleVector, body), preparedColumns.getOrDefault(article, -1));
    }

    private void checkEmbeddingModel(String articleId, String model) {
        if (embeddingModel == null) {
            embeddingModel = model;
        } else if (!embeddingModel.equals(model)) {
            throw new IllegalArgumentException("article '" + articleId + "' was embedded by " + model
                    + ", the stories by " + embeddingModel + ": vectors of two embedders are not comparable");
        }
    }

    private static boolean hasDigit(String term) {
        for (int i = 0; i < term.length(); i++) {
            if (Character.isDigit(term.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    private Map<String, Integer> analyse(String text) {
        Map<String, Integer> counts = new HashMap<>();
        if (text.isEmpty()) {
            return counts;
        }
        try (TokenStream ts = analyzer.tokenStream("", text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                if (term.length() > 1) {
                    counts.merge(term.toString(), 1, Integer::sum);
                }
            }
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException("analysing an in-memory string failed", e);
        }
        return counts;
    }

    /** The headline's terms, then the body's heaviest (ties: lower id), without repeats. */
    private static int[] queryTerms(SparseVector title, SparseVector body) {
        int n = body.ids().length;
        long[] packed = new long[n];
        for (int i = 0; i < n; i++) {
            packed[i] = ((long) Float.floatToIntBits(body.weights()[i]) << 32) | (0xffffffffL & ~body.ids()[i]);
        }
        Arrays.sort(packed);
        int[] out = Arrays.copyOf(title.ids(), title.ids().length + Math.min(QUERY_TERMS, n));
        int k = title.ids().length;
        for (int i = n - 1; i >= 0 && i >= n - QUERY_TERMS; i--) {
            int id = ~(int) packed[i];
            if (Arrays.binarySearch(title.ids(), id) < 0) {
                out[k++] = id;
            }
        }
        return Arrays.copyOf(out, k);
    }

    private Set<Story> candidates(Features f) {
        Set<Story> found = new LinkedHashSet<>();
        terms:
        for (int term : f.queryTerms()) {
            List<Story> list = term < postings.size() ? postings.get(term) : null;
            if (list == null) {
                continue;
            }
            for (int i = list.size() - 1; i >= 0; i--) {
                Story s = list.get(i);
                if (!s.retired && inWindow(s, f.time()) && found.add(s) && found.size() == MAX_CANDIDATES) {
                    break terms;
                }
            }
        }
        if (f.embedding() != null) {
            found.addAll(nearestByEmbedding(f, found));
        }
        return found;
    }

    /** The open stories nearest the article's embedding among the most recently updated, not already found. */
    private List<Story> nearestByEmbedding(Features f, Set<Story> found) {
        Story[] best = new Story[EMBEDDING_NEIGHBOURS];
        double[] bestCos = new double[EMBEDDING_NEIGHBOURS];
        Arrays.fill(bestCos, Double.NEGATIVE_INFINITY);
        Story[] pool = new Story[RECENT_STORIES];
        int seen = 0;
        Iterator<Story> it = recent.sequencedKeySet().reversed().iterator();
        // dormant stories sit at the old end: a dated article skips them, bounded by the second count
        for (int visited = 0; it.hasNext() && seen < RECENT_STORIES && visited < 4 * RECENT_STORIES; visited++) {
            Story s = it.next();
            if (s.embedding != null && !found.contains(s) && inWindow(s, f.time())) {
                pool[seen++] = s;
            }
        }
        double[] cosines = embeddingCosines(pool, seen, f);
        for (int p = 0; p < seen; p++) {
            Story s = pool[p];
            double c = cosines[p];
            int k = EMBEDDING_NEIGHBOURS - 1;
            if (c <= bestCos[k]) {
                continue;
            }
            while (k > 0 && c > bestCos[k - 1]) {
                best[k] = best[k - 1];
                bestCos[k] = bestCos[k - 1];
                k--;
            }
            best[k] = s;
            bestCos[k] = c;
        }
        List<Story> out = new ArrayList<>();
        for (Story s : best) {
            if (s != null) {
                out.add(s);
            }
        }
        return out;
    }

    private boolean inWindow(Story s, Instant time) {
        if (time == null) {
            return true;
        }
        return (s.last == null || !time.isAfter(s.last.plus(window)))
                && (s.first == null || !time.isBefore(s.first.minus(window)));
    }

    /**
     * Each story's {@link Story#embeddingCosine} with the article's vector (0 without one), four stories at a time:
     * a float sum must keep its order, so one story's sum is a chain of dependent additions that leaves the CPU
     * waiting; four independent chains, each in the order of {@link Story#dot}, fill that wait with the same
     * results to the bit (the nearest-story scan computes up to {@value #RECENT_STORIES} of them per article).
     */
    private double[] embeddingCosines(Story[] stories, int n, Features f) {
        double[] out = new double[n];
        if (f.embedding() == null) {
            return out;
        }
        Story[] computed = new Story[n];
        int[] at = new int[n];
        int m = 0;
        for (int i = 0; i < n; i++) {
            Story s = stories[i];
            if (f.preparedColumn() >= 0 && s.preparedChunk == preparedChunk && s.preparedVersion == s.meanVersion
                    && s.preparedDots != null) {
                out[i] = s.cosine(s.preparedDots[f.preparedColumn()]);
            } else {
                computed[m] = s;
                at[m++] = i;
            }
        }
        double[] cosines = embeddingCosines(computed, m, f.embedding());
        for (int j = 0; j < m; j++) {
            out[at[j]] = cosines[j];
        }
        return out;
    }

    private static double[] embeddingCosines(Story[] stories, int n, float[] unit) {
        double[] out = new double[n];
        if (unit == null) {
            return out;
        }
        int i = 0;
        for (; i + 3 < n; i += 4) {
            float[] a = stories[i].embedding;
            float[] b = stories[i + 1].embedding;
            float[] c = stories[i + 2].embedding;
            float[] d = stories[i + 3].embedding;
            if (a == null || b == null || c == null || d == null) {
                for (int k = i; k < i + 4; k++) {
                    out[k] = stories[k].embeddingCosine(unit);
                }
                continue;
            }
            float da = 0;
            float db = 0;
            float dc = 0;
            float dd = 0;
            for (int k = 0; k < unit.length; k++) {
                float u = unit[k];
                da += a[k] * u;
                db += b[k] * u;
                dc += c[k] * u;
                dd += d[k] * u;
            }
            out[i] = stories[i].cosine(da);
            out[i + 1] = stories[i + 1].cosine(db);
            out[i + 2] = stories[i + 2].cosine(dc);
            out[i + 3] = stories[i + 3].cosine(dd);
        }
        for (; i < n; i++) {
            out[i] = stories[i].embeddingCosine(unit);
        }
        return out;
    }

    /** @param embeddingCosine the story's {@link Story#embeddingCosine} with the article's vector, if both have one */
    private void measure(Features f, Story s, double embeddingCosine, double[] x) {
        if (measureAllButMembers(f, s, embeddingCosine, x)) {
            x[StoryFeature.EMBEDDING_MAX.ordinal()] = s.bestMemberCosine(f.quantized(), f.scale());
        }
    }

    /**
     * Measures every feature but {@link StoryFeature#EMBEDDING_MAX} when both have an embedding (and returns true: it
     * is left to {@link Story#bestMemberCosine}), all of them when not.
     */
    private boolean measureAllButMembers(Features f, Story s, double embeddingCosine, double[] x) {
        double title = s.title.cosine(f.title());
        x[StoryFeature.TITLE.ordinal()] = title;
        x[StoryFeature.BODY.ordinal()] = s.bodyIsTitle && f.body() == f.title() ? title : s.body.cosine(f.body());
        x[StoryFeature.NAMES.ordinal()] = s.names.cosine(f.names());
        boolean embedded = f.embedding() != null && s.embedding != null;
        x[StoryFeature.EMBEDDING.ordinal()] = embedded ? embeddingCosine : title;
        if (!embedded) {
            x[StoryFeature.EMBEDDING_MAX.ordinal()] = title;
        }
        x[StoryFeature.NUMBERS.ordinal()] = s.numbers.cosine(f.numbers());
        x[StoryFeature.SIZE.ordinal()] = s.logSize;
        double gapDays = 0;
        if (f.time() != null && s.first != null) {
            long seconds = Math.max(0, Math.max(Duration.between(f.time(), s.first).getSeconds(),
                    Duration.between(s.last, f.time()).getSeconds()));
            gapDays = seconds / 86400.0;
        }
        x[StoryFeature.TIME_GAP.ordinal()] = Math.log1p(gapDays);
        return embedded;
    }

    private Story open(String id) {
        Story s = new Story(id, storiesOpened++);
        stories.put(id, s);
        return s;
    }

    private void add(Story s, Features f) {
        post(s, f.title());
        post(s, f.body());
        boolean pruned = s.title.add(f.title());
        pruned |= s.body.add(f.body());
        s.bodyIsTitle &= f.body() == f.title() && !pruned;
        s.names.add(f.names());
        s.numbers.add(f.numbers());
        s.size++;
        s.logSize = Math.log1p(s.size);
        if (f.embedding() != null) {
            s.addEmbedding(f.embedding());
        }
        if (f.time() != null) {
            s.first = s.first == null || f.time().isBefore(s.first) ? f.time() : s.first;
            s.last = s.last == null || f.time().isAfter(s.last) ? f.time() : s.last;
            if (s.dormant && !s.last.isBefore(clock.minus(window))) {
                s.dormant = false;
                dormant.remove(s);
            }
        }
        keep(s, new Member(f, added++, null));
        recent.put(s, s);
        sweep();
    }

    /** Adds a member to the story's kept ones with its links to them, or stops keeping them (see the class notes). */
    private static void keep(Story s, Member m) {
        if (s.kept == null) {
            return;
        }
        if (m.f().scorer().split() <= 0 || s.kept.size() == SPLIT_MEMBERS) {
            s.kept = null;
            return;
        }
        float[] links = new float[s.kept.size()];
        for (int i = 0; i < links.length; i++) {
            links[i] = (float) link(s.kept.get(i).f(), m.f());
        }
        if (storyIdFor(m.f().articleId()).equals(s.id)) {
            s.founder = links.length;
        }
        s.kept.add(new Member(m.f(), m.order(), links));
    }

    /**
     * The probability that a later member belongs with an earlier one by the later one's scorer: the features it
     * would be scored with against a story of the earlier one alone.
     */
    private static double link(Features earlier, Features later) {
        double[] x = new double[FEATURES];
        double title = dot(earlier.title(), later.title());
        x[StoryFeature.TITLE.ordinal()] = title;
        x[StoryFeature.BODY.ordinal()] = dot(earlier.body(), later.body());
        x[StoryFeature.NAMES.ordinal()] = dot(earlier.names(), later.names());
        x[StoryFeature.NUMBERS.ordinal()] = dot(earlier.numbers(), later.numbers());
        boolean embedded = earlier.embedding() != null && later.embedding() != null;
        double cosine = 0;
        if (embedded) {
            for (int k = 0; k < later.embedding().length; k++) {
                cosine += earlier.embedding()[k] * later.embedding()[k];
            }
        }
        x[StoryFeature.EMBEDDING.ordinal()] = embedded ? cosine : title;
        x[StoryFeature.EMBEDDING_MAX.ordinal()] = embedded
                ? Story.dot(earlier.quantized(), later.quantized()) * (double) earlier.scale() * later.scale() : title;
        if (earlier.time() != null && later.time() != null) {
            x[StoryFeature.TIME_GAP.ordinal()] = Math.log1p(
                    Math.abs(Duration.between(earlier.time(), later.time()).getSeconds()) / 86400.0);
        }
        x[StoryFeature.SIZE.ordinal()] = Math.log1p(1);
        return later.scorer().probability(x);
    }

    /** The dot product of two sparse vectors (ids ascending). */
    private static double dot(SparseVector a, SparseVector b) {
        double d = 0;
        int[] ai = a.ids();
        int[] bi = b.ids();
        for (int i = 0, j = 0; i < ai.length && j < bi.length; ) {
            if (ai[i] < bi[j]) {
                i++;
            } else if (ai[i] > bi[j]) {
                j++;
            } else {
                d += (double) a.weights()[i++] * b.weights()[j++];
            }
        }
        return d;
    }

    /**
     * Splits the story the article just joined when its kept members fall into two groups, the founding article's and
     * this one's, whose link is weak against the links within them (see the class notes); returns the assignment,
     * moved to the new story if it split.
     */
    private StoryAssignment recheck(Story s, StoryAssignment joined) {
        List<Member> kept = s.kept;
        if (kept == null || kept.size() < 2 * SPLIT_GROUP) {
            return joined;
        }
        int n = kept.size();
        double[][] p = new double[n][n];
        for (int j = 0; j < n; j++) {
            float[] links = kept.get(j).links();
            for (int i = 0; i < j; i++) {
                p[i][j] = links[i];
                p[j][i] = links[i];
            }
        }
        boolean[] later = new boolean[n];
        later[n - 1] = true;
        int founder = s.founder;
        // members move one at a time, so the groups can cycle: n rounds bound it, deterministically
        boolean moved = true;
        for (int round = 0; moved && round < n; round++) {
            moved = false;
            for (int m = 0; m < n - 1; m++) {
                if (m == founder) {
                    continue;
                }
                double inFounders = 0;
                double inNew = 0;
                int founders = 0;
                for (int k = 0; k < n; k++) {
                    if (k != m && later[k]) {
                        inNew += p[m][k];
                    } else if (k != m) {
                        inFounders += p[m][k];
                        founders++;
                    }
                }
                // mean link to the new member's group above the mean link to the founder's (never empty)
                boolean toNew = inNew * founders > inFounders * (n - 1 - founders);
                if (toNew != later[m]) {
                    later[m] = toNew;
                    moved = true;
                }
            }
        }
        int newGroup = 0;
        for (boolean l : later) {
            newGroup += l ? 1 : 0;
        }
        if (newGroup < SPLIT_GROUP || n - newGroup < SPLIT_GROUP) {
            return joined;
        }
        double between = 0;
        double withinFounders = 0;
        double withinNew = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                if (later[i] != later[j]) {
                    between += p[i][j];
                } else if (later[i]) {
                    withinNew += p[i][j];
                } else {
                    withinFounders += p[i][j];
                }
            }
        }
        int founders = n - newGroup;
        between /= (double) founders * newGroup;
        withinFounders /= founders * (founders - 1) / 2.0;
        withinNew /= newGroup * (newGroup - 1) / 2.0;
        if (!(between < kept.get(n - 1).f().scorer().split() * Math.min(withinFounders, withinNew))) {
            return joined;
        }
        List<Member> stay = new ArrayList<>();
        List<Member> go = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            (later[i] ? go : stay).add(kept.get(i));
        }
        String id = storyIdFor(go.get(0).f().articleId());
        if (stories.containsKey(id)) {
            return joined; // the group holds the article a story's id derives from: not a new story
        }
        retire(s);
        Story founding = new Story(s.id, s.seq);
        stories.put(founding.id, founding);
        rebuild(founding, stay);
        Story split = open(id);
        rebuild(split, go);
        List<String> movedIds = go.stream().map(m -> m.f().articleId()).filter(a -> !a.equals(joined.articleId()))
                .toList();
        return new StoryAssignment(joined.articleId(), split.id, false, joined.score(), joined.mergedFrom(),
                new StoryAssignment.Split(s.id, movedIds));
    }

    /** Adds the members to a fresh story in their order, as if they had been its only ones. */
    private void rebuild(Story s, List<Member> members) {
        for (Member m : members) {
            add(s, m.f());
        }
    }

    private void post(Story s, SparseVector v) {
        for (int id : v.ids()) {
            post(s, id);
        }
    }

    private void post(Story s, int id) {
        if (s.posted.add(id)) {
            while (postings.size() <= id) {
                postings.add(null);
            }
            if (postings.get(id) == null) {
                postings.set(id, new ArrayList<>(2));
            }
            postings.get(id).add(s);
        }
    }

    /** Folds {@code from} into {@code into} and forgets it; its postings are cleaned by the next sweep. */
    private void absorb(Story into, Story from) {
        into.title.addAll(from.title);
        into.body.addAll(from.body);
        into.bodyIsTitle = false;
        into.names.addAll(from.names);
        into.numbers.addAll(from.numbers);
        into.size += from.size;
        into.logSize = Math.log1p(into.size);
        if (from.embedding != null) {
            into.addEmbeddingSum(from.embedding);
            for (int i = 0; i < from.members; i++) {
                into.addMember(from.member[(from.nextMember - from.members + i + MEMBER_EMBEDDINGS)
                        % MEMBER_EMBEDDINGS]);
            }
        }
        from.posted.stream().sorted().forEach(id -> post(into, id));
        if (from.first != null) {
            into.first = into.first == null || from.first.isBefore(into.first) ? from.first : into.first;
            into.last = into.last == null || from.last.isAfter(into.last) ? from.last : into.last;
        }
        if (into.kept != null && from.kept != null && into.kept.size() + from.kept.size() <= SPLIT_MEMBERS) {
            List<Member> all = new ArrayList<>(into.kept);
            all.addAll(from.kept);
            all.sort((a, b) -> Long.compare(a.order(), b.order()));
            into.kept = new ArrayList<>();
            into.founder = 0;
            all.forEach(m -> keep(into, m));
        } else {
            into.kept = null;
        }
        retire(from);
    }

    /**
     * Forgets a story that was merged away or split; its postings are cleaned by the next sweep, and it leaves the
     * dormant list when it comes up there.
     */
    private void retire(Story s) {
        s.retired = true;
        stories.remove(s.id);
        recent.remove(s);
        retiredPostings.addAll(s.posted);
    }

    /**
     * Moves the stories that the clock has left behind by more than the window to the dormant list, where only undated
     * articles can still reach them, and forgets the oldest dormant stories beyond {@value #DORMANT_STORIES}. Runs at
     * most once per quarter window of clock time, so its cost is spread thin.
     */
    private void sweep() {
        if (clock == null || (nextSweep != null && clock.isBefore(nextSweep))) {
            return;
        }
        nextSweep = clock.plus(window.dividedBy(4));
        Instant cutoff = clock.minus(window);
        List<Story> fallen = new ArrayList<>();
        for (Story s : stories.values()) {
            if (!s.dormant && s.last != null && s.last.isBefore(cutoff)) {
                fallen.add(s);
            }
        }
        fallen.sort((x, y) -> x.last.equals(y.last) ? Long.compare(x.seq, y.seq) : x.last.compareTo(y.last));
        for (Story s : fallen) {
            s.dormant = true;
            dormant.add(s);
        }
        Set<Integer> touched = new TreeSet<>(retiredPostings);
        retiredPostings.clear();
        while (dormant.size() > DORMANT_STORIES) {
            Story s = dormant.poll();
            s.retired = true;
            stories.remove(s.id, s); // a split may have reopened a retired story's id
            recent.remove(s);
            touched.addAll(s.posted);
        }
        for (int term : touched) {
            List<Story> list = postings.get(term);
            if (list != null) {
                list.removeIf(st -> st.retired);
                if (list.isEmpty()) {
                    postings.set(term, null);
                }
            }
        }
    }

    /**
     * @param embedding the unit headline+lead vector, or null
     * @param quantized the same vector's int8 components as stored, widened to ints (see {@link Story#member}), or
     *     null
     * @param scale what {@code quantized} is multiplied by to give {@code embedding}
     * @param preparedColumn the article's index in the chunk {@link #prepare} announced last, or -1
     * @param scorer the scorer that judges the article: the one its links to a story's other members are scored by
     */
    private record Features(String articleId, StoryScorer scorer, Instant time, SparseVector title, SparseVector body,
            SparseVector names, SparseVector numbers, float[] embedding, int[] quantized, float scale, int[] queryTerms,
            int preparedColumn) {}

    /**
     * A story's member as kept for its re-check.
     *
     * @param order when it joined a story, among all articles
     * @param links the probability it belongs with each earlier kept member, by its scorer ({@link #link})
     */
    private record Member(Features f, long order, float[] links) {}

    /** Term ids and document frequencies of one feature kind, counted online. */
    private static final class Vocabulary {
        private final Map<String, Integer> ids = new HashMap<>();
        private int[] df = new int[1024];
        private int documents;

        void count(Set<String> present) {
            documents++;
            for (String t : present) {
                int id = ids.computeIfAbsent(t, k -> ids.size());
                if (id >= df.length) {
                    df = Arrays.copyOf(df, df.length * 2);
                }
                df[id]++;
            }
        }

        /** The unit TF-IDF vector of counted terms (empty when there are none). */
        SparseVector vector(Map<String, Integer> counts) {
            if (counts.isEmpty()) {
                return SparseVector.EMPTY;
            }
            // (id, count) packed so one primitive sort orders them by id
            long[] packed = new long[counts.size()];
            int n = 0;
            for (Map.Entry<String, Integer> e : counts.entrySet()) {
                packed[n++] = ((long) ids.get(e.getKey()) << 32) | e.getValue();
            }
            Arrays.sort(packed);
            int[] idArray = new int[n];
            float[] w = new float[n];
            double norm = 0;
            for (int i = 0; i < n; i++) {
                idArray[i] = (int) (packed[i] >>> 32);
                double idf = Math.log((1.0 + documents) / (1.0 + df[idArray[i]])) + 1;
                w[i] = (float) ((1 + Math.log((int) packed[i])) * idf);
                norm += (double) w[i] * w[i];
            }
            float inv = (float) (1 / Math.sqrt(norm));
            for (int i = 0; i < n; i++) {
                w[i] *= inv;
            }
            return new SparseVector(idArray, w);
        }
    }

    private static final class Story {
        final String id;
        final long seq;
        final Centroid title = new Centroid(TITLE_TERMS);
        final Centroid body = new Centroid(BODY_TERMS);
        final Centroid names = new Centroid(NAME_TERMS);
        final Centroid numbers = new Centroid(NUMBER_TERMS);
        /**
         * The latest members' unit embeddings, a ring; {@code members} of them filled. Int8 values held in ints: C2
         * compiles an int·int dot product to SIMD instructions but a byte·byte one to a scalar loop, ~7× slower
         * (JDK 25), and up to {@value #MAX_CANDIDATES} stories' members are compared with every article.
         */
        final int[][] member = new int[MEMBER_EMBEDDINGS][];
        /** Each member's squared norm, summed once when it is added. */
        final int[] memberSquaredNorm = new int[MEMBER_EMBEDDINGS];
        int nextMember;
        int members;
        int size;
        /**
         * Whether {@link #body} is {@link #title} to the bit: every article added had one vector for both (a
         * headline-only item) and neither centroid has pruned or merged. The body cosine of such an article is then
         * the headline cosine, and is not computed again.
         */
        boolean bodyIsTitle = true;
        /** {@code ln(1 + size)}, the {@link StoryFeature#SIZE} feature. */
        double logSize;
        /**
         * The members in the order they joined, with their links to the earlier ones, while the story may split; null
         * once it cannot (see the class notes).
         */
        List<Member> kept = new ArrayList<>();
        /**
         * The kept member whose article the story's id derives from (it stays when the story splits): the first,
         * unless a merge put the members of a story founded earlier in front.
         */
        int founder;
        /** Term ids this story is posted under, so retiring it can clean the index. */
        final Set<Integer> posted = new HashSet<>();
        float[] embedding;
        double embeddingSquaredNorm;
        /** Counts the changes of {@link #embedding}, so that dot products taken with it earlier are known stale. */
        int meanVersion;
        /** {@link #embedding}'s dot products with the articles of chunk {@code preparedChunk} ({@link #prepare}). */
        float[] preparedDots;
        long preparedChunk;
        int preparedVersion;
        Instant first;
        Instant last;
        boolean dormant;
        boolean retired;

        Story(String id, long seq) {
            this.id = id;
            this.seq = seq;
        }

        void addMember(float[] unit) {
            // int8 like the stored Embedding layer, cosines within 0.005
            int[] q = new int[unit.length];
            for (int i = 0; i < unit.length; i++) {
                q[i] = Math.max(-127, Math.min(127, Math.round(unit[i] * 127f)));
            }
            addMember(q);
        }

        void addMember(int[] q) {
            member[nextMember] = q;
            memberSquaredNorm[nextMember] = dot(q, q);
            nextMember = (nextMember + 1) % MEMBER_EMBEDDINGS;
            members = Math.min(MEMBER_EMBEDDINGS, members + 1);
        }

        /**
         * The best cosine of the article's vector with a member's. Both are int8, so the dot product is summed in
         * integers (exact, and several times faster than a float sum, whose order the JIT must keep) and scaled by
         * the factor that made the article's bytes a unit vector.
         *
         * @param quantized the article's int8 components
         * @param scale the factor that makes them a unit vector
         */
        double bestMemberCosine(int[] quantized, float scale) {
            double best = 0;
            for (int m = 0; m < members; m++) {
                if (memberSquaredNorm[m] > 0) {
                    best = Math.max(best, dot(member[m], quantized) * scale / Math.sqrt(memberSquaredNorm[m]));
                }
            }
            return best;
        }

        static int dot(int[] a, int[] b) {
            int d = 0;
            for (int i = 0; i < a.length; i++) {
                d += a[i] * b[i];
            }
            return d;
        }

        static int[] widen(byte[] quantized) {
            int[] out = new int[quantized.length];
            for (int i = 0; i < quantized.length; i++) {
                out[i] = quantized[i];
            }
            return out;
        }

        void addEmbedding(float[] unit) {
            meanVersion++;
            addMember(unit);
            if (embedding == null) {
                embedding = new float[unit.length];
            }
            double dot = dot(unit);
            embeddingSquaredNorm += 2 * dot + 1;
            for (int i = 0; i < unit.length; i++) {
                embedding[i] += unit[i];
            }
        }

        void addEmbeddingSum(float[] sum) {
            meanVersion++;
            if (embedding == null) {
                embedding = new float[sum.length];
            }
            double norm = 0;
            for (int i = 0; i < sum.length; i++) {
                embedding[i] += sum[i];
                norm += (double) embedding[i] * embedding[i];
            }
            embeddingSquaredNorm = norm;
        }

        double embeddingCosine(float[] unit) {
            return embedding == null ? 0 : cosine(dot(unit));
        }

        /** The cosine of the mean embedding with a unit vector whose dot product with {@link #embedding} is given. */
        double cosine(float dot) {
            return embeddingSquaredNorm <= 0 ? 0 : dot / Math.sqrt(embeddingSquaredNorm);
        }

        private float dot(float[] unit) {
            float d = 0;
            for (int i = 0; i < unit.length; i++) {
                d += embedding[i] * unit[i];
            }
            return d;
        }
    }
}
