package dev.parallax.core.analysis.time;

import dev.parallax.core.model.LayerKey;
import dev.parallax.core.model.Spanned;
import java.util.Objects;

/**
 * A time expression (TimeML TIMEX3) over the clean text, with its normalised value.
 *
 * <p>Values follow TimeML: {@code 2023-05-30}, {@code 2023-05}, {@code 2023-W22}, {@code 2023-Q3}, {@code 2023-SU},
 * {@code 199} (the 1990s), {@code 2023-05-30T15:00}, {@code 2023-05-30TNI}, {@code P3Y}, {@code PXD} (a vague
 * count), {@code PRESENT_REF}, {@code PAST_REF}, {@code FUTURE_REF}; a SET carries its period ({@code P1Y} for
 * "annually", {@code XXXX-WXX-1} for "every Monday").
 *
 * @param start first char of the expression in the clean text
 * @param end one past its last char
 * @param type TimeML type
 * @param value normalised TimeML value
 * @param anchoredOnInferredDate true when a relative value was resolved against a date inferred from the story
 *     rather than the article's own publication date, so readers know how far to trust it
 */
public record Timex(int start, int end, Type type, String value, boolean anchoredOnInferredDate) implements Spanned {
    public static final LayerKey<Timex> LAYER = new LayerKey<>("timex", Timex.class);

    /** TimeML TIMEX3 types. */
    public enum Type { DATE, TIME, DURATION, SET }

    public Timex {
        if (start < 0 || end <= start) {
            throw new IllegalArgumentException("bad timex span [" + start + ", " + end + ")");
        }
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(value, "value");
    }
}
