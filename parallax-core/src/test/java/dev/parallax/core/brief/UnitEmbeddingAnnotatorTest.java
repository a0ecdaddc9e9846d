package dev.parallax.core.brief;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parallax.core.analysis.SentenceSplitter;
import dev.parallax.core.embed.Embedder;
import dev.parallax.core.embed.ForwardingEmbedder;
import dev.parallax.core.model.Article;
import dev.parallax.core.pipeline.Pipelines;
import dev.parallax.core.testing.Seeds;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The brief units' vectors made at analysis, with the shipped embedder. */
class UnitEmbeddingAnnotatorTest {
    /** Counts the model calls and the threads they ran on. */
    private static final class Calls extends ForwardingEmbedder {
        final AtomicInteger calls = new AtomicInteger();
        final Set<Thread> threads = ConcurrentHashMap.newKeySet();

        Calls(Embedder inner) {
            super(inner);
        }

        @Override
        public float[][] embed(List<String> texts) {
            calls.incrementAndGet();
            threads.add(Thread.currentThread());
            return inner.embed(texts);
        }
    }

    /**
     * One article's units are embedded on every core (one model call per core), and their vectors are bit for bit
     * those of one call on one thread: the store keeps them, and later builds compare them with vectors made elsewhere.
     */
    @Test
    void oneArticlesUnitsOnEveryCoreHaveTheVectorsOfOneCallOnOneThread() {
        Article a = new SentenceSplitter().annotate(Pipelines.cleaner().clean(Seeds.load("000")));
        List<String> texts = BriefBuilder.units(a).stream().map(u -> a.textOf(u.clause())).distinct().toList();
        try (Embedder shared = StoryBriefs.EMBEDDER.open(1); Embedder alone = StoryBriefs.EMBEDDER.open(1)) {
            Calls calls = new Calls(shared);
            Article embedded = new UnitEmbeddingAnnotator(calls, StoryBriefs.unitVectorsName(
                    StoryBriefs.EMBEDDER.label()), Collections.synchronizedMap(new HashMap<>())).annotate(a);

            float[][] oneCall = alone.embed(texts);
            float[][] got = embedded.layer(UnitEmbedding.LAYER).get(0).vectors();
            assertThat(got.length).isEqualTo(BriefBuilder.units(a).size());
            for (int u = 0; u < got.length; u++) {
                float[] expected = oneCall[texts.indexOf(a.textOf(BriefBuilder.units(a).get(u).clause()))];
                assertThat(got[u]).as("unit %d", u).isEqualTo(expected); // Arrays.equals: the same float bits
            }
            assertThat(calls.calls.get()).as("one model call per core").isEqualTo(Math.min(Parallel.CORES,
                    texts.size()));
        }
    }
}
