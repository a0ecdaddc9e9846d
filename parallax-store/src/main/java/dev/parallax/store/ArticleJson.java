package dev.parallax.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parallax.core.model.Article;
import dev.parallax.core.model.LayerKey;
import dev.parallax.core.model.Layers;
import dev.parallax.core.model.Outlet;
import dev.parallax.core.model.Published;
import dev.parallax.core.model.Spanned;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * An analysed article, layers and all, as one JSON document: how the executors of a Spark job hand articles to the
 * driver that places them, and what {@code parallax spark --articles DIR} writes. Layers go through the store's own
 * codec, so what can be stored can be sent, and only span types under {@code dev.parallax} are read back. Lossless:
 * reading what was written gives an equal article.
 */
public final class ArticleJson {
    private final ObjectMapper mapper = new ObjectMapper();
    private final LayerCodec codec = new LayerCodec();

    public String write(Article article) {
        ObjectNode root = mapper.createObjectNode();
        root.put("id", article.id());
        root.put("origin", article.origin());
        root.put("outlet", article.outlet().name());
        Published p = article.published();
        if (p != null) {
            ObjectNode published = root.putObject("published");
            published.put("seconds", p.instant().getEpochSecond());
            published.put("nanos", p.instant().getNano());
            published.put("date", p.date().toString());
            published.put("dateOnly", p.dateOnly());
        }
        root.put("url", article.url());
        root.put("title", article.title());
        root.put("text", article.text());
        root.put("rawText", article.rawText());
        root.put("removals", codec.removals(article.removals()));
        ArrayNode layers = root.putArray("layers");
        for (LayerKey<?> key : article.layers().keys()) {
            layers.addObject().put("name", key.name()).put("type", key.type().getName())
                    .put("spans", codec.spans(key, article.layer(key)));
        }
        return root.toString();
    }

    /** @throws StoreException when the document is not one {@link #write} made */
    public Article read(String json) {
        JsonNode root;
        try {
            root = mapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw new StoreException("not an analysed article: " + e.getOriginalMessage());
        }
        String id = root.path("id").asText(null);
        if (id == null) {
            throw new StoreException("not an analysed article: it has no id");
        }
        JsonNode p = root.path("published");
        Published published = p.isObject() ? new Published(
                Instant.ofEpochSecond(p.path("seconds").asLong(), p.path("nanos").asInt()),
                LocalDate.parse(p.path("date").asText()), p.path("dateOnly").asBoolean()) : null;
        Layers layers = Layers.empty();
        for (JsonNode l : root.path("layers")) {
            LayerCodec.LoadedLayer loaded = codec.layer(id, l.path("name").asText(), l.path("type").asText(),
                    l.path("spans").asText());
            layers = with(layers, loaded.key(), loaded.spans());
        }
        return new Article(id, root.path("origin").asText(null), new Outlet(root.path("outlet").asText()), published,
                root.path("url").asText(null), root.path("title").asText(null), root.path("text").asText(),
                root.path("rawText").asText(), codec.removals(root.path("removals").asText(), id), layers);
    }

    @SuppressWarnings("unchecked")
    private static <T extends Spanned> Layers with(Layers layers, LayerKey<T> key, List<? extends Spanned> spans) {
        return layers.with(key, (List<? extends T>) spans); // the codec read the spans as key.type()
    }
}
