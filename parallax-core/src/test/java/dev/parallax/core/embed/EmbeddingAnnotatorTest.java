package dev.parallax.core.embed;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parallax.core.analysis.SentenceSplitter;
import dev.parallax.core.model.Article;
import dev.parallax.core.model.Layers;
import dev.parallax.core.model.Outlet;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EmbeddingAnnotatorTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Batching is only a speed-up: the stored int8 vectors must be those of embedding each article alone. */
    @Test
    void batchOfHeadlinesAndFullArticlesStoresTheVectorsOfOneAtATime() throws IOException {
        List<Article> articles = new ArrayList<>(read("uci/uci-6366.articles.jsonl", 40));
        articles.addAll(read("ecbplus/ecbplus-dev.articles.jsonl", 12));
        SentenceSplitter sentences = new SentenceSplitter();
        articles.replaceAll(sentences::annotate);
        try (OnnxEmbedder single = OnnxEmbedder.builder().intraOpThreads(1).batchSize(1).build();
             OnnxEmbedder batched = OnnxEmbedder.builder().intraOpThreads(1).batchSize(16).build()) {
            List<Article> together = new EmbeddingAnnotator(batched).annotateAll(articles);
            EmbeddingAnnotator alone = new EmbeddingAnnotator(single);
            assertThat(together).hasSameSizeAs(articles);
            for (int i = 0; i < articles.size(); i++) {
                Article expected = alone.annotate(articles.get(i));
                assertThat(together.get(i).id()).isEqualTo(expected.id());
                assertThat(together.get(i).layer(Embedding.LAYER)).as(expected.title())
                        .hasSize(1).isEqualTo(expected.layer(Embedding.LAYER));
            }
        }
    }

    private static List<Article> read(String relative, int n) throws IOException {
        Path file = Path.of(System.getProperty("parallax.shared"), "data", relative);
        List<Article> out = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8).subList(0, n)) {
            JsonNode o = JSON.readTree(line);
            String text = o.get("text").asText();
            out.add(new Article(o.get("id").asText(), "test", Outlet.UNKNOWN, null, null,
                    o.path("title").asText(null), text, text, List.of(), Layers.empty()));
        }
        return out;
    }
}
