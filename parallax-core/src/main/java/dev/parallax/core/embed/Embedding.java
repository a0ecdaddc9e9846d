package dev.parallax.core.embed;

import dev.parallax.core.model.LayerKey;
import dev.parallax.core.model.Spanned;
import java.util.Base64;

/**
 * The sentence embedding of an article's headline and lead, as a one-span layer over the lead it covers. Stored
 * compactly: each component of the unit vector scaled by 127 and rounded to a signed byte, base64-encoded (512
 * characters for MiniLM's 384 dimensions instead of ~3 KB of JSON floats). The rounding error is below 1/254 per
 * component, which moves cosines between unit vectors by less than 0.005.
 *
 * @param start start of the embedded lead in the clean text
 * @param end end of the embedded lead in the clean text
 * @param vector the int8 components, base64
 * @param model the embedder that made it ({@link Embedder#name}): the clusterer compares vectors of one embedder
 *     only, so a stored vector of another one is re-made before it is used ({@link EmbeddingAnnotator#current})
 */
public record Embedding(int start, int end, String vector, String model) implements Spanned {
    public static final LayerKey<Embedding> LAYER = new LayerKey<>("embedding", Embedding.class);
    /** The embedder of the layers stored before they named one: float32 MiniLM, then the pipeline's only one. */
    static final String UNNAMED_MODEL = "minilm";

    public Embedding {
        if (model == null) {
            model = UNNAMED_MODEL;
        }
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("bad span [" + start + ", " + end + ")");
        }
        if (vector == null || vector.isEmpty()) {
            throw new IllegalArgumentException("an embedding needs a vector");
        }
    }

    /** Quantizes a unit vector made by {@code model}. */
    public static Embedding of(int start, int end, float[] unit, String model) {
        byte[] b = new byte[unit.length];
        for (int i = 0; i < unit.length; i++) {
            b[i] = (byte) Math.max(-127, Math.min(127, Math.round(unit[i] * 127f)));
        }
        return new Embedding(start, end, Base64.getEncoder().encodeToString(b), model);
    }

    /** The int8 components as stored: the unit vector times 127, rounded. */
    public byte[] quantized() {
        return Base64.getDecoder().decode(vector);
    }

    /** The vector back as floats, renormalised to unit length. */
    public float[] values() {
        byte[] b = quantized();
        float[] v = new float[b.length];
        double norm = 0;
        for (int i = 0; i < b.length; i++) {
            v[i] = b[i];
            norm += v[i] * v[i];
        }
        float inv = norm == 0 ? 0 : (float) (1 / Math.sqrt(norm));
        for (int i = 0; i < v.length; i++) {
            v[i] *= inv;
        }
        return v;
    }
}
