package dev.parallax.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.parallax.core.model.LayerKey;
import dev.parallax.core.model.Removal;
import dev.parallax.core.model.Spanned;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * JSON for what an article row holds beyond plain columns: its removals, and each layer as the list of its span
 * records. A layer is read back as the class named in its row, and only a concrete {@link Spanned} class under
 * {@code dev.parallax} is ever loaded, so a tampered file cannot make the store instantiate arbitrary classes.
 */
final class LayerCodec {
    private static final String TRUSTED_PACKAGE = "dev.parallax.";

    private final ObjectMapper mapper = new ObjectMapper();
    private final ObjectWriter writer = mapper.writer();
    private final ObjectReader removalsReader =
            mapper.readerFor(mapper.getTypeFactory().constructCollectionType(List.class, Removal.class));
    /** Span class name to the reader of a list of it; only trusted classes get here. */
    private final Map<String, Decoder> decoders = new ConcurrentHashMap<>();

    private record Decoder(Class<? extends Spanned> type, ObjectReader reader) {}

    String removals(List<Removal> removals) {
        return write(removals, "removals");
    }

    List<Removal> removals(String json, String articleId) {
        try {
            return removalsReader.readValue(json);
        } catch (JsonProcessingException e) {
            throw new StoreException("the stored removals of article '" + articleId + "' are unreadable: "
                    + e.getOriginalMessage());
        }
    }

    /** The layer's spans as JSON, after checking that its span type can be read back. */
    String spans(LayerKey<?> key, List<?> spans) {
        checkType("layer '" + key.name() + "'", key.type());
        return write(spans, "layer '" + key.name() + "'");
    }

    /** The layer a row holds, with its key rebuilt from the stored name and span class. */
    LoadedLayer layer(String articleId, String name, String typeName, String json) {
        Decoder d = decoders.computeIfAbsent(typeName, t -> decoder(articleId, name, t));
        try {
            List<? extends Spanned> spans = d.reader().readValue(json);
            return new LoadedLayer(new LayerKey<>(name, d.type()), spans);
        } catch (JsonProcessingException e) {
            throw new StoreException("layer '" + name + "' of article '" + articleId + "' does not read as "
                    + typeName + ": " + e.getOriginalMessage());
        }
    }

    record LoadedLayer(LayerKey<? extends Spanned> key, List<? extends Spanned> spans) {}

    private Decoder decoder(String articleId, String name, String typeName) {
        String where = "layer '" + name + "' of article '" + articleId + "'";
        // Checked before loading so that no foreign class is even initialised.
        if (!typeName.startsWith(TRUSTED_PACKAGE)) {
            throw new StoreException(where + " names span type " + typeName + ", which is outside "
                    + TRUSTED_PACKAGE + "*: refusing to load it (the file was not written by Parallax or was altered)");
        }
        Class<?> c;
        try {
            c = Class.forName(typeName, false, LayerCodec.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new StoreException(where + " needs span type " + typeName
                    + ", which this Parallax does not have: use the version that wrote it");
        }
        Class<? extends Spanned> type = checkType(where, c);
        return new Decoder(type, mapper.readerFor(mapper.getTypeFactory().constructCollectionType(List.class, type)));
    }

    private static Class<? extends Spanned> checkType(String layer, Class<?> c) {
        if (!Spanned.class.isAssignableFrom(c) || c.isInterface() || Modifier.isAbstract(c.getModifiers())
                || !c.getName().startsWith(TRUSTED_PACKAGE)) {
            throw new StoreException(layer + " has span type " + c.getName() + ", but a stored layer needs a"
                    + " concrete Spanned class under " + TRUSTED_PACKAGE + "*");
        }
        return c.asSubclass(Spanned.class);
    }

    private String write(Object value, String what) {
        try {
            return writer.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new StoreException(what + " cannot be written as JSON: " + e.getOriginalMessage());
        }
    }
}
