package dev.parallax.core.story;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parallax.core.model.Article;
import dev.parallax.core.model.Layers;
import dev.parallax.core.model.Outlet;
import dev.parallax.core.model.Published;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Builds Articles from the shared seeds and article files for the clusterer's tests. */
final class TestArticles {
    private static final ObjectMapper JSON = new ObjectMapper();

    private TestArticles() {}

    static Path shared(String relative) {
        String root = System.getProperty("parallax.shared");
        if (root == null) {
            throw new IllegalStateException("system property parallax.shared is not set (surefire sets it)");
        }
        Path p = Path.of(root, relative);
        if (!Files.exists(p)) {
            throw new IllegalStateException("test data missing: " + p);
        }
        return p;
    }

    /** A seed text with its leading metadata line (" date ... caption") stripped. */
    static Article seed(String id, Published published) throws IOException {
        String raw = Files.readString(shared("seeds/" + id + ".txt"), StandardCharsets.UTF_8);
        String text = raw.strip().startsWith("date ") ? raw.substring(raw.indexOf('\n') + 1).strip() : raw.strip();
        return article(id, published, null, text);
    }

    static Article article(String id, Published published, String title, String text) {
        return new Article(id, "test", Outlet.UNKNOWN, published, null, title, text, text, List.of(), Layers.empty());
    }

    /** The first {@code n} records of a shared-data article file, in file (publication) order. */
    static List<Article> firstArticles(String relative, int n) throws IOException {
        List<Article> out = new ArrayList<>();
        for (String line : Files.readAllLines(shared(relative), StandardCharsets.UTF_8)) {
            if (out.size() == n) {
                break;
            }
            JsonNode o = JSON.readTree(line);
            String published = o.path("published").asText(null);
            out.add(article(o.get("id").asText(), published == null ? null : Published.parse(published),
                    o.path("title").asText(null), o.get("text").asText()));
        }
        return out;
    }
}
