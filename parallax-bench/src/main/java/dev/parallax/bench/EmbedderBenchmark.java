package dev.parallax.bench;

import dev.parallax.core.analysis.SentenceSplitter;
import dev.parallax.core.embed.Embedder;
import dev.parallax.core.embed.EmbedderChoice;
import dev.parallax.core.embed.EmbeddingAnnotator;
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
 * One article's embedding as the pipeline computes it ({@link EmbeddingAnnotator}: headline + first two sentences,
 * one article per call, one thread, no cache), per embedder, over real articles that were cleaned and split in
 * setup. The corpus decides the input: UCI items are headlines only, Reuters-21578 items have a headline and a body.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class EmbedderBenchmark {
    @Param({"minilm", "minilm-q", "static"})
    public String embedder;

    /** Articles JSON Lines; relative paths resolve against the working directory. */
    @Param({"../shared/data/uci/uci-6366.articles.jsonl", "../shared/data/bulk/reuters21578.articles.jsonl"})
    public String corpus;

    private List<Article> articles;
    private Embedder model;
    private EmbeddingAnnotator annotator;
    private int next;

    @Setup
    public void load() throws IOException {
        List<RawArticle> raw = new ArrayList<>();
        Sources.open(Path.of(corpus)).read(new SourceSink() {
            @Override
            public void article(RawArticle article) {
                if (raw.size() < 1000) {
                    raw.add(article);
                }
            }

            @Override
            public void rejected(String origin, String reason) {}
        });
        Cleaner cleaner = Pipelines.cleaner();
        SentenceSplitter sentences = new SentenceSplitter();
        articles = new ArrayList<>();
        for (RawArticle r : raw) {
            try {
                articles.add(sentences.annotate(cleaner.clean(r)));
            } catch (InvalidArticleException e) {
                // not embeddable: the pipeline rejects it before this stage
            }
        }
        model = EmbedderChoice.named(embedder).open(1);
        annotator = new EmbeddingAnnotator(model);
    }

    @TearDown(Level.Trial)
    public void close() {
        model.close();
    }

    /** Embeds the next article of the corpus (cycling through its first 1,000). */
    @Benchmark
    public Article embedOne() {
        Article a = articles.get(next);
        next = (next + 1) % articles.size();
        return annotator.annotate(a);
    }
}
