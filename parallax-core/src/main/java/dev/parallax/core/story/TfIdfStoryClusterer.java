package dev.parallax.core.story;

import dev.parallax.core.model.Article;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * Online story clustering by TF-IDF cosine plus overlap of capitalised names, within a time window.
 *
 * <p>Each article becomes two unit vectors: its terms (Lucene's {@link EnglishAnalyzer}: stopwords removed, Porter
 * stems; title terms count {@link ClusteringParameters#titleBoost()} times) and its {@link CapitalisedNames names},
 * each weighted by sublinear term frequency times a smoothed IDF, {@code ln((1 + N) / (1 + df)) + 1}, over the
 * documents seen so far (this one included). A story is the sum of its articles' vectors, fixed when they were added,
 * so its cosine with an article is its centroid's. The score is {@code (1 - nameWeight) * termCosine + nameWeight *
 * nameCosine}, or the term cosine alone when the article has no names. The article joins the best-scoring story when
 * that score reaches the threshold, else it opens a story; ties go to the older story.
 *
 * <p>Candidates come from an inverted index: only stories that share one of the article's
 * {@link ClusteringParameters#queryTerms()} heaviest terms are scored, at most
 * {@link ClusteringParameters#maxCandidates()} of them. A story is a candidate only while the article's
 * time lies within the window around it: no later than its last article plus the window, and no earlier than its first
 * minus the window. Once the latest time seen has passed a story's last article by more than the window, the story is
 * retired and forgotten, which keeps memory and the index bounded on long streams.
 *
 * <p><b>Articles without a date</b> are taken as published at the latest time seen so far: that is the best guess
 * for an item arriving in a publication-ordered stream. Before any dated article has been seen they have no time, and
 * the window does not apply to them.
 *
 * <p>Story ids are {@code "s-"} plus the first 12 hex digits of the SHA-256 of the founding article's id, so they are
 * stable across runs and machines. Deterministic for a given input order; not thread-safe.
 */
public final class TfIdfStoryClusterer implements StoryClusterer {
    private static final HexFormat HEX = HexFormat.of();

    private final ClusteringParameters parameters;
    private final Analyzer analyzer = new EnglishAnalyzer();
    private final Space terms = new Space();
    private final Space names = new Space();
    private final Map<String, Story> stories = new HashMap<>();
    private final Map<String, List<Story>> postings = new HashMap<>();
    private Instant clock;
    private Instant nextSweep;
    private long storiesOpened;

    public TfIdfStoryClusterer() {
        this(ClusteringParameters.DEFAULTS);
    }

    public TfIdfStoryClusterer(ClusteringParameters parameters) {
        this.parameters = Objects.requireNonNull(parameters, "parameters");
    }

    public ClusteringParameters parameters() {
        return parameters;
    }

    @Override
    public StoryAssignment assign(Article article) {
        Features f = features(article);
        Story best = null;
        double bestScore = -1;
        for (Story candidate : candidates(f)) {
            double score = score(f, candidate);
            if (score > bestScore || (score == bestScore && candidate.seq < best.seq)) {
                best = candidate;
                bestScore = score;
            }
        }
        if (best != null && bestScore >= parameters.threshold()) {
            add(best, f);
            return new StoryAssignment(article.id(), best.id, false, bestScore);
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
        Objects.requireNonNull(storyId, "storyId");
        Features f = features(article);
        Story story = stories.get(storyId);
        add(story != null ? story : open(storyId), f);
    }

    @Override
    public Duration activeWindow() {
        return parameters.window();
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

    /** Computes the article's vectors, counting it into the IDF statistics and advancing the clock. */
    private Features features(Article article) {
        Instant time = article.published() != null ? article.published().instant() : clock;
        if (time != null && (clock == null || time.isAfter(clock))) {
            clock = time;
        }
        Map<String, Double> termCounts = new HashMap<>();
        String title = article.title() == null ? "" : article.title().strip();
        String text = article.text().strip();
        analyse(title, parameters.titleBoost(), termCounts);
        if (!text.equals(title)) {
            analyse(text, 1, termCounts);
        }
        Map<String, Double> nameCounts = new HashMap<>();
        for (String name : CapitalisedNames.of(title.isEmpty() || text.equals(title) ? text : title + "\n" + text)) {
            nameCounts.merge(name, 1.0, Double::sum);
        }
        Map<String, Double> termVector = terms.vector(termCounts);
        Map<String, Double> nameVector = names.vector(nameCounts);
        List<String> heaviest = termVector.entrySet().stream()
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(parameters.queryTerms()).map(Map.Entry::getKey).toList();
        return new Features(time, termVector, nameVector, heaviest);
    }

    private void analyse(String text, double weight, Map<String, Double> counts) {
        if (text.isEmpty()) {
            return;
        }
        try (TokenStream ts = analyzer.tokenStream("", text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                if (term.length() > 1) {
                    counts.merge(term.toString(), weight, Double::sum);
                }
            }
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException("analysing an in-memory string failed", e);
        }
    }

    /**
     * The open stories sharing one of the article's heaviest terms, rarest-weighted terms first and, within a term,
     * the stories that took it up most recently first, up to {@link ClusteringParameters#maxCandidates()}.
     */
    private Set<Story> candidates(Features f) {
        Set<Story> found = new LinkedHashSet<>();
        for (String term : f.heaviest()) {
            List<Story> list = postings.getOrDefault(term, List.of());
            for (int i = list.size() - 1; i >= 0; i--) {
                Story s = list.get(i);
                if (inWindow(s, f.time()) && found.add(s) && found.size() == parameters.maxCandidates()) {
                    return found;
                }
            }
        }
        return found;
    }

    private boolean inWindow(Story s, Instant time) {
        if (time == null) {
            return true;
        }
        return (s.last == null || !time.isAfter(s.last.plus(parameters.window())))
                && (s.first == null || !time.isBefore(s.first.minus(parameters.window())));
    }

    private double score(Features f, Story s) {
        double termCosine = s.terms.cosine(f.terms());
        if (f.names().isEmpty()) {
            return termCosine;
        }
        return (1 - parameters.nameWeight()) * termCosine + parameters.nameWeight() * s.names.cosine(f.names());
    }

    private Story open(String id) {
        Story s = new Story(id, storiesOpened++);
        stories.put(id, s);
        return s;
    }

    private void add(Story s, Features f) {
        for (String term : f.terms().keySet()) {
            if (!s.terms.contains(term)) {
                postings.computeIfAbsent(term, k -> new ArrayList<>()).add(s);
            }
        }
        s.terms.add(f.terms());
        s.names.add(f.names());
        if (f.time() != null) {
            s.first = s.first == null || f.time().isBefore(s.first) ? f.time() : s.first;
            s.last = s.last == null || f.time().isAfter(s.last) ? f.time() : s.last;
        }
        sweep();
    }

    /**
     * Retires the stories that the clock has left behind by more than the window. Runs at most once per quarter
     * window of clock time, so its cost is spread thin.
     */
    private void sweep() {
        if (clock == null || (nextSweep != null && clock.isBefore(nextSweep))) {
            return;
        }
        nextSweep = clock.plus(parameters.window().dividedBy(4));
        Instant cutoff = clock.minus(parameters.window());
        Set<String> touched = new HashSet<>();
        stories.values().removeIf(s -> {
            if (s.last == null || !s.last.isBefore(cutoff)) {
                return false;
            }
            s.retired = true;
            touched.addAll(s.terms.keys());
            return true;
        });
        for (String term : touched) {
            List<Story> list = postings.get(term);
            list.removeIf(s -> s.retired);
            if (list.isEmpty()) {
                postings.remove(term);
            }
        }
    }

    private record Features(Instant time, Map<String, Double> terms, Map<String, Double> names,
            List<String> heaviest) {}

    /** Document frequencies of one feature kind, counted online. */
    private static final class Space {
        private final Map<String, Integer> df = new HashMap<>();
        private int documents;

        /** Counts the document in and returns its unit TF-IDF vector (empty when it has no features). */
        Map<String, Double> vector(Map<String, Double> counts) {
            documents++;
            counts.keySet().forEach(k -> df.merge(k, 1, Integer::sum));
            Map<String, Double> v = new HashMap<>();
            double norm = 0;
            for (Map.Entry<String, Double> e : counts.entrySet()) {
                double idf = Math.log((1.0 + documents) / (1.0 + df.get(e.getKey()))) + 1;
                double w = (1 + Math.log(e.getValue())) * idf;
                v.put(e.getKey(), w);
                norm += w * w;
            }
            double n = Math.sqrt(norm);
            v.replaceAll((k, w) -> w / n);
            return v;
        }
    }

    /** A running sum of unit vectors with its squared norm kept up to date. */
    private static final class SumVector {
        private final Map<String, Double> sum = new HashMap<>();
        private double squaredNorm;

        boolean contains(String key) {
            return sum.containsKey(key);
        }

        Set<String> keys() {
            return sum.keySet();
        }

        void add(Map<String, Double> v) {
            // |s + v|² = |s|² + 2 s·v + |v|², computed before s changes
            squaredNorm += 2 * dot(v);
            for (Map.Entry<String, Double> e : v.entrySet()) {
                squaredNorm += e.getValue() * e.getValue();
                sum.merge(e.getKey(), e.getValue(), Double::sum);
            }
        }

        /** Cosine with a unit vector. */
        double cosine(Map<String, Double> unit) {
            return squaredNorm <= 0 ? 0 : dot(unit) / Math.sqrt(squaredNorm);
        }

        private double dot(Map<String, Double> v) {
            double d = 0;
            for (Map.Entry<String, Double> e : v.entrySet()) {
                Double s = sum.get(e.getKey());
                if (s != null) {
                    d += s * e.getValue();
                }
            }
            return d;
        }
    }

    private static final class Story {
        final String id;
        final long seq;
        final SumVector terms = new SumVector();
        final SumVector names = new SumVector();
        Instant first;
        Instant last;
        boolean retired;

        Story(String id, long seq) {
            this.id = id;
            this.seq = seq;
        }
    }
}
