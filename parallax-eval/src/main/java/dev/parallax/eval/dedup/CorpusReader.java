package dev.parallax.eval.dedup;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parallax.core.model.Article;
import dev.parallax.core.model.Layers;
import dev.parallax.core.model.Outlet;
import dev.parallax.core.model.Published;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads an articles JSON Lines file (shared/data format A) into articles whose clean text is the given text. */
final class CorpusReader {
    private static final ObjectMapper JSON = new ObjectMapper();

    private CorpusReader() {}

    static List<Article> read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(
                    "no articles file at " + file + " (expected JSON Lines, one article a line)");
        }
        List<Article> out = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file)) {
            String line;
            int n = 0;
            while ((line = in.readLine()) != null) {
                n++;
                if (line.isBlank()) {
                    continue;
                }
                JsonNode o;
                try {
                    o = JSON.readTree(line);
                } catch (JsonProcessingException e) {
                    throw new IllegalArgumentException(
                            file + ":" + n + ": not a JSON object: " + e.getOriginalMessage());
                }
                if (!o.path("id").isTextual() || !o.path("text").isTextual()) {
                    throw new IllegalArgumentException(file + ":" + n + ": an article needs string 'id' and 'text'");
                }
                String published = o.path("published").isTextual() ? o.get("published").asText() : null;
                out.add(article(o.get("id").asText(), o.path("source").isTextual() ? o.get("source").asText() : null,
                        published == null ? null : Published.parse(published),
                        o.path("title").isTextual() ? o.get("title").asText() : null, o.get("text").asText()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return out;
    }

    static Article article(String id, String outlet, Published published, String title, String text) {
        return new Article(id, id, Outlet.of(outlet), published, null, title, text, text, List.of(), Layers.empty());
    }
}
