package dev.parallax.eval;

import dev.parallax.core.embed.Embedder;
import dev.parallax.core.embed.ForwardingEmbedder;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An {@link Embedder} that remembers every vector it returns in a file, so that the story clustering tool, run again
 * and again on the same labelled sets, pays for the model once. Keyed by the exact input text, so a cached vector is
 * the one the model gives, as long as the file is only ever used with one model ({@link #in} names the file after
 * it). A developer convenience for refitting and ablating the story model ({@code parallax eval clustering --fit …
 * --embedding-cache DIR}); the pipeline never uses it.
 */
public final class EmbeddingCache extends ForwardingEmbedder {
    private final Path file;
    private final Map<String, float[]> vectors = new ConcurrentHashMap<>();
    private final List<String> added = java.util.Collections.synchronizedList(new ArrayList<>());

    /**
     * @throws UncheckedIOException when the file holds another model's vectors: its first text, embedded again, does
     *     not give the vector stored for it (one model's vectors of a text agree to rounding; float32 and int8 MiniLM
     *     give 0.993 for the first text of the Helsinki story), so vectors of two models are never mixed in one file
     */
    public EmbeddingCache(Embedder model, Path file) {
        super(model);
        this.file = file;
        String first = null;
        if (Files.exists(file)) {
            try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
                while (true) {
                    String text;
                    try {
                        text = in.readUTF();
                    } catch (EOFException end) {
                        break;
                    }
                    float[] v = new float[in.readInt()];
                    for (int i = 0; i < v.length; i++) {
                        v[i] = in.readFloat();
                    }
                    vectors.put(text, v);
                    first = first == null ? text : first;
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read embedding cache " + file + ": " + e.getMessage(), e);
            }
        }
        if (first != null) {
            float[] stored = vectors.get(first), fresh = model.embed(List.of(first))[0];
            double cosine = stored.length == fresh.length ? Embedder.cosine(stored, fresh) : 0;
            if (cosine < SAME_MODEL) {
                throw new UncheckedIOException(new IOException("embedding cache " + file + " holds another model's"
                        + " vectors (cosine " + String.format(java.util.Locale.ROOT, "%.4f", cosine)
                        + " with this one's): use one file per embedder"));
            }
        }
    }

    /** Least cosine between a stored vector and the model's vector of the same text for the file to be the model's. */
    static final double SAME_MODEL = 0.9999;

    /** The cache of {@code model}'s vectors in directory {@code dir}: file {@code NAME.vectors}, after its name. */
    public static EmbeddingCache in(Path dir, Embedder model) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create embedding cache directory " + dir + ": " + e.getMessage(), e);
        }
        return new EmbeddingCache(model, dir.resolve(model.name() + ".vectors"));
    }

    @Override
    public float[][] embed(List<String> texts) {
        float[][] out = new float[texts.size()][];
        for (int i = 0; i < texts.size(); i++) {
            String t = texts.get(i);
            float[] v = vectors.get(t);
            if (v == null) {
                v = inner.embed(List.of(t))[0];
                if (vectors.putIfAbsent(t, v) == null) {
                    added.add(t);
                }
            }
            out[i] = v;
        }
        return out;
    }

    /** Appends the vectors computed since the cache was opened to its file. */
    public void save() {
        if (added.isEmpty()) {
            return;
        }
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file,
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND)))) {
            for (String t : added) {
                // writeUTF takes at most 65,535 bytes: longer inputs (never a headline+lead) are simply not cached
                if (t.length() > 16_000) {
                    continue;
                }
                float[] v = vectors.get(t);
                out.writeUTF(t);
                out.writeInt(v.length);
                for (float x : v) {
                    out.writeFloat(x);
                }
            }
            added.clear();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write embedding cache " + file + ": " + e.getMessage(), e);
        }
    }
}
