package dev.parallax.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parallax.core.model.Article;
import dev.parallax.core.model.Layers;
import dev.parallax.core.model.Outlet;
import dev.parallax.core.model.Published;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Articles with their gold story label, read from a shared-data article file (format A: one JSON object a line,
 * gzip when the name ends in {@code .gz}). The text is taken as already clean: the eval sets are, and clustering
 * needs no removals or layers.
 *
 * @param articles the articles in file order (which is publication order)
 * @param gold article id to gold story label, for the articles that have one
 */
public record LabelledArticles(List<Article> articles, Map<String, String> gold) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public static LabelledArticles read(Path file) {
        List<Article> articles = new ArrayList<>();
        Map<String, String> gold = new LinkedHashMap<>();
        JsonLinesFile.forEach(file, (number, o) -> {
            String id = o.path("id").asText(null);
            String text = o.path("text").asText(null);
            if (id == null || text == null) {
                throw new IllegalArgumentException(file + " line " + number + ": record lacks an id or a text");
            }
            String published = o.path("published").asText(null);
            articles.add(new Article(id, file.getFileName().toString(), Outlet.of(o.path("source").asText(null)),
                    published == null ? null : Published.parse(published), o.path("url").asText(null),
                    o.path("title").asText(null), text, text, List.of(), Layers.empty()));
            String story = o.path("story").asText(null);
            if (story != null) {
                gold.put(id, story);
            }
        });
        return new LabelledArticles(List.copyOf(articles), Map.copyOf(gold));
    }

    /** The first {@code n} articles (or all, when there are fewer) with their labels. */
    public LabelledArticles head(int n) {
        List<Article> first = articles.subList(0, Math.min(n, articles.size()));
        Map<String, String> labels = new LinkedHashMap<>();
        first.forEach(a -> {
            if (gold.containsKey(a.id())) {
                labels.put(a.id(), gold.get(a.id()));
            }
        });
        return new LabelledArticles(first, labels);
    }
}
