package dev.parallax.server;

import dev.parallax.core.brief.Brief;
import dev.parallax.core.brief.BriefBuilder;
import dev.parallax.core.embed.EmbeddingException;
import dev.parallax.core.embed.OnnxEmbedder;
import dev.parallax.core.model.Article;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cross-source brief of each story, built once per story and article count: a brief takes seconds to build and
 * the page and the API both show it. Stories only grow (articles are added, never edited), so a story whose article
 * count is unchanged has an unchanged brief.
 */
final class StoryBriefs implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StoryBriefs.class);

    private record Entry(int articles, Brief brief) {}

    private final Map<String, Entry> cache = new ConcurrentHashMap<>();
    private BriefBuilder builder;
    private OnnxEmbedder embedder;

    /** The brief of {@code storyId} over its {@code articles}, from the cache when the story has not grown. */
    Brief of(String storyId, List<Article> articles) {
        Entry e = cache.get(storyId);
        if (e != null && e.articles() == articles.size()) {
            return e.brief();
        }
        synchronized (this) { // a request that waited here finds the brief another one just built
            e = cache.get(storyId);
            if (e != null && e.articles() == articles.size()) {
                return e.brief();
            }
            Brief brief = build(articles);
            cache.put(storyId, new Entry(articles.size(), brief));
            return brief;
        }
    }

    // One embedder session for the server's life; builds are serialised (callers hold the lock), as a session is one
    // model in memory.
    private Brief build(List<Article> articles) {
        if (builder == null) {
            try {
                embedder = OnnxEmbedder.miniLm();
                builder = new BriefBuilder(embedder);
            } catch (EmbeddingException ex) {
                LOG.warn("briefs by words alone: {}", ex.getMessage());
                builder = BriefBuilder.lexical();
            }
        }
        return builder.build(articles);
    }

    @Override
    public synchronized void close() {
        if (embedder != null) {
            embedder.close();
        }
    }
}
