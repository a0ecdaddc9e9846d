package dev.parallax.core.analysis.quote;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPInputStream;

/**
 * Distributional word classes learnt without labels: words that occur between the same neighbours share a class, so
 * an attribution verb or noun the quote tagger never saw in training ("backs", "blasted", "views") gets the features
 * of the ones it did see ("supports", "criticized", "opinion"). Two granularities: {@link #FINE} fine classes and
 * {@link #COARSE} coarse classes, each coarse class a cluster of fine ones.
 *
 * <p>{@link #build} makes them from plain text: each of the {@link #VOCABULARY} most frequent words (by the quote
 * tokenizer, lower case) is described by its positive pointwise mutual information with the {@link #CONTEXTS} most
 * frequent words at offsets −2, −1, +1 and +2, randomly projected to {@link #DIMENSIONS} dimensions, and the words are
 * clustered by spherical k-means. The shipped resource {@value #RESOURCE} was built by {@code parallax train
 * word-classes} from the bulk news corpora and the texts of PolNeAR train (no labels used); see docs/quotes-results.md.
 */
public final class WordClasses {
    static final String RESOURCE = "word-classes.tsv.gz";
    static final int VOCABULARY = 20_000;
    static final int CONTEXTS = 500;
    static final int DIMENSIONS = 128;
    public static final int FINE = 512;
    public static final int COARSE = 48;
    private static final int[] OFFSETS = {-2, -1, 1, 2};
    private static final int ITERATIONS = 12;

    /** Lower-case word → fine class * (COARSE + 1) + coarse class; classes count from 1, 0 is "not a known word". */
    private final Map<String, Integer> classes;

    private WordClasses(Map<String, Integer> classes) {
        this.classes = classes;
    }

    private static final class Shipped {
        static final WordClasses CLASSES = loadResource();
    }

    /** The classes shipped with parallax-core (loaded once). */
    public static WordClasses shipped() {
        return Shipped.CLASSES;
    }

    private static WordClasses loadResource() {
        try (InputStream in = WordClasses.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("word classes " + RESOURCE
                        + " are missing from the classpath: build them with parallax train word-classes");
            }
            return read(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read word classes " + RESOURCE, e);
        }
    }

