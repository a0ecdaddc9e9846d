package dev.parallax.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parallax.core.embed.Embedder;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddingCacheTest {
    /** A deterministic toy model: a text's vector is its length and first character, turned by {@code angle}. */
    private record Toy(double angle) implements Embedder {
        @Override
        public float[][] embed(List<String> texts) {
            return texts.stream().map(t -> {
                double x = t.length(), y = t.charAt(0);
                double c = Math.cos(angle), s = Math.sin(angle), n = Math.hypot(x, y);
                return new float[] {(float) ((c * x - s * y) / n), (float) ((s * x + c * y) / n)};
            }).toArray(float[][]::new);
        }

        @Override
        public int dimension() {
            return 2;
        }

        @Override
        public String name() {
            return "toy-" + angle;
        }
    }

    @Test
    void aFileKeepsOneModelsVectorsAndRefusesAnotherModel(@TempDir Path dir) {
        Path file = dir.resolve("toy.cache");
        EmbeddingCache first = new EmbeddingCache(new Toy(0), file);
        float[][] vectors = first.embed(List.of("alpha", "be"));
        first.save();

        // the same model reads the vectors back
        assertThat(new EmbeddingCache(new Toy(0), file).embed(List.of("alpha", "be"))).isDeepEqualTo(vectors);
        // another model (its vectors 0.2 rad away, cosine 0.980; float32 and int8 MiniLM give 0.993) is refused
        assertThatThrownBy(() -> new EmbeddingCache(new Toy(0.2), file)).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("another model's vectors");
    }
}
