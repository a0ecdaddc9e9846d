package dev.parallax.core.analysis.entity;

import dev.parallax.core.model.LayerKey;
import dev.parallax.core.model.Spanned;
import java.util.Objects;

/**
 * A name in the clean text. The span covers the name only; a title or role in front of it ("Pentagon spokesman Brig.
 * Gen.") is kept in {@code role}, so that "Secretary Austin" and "Lloyd Austin" both end in the name they share.
 *
 * @param start start offset in the clean text
 * @param end end offset (exclusive)
 * @param type the entity type, the same for every mention of one entity
 * @param entityId the in-document entity this mention belongs to ("e1", "e2", ...); see {@link Entity#in}
 * @param role the role or title the text gives the mention, as written, or null
 */
public record Mention(int start, int end, EntityType type, String entityId, String role) implements Spanned {
    public static final LayerKey<Mention> LAYER = new LayerKey<>("mentions", Mention.class);

    public Mention {
        if (start < 0 || end <= start) {
            throw new IllegalArgumentException("bad span [" + start + ", " + end + ")");
        }
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(entityId, "entityId");
    }
}