    /** Reads {@code word<TAB>fine<TAB>coarse} lines (gzipped); lines starting with # are comments. */
    public static WordClasses read(InputStream in) throws IOException {
        Map<String, Integer> classes = new HashMap<>();
        BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(in), StandardCharsets.UTF_8));
        for (String line; (line = r.readLine()) != null; ) {
            if (line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t");
            classes.put(f[0], Integer.parseInt(f[1]) * (COARSE + 1) + Integer.parseInt(f[2]));
        }
        return new WordClasses(classes);
    }

    /** The fine class of a lower-case word, 1 to {@link #FINE}; 0 when it is not one of the words classed. */
    public int fine(String lower) {
        return fineOf(packed(lower));
    }

    /** The coarse class of a lower-case word, 1 to {@link #COARSE}; 0 when it is not one of the words classed. */
    public int coarse(String lower) {
        return coarseOf(packed(lower));
    }

    /** Both classes of a word in one lookup, read with {@link #fineOf} and {@link #coarseOf}. */
    int packed(String lower) {
        return classes.getOrDefault(lower, 0);
    }

    static int fineOf(int packed) {
        return packed / (COARSE + 1);
    }

    static int coarseOf(int packed) {
        return packed % (COARSE + 1);
    }

    /** The resource text: a header, then {@code word<TAB>fine<TAB>coarse}, words in order of frequency. */
    public String resource() {
        StringBuilder out = new StringBuilder("# word<TAB>fine class (1-" + FINE + ")<TAB>coarse class (1-" + COARSE
                + "). Built by parallax train word-classes (dev.parallax.core.analysis.quote.WordClasses.build).\n");
        classes.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> out.append(e.getKey())
                .append('\t').append(e.getValue() / (COARSE + 1)).append('\t').append(e.getValue() % (COARSE + 1))
                .append('\n'));
        return out.toString();
    }

    /** Accumulates the neighbour counts of texts, then clusters ({@link #classes}). */
    public static final class Builder {
        private final List<int[]> texts = new ArrayList<>(); // word ids per text
        private final Map<String, Integer> ids = new HashMap<>();
        private final List<String> words = new ArrayList<>();
        private int[] frequency = new int[1 << 16];

        /** Adds one text (its tokens, lower case). */
        public void add(String text) {
            Tokens t = Tokens.of(text);
            int[] seq = new int[t.size];
            for (int i = 0; i < t.size; i++) {
                Integer id = ids.get(t.lower[i]);
                if (id == null) {
                    id = words.size();
                    ids.put(t.lower[i], id);
                    words.add(t.lower[i]);
                    if (id == frequency.length) {
                        frequency = Arrays.copyOf(frequency, id * 2);
                    }
                }
                frequency[id]++;
                seq[i] = id;
            }
            texts.add(seq);
        }

        /** Clusters the most frequent words; deterministic for the same texts in the same order and seed. */
        public WordClasses classes(long seed) {
            return classes(seed, FINE, COARSE);
        }

        /** {@link #classes(long)} into {@code fineClasses} fine classes grouped into {@code coarseClasses}. */
        WordClasses classes(long seed, int fineClasses, int coarseClasses) {
            Integer[] byFrequency = new Integer[words.size()];
            for (int k = 0; k < byFrequency.length; k++) {
                byFrequency[k] = k;
            }
            Arrays.sort(byFrequency, (a, b) -> frequency[b] != frequency[a] ? Integer.compare(frequency[b],
                    frequency[a]) : words.get(a).compareTo(words.get(b)));
            int v = Math.min(VOCABULARY, byFrequency.length);
            int[] row = new int[words.size()];
            int[] column = new int[words.size()];
            Arrays.fill(row, -1);
            Arrays.fill(column, -1);
            for (int k = 0; k < v; k++) {
                row[byFrequency[k]] = k;
            }
            for (int k = 0; k < Math.min(CONTEXTS, byFrequency.length); k++) {
                column[byFrequency[k]] = k;
            }
            int width = OFFSETS.length * CONTEXTS;
            float[] counts = new float[v * width];
            double[] contextTotal = new double[width];
            for (int[] seq : texts) {
                for (int i = 0; i < seq.length; i++) {
                    int r = row[seq[i]];
                    if (r < 0) {
                        continue;
                    }
                    for (int o = 0; o < OFFSETS.length; o++) {
                        int j = i + OFFSETS[o];
                        if (j >= 0 && j < seq.length && column[seq[j]] >= 0) {
                            int c = o * CONTEXTS + column[seq[j]];
                            counts[r * width + c]++;
                            contextTotal[c]++;
                        }
                    }
                }
            }
            float[][] vectors = project(ppmi(counts, contextTotal, v, width), v, width, seed);
            Random random = new Random(seed);
            int[] fine = kMeans(vectors, Math.min(fineClasses, v), random);
            float[][] centroids = centroids(vectors, fine, Math.min(fineClasses, v));
            for (int c = 0; c < centroids.length; c++) {
                if (centroids[c] == null) {
                    centroids[c] = new float[DIMENSIONS]; // a class left without words: any coarse class will do
                }
            }
            int[] coarseOfFine = kMeans(centroids, Math.min(coarseClasses, centroids.length), random);
            Map<String, Integer> classes = new HashMap<>();
            for (int k = 0; k < v; k++) {
                classes.put(words.get(byFrequency[k]), (fine[k] + 1) * (COARSE + 1) + coarseOfFine[fine[k]] + 1);
            }
            return new WordClasses(classes);
        }

        /** Positive PMI with the context distribution smoothed (counts^0.75), as in word2vec's negative sampling. */
        private static float[] ppmi(float[] counts, double[] contextTotal, int v, int width) {
            double[] smoothed = new double[width];
            double smoothedSum = 0;
            for (int c = 0; c < width; c++) {
                smoothed[c] = Math.pow(contextTotal[c], 0.75);
                smoothedSum += smoothed[c];
            }
            for (int r = 0; r < v; r++) {
                double rowSum = 0;
                for (int c = 0; c < width; c++) {
                    rowSum += counts[r * width + c];
                }
                for (int c = 0; c < width; c++) {
                    float n = counts[r * width + c];
                    counts[r * width + c] = n == 0 || smoothed[c] == 0 ? 0
                            : (float) Math.max(0, Math.log(n / rowSum / (smoothed[c] / smoothedSum)));
                }
            }
            return counts;
        }

        /** Gaussian random projection, rows L2-normalised (k-means then clusters by cosine). */
        private static float[][] project(float[] m, int v, int width, long seed) {
            Random random = new Random(seed);
            float[] basis = new float[width * DIMENSIONS];
            for (int k = 0; k < basis.length; k++) {
                basis[k] = (float) random.nextGaussian();
            }
            float[][] out = new float[v][DIMENSIONS];
            for (int r = 0; r < v; r++) {
                float[] x = out[r];
                for (int c = 0; c < width; c++) {
                    float a = m[r * width + c];
                    if (a != 0) {
                        for (int d = 0; d < DIMENSIONS; d++) {
                            x[d] += a * basis[c * DIMENSIONS + d];
                        }
                    }
                }
                normalise(x);
            }
            return out;
        }

        private static void normalise(float[] x) {
            double n = 0;
            for (float a : x) {
                n += a * a;
            }
            if (n > 0) {
                float s = (float) (1 / Math.sqrt(n));
                for (int d = 0; d < x.length; d++) {
                    x[d] *= s;
                }
            }
        }

        /** Spherical k-means, seeded with k-means++; the cluster index of each vector. */
        static int[] kMeans(float[][] x, int k, Random random) {
            int n = x.length;
            float[][] centre = new float[k][];
            double[] nearest = new double[n];
            Arrays.fill(nearest, Double.MAX_VALUE);
            centre[0] = x[random.nextInt(n)].clone();
            for (int c = 1; c < k; c++) {
                double total = 0;
                for (int i = 0; i < n; i++) {
                    nearest[i] = Math.min(nearest[i], 1 - dot(x[i], centre[c - 1]));
                    total += Math.max(0, nearest[i]);
                }
                double pick = random.nextDouble() * total;
                int chosen = n - 1;
                for (int i = 0; i < n; i++) {
                    pick -= Math.max(0, nearest[i]);
                    if (pick <= 0) {
                        chosen = i;
                        break;
                    }
                }
                centre[c] = x[chosen].clone();
            }
            int[] assign = new int[n];
            for (int iteration = 0; iteration < ITERATIONS; iteration++) {
                for (int i = 0; i < n; i++) {
                    int best = 0;
                    float bestDot = -Float.MAX_VALUE;
                    for (int c = 0; c < k; c++) {
                        float d = dot(x[i], centre[c]);
                        if (d > bestDot) {
                            bestDot = d;
                            best = c;
                        }
                    }
                    assign[i] = best;
                }
                float[][] next = centroids(x, assign, k);
                for (int c = 0; c < k; c++) {
                    if (next[c] != null) {
                        centre[c] = next[c];
                    }
                }
            }
            return assign;
        }

        /** Normalised mean of each cluster's vectors (null for an empty cluster). */
        private static float[][] centroids(float[][] x, int[] assign, int k) {
            float[][] sum = new float[k][];
            for (int i = 0; i < x.length; i++) {
                float[] s = sum[assign[i]];
                if (s == null) {
                    s = sum[assign[i]] = new float[x[i].length];
                }
                for (int d = 0; d < s.length; d++) {
                    s[d] += x[i][d];
                }
            }
            for (float[] s : sum) {
                if (s != null) {
                    normalise(s);
                }
            }
            return sum;
        }

        private static float dot(float[] a, float[] b) {
            float s = 0;
            for (int d = 0; d < a.length; d++) {
                s += a[d] * b[d];
            }
            return s;
        }
    }
}
