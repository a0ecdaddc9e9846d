package dev.parallax.core.dedup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parallax.core.model.Article;
import dev.parallax.core.model.Layers;
import dev.parallax.core.model.Outlet;
import dev.parallax.core.model.Published;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Real Reuters-21578 articles from ../shared/data, by id (test data; fails loudly when the dataset is missing). */
final class ReutersArticles {
    private ReutersArticles() {}

    static Map<String, Article> byId(Set<String> ids) throws IOException {
        String shared = System.getProperty("parallax.shared");
        if (shared == null) {
            throw new IllegalStateException("system property parallax.shared is not set (surefire sets it)");
        }
        Path file = Path.of(shared, "data", "bulk", "reuters21578.articles.jsonl");
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("Reuters-21578 is missing: expected " + file);
        }
        ObjectMapper json = new ObjectMapper();
        Map<String, Article> out = new HashMap<>();
        try (BufferedReader in = Files.newBufferedReader(file)) {
            String line;
            while ((line = in.readLine()) != null && out.size() < ids.size()) {
                JsonNode o = json.readTree(line);
                String id = o.get("id").asText();
                if (ids.contains(id)) {
                    out.put(id, article(id, "reuters", Published.parse(o.get("published").asText()),
                            o.get("text").asText()));
                }
            }
        }
        if (out.size() != ids.size()) {
            throw new IllegalStateException("Reuters-21578 lacks some of " + ids);
        }
        return out;
    }

    static Article article(String id, String outlet, Published published, String text) {
        return new Article(id, id, Outlet.of(outlet), published, null, null, text, text, List.of(), Layers.empty());
    }

    static List<String> paragraphs(Article a) {
        return List.of(a.text().split("\n\n"));
    }
}
