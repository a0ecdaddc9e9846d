package dev.parallax.server;

import dev.parallax.core.model.Outlet;
import dev.parallax.core.model.StorySummary;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * One page of the story list: filtered by date range and outlet, sorted by recency or coverage, paged by cursor.
 *
 * @param items the stories of this page
 * @param next the cursor of the following page, or null on the last page
 */
record StoryListing(List<StorySummary> items, String next) {
    enum Sort {
        /** Latest publication first; undated stories last. */
        RECENT,
        /** Most articles first, then most outlets, then latest. */
        COVERAGE;

        String param() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Sort parse(String value) {
            if (value == null) {
                return RECENT;
            }
            for (Sort s : values()) {
                if (s.param().equals(value)) {
                    return s;
                }
            }
            throw Problem.badRequest(
                    "invalid 'sort': '" + Cursor.abbreviate(value) + "' (expected recent or coverage)");
        }
    }

    /** What a story is sorted by; a cursor holds the key of the last story of its page. */
    private record Key(int articles, int outlets, Instant last, String id) {
        static Key of(StorySummary s) {
            return new Key(s.articleCount(), s.outlets().size(), s.last() == null ? null : s.last().instant(), s.id());
        }
    }

    private static final Comparator<Key> BY_RECENCY = Comparator.comparing(Key::last,
            Comparator.nullsLast(Comparator.<Instant>reverseOrder())).thenComparing(Key::id);
    private static final Comparator<Key> BY_COVERAGE = Comparator.comparingInt(Key::articles).reversed()
            .thenComparing(Comparator.comparingInt(Key::outlets).reversed()).thenComparing(BY_RECENCY);

    /**
     * @param from first day (inclusive) a story must have coverage on or after, or null
     * @param to last day (inclusive), or null
     * @param outlet an outlet the story must include, or null
     * @param cursor the previous page's {@code next}, or null for the first page
     */
    static StoryListing of(List<StorySummary> all, LocalDate from, LocalDate to, String outlet, Sort sort,
            String cursor, int limit) {
        Predicate<StorySummary> keep = s -> true;
        if (from != null || to != null) {
            keep = keep.and(s -> s.first() != null
                    && (from == null || !s.last().date().isBefore(from))
                    && (to == null || !s.first().date().isAfter(to)));
        }
        if (outlet != null) {
            Outlet o = Outlet.of(outlet);
            keep = keep.and(s -> s.outlets().contains(o));
        }
        Comparator<Key> order = sort == Sort.RECENT ? BY_RECENCY : BY_COVERAGE;
        Key after = cursor == null ? null : decode(cursor, sort);
        List<StorySummary> sorted = all.stream().filter(keep)
                .sorted(Comparator.comparing(Key::of, order))
                .filter(s -> after == null || order.compare(Key.of(s), after) > 0)
                .limit(limit + 1L)
                .toList();
        List<StorySummary> page = sorted.subList(0, Math.min(limit, sorted.size()));
        String next = sorted.size() > limit ? encode(page.get(page.size() - 1), sort) : null;
        return new StoryListing(page, next);
    }

    static LocalDate date(String name, String value) {
        if (value == null) {
            return null;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new Problem(400, "invalid-date", "Invalid date", "invalid '" + name + "': '"
                    + Cursor.abbreviate(value) + "' is not a date like 2023-05-30 (ISO 8601, YYYY-MM-DD)");
        }
    }

    private static String encode(StorySummary s, Sort sort) {
        Key k = Key.of(s);
        return Cursor.encode("stories-" + sort.param(), List.of(String.valueOf(k.articles()),
                String.valueOf(k.outlets()), k.last() == null ? "" : k.last().toString(), k.id()));
    }

    private static Key decode(String cursor, Sort sort) {
        List<String> p = Cursor.decode(cursor, "stories-" + sort.param(), 4);
        try {
            return new Key(Integer.parseInt(p.get(0)), Integer.parseInt(p.get(1)),
                    p.get(2).isEmpty() ? null : Instant.parse(p.get(2)), p.get(3));
        } catch (NumberFormatException | DateTimeParseException e) {
            throw Cursor.invalid(cursor);
        }
    }
}
