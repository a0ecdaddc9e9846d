package dev.parallax.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.parallax.core.brief.Brief;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A brief stored whole as JSON (the form docs/brief.md documents) by schema V4, still read until it is rebuilt and stored
 * in parts ({@link BriefParts}); and unit vectors as float32 blobs.
 */
final class BriefCodec {
    private final ObjectMapper mapper = new ObjectMapper();
    private final ObjectReader reader = mapper.readerFor(Brief.class);

    Brief brief(String json, String storyId) {
        try {
            return reader.readValue(json);
        } catch (JsonProcessingException e) {
            throw new StoreException("the stored brief of story '" + storyId + "' is unreadable: "
                    + e.getOriginalMessage());
        }
    }

    /** Exact float32 values: a brief built from stored vectors equals one built from freshly embedded ones. */
    static byte[] blob(float[][] vectors) {
        int dim = vectors.length == 0 ? 0 : vectors[0].length;
        ByteBuffer b = ByteBuffer.allocate(vectors.length * dim * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (float[] v : vectors) {
            if (v.length != dim) {
                throw new IllegalArgumentException("unit vectors of different dimensions: " + dim + " and " + v.length);
            }
            b.asFloatBuffer().put(v);
            b.position(b.position() + dim * Float.BYTES);
        }
        return b.array();
    }

    static float[][] vectors(byte[] blob, int units) {
        ByteBuffer b = ByteBuffer.wrap(blob).order(ByteOrder.LITTLE_ENDIAN);
        int dim = units == 0 ? 0 : blob.length / Float.BYTES / units;
        float[][] out = new float[units][dim];
        for (float[] v : out) {
            b.asFloatBuffer().get(v);
            b.position(b.position() + dim * Float.BYTES);
        }
        return out;
    }
}
