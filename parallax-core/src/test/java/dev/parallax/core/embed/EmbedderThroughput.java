package dev.parallax.core.embed;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Throughput benchmark (a main program, not a test): embeddings per second for headlines and for ~256-token
 * article bodies at several batch sizes. Run from parallax-core after {@code test-compile}:
 * {@code java -cp target/classes:target/test-classes:$(deps) -Dparallax.shared=../../shared dev.parallax.core.embed.EmbedderThroughput [--quantized]}
 */
public final class EmbedderThroughput {

    private EmbedderThroughput() {
    }

    public static void main(String[] args) throws IOException {
        OnnxEmbedder.Model model = List.of(args).contains("--quantized")
                ? OnnxEmbedder.Model.MINILM_L6_V2_Q : OnnxEmbedder.Model.MINILM_L6_V2;
        List<String> headlines = new ArrayList<>();
        List<String> bodies = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        try (BufferedReader in = Files.newBufferedReader(SharedPairs.data("uci/uci-6366.articles.jsonl"))) {
            for (String line; headlines.size() < 512 && (line = in.readLine()) != null; ) {
                headlines.add(json.readTree(line).get("title").asText());
            }
        }
        try (BufferedReader in = Files.newBufferedReader(SharedPairs.data("bulk/bbc.articles.jsonl"))) {
            for (String line; bodies.size() < 128 && (line = in.readLine()) != null; ) {
                bodies.add(json.readTree(line).get("text").asText());
            }
        }
        System.out.printf("model %s, %d cores%n", model, Runtime.getRuntime().availableProcessors());
        for (int batch : new int[] {1, 16, 64}) {
            try (OnnxEmbedder embedder = OnnxEmbedder.builder().model(model).batchSize(batch).build()) {
                measure(embedder, "headlines", headlines, batch);
                measure(embedder, "256-token bodies", bodies, batch);
            }
        }
    }

    private static void measure(OnnxEmbedder embedder, String label, List<String> texts, int batch) {
        double tokens = texts.stream().mapToInt(embedder::tokenCount).average().orElseThrow();
        embedder.embed(texts.subList(0, Math.min(texts.size(), 64))); // warm-up
        long start = System.nanoTime();
        embedder.embed(texts);
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "batch %3d  %-17s %4d texts, %5.1f tokens avg: %7.1f embeddings/s%n",
                batch, label, texts.size(), tokens, texts.size() / seconds);
    }
}
