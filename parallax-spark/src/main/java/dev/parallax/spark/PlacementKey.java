package dev.parallax.spark;

import dev.parallax.core.model.Article;
import dev.parallax.core.pipeline.Pipeline;
import java.io.Serializable;
import java.util.Comparator;

/**
 * Where an analysed article goes in the placing order, as a key Spark can sort by: {@link Pipeline#PLACEMENT_ORDER}
 * (publication time, undated last, then id), then the input order (file, item within the file), which is how the
 * single-machine ingest's stable sort breaks ties between two items with one id.
 *
 * @param file the index of the file among those read, in the order {@code parallax ingest} reads them
 * @param item the index of the article within its file
 */
record PlacementKey(boolean undated, long seconds, int nanos, String id, int file, long item)
        implements Comparable<PlacementKey>, Serializable {
    private static final Comparator<PlacementKey> ORDER = Comparator.comparing(PlacementKey::undated)
            .thenComparingLong(PlacementKey::seconds).thenComparingInt(PlacementKey::nanos)
            .thenComparing(PlacementKey::id).thenComparingInt(PlacementKey::file).thenComparingLong(PlacementKey::item);

    static PlacementKey of(Article article, int file, long item) {
        return article.published() == null ? new PlacementKey(true, 0, 0, article.id(), file, item)
                : new PlacementKey(false, article.published().instant().getEpochSecond(),
                        article.published().instant().getNano(), article.id(), file, item);
    }

    @Override
    public int compareTo(PlacementKey o) {
        return ORDER.compare(this, o);
    }
}
