package dev.parallax.server;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * Opaque pagination cursors: the key of the last item of a page, so that the next page starts strictly after it
 * however the data changed meanwhile. Clients pass the {@code next} value back unchanged; its content is not API.
 */
final class Cursor {
    private static final String SEPARATOR = "\u001f"; // a control character: never part of an id

    private Cursor() {}

    static String encode(String kind, List<String> parts) {
        String raw = kind + SEPARATOR + String.join(SEPARATOR, parts);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The parts of a cursor of the given kind.
     *
     * @throws Problem 400 when the value is not such a cursor
     */
    static List<String> decode(String cursor, String kind, int parts) {
        String raw;
        try {
            raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw invalid(cursor);
        }
        List<String> all = List.of(raw.split(SEPARATOR, -1));
        if (all.size() != parts + 1 || !all.get(0).equals(kind)) {
            throw invalid(cursor);
        }
        return all.subList(1, all.size());
    }

    static Problem invalid(String cursor) {
        return new Problem(400, "invalid-cursor", "Invalid cursor", "cursor '" + abbreviate(cursor)
                + "' is not one this listing gave out: pass back the 'next' value of the previous page unchanged,"
                + " with the same sort");
    }

    static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 37) + "...";
    }
}
