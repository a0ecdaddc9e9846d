package dev.parallax.core.embed;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class StaticEmbedderTest {
    private static StaticEmbedder fast;
    private static OnnxEmbedder miniLm;

    @BeforeAll
    static void load() {
        fast = StaticEmbedder.miniLm();
        miniLm = OnnxEmbedder.builder().batchSize(16).build();
    }

    @AfterAll
    static void close() {
        fast.close();
        miniLm.close();
    }

    private static double pearson(double[] x, double[] y) {
        double mx = 0, my = 0;
        for (int i = 0; i < x.length; i++) {
            mx += x[i] / x.length;
            my += y[i] / y.length;
        }
        double sxy = 0, sxx = 0, syy = 0;
        for (int i = 0; i < x.length; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }
        return sxy / Math.sqrt(sxx * syy);
    }

    /** The cosine of each MRPC pair under both embedders: the static one must order pairs much as MiniLM does. */
    @Test
    void pairCosinesFollowMiniLmOnRealSentencePairs() {
        List<SharedPairs.Pair> pairs = SharedPairs.mrpcTrain(200);
        List<String> a = pairs.stream().map(SharedPairs.Pair::a).toList();
        List<String> b = pairs.stream().map(SharedPairs.Pair::b).toList();
        float[][] fa = fast.embed(a), fb = fast.embed(b), ma = miniLm.embed(a), mb = miniLm.embed(b);
        double[] fastCos = new double[pairs.size()], miniCos = new double[pairs.size()];
        for (int i = 0; i < pairs.size(); i++) {
            fastCos[i] = Embedder.cosine(fa[i], fb[i]);
            miniCos[i] = Embedder.cosine(ma[i], mb[i]);
        }
        // 0.68 with the shipped table; a broken or shuffled table gives about 0
        assertThat(pearson(fastCos, miniCos)).isGreaterThan(0.6);
    }

    /**
     * The table is MiniLM's own geometry for single words (what was distilled): cosines between the static vectors of
     * words correlate closely with MiniLM's cosines between the same one-word texts.
     */
    @Test
    void wordGeometryIsMiniLms() {
        List<String> words = List.of("bank", "finance", "money", "loan", "river", "water", "flood", "storm",
                "election", "vote", "senate", "president", "football", "match", "goal", "striker", "earthquake",
                "tsunami", "hospital", "doctor", "vaccine", "virus", "oil", "gas", "price", "market", "police",
                "arrest", "court", "judge");
        float[][] f = fast.embed(words), m = miniLm.embed(words);
        List<Double> fs = new ArrayList<>(), ms = new ArrayList<>();
        for (int i = 0; i < words.size(); i++) {
            for (int j = i + 1; j < words.size(); j++) {
                fs.add(Embedder.cosine(f[i], f[j]));
                ms.add(Embedder.cosine(m[i], m[j]));
            }
        }
        assertThat(pearson(fs.stream().mapToDouble(Double::doubleValue).toArray(),
                ms.stream().mapToDouble(Double::doubleValue).toArray())).isGreaterThan(0.9);
    }

    @Test
    void sameEventHeadlinesAreCloserThanDifferentEvents() {
        float[][] v = fast.embed(List.of(
                "Fed official says weak data caused by weather, should not slow taper",
                "Fed's Plosser sees high bar for change in pace of tapering",
                "Malaysia Airlines flight vanishes over the South China Sea"));
        assertThat(Embedder.cosine(v[0], v[1])).isGreaterThan(Embedder.cosine(v[0], v[2]) + 0.1);
    }

    @Test
    void vectorsAreUnitLengthAndTextsWithoutWordPiecesAreZero() {
        float[][] v = fast.embed(List.of("Oil prices fell on Monday.", "", "   "));
        assertThat(fast.dimension()).isEqualTo(128);
        double norm = 0;
        for (float x : v[0]) {
            norm += x * x;
        }
        assertThat(Math.sqrt(norm)).isCloseTo(1.0, within(1e-4));
        assertThat(v[1]).containsOnly(0f).hasSize(128);
        assertThat(Embedder.cosine(v[0], v[2])).isZero();
    }

    @Test
    void badInputFailsWithAClearMessage(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        List<String> withNull = new ArrayList<>(List.of("Oil prices fell."));
        withNull.add(null);
        assertThatThrownBy(() -> fast.embed(withNull)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Text 1 of 2 is null");
        Path notATable = dir.resolve("table.bin.gz");
        java.nio.file.Files.writeString(notATable, "not a table");
        assertThatThrownBy(() -> StaticEmbedder.read(notATable)).isInstanceOf(EmbeddingException.class)
                .hasMessageStartingWith("Cannot read static embedding table " + notATable);
    }

    @Test
    void writtenTableReadsBackToTheSameVectors(@org.junit.jupiter.api.io.TempDir Path dir) {
        Path copy = dir.resolve("copy.bin.gz");
        fast.write(copy);
        try (StaticEmbedder again = StaticEmbedder.read(copy)) {
            List<String> texts = List.of("Oil prices fell on Monday.", "Storm floods the river valley");
            float[][] a = fast.embed(texts), b = again.embed(texts);
            for (int i = 0; i < texts.size(); i++) {
                assertThat(Embedder.cosine(a[i], b[i])).isGreaterThan(0.9999);
            }
        }
    }
}
