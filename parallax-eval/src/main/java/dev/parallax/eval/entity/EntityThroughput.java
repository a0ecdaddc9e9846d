package dev.parallax.eval.entity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parallax.core.analysis.entity.EntityAnnotator;
import dev.parallax.core.analysis.entity.Mention;
import dev.parallax.core.model.Article;
import dev.parallax.core.model.Layers;
import dev.parallax.core.model.Outlet;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Measures {@link EntityAnnotator} on one thread: the first N bodies of an articles JSON Lines file, one warm-up pass,
 * then timed passes; prints articles per second. A benchmark command, not a test.
 *
 * <p>Usage: {@code EntityThroughput ARTICLES.jsonl [N=2000] [PASSES=3]}
 */
public final class EntityThroughput {
    private EntityThroughput() {}

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: EntityThroughput ARTICLES.jsonl [N=2000] [PASSES=3]");
            System.exit(2);
        }
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        int passes = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        List<Article> articles = new ArrayList<>(n);
        ObjectMapper json = new ObjectMapper();
        try (BufferedReader in = Files.newBufferedReader(Path.of(args[0]), StandardCharsets.UTF_8)) {
            for (String line; articles.size() < n && (line = in.readLine()) != null; ) {
                JsonNode o = json.readTree(line);
                String text = o.get("text").asText();
                articles.add(new Article(o.get("id").asText(), args[0], Outlet.UNKNOWN, null, null, null, text, text,
                        List.of(), Layers.empty()));
            }
        }
        EntityAnnotator annotator = new EntityAnnotator();
        long chars = articles.stream().mapToLong(a -> a.text().length()).sum();
        long mentions = 0;
        for (Article a : articles) {
            mentions += annotator.annotate(a).layer(Mention.LAYER).size();
        }
        long best = Long.MAX_VALUE;
        for (int p = 0; p < passes; p++) {
            long t0 = System.nanoTime();
            for (Article a : articles) {
                annotator.annotate(a);
            }
            best = Math.min(best, System.nanoTime() - t0);
        }
        double seconds = best / 1e9;
        System.out.printf("%d articles (%.1f chars on average), %d mentions: %.0f articles/s on one thread"
                + " (best of %d passes, %.3f s)%n", articles.size(), (double) chars / articles.size(), mentions,
                articles.size() / seconds, passes, seconds);
    }
}
