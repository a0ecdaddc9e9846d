package dev.parallax.bench.dedup;

import dev.parallax.core.dedup.Deduper;
import dev.parallax.core.model.Article;
import dev.parallax.eval.dedup.DedupEvaluation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
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
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Per-document cost of near-duplicate lookup: the odd-position half of the corpus is indexed (not timed), then one
 * invocation queries the first {@value #QUERIES} even-position documents in order, each query adding the document to
 * the index as ingest does; the index is rebuilt before every invocation, so every pass sees the same index. JMH
 * reports the average time per document ({@link OperationsPerInvocation}) over every pass of 2-second iterations:
 * hundreds of passes for {@code parallax}, where single shots of one pass (60 ms on BBC News) varied by half under
 * load.
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
 * <p>Each benchmark has its own state, so a run of one builds only its own index between invocations.
 *
 * <p>Corpus: system property {@code parallax.corpus}, default {@code ../shared/data/bulk/reuters21578.articles.jsonl}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 10, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Xmx2g")
public class SignatureQueryBenchmark {
    private static final int BANDS = 16;
    private static final int ROWS = 2;
    /** Documents queried per invocation: the time JMH reports is per document. */
    static final int QUERIES = 1000;

    /** The corpus split into the indexed half and the queries. */
    @State(Scope.Benchmark)
    public static class Corpus {
        List<Article> indexed;
        List<Article> queries;

        @Setup(Level.Trial)
        public void load() {
            List<Article> corpus = DedupEvaluation.read(Path.of(System.getProperty("parallax.corpus",
                    "../shared/data/bulk/reuters21578.articles.jsonl")));
            indexed = new ArrayList<>();
            List<Article> even = new ArrayList<>();
            for (int i = 0; i < corpus.size(); i++) {
                (i % 2 == 1 ? indexed : even).add(corpus.get(i));
            }
            if (even.size() < QUERIES) {
                throw new IllegalArgumentException("the corpus needs " + 2 * QUERIES + " articles, has "
                        + corpus.size());
            }
            queries = even.subList(0, QUERIES);
        }
    }

    @State(Scope.Thread)
    public static class ParallaxIndex {
        Deduper deduper;

        /** A fresh index of the indexed half before every timed pass (setup time is not measured). */
        @Setup(Level.Invocation)
        public void index(Corpus corpus) {
            deduper = new Deduper();
            corpus.indexed.forEach(deduper::observe);
        }
    }

    @State(Scope.Thread)
    public static class LuceneIndex {
        LuceneLsh lsh;

        @Setup(Level.Invocation)
        public void index(Corpus corpus) {
            lsh = new LuceneLsh(corpus.indexed.size() + QUERIES, BANDS * ROWS, 1, false);
            corpus.indexed.forEach(a -> lsh.add(a.text()));
        }
    }

    @State(Scope.Thread)
    public static class LuceneOnePermutationIndex {
        LuceneLsh lsh;

        @Setup(Level.Invocation)
        public void index(Corpus corpus) {
            lsh = new LuceneLsh(corpus.indexed.size() + QUERIES, 1, BANDS * ROWS, true);
            corpus.indexed.forEach(a -> lsh.add(a.text()));
        }
    }

    @Benchmark
    @OperationsPerInvocation(QUERIES)
    public void parallax(Corpus corpus, ParallaxIndex index, Blackhole bh) {
        for (Article a : corpus.queries) {
            bh.consume(index.deduper.observe(a));
        }
    }

    @Benchmark
    @OperationsPerInvocation(QUERIES)
    public void luceneMinHash(Corpus corpus, LuceneIndex index, Blackhole bh) {
        for (Article a : corpus.queries) {
            bh.consume(index.lsh.add(a.text()));
        }
    }

    @Benchmark
    @OperationsPerInvocation(QUERIES)
    public void luceneOnePermutation(Corpus corpus, LuceneOnePermutationIndex index, Blackhole bh) {
        for (Article a : corpus.queries) {
            bh.consume(index.lsh.add(a.text()));
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
