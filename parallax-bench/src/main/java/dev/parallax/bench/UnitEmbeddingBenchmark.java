package dev.parallax.bench;

import dev.parallax.core.analysis.Annotator;
import dev.parallax.core.analysis.SentenceSplitter;
import dev.parallax.core.brief.StoryBriefs;
import dev.parallax.core.brief.UnitEmbedding;
import dev.parallax.core.embed.Embedder;
import dev.parallax.core.embed.ForwardingEmbedder;
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
import org.openjdk.jmh.annotations.AuxCounters;
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
 * ({@link StoryBriefs#EMBEDDER}, one intra-op thread): {@code perCore}, the unit annotator on a chunk of one article
 * (one model call per core, the calling thread and the common pool's), against {@code oneCall}, the same distinct
 * texts in one model call on the calling thread. The two are paired: one operation embeds each of the first
 * {@link #articles} articles of the corpus both ways, in alternating order, so that a machine other processes share
 * loads both alike; {@code oneCallMillis} and {@code perCoreMillis} are their wall-clock times summed over each
 * iteration (JMH's secondary results; compare the two, the primary score is both together). Articles are cleaned and split in setup; nothing is remembered between articles. The second
 * core lowers the wall-clock time only when it is free.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(1)
public class UnitEmbeddingBenchmark {
    /** Articles JSON Lines; relative paths resolve against the working directory. */
    @Param({"../shared/data/helsinki/helsinki-2018.articles.jsonl"})
    public String corpus;

    /** Articles of the corpus embedded per operation, in file order. */
    @Param({"10"})
    public int articles;

    private final List<Article> split = new ArrayList<>();
    /** Per article, the distinct unit texts the annotator embeds (recorded in setup through the annotator itself). */
    private final List<List<String>> texts = new ArrayList<>();
    private Embedder model;
    private int round;

    /** Records the texts it is asked to embed. */
    private static final class Recording extends ForwardingEmbedder {
        private final List<String> seen;

        Recording(Embedder inner, List<String> seen) {
            super(inner);
            this.seen = seen;
        }

        @Override
        public float[][] embed(List<String> batch) {
            seen.addAll(batch);
            return inner.embed(batch);
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
        return StoryBriefs.with(null, StoryBriefs.EMBEDDER.label(), embedder).unitEmbedding().orElseThrow();
    }

    @TearDown(Level.Trial)
    public void close() {
        model.close();
    }

    /** Wall-clock milliseconds of each way, summed over an iteration's operations (both ways did the same ones). */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Ways {
        public double oneCallMillis;
        public double perCoreMillis;
    }

    /** Embeds the units of each article both ways, one article at a time. */
    @Benchmark
    public int embedArticles(Ways ways) {
        int vectors = 0;
        for (int i = 0; i < split.size(); i++) {
            for (int k = 0; k < 2; k++) {
                boolean perCore = (i + k + round) % 2 == 0;
                long t = System.nanoTime();
                vectors += perCore
                        ? unitAnnotator(model).annotate(split.get(i)).layer(UnitEmbedding.LAYER).get(0).vectors().length
                        : model.embed(texts.get(i)).length;
                double ms = (System.nanoTime() - t) / 1e6;
                if (perCore) {
                    ways.perCoreMillis += ms;
                } else {
                    ways.oneCallMillis += ms;
                }
            }
        }
        round++;
        return vectors;
    }
}
