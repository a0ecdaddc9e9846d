package dev.parallax.server;

import dev.parallax.core.analysis.entity.EntityType;
import java.text.Normalizer;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * One page of the entity list: filtered by name and type, in prominence order ({@link EntityIndex.Rank#ORDER}),
 * paged by a cursor that holds the sort key of the page's last entity.
 *
 * @param items the entities of this page
 * @param next the cursor of the following page, or null on the last page
 */
record EntityListing(List<EntityIndex.Entry> items, String next) {
    private static final String KIND = "entities";

    /**
     * @param all every entity, in prominence order
     * @param q words the canonical name or an alias must contain (case and accents ignored), or null
     * @param type the type to keep, or null
     */
    static EntityListing of(List<EntityIndex.Entry> all, String q, EntityType type, String cursor, int limit) {
        Predicate<EntityIndex.Entry> keep = e -> type == null || e.type() == type;
        if (q != null) {
            String needle = fold(q);
            if (needle.isBlank()) {
                throw Problem.badRequest("invalid 'q': it holds no letter or digit");
            }
            keep = keep.and(e -> fold(e.name()).contains(needle)
                    || e.aliases().stream().anyMatch(a -> fold(a).contains(needle)));
        }
        EntityIndex.Rank after = cursor == null ? null : decode(cursor);
        List<EntityIndex.Entry> sorted = all.stream().filter(keep)
                .filter(e -> after == null || EntityIndex.Rank.ORDER.compare(e.rank(), after) > 0)
                .limit(limit + 1L).toList();
        List<EntityIndex.Entry> page = sorted.subList(0, Math.min(limit, sorted.size()));
        String next = sorted.size() > limit ? encode(page.get(page.size() - 1)) : null;
        return new EntityListing(page, next);
    }

    static EntityType type(String value) {
        if (value == null) {
            return null;
        }
        for (EntityType t : EntityType.values()) {
            if (t.name().toLowerCase(Locale.ROOT).equals(value)) {
                return t;
            }
        }
        throw Problem.badRequest("invalid 'type': '" + Cursor.abbreviate(value) + "' (expected " + Arrays.stream(
                EntityType.values()).map(t -> t.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", "))
                + ")");
    }

    /** Lower case, no accents, runs of anything but letters and digits as one space. */
    static String fold(String s) {
        return Normalizer.normalize(s, Normalizer.Form.NFKD).replaceAll("\\p{M}+", "").toLowerCase(Locale.ROOT)
                .replaceAll("[^\\p{L}\\p{N}]+", " ").strip();
    }

    private static String encode(EntityIndex.Entry e) {
        EntityIndex.Rank r = e.rank();
        return Cursor.encode(KIND, List.of(String.valueOf(r.stories()), String.valueOf(r.articles()),
                String.valueOf(r.mentions()), r.id()));
    }

    private static EntityIndex.Rank decode(String cursor) {
        List<String> p = Cursor.decode(cursor, KIND, 4);
        try {
            return new EntityIndex.Rank(Integer.parseInt(p.get(0)), Integer.parseInt(p.get(1)),
                    Integer.parseInt(p.get(2)), p.get(3));
        } catch (NumberFormatException e) {
            throw Cursor.invalid(cursor);
        }
    }
}
