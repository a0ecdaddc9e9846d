package dev.parallax.bench;

import dev.parallax.core.model.Article;
import dev.parallax.core.story.OnlineStoryClusterer;
import dev.parallax.core.story.StoryAssignment;
import dev.parallax.core.story.StoryModel;
import dev.parallax.eval.LabelledArticles;
import dev.parallax.eval.StoryModelFitter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The clustering step alone (term analysis, IDF, candidate lookup, feature scoring, story update) over a real
 * labelled stream whose sentences and embeddings were computed once in setup: the per-article cost of
 * {@link OnlineStoryClusterer#assign}, without the embedding model or the store. Reported per article.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class StoryScorerBenchmark {
    /** A labelled articles file; relative paths resolve against the working directory. */
    @Param("../shared/data/uci/uci-6366.articles.jsonl")
    public String corpus;

    /** How many of its first articles to cluster per invocation. */
    @Param("2000")
    public int articles;

    private List<Article> stream;
    private StoryModel model;

    @Setup
    public void analyse() {
        stream = StoryModelFitter.analyse(LabelledArticles.read(Path.of(corpus)).head(articles)).articles();
        model = StoryModel.standard();
    }

    /** Clusters the whole stream with a fresh clusterer; divide the time by {@link #articles} for one article. */
    @Benchmark
    public void clusterStream(Blackhole sink) {
        OnlineStoryClusterer clusterer = new OnlineStoryClusterer(model, OnlineStoryClusterer.DEFAULT_WINDOW);
        for (Article a : stream) {
            StoryAssignment s = clusterer.assign(a);
            sink.consume(s);
        }
    }
}
