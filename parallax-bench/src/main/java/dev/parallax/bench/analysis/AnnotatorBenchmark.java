package dev.parallax.bench.analysis;

import dev.parallax.core.analysis.Annotator;
import dev.parallax.core.analysis.SentenceSplitter;
import dev.parallax.core.analysis.entity.EntityAnnotator;
import dev.parallax.core.analysis.quantity.QuantityAnnotator;
import dev.parallax.core.analysis.quote.QuoteAnnotator;
import dev.parallax.core.analysis.time.TimexAnnotator;
import dev.parallax.core.model.Article;
import dev.parallax.core.model.RawArticle;
import dev.parallax.core.pipeline.Pipelines;
import dev.parallax.core.text.Cleaner;
import dev.parallax.ingest.Sources;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Articles per second of the cleaner and of each annotator of the standard pipeline, one thread, over a fixed sample of
 * real Reuters-21578 articles: every 19th article of the corpus from the first ({@value #SAMPLE} articles, spread
 * over the whole of it). One invocation runs one stage over the whole sample, so JMH's ops/s are articles/s.
 *
 * <p>Each annotator gets the sample as the standard pipeline would hand it over: cleaned and annotated by every
 * annotator before it (prepared in setup, not timed), because later annotators read earlier layers. {@code all} is
 * cleaning plus every annotator from the raw article, what {@code parallax bench analysis} measures in CPU time.
 *
 * <p>Corpus: system property {@code parallax.corpus}, default {@code ../shared/data/bulk/reuters21578.articles.jsonl}
 * (relative to the repository root, where the command in docs/BENCHMARKS.md runs it).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
@Fork(value = 1, jvmArgsAppend = "-Xmx2g")
public class AnnotatorBenchmark {
    static final int SAMPLE = 1000;
    private static final int STRIDE = 19;

    private final Cleaner cleaner = Pipelines.cleaner();
    private final List<Annotator> annotators = Pipelines.annotators();
    private List<RawArticle> raw;
    /** {@code input.get(i)}: the sample as annotator i receives it. */
    private final List<List<Article>> input = new ArrayList<>();

    @Setup(Level.Trial)
    public void load() throws IOException {
        Path corpus = Path.of(System.getProperty("parallax.corpus",
                "../shared/data/bulk/reuters21578.articles.jsonl"));
        raw = sample(corpus);
        List<Article> stage = raw.stream().map(cleaner::clean).toList();
        for (Annotator a : annotators) {
            input.add(stage);
            stage = stage.stream().map(a::annotate).toList();
        }
    }

    /** Every {@value #STRIDE}th article from the first, until {@value #SAMPLE}; fails if the corpus is too small. */
    private static List<RawArticle> sample(Path corpus) throws IOException {
        List<RawArticle> all = Sources.readAll(corpus, (origin, reason) -> {
            throw new UncheckedIOException(new IOException(origin + " was rejected: " + reason));
        });
        List<RawArticle> sample = new ArrayList<>();
        for (int i = 0; i < all.size() && sample.size() < SAMPLE; i += STRIDE) {
            sample.add(all.get(i));
        }
        if (sample.size() < SAMPLE) {
            throw new IllegalStateException(corpus + " holds " + all.size() + " articles; the benchmark samples "
                    + SAMPLE + " of them, one in " + STRIDE + " (set -Dparallax.corpus=FILE)");
        }
        return sample;
    }

    private void run(Class<? extends Annotator> type, Blackhole bh) {
        for (int i = 0; i < annotators.size(); i++) {
            Annotator a = annotators.get(i);
            if (type.isInstance(a)) {
                for (Article article : input.get(i)) {
                    bh.consume(a.annotate(article));
                }
                return;
            }
        }
        throw new IllegalStateException(type.getSimpleName() + " is not in Pipelines.annotators()");
    }

    @Benchmark
    @OperationsPerInvocation(SAMPLE)
    public void cleaner(Blackhole bh) {
        for (RawArticle r : raw) {
            bh.consume(cleaner.clean(r));
        }
    }

    @Benchmark
    @OperationsPerInvocation(SAMPLE)
    public void sentenceSplitter(Blackhole bh) {
        run(SentenceSplitter.class, bh);
    }

    @Benchmark
    @OperationsPerInvocation(SAMPLE)
    public void entityAnnotator(Blackhole bh) {
        run(EntityAnnotator.class, bh);
    }

    @Benchmark
    @OperationsPerInvocation(SAMPLE)
    public void quoteAnnotator(Blackhole bh) {
        run(QuoteAnnotator.class, bh);
    }

    @Benchmark
    @OperationsPerInvocation(SAMPLE)
    public void timexAnnotator(Blackhole bh) {
        run(TimexAnnotator.class, bh);
    }

    @Benchmark
    @OperationsPerInvocation(SAMPLE)
    public void quantityAnnotator(Blackhole bh) {
        run(QuantityAnnotator.class, bh);
    }

    /** Cleaning and every annotator in pipeline order, from the raw article. */
    @Benchmark
    @OperationsPerInvocation(SAMPLE)
    public void all(Blackhole bh) {
        for (RawArticle r : raw) {
            Article a = cleaner.clean(r);
            for (Annotator annotator : annotators) {
                a = annotator.annotate(a);
            }
            bh.consume(a);
        }
    }
}
