package dev.parallax.bench;

import dev.parallax.core.analysis.Annotator;
import dev.parallax.core.analysis.SentenceSplitter;
import dev.parallax.core.brief.StoryBriefs;
import dev.parallax.core.embed.Embedder;
import dev.parallax.core.model.Article;
import dev.parallax.core.model.InvalidArticleException;
import dev.parallax.core.model.RawArticle;
import dev.parallax.core.pipeline.Pipelines;
import dev.parallax.core.pipeline.SourceSink;
import dev.parallax.core.text.Cleaner;
import dev.parallax.ingest.Sources;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The brief units of one article embedded as the ingest of that one article embeds them, with the shipped embedder
 * ({@link StoryBriefs#EMBEDDER}, one intra-op thread): {@code per-core}, the unit annotator on a chunk of one article
 * (one model call per core, the calling thread and the common pool's), against {@code one-call}, the same distinct
 * texts in one model call on the calling thread. Articles of the Helsinki story, cleaned and split in setup; nothing
 * is remembered between operations. Run with {@code -prof dev.parallax.bench.CpuTimeProfiler}: the second core
 * should lower the wall-clock time and leave the CPU time as it was.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(1)
public class UnitEmbeddingBenchmark {
    @Param({"one-call", "per-core"})
    public String calls;

    /** Articles JSON Lines; relative paths resolve against the working directory. */
    @Param({"../shared/data/helsinki/helsinki-2018.articles.jsonl"})
    public String corpus;

    /** Articles of the corpus used, in file order (a one-article ingest embeds 3–214 new units in `bench brief`). */
    @Param({"200"})
    public int articles;

    private final List<Article> split = new ArrayList<>();
    /** Per article, the distinct unit texts the annotator embeds (recorded in setup through the annotator itself). */
    private final List<List<String>> texts = new ArrayList<>();
    private Embedder model;
    private int next;

    /** Records the texts it is asked to embed. */
    private record Recording(Embedder inner, List<String> seen) implements Embedder {
        @Override
        public float[][] embed(List<String> batch) {
            seen.addAll(batch);
            return inner.embed(batch);
        }

        @Override
        public int dimension() {
            return inner.dimension();
        }
    }

    @Setup
    public void load() throws IOException {
        List<RawArticle> raw = new ArrayList<>();
        Sources.open(Path.of(corpus)).read(new SourceSink() {
            @Override
            public void article(RawArticle article) {
                if (raw.size() < articles) {
                    raw.add(article);
                }
            }

            @Override
            public void rejected(String origin, String reason) {}
        });
        Cleaner cleaner = Pipelines.cleaner();
        SentenceSplitter sentences = new SentenceSplitter();
        model = StoryBriefs.EMBEDDER.open(1);
        for (RawArticle r : raw) {
            try {
                Article a = sentences.annotate(cleaner.clean(r));
                List<String> seen = Collections.synchronizedList(new ArrayList<>());
                unitAnnotator(new Recording(model, seen)).annotate(a);
                split.add(a);
                texts.add(List.copyOf(seen));
            } catch (InvalidArticleException e) {
                // not ingestible: the pipeline rejects it before analysis
            }
        }
    }

    /** A fresh unit annotator: it remembers the texts it embedded, and every operation must embed its article. */
    private static Annotator unitAnnotator(Embedder embedder) {
        return StoryBriefs.with(null, StoryBriefs.EMBEDDER.model(), embedder).unitEmbedding().orElseThrow();
    }

    @TearDown(Level.Trial)
    public void close() {
        model.close();
    }

    /** Embeds the units of the next article (cycling through the corpus's first {@link #articles}). */
    @Benchmark
    public Object embedOneArticle() {
        int i = next;
        next = (next + 1) % split.size();
        return calls.equals("per-core") ? unitAnnotator(model).annotate(split.get(i)) : model.embed(texts.get(i));
    }
}
