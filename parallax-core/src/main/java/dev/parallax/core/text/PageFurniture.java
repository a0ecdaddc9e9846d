package dev.parallax.core.text;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parallax.core.embed.BoostedTrees;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Tells page furniture from article text in a scraped page's paragraphs: the sign-up prompts, share strips, weather
 * widgets, section labels and bylines a scraper keeps when it takes every paragraph of a page ("Subscribe to Breaking
 * News emails", "Enter City and State or Zip Code", "FacebookEmail Twitter Google+"). Such lines otherwise become a
 * story's title, its "consensus" claims and its summary.
 *
 * <p>A paragraph is judged from its own text and its neighbours' (after Kohlschütter et al., "Boilerplate detection
 * using shallow text features", WSDM 2010, without the markup features plain text lacks): length, sentence shape,
 * capitalisation, function words, digits and separators, and a lexicon of how often each word stands in furniture
 * rather than article text. The lexicon and the boosted trees over these features are fitted on the ScrapingHub
 * article-extraction pages, every text block of a page labelled by whether the gold article body holds it, and
 * measured on the pages the fit never saw: {@code parallax eval furniture}. The shipped model is made by {@code
 * parallax train furniture --scrapinghub ../shared/data/extraction/scrapinghub --out page-furniture.json}.
 *
 * <p>Thread-safe: the model is immutable.
 */
public final class PageFurniture {
    /** Classpath resource holding the fitted {@link Model}. */
    public static final String RESOURCE = "/dev/parallax/core/text/page-furniture.json";

    /** A word's lexicon log-odds are clipped to this, so one rare word cannot decide alone. */
    private static final double MAX_WORD_LOG_ODDS = 4;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> OWN = List.of("words", "chars", "endsSentence", "sentences", "capitalised",
            "functionWords", "digits", "separators", "lexiconMean", "lexiconMax", "lexiconMin");
    private static final List<String> NEIGHBOUR = List.of("words", "endsSentence", "lexiconMean");
    /** The features, in the order the trees see them: the paragraph's own, then its previous and next paragraph's. */
    public static final List<String> FEATURES = features();

    /** Function words: article text is full of them, furniture nearly free of them. */
    private static final Set<String> FUNCTION_WORDS = Set.of("the", "a", "an", "of", "to", "in", "and", "or", "is",
            "was", "are", "were", "be", "been", "that", "for", "on", "with", "as", "at", "by", "it", "its", "he", "she",
            "they", "his", "her", "their", "has", "have", "had", "from", "this", "will", "would", "not", "but", "who",
            "which", "said", "than", "after", "about", "into", "over");
    private static final Pattern WHITE_SPACE = Pattern.compile("\\s+");
    /** Characters that separate menu items and bylines rather than words of a sentence. */
    private static final String SEPARATORS = "|•·©@#»«›‹→/";

    /**
     * Everything fitted.
     *
     * @param features  {@link #FEATURES} at fitting time; a mismatch means the resource is stale
     * @param lexicon   each word's log-odds of standing in furniture rather than article text (clipped to
     *                  ±{@link #MAX_WORD_LOG_ODDS}); words seen on too few pages are left out
     * @param trees     log-odds that a paragraph is furniture
     * @param threshold log-odds at or above which a paragraph is furniture (chosen on the training pages)
     */
    public record Model(List<String> features, Map<String, Double> lexicon, BoostedTrees trees, double threshold) {
        public Model {
            features = List.copyOf(features);
            lexicon = Collections.unmodifiableMap(new TreeMap<>(lexicon)); // sorted: a refit writes the same file
            Objects.requireNonNull(trees, "trees");
        }

        /** The model as the resource file holds it. */
        public String toJson() {
            try {
                return JSON.writeValueAsString(this);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot write the page furniture model: " + e.getMessage(), e);
            }
        }

        static Model read(InputStream in, String where) throws IOException {
            Model m = JSON.readValue(in, Model.class);
            if (!m.features().equals(FEATURES)) {
                throw new IllegalStateException("Page furniture model " + where + " was fitted on features "
                        + m.features() + " but the code computes " + FEATURES
                        + ": refit it (parallax train furniture)");
            }
            return m;
        }
    }

    private final Model model;
    /** The lexicon for lookups: the model's is sorted, so that a refit writes the same file. */
    private final Map<String, Double> lexicon;

    public PageFurniture(Model model) {
        this.model = model;
        this.lexicon = new HashMap<>(model.lexicon());
    }

    /** The shipped model, read once. */
    public static PageFurniture shipped() {
        return Shipped.INSTANCE;
    }

    private static final class Shipped {
        static final PageFurniture INSTANCE = load();

        private static PageFurniture load() {
            try (InputStream in = PageFurniture.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("Missing resource " + RESOURCE);
                }
                return new PageFurniture(Model.read(in, RESOURCE));
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read " + RESOURCE + ": " + e.getMessage(), e);
            }
        }
    }

    public Model model() {
        return model;
    }

    /** Log-odds that each paragraph is furniture, in the order given (a page's paragraphs, top to bottom). */
    public double[] logOdds(List<String> paragraphs) {
        boolean[] all = new boolean[paragraphs.size()];
        Arrays.fill(all, true);
        return logOdds(paragraphs, all);
    }

    /**
     * As {@link #logOdds(List)} for the paragraphs asked for, NaN for the others, whose text is then read only as a
     * neighbour's: the cleaner asks only for the paragraphs it could remove.
     */
    public double[] logOdds(List<String> paragraphs, boolean[] asked) {
        int n = paragraphs.size();
        double[][] own = new double[n][];
        for (int i = 0; i < n; i++) {
            if (asked[i] || i > 0 && asked[i - 1] || i + 1 < n && asked[i + 1]) {
                own[i] = own(paragraphs.get(i), lexicon);
            }
        }
        double[] out = new double[n];
        double[] x = new double[FEATURES.size()];
        for (int i = 0; i < n; i++) {
            out[i] = asked[i] ? model.trees().score(row(own, i, x)) : Double.NaN;
        }
        return out;
    }

    /** One row of {@link #FEATURES} per paragraph. */
    public static double[][] features(List<String> paragraphs, Map<String, Double> lexicon) {
        int n = paragraphs.size();
        double[][] own = new double[n][];
        for (int i = 0; i < n; i++) {
            own[i] = own(paragraphs.get(i), lexicon);
        }
        double[][] x = new double[n][];
        for (int i = 0; i < n; i++) {
            x[i] = row(own, i, new double[FEATURES.size()]);
        }
        return x;
    }

    /** Paragraph {@code i}'s row of {@link #FEATURES}, written into {@code into}. */
    private static double[] row(double[][] own, int i, double[] into) {
        System.arraycopy(own[i], 0, into, 0, OWN.size());
        neighbour(i > 0 ? own[i - 1] : null, into, OWN.size());
        neighbour(i + 1 < own.length ? own[i + 1] : null, into, OWN.size() + NEIGHBOUR.size());
        return into;
    }

    /** A missing neighbour (the first or last paragraph) reads as −1 words, apart from any real one. */
    private static void neighbour(double[] of, double[] into, int at) {
        into[at] = of == null ? -1 : of[0];
        into[at + 1] = of == null ? -1 : of[2];
        into[at + 2] = of == null ? 0 : of[8];
    }

    private static double[] own(String t, Map<String, Double> lexicon) {
        List<String> words = words(t);
        int capitalised = 0;
        int function = 0;
        int separators = 0;
        int digits = 0;
        String[] tokens = WHITE_SPACE.split(t);
        for (String w : tokens) {
            if (!w.isEmpty() && Character.isUpperCase(w.codePointAt(0))) {
                capitalised++;
            }
        }
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            digits += Character.isDigit(c) ? 1 : 0;
            separators += SEPARATORS.indexOf(c) >= 0 ? 1 : 0;
        }
        double sum = 0;
        double max = 0;
        double min = 0;
        Set<String> distinct = new LinkedHashSet<>(words);
        for (String w : distinct) {
            function += FUNCTION_WORDS.contains(w) ? 1 : 0;
            double v = lexicon.getOrDefault(w, 0.0);
            sum += v;
            max = Math.max(max, v);
            min = Math.min(min, v);
        }
        int n = Math.max(1, words.size());
        return new double[] {Math.log1p(words.size()), Math.log1p(t.length()), endsSentence(t) ? 1 : 0,
                sentences(t), capitalised / (double) Math.max(1, tokens.length),
                function / (double) Math.max(1, distinct.size()), digits / (double) Math.max(1, t.length()),
                separators / (double) n, distinct.isEmpty() ? 0 : sum / distinct.size(), max, min};
    }

    /** The paragraph's lower-case words (letters and digits), as the lexicon counts them. */
    public static List<String> words(String t) {
        List<String> out = new ArrayList<>();
        int i = 0;
        int n = t.length();
        while (i < n) {
            while (i < n && !Character.isLetterOrDigit(t.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < n && Character.isLetterOrDigit(t.charAt(i))) {
                i++;
            }
            if (i > start) {
                out.add(t.substring(start, i).toLowerCase(Locale.ROOT));
            }
        }
        return out;
    }

    /** Ends like a sentence: a full stop, question or exclamation mark, possibly inside closing quotes. */
    private static boolean endsSentence(String t) {
        int i = t.length() - 1;
        while (i >= 0 && "\"'”’)]» ".indexOf(t.charAt(i)) >= 0) {
            i--;
        }
        return i >= 0 && ".!?…".indexOf(t.charAt(i)) >= 0;
    }

    /** Sentence ends followed by a space and a capital or the end of the text. */
    private static double sentences(String t) {
        int count = 0;
        for (int i = 0; i < t.length(); i++) {
            if (".!?".indexOf(t.charAt(i)) >= 0 && (i + 1 == t.length()
                    || i + 2 < t.length() && t.charAt(i + 1) == ' ' && Character.isUpperCase(t.charAt(i + 2)))) {
                count++;
            }
        }
        return Math.log1p(count);
    }

    private static List<String> features() {
        List<String> names = new ArrayList<>(OWN);
        NEIGHBOUR.forEach(f -> names.add("previous." + f));
        NEIGHBOUR.forEach(f -> names.add("next." + f));
        return List.copyOf(names);
    }

    /** Counts for fitting the lexicon: how many furniture and article paragraphs hold each word, on how many pages. */
    public static final class LexiconCounts {
        private final Map<String, int[]> counts = new HashMap<>(); // word -> {furniture, article, pages}
        private int furniture;
        private int article;

        /** Adds one page's paragraphs with their labels. */
        public void add(List<String> paragraphs, boolean[] isFurniture) {
            Set<String> page = new LinkedHashSet<>();
            for (int i = 0; i < paragraphs.size(); i++) {
                for (String w : new LinkedHashSet<>(words(paragraphs.get(i)))) {
                    counts.computeIfAbsent(w, k -> new int[3])[isFurniture[i] ? 0 : 1]++;
                    page.add(w);
                }
                if (isFurniture[i]) {
                    furniture++;
                } else {
                    article++;
                }
            }
            page.forEach(w -> counts.get(w)[2]++);
        }

        /**
         * The lexicon: smoothed log-odds of furniture for every word seen on at least {@code minPages} pages, relative
         * to the overall odds, clipped to ±{@link #MAX_WORD_LOG_ODDS}.
         */
        public Map<String, Double> lexicon(int minPages) {
            double prior = Math.log((furniture + 1.0) / (article + 1.0));
            Map<String, Double> out = new HashMap<>();
            counts.forEach((w, c) -> {
                if (c[2] >= minPages) {
                    double v = Math.log((c[0] + 1.0) / (c[1] + 1.0)) - prior;
                    double rounded = Math.round(v * 1000) / 1000.0;
                    out.put(w, Math.max(-MAX_WORD_LOG_ODDS, Math.min(MAX_WORD_LOG_ODDS, rounded)));
                }
            });
            return out;
        }
    }
}
