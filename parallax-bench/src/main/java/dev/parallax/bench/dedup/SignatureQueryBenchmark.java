package dev.parallax.bench.dedup;

import dev.parallax.core.dedup.Deduper;
import dev.parallax.core.model.Article;
import dev.parallax.eval.dedup.DedupEvaluation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.minhash.MinHashFilter;
import org.apache.lucene.analysis.shingle.ShingleFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Per-document cost of near-duplicate lookup: the odd-position half of Reuters-21578 is indexed in setup (not timed),
 * then one invocation queries every even-position document in order, each query adding the document to the index as
 * ingest does. JMH reports the time of one such pass; divide by the number of queries (9,522 on Reuters-21578) for
 * the time per document.
 *
 * <ul>
 *   <li>{@code parallax}: {@link Deduper#observe}: shingle hashes, a 32-permutation MinHash signature, 16x2 LSH bands,
 *       verification of every candidate on bottom-k sketches, insertion and lineage.
 *   <li>the peer, Lucene's {@link MinHashFilter} over {@link StandardTokenizer}, lower case and 4-word
 *       {@link ShingleFilter} shingles, giving 32 values, then the same 16x2 banding into a bucket index, counting
 *       candidates. It verifies nothing (Lucene keeps no sketch to verify on), so it does less work per document than
 *       {@code parallax}. Two settings: {@code luceneMinHash} with 32 hash functions (one minimum each, the classic
 *       scheme and ours), and {@code luceneOnePermutation} with one hash function into 32 buckets with rotation
 *       (Lucene's own default scheme, with 512 buckets by default).
 * </ul>
 *
 * <p>Corpus: system property {@code parallax.corpus}, default {@code ../shared/data/bulk/reuters21578.articles.jsonl}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5)
@Measurement(iterations = 10)
@Fork(value = 1, jvmArgsAppend = "-Xmx2g")
public class SignatureQueryBenchmark {
    private static final int BANDS = 16;
    private static final int ROWS = 2;

    private List<Article> indexed;
    private List<Article> queries;
    private Deduper deduper;
    private LuceneLsh lucene;
    private LuceneLsh luceneOnePermutation;

    @Setup(Level.Trial)
    public void load() {
        List<Article> corpus = DedupEvaluation.read(Path.of(System.getProperty("parallax.corpus",
                "../shared/data/bulk/reuters21578.articles.jsonl")));
        indexed = new java.util.ArrayList<>();
        queries = new java.util.ArrayList<>();
        for (int i = 0; i < corpus.size(); i++) {
            (i % 2 == 1 ? indexed : queries).add(corpus.get(i));
        }
    }

    /** A fresh index of the indexed half before every timed pass (setup time is not measured). */
    @Setup(Level.Invocation)
    public void index() {
        deduper = new Deduper();
        indexed.forEach(deduper::observe);
        lucene = new LuceneLsh(indexed.size() + queries.size(), BANDS * ROWS, 1, false);
        indexed.forEach(a -> lucene.add(a.text()));
        luceneOnePermutation = new LuceneLsh(indexed.size() + queries.size(), 1, BANDS * ROWS, true);
        indexed.forEach(a -> luceneOnePermutation.add(a.text()));
    }

    @Benchmark
    public void parallax(Blackhole bh) {
        for (Article a : queries) {
            bh.consume(deduper.observe(a));
        }
    }

    @Benchmark
    public void luceneMinHash(Blackhole bh) {
        for (Article a : queries) {
            bh.consume(lucene.add(a.text()));
        }
    }

    @Benchmark
    public void luceneOnePermutation(Blackhole bh) {
        for (Article a : queries) {
            bh.consume(luceneOnePermutation.add(a.text()));
        }
    }

    /** Lucene MinHash signatures in a 16x2 LSH bucket index: signature, query and insertion per document. */
    static final class LuceneLsh {
        private final Analyzer analyzer;
        private final Map<Long, Integer> buckets = new HashMap<>();
        private final long[] signature = new long[BANDS * ROWS];
        private int[] next;
        private int[] seen;
        private int count;

        /** {@code hashCount * bucketCount} must be 32: one signature value per band row. */
        LuceneLsh(int capacity, int hashCount, int bucketCount, boolean withRotation) {
            analyzer = new Analyzer() {
                @Override
                protected TokenStreamComponents createComponents(String field) {
                    Tokenizer source = new StandardTokenizer();
                    ShingleFilter shingles = new ShingleFilter(new LowerCaseFilter(source), 4, 4);
                    shingles.setOutputUnigrams(false);
                    return new TokenStreamComponents(source,
                            new MinHashFilter(shingles, hashCount, bucketCount, 1, withRotation));
                }
            };
            next = new int[capacity * BANDS];
            seen = new int[capacity];
            Arrays.fill(seen, -1);
        }

        /** Adds a text and returns how many indexed documents share a band with it. */
        int add(String text) {
            int n = 0;
            try (TokenStream ts = analyzer.tokenStream("text", text)) {
                CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
                ts.reset();
                while (ts.incrementToken() && n < signature.length) {
                    long h = 0;
                    for (int i = 0; i < term.length(); i++) {
                        h = h * 0x9E3779B97F4A7C15L + term.charAt(i);
                    }
                    signature[n++] = h;
                }
                ts.end();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            int doc = count++;
            int candidates = 0;
            for (int b = 0; b < BANDS; b++) {
                long key = b;
                for (int r = b * ROWS; r < (b + 1) * ROWS && r < n; r++) {
                    key = key * 0x9E3779B97F4A7C15L + signature[r];
                }
                Integer head = buckets.put(key, doc * BANDS + b);
                int entry = doc * BANDS + b;
                next[entry] = head == null ? -1 : head;
                for (int e = next[entry]; e != -1; e = next[e]) {
                    int other = e / BANDS;
                    if (seen[other] != doc) {
                        seen[other] = doc;
                        candidates++;
                    }
                }
            }
            return candidates;
        }
    }
}
