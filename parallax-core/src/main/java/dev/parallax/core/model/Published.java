package dev.parallax.core.model;

import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Objects;

/**
 * When an article was published: an instant for ordering, and the calendar date as the outlet printed it, which is
 * what relative time expressions ("this week", "June last year") are anchored on.
 *
 * @param instant the moment; a date-only or zone-less value is read as UTC
 * @param date the local calendar date
 * @param dateOnly true when the source gave no time of day
 */
public record Published(Instant instant, LocalDate date, boolean dateOnly)
        implements Comparable<Published>, Serializable {
    public Published {
        Objects.requireNonNull(instant, "instant");
        Objects.requireNonNull(date, "date");
    }

    public static Published ofDate(LocalDate date) {
        return new Published(date.atStartOfDay(ZoneOffset.UTC).toInstant(), date, true);
    }

    /**
     * Parses the ISO 8601 shapes found in article feeds: {@code 2023-05-30}, {@code 1987-02-26T15:01:01.79},
     * {@code 2014-03-10T16:52:50.698Z} and {@code 2018-07-15T06:13:00-04:00}.
     *
     * @throws IllegalArgumentException with a one-line message when the value is none of these
     */
    public static Published parse(String iso) {
        String s = Objects.requireNonNull(iso, "iso").strip();
        try {
            if (s.length() == 10) {
                return ofDate(LocalDate.parse(s));
            }
            if (s.endsWith("Z") || s.matches(".*[+-]\\d\\d:?\\d\\d$")) {
                OffsetDateTime t = OffsetDateTime.parse(s.endsWith("Z") ? s.substring(0, s.length() - 1) + "+00:00" : s);
                return new Published(t.toInstant(), t.toLocalDate(), false);
            }
            LocalDateTime t = LocalDateTime.parse(s);
            return new Published(t.toInstant(ZoneOffset.UTC), t.toLocalDate(), false);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("not an ISO 8601 date or date-time: '" + s + "'");
        }
    }

    @Override
    public int compareTo(Published o) {
        return instant.compareTo(o.instant);
    }

    @Override
    public String toString() {
        return dateOnly ? date.toString() : instant.toString();
    }
}
