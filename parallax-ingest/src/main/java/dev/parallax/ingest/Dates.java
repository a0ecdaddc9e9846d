package dev.parallax.ingest;

import dev.parallax.core.model.Published;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Publication dates as web pages and feeds write them: ISO 8601 with the variations found in the wild (a space for
 * the {@code T}, an offset without its colon, {@code UTC}), and RFC 822 / RFC 1123 as RSS writes them.
 */
final class Dates {
    private static final Pattern ISO = Pattern.compile(
            "(\\d{4}-\\d\\d-\\d\\d)(?:[T ](\\d\\d:\\d\\d)(:\\d\\d(?:[.,]\\d+)?)?\\s*(Z|UTC|GMT|[+-]\\d\\d:?\\d\\d)?)?",
            Pattern.CASE_INSENSITIVE);

    private Dates() {
    }

    /** The time {@code value} names, or null when it is none of the shapes above: nothing is guessed. */
    static Published parse(String value) {
        if (value == null) {
            return null;
        }
        String s = value.strip();
        Matcher iso = ISO.matcher(s);
        if (iso.matches()) {
            return iso(iso);
        }
        try {
            OffsetDateTime t = OffsetDateTime.parse(s, DateTimeFormatter.RFC_1123_DATE_TIME);
            return new Published(t.toInstant(), t.toLocalDate(), false);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static Published iso(Matcher m) {
        StringBuilder s = new StringBuilder(m.group(1));
        if (m.group(2) != null) {
            s.append('T').append(m.group(2)).append(m.group(3) == null ? ":00" : m.group(3).replace(',', '.'));
            String zone = m.group(4);
            if (zone != null) {
                s.append(zone.length() <= 3 ? "Z"
                        : zone.length() == 5 ? zone.substring(0, 3) + ":" + zone.substring(3) : zone);
            }
        }
        try {
            return Published.parse(s.toString());
        } catch (IllegalArgumentException e) { // 2019-13-45: the shape of a date, not a date
            return null;
        }
    }
}
