package dev.parallax.core.analysis.entity;

import dev.parallax.core.model.Article;
import java.util.List;
import java.util.Objects;

/**
 * An entity of one article: the mentions of {@link Mention#LAYER} that share an {@code entityId}, summarised. It is
 * derived from the layer on demand rather than stored beside it, so the two cannot disagree.
 *
 * @param id the in-document id the mentions carry
 * @param canonicalName the most complete name (titles stripped, nicknames expanded, well-known institutions by their
 *     full name)
 * @param type the entity type
 * @param aliases every distinct way the article names it, in order of appearance
 * @param roles roles and titles attached to its mentions, normalised ("Brig. Gen." becomes "Brigadier General")
 */
public record Entity(String id, String canonicalName, EntityType type, List<String> aliases, List<String> roles) {
    public Entity {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(canonicalName, "canonicalName");
        Objects.requireNonNull(type, "type");
        aliases = List.copyOf(aliases);
        roles = List.copyOf(roles);
    }

    /** The entities of an article annotated by {@link EntityAnnotator}, in order of first mention. */
    public static List<Entity> in(Article article) {
        return Names.entities(article.text(), article.layer(Mention.LAYER));
    }
}
