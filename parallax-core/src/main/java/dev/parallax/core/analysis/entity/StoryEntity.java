package dev.parallax.core.analysis.entity;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An entity of a story: the in-document entities of its articles that name the same person, organisation, place or
 * thing.
 *
 * @param id story-level id ("s1", "s2", ...), in order of first appearance
 * @param canonicalName the most complete name across the story ("Patrick Ryder", "Department of Defense")
 * @param type the entity type
 * @param aliases every distinct name used, in order of appearance (including names from removed captions)
 * @param roles roles and titles, normalised and without repeats
 * @param mentions article id -> that article's mentions of the entity, for articles that mention it
 */
public record StoryEntity(String id, String canonicalName, EntityType type, List<String> aliases, List<String> roles,
        Map<String, List<Mention>> mentions) {
    public StoryEntity {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(canonicalName, "canonicalName");
        Objects.requireNonNull(type, "type");
        aliases = List.copyOf(aliases);
        roles = List.copyOf(roles);
        Map<String, List<Mention>> copy = new LinkedHashMap<>();
        mentions.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        mentions = Collections.unmodifiableMap(copy);
    }
}
