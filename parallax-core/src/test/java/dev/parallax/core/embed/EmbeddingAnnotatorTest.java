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

    /**
     * A stored vector of another embedder (a store written when the pipeline embedded with float32 MiniLM) is made
     * again by this one before placement compares it; one of this embedder is kept as stored.
     */
    @Test
    void aStoredVectorOfAnotherEmbedderIsMadeAgainAndOneOfThisEmbedderIsKept() throws IOException {
        Article article = new SentenceSplitter().annotate(read("ecbplus/ecbplus-dev.articles.jsonl", 1).get(0));
        try (OnnxEmbedder reference = OnnxEmbedder.builder().intraOpThreads(1).build();
             OnnxEmbedder quantized = OnnxEmbedder.builder().model(OnnxEmbedder.Model.MINILM_L6_V2_Q)
                     .intraOpThreads(1).build()) {
            EmbeddingAnnotator current = new EmbeddingAnnotator(quantized);
            Article stored = new EmbeddingAnnotator(reference).annotate(article);
            assertThat(stored.layer(Embedding.LAYER).get(0).model()).isEqualTo("minilm");

            Article again = current.current(stored);
            assertThat(again.layer(Embedding.LAYER)).isEqualTo(current.annotate(article).layer(Embedding.LAYER))
                    .isNotEqualTo(stored.layer(Embedding.LAYER));
            assertThat(again.layer(Embedding.LAYER).get(0).model()).isEqualTo("minilm-q");
            assertThat(current.current(again)).isSameAs(again);
        }
    }

    /** The names stored vectors carry are the command line's names of the embedders. */
    @Test
    void everyShippedEmbedderIsNamedByItsCommandLineLabel() {
        for (EmbedderChoice choice : EmbedderChoice.values()) {
            try (Embedder e = choice.open(1)) {
                assertThat(e.name()).isEqualTo(choice.label());
            }
        }
        try (OnnxEmbedder capped = OnnxEmbedder.builder().model(OnnxEmbedder.Model.MINILM_L6_V2_Q).maxTokens(64)
                .intraOpThreads(1).build()) {
            assertThat(capped.name()).isEqualTo("minilm-q-64");
        }
    }

    /** Layers stored before vectors named their embedder were all made by float32 MiniLM, the only one then. */
    @Test
    void aStoredLayerWithoutItsEmbedderReadsAsFloat32MiniLm() throws IOException {
        Embedding old = JSON.readValue("{\"start\":0,\"end\":4,\"vector\":\"f4E=\"}", Embedding.class);
        assertThat(old.model()).isEqualTo("minilm");
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
