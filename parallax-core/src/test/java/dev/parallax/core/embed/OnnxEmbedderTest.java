package dev.parallax.core.embed;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.bgesmallenv15q.BgeSmallEnV15QuantizedEmbeddingModel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class OnnxEmbedderTest {

    private static OnnxEmbedder embedder;

    @BeforeAll
    static void load() {
        embedder = OnnxEmbedder.builder().batchSize(8).build();
    }

    @AfterAll
    static void close() {
        embedder.close();
    }

    private static List<String> shortRealSentences() {
        List<String> texts = new ArrayList<>();
        for (SharedPairs.Pair p : SharedPairs.mrpcTrain(20)) {
            texts.add(p.a());
            texts.add(p.b());
        }
        // LangChain4j's wrapper cuts at 128 tokens, so the comparison is only meaningful below that.
        assertThat(texts).allSatisfy(t -> assertThat(embedder.tokenCount(t)).isLessThan(128));
        return texts;
    }

    private static void assertMatches(float[][] ours, List<String> texts, EmbeddingModel reference) {
        for (int i = 0; i < texts.size(); i++) {
            float[] theirs = reference.embed(texts.get(i)).content().vector();
            assertThat(Embedder.cosine(ours[i], theirs)).as(texts.get(i)).isGreaterThanOrEqualTo(0.999);
        }
    }

    @Test
    void matchesLangChain4jOnShortRealSentences() {
        List<String> texts = shortRealSentences();
        assertMatches(embedder.embed(texts), texts, new AllMiniLmL6V2EmbeddingModel());
    }

    @Test
    void quantizedModelMatchesLangChain4jsQuantizedModel() {
        List<String> texts = shortRealSentences();
        try (OnnxEmbedder quantized = OnnxEmbedder.builder().model(OnnxEmbedder.Model.MINILM_L6_V2_Q).build()) {
            assertThat(quantized.dimension()).isEqualTo(384);
            assertMatches(quantized.embed(texts), texts, new AllMiniLmL6V2QuantizedEmbeddingModel());
        }
    }

    @Test
    void bgeModelMatchesLangChain4jsWithClsPooling() {
        List<String> texts = shortRealSentences();
        try (OnnxEmbedder bge = OnnxEmbedder.builder().model(OnnxEmbedder.Model.BGE_SMALL_EN_V15_Q).build()) {
            assertThat(bge.dimension()).isEqualTo(384);
            float[][] ours = bge.embed(texts);
            assertMatches(ours, texts, new BgeSmallEnV15QuantizedEmbeddingModel());
            // The token pass pools the same way (the reference match above fails under mean pooling).
            OnnxEmbedder.TokenEmbedding first = bge.embedTokens(List.of(texts.getFirst())).getFirst();
            assertThat(first.sentence()).isEqualTo(ours[0]);
        }
    }

    @Test
    void vectorsAreUnitLengthWithTheModelsDimension() {
        float[][] v = embedder.embed(List.of("The central bank raised interest rates.", "Rain is expected on Tuesday."));
        assertThat(embedder.dimension()).isEqualTo(384);
        for (float[] row : v) {
            assertThat(row).hasSize(384);
            double norm = 0;
            for (float x : row) {
                norm += x * x;
            }
            assertThat(Math.sqrt(norm)).isCloseTo(1.0, within(1e-4));
        }
    }

    @Test
    void paraphrasesAreCloserThanUnrelatedSentences() {
        List<SharedPairs.Pair> paraphrases = SharedPairs.mrpcTrain(60).stream().filter(p -> p.label() == 1).toList();
        List<String> a = paraphrases.stream().map(SharedPairs.Pair::a).toList();
        List<String> b = paraphrases.stream().map(SharedPairs.Pair::b).toList();
        float[][] va = embedder.embed(a);
        float[][] vb = embedder.embed(b);
        int closer = 0;
        for (int i = 0; i < va.length; i++) {
            double own = Embedder.cosine(va[i], vb[i]);
            double other = Embedder.cosine(va[i], vb[(i + 1) % vb.length]);
            if (own > other) {
                closer++;
            }
        }
        assertThat(paraphrases).hasSizeGreaterThan(30);
        assertThat(closer).isEqualTo(va.length);
    }

    @Test
    void batchingAndOrderDoNotChangeVectors() {
        List<String> texts = new ArrayList<>();
        for (SharedPairs.Pair p : SharedPairs.mrpcTrain(10)) {
            texts.add(p.a());
        }
        texts.add(SharedPairs.longArticle());
        float[][] batched = embedder.embed(texts);
        for (int i = 0; i < texts.size(); i++) {
            float[] alone = embedder.embed(List.of(texts.get(i)))[0];
            assertThat(Embedder.cosine(alone, batched[i])).isGreaterThan(0.9999);
        }
    }

    @Test
    void tokenEmbeddingsCarryTheWordPiecesAndTheSameSentenceVector() {
        List<String> texts = new ArrayList<>();
        for (SharedPairs.Pair p : SharedPairs.mrpcTrain(5)) {
            texts.add(p.a());
        }
        float[][] sentences = embedder.embed(texts);
        List<OnnxEmbedder.TokenEmbedding> tokens = embedder.embedTokens(texts);
        for (int i = 0; i < texts.size(); i++) {
            OnnxEmbedder.TokenEmbedding t = tokens.get(i);
            assertThat(Embedder.cosine(t.sentence(), sentences[i])).isGreaterThan(0.9999);
            // [CLS] and [SEP] are left out: two fewer than the model saw.
            assertThat(t.tokens()).hasSize(embedder.tokenCount(texts.get(i)) - 2).doesNotContain("[CLS]", "[SEP]");
            assertThat(t.vectors().length).isEqualTo(t.tokens().size());
            assertThat(t.vectors()[0]).hasSize(embedder.dimension());
        }
        // First MRPC train sentence: "Amrozi accused his brother , whom he called " the witness " , ..."
        assertThat(tokens.getFirst().tokens().subList(0, 3)).containsExactly("am", "##ro", "##zi");
        // The same word in two contexts: similar but not identical vectors (they are contextual).
        List<OnnxEmbedder.TokenEmbedding> banks = embedder.embedTokens(List.of("The bank raised interest rates.",
                "They walked along the river bank."));
        float[] money = banks.get(0).vectors()[banks.get(0).tokens().indexOf("bank")];
        float[] river = banks.get(1).vectors()[banks.get(1).tokens().indexOf("bank")];
        assertThat(Embedder.cosine(money, river)).isBetween(0.2, 0.95);
    }

    @Test
    void longTextsAreCutAtTheTokenCap() {
        String article = SharedPairs.longArticle();
        assertThat(embedder.maxTokens()).isEqualTo(256);
        assertThat(embedder.tokenCount(article)).isEqualTo(256);
        try (OnnxEmbedder short128 = OnnxEmbedder.builder().maxTokens(128).build()) {
            assertThat(short128.tokenCount(article)).isEqualTo(128);
            float[] at128 = short128.embed(List.of(article))[0];
            float[] at256 = embedder.embed(List.of(article))[0];
            // Same model, different amount of text seen: related but not the same vector.
            assertThat(Embedder.cosine(at128, at256)).isBetween(0.5, 0.999);
            String sentence = "Quarterly profits at US media giant TimeWarner jumped 76%.";
            assertThat(Embedder.cosine(short128.embed(List.of(sentence))[0], embedder.embed(List.of(sentence))[0]))
                    .isGreaterThan(0.9999);
        }
    }

    @Test
    void cacheReturnsTheSameVectorsAsAFreshRun() {
        List<String> texts = List.of("Shares fell sharply in Tokyo.", "The minister resigned on Friday.", "Shares fell sharply in Tokyo.");
        try (OnnxEmbedder cached = OnnxEmbedder.builder().cacheSize(2).build()) {
            float[][] first = cached.embed(texts);
            float[][] second = cached.embed(texts);
            float[][] fresh = embedder.embed(texts);
            for (int i = 0; i < texts.size(); i++) {
                assertThat(second[i]).containsExactly(first[i]);
                assertThat(Embedder.cosine(first[i], fresh[i])).isGreaterThan(0.9999);
            }
            second[0][0] = 42f; // callers own the arrays they get: mutating one must not poison the cache
            assertThat(cached.embed(List.of(texts.get(0)))[0]).containsExactly(first[0]);
        }
    }

    @Test
    void aTextRepeatedInOneCallGetsItsOwnCopyOfTheVectorItGetsAlone() {
        List<String> texts = List.of("Shares fell sharply in Tokyo.", "The minister resigned on Friday.",
                "Shares fell sharply in Tokyo.", "The minister resigned on Friday.", "Shares fell sharply in Tokyo.");
        float[][] vectors = embedder.embed(texts);
        float[] alone = embedder.embed(List.of(texts.get(0)))[0];
        for (int i : new int[] {0, 2, 4}) {
            assertThat(Embedder.cosine(alone, vectors[i])).isGreaterThan(0.9999);
            assertThat(vectors[i]).containsExactly(vectors[0]);
        }
        assertThat(vectors[3]).containsExactly(vectors[1]);
        vectors[2][0] = 42f; // each caller's slot is its own array
        assertThat(vectors[4][0]).isEqualTo(vectors[0][0]).isNotEqualTo(42f);
    }

    @Test
    void concurrentCallersGetTheSameVectorsAsSequentialOnes() throws Exception {
        List<String> texts = SharedPairs.mrpcTrain(12).stream().map(SharedPairs.Pair::b).toList();
        float[][] sequential = embedder.embed(texts);
        try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
            List<Future<float[][]>> runs = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                runs.add(pool.submit(() -> embedder.embed(texts)));
            }
            for (Future<float[][]> run : runs) {
                float[][] v = run.get();
                for (int i = 0; i < texts.size(); i++) {
                    assertThat(Embedder.cosine(v[i], sequential[i])).isGreaterThan(0.9999);
                }
            }
        }
    }

    @Test
    void emptyInputGivesNoVectors() {
        assertThat(embedder.embed(List.of())).isEmpty();
    }

    @Test
    void missingModelIsAOneLineError() {
        assertThatThrownBy(() -> OnnxEmbedder.builder().model("/no-such-model.onnx", "/no-such-tokenizer.json", OnnxEmbedder.Pooling.MEAN).build())
                .isInstanceOf(EmbeddingException.class)
                .hasMessage("Embedding resource /no-such-model.onnx is not on the classpath");
        assertThatThrownBy(() -> OnnxEmbedder.builder().maxTokens(1000))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("between 2 and 512");
        assertThatThrownBy(() -> OnnxEmbedder.builder().batchTokens(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("batchTokens must be at least 1");
    }

    /** A token cap only changes how texts are grouped into model calls, never a vector. */
    @Test
    void batchTokenCapKeepsTheVectors() {
        List<String> texts = shortRealSentences();
        try (OnnxEmbedder capped = OnnxEmbedder.builder().batchSize(16).batchTokens(40).build()) {
            float[][] ours = capped.embed(texts);
            float[][] reference = embedder.embed(texts);
            for (int i = 0; i < texts.size(); i++) {
                assertThat(Embedder.cosine(ours[i], reference[i])).as(texts.get(i)).isGreaterThan(0.9999);
            }
        }
    }
}
