package dev.parallax.core.analysis.quantity;

import dev.parallax.core.model.LayerKey;
import dev.parallax.core.model.Spanned;
import java.util.Objects;

/**
 * A number stated in the text, with what it counts and how it is hedged: "over a dozen requests" is
 * {@code COUNT > 12 requests}, "$1.5 billion" is {@code MONEY = 1.5e9 USD}, "nearly ten engagements" is
 * {@code COUNT ≈ 10 engagements}. Comparing such claims across outlets is the point, so the hedge is kept apart from
 * the value.
 *
 * @param start first char in the clean text (the hedge word, if any)
 * @param end one past the last char (the counted noun, if any)
 * @param kind what sort of number
 * @param comparator how the text bounds the value
 * @param value the number, scale words applied ("1.5 billion" is 1.5e9)
 * @param unit the currency code for MONEY, "%" for PERCENT, the counted noun phrase for COUNT (may be empty)
 */
public record Quantity(int start, int end, Kind kind, Comparator comparator, double value, String unit)
        implements Spanned {
    public static final LayerKey<Quantity> LAYER = new LayerKey<>("quantities", Quantity.class);

    public enum Kind { COUNT, MONEY, PERCENT }

    /**
     * How the text bounds the value. GREATER covers "more than", "over" and "at least"; LESS covers "fewer than",
     * "under" and "up to"; APPROX covers "about", "nearly", "almost", "some".
     */
    public enum Comparator { EXACT, GREATER, LESS, APPROX }

    public Quantity {
        if (start < 0 || end <= start) {
            throw new IllegalArgumentException("bad quantity span [" + start + ", " + end + ")");
        }
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(comparator, "comparator");
        Objects.requireNonNull(unit, "unit");
    }
}
