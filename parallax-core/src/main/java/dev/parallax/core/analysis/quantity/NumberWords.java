package dev.parallax.core.analysis.quantity;

import java.util.Locale;
import java.util.Map;

/**
 * Reads cardinal numbers written as digits ("1,000", "3.2") or English words ("twenty-five", "a dozen", "several").
 * Shared by the quantity and time annotators so both read "two" and "a few" the same way.
 */
public final class NumberWords {
    /** Value for vague amounts ("several", "a few", "many"): TimeML writes them as X. */
    public static final double VAGUE = -1;

    private static final Map<String, Integer> SMALL = Map.ofEntries(
            Map.entry("zero", 0), Map.entry("one", 1), Map.entry("two", 2), Map.entry("three", 3),
            Map.entry("four", 4), Map.entry("five", 5), Map.entry("six", 6), Map.entry("seven", 7),
            Map.entry("eight", 8), Map.entry("nine", 9), Map.entry("ten", 10), Map.entry("eleven", 11),
            Map.entry("twelve", 12), Map.entry("thirteen", 13), Map.entry("fourteen", 14), Map.entry("fifteen", 15),
            Map.entry("sixteen", 16), Map.entry("seventeen", 17), Map.entry("eighteen", 18),
            Map.entry("nineteen", 19), Map.entry("twenty", 20), Map.entry("thirty", 30), Map.entry("forty", 40),
            Map.entry("fifty", 50), Map.entry("sixty", 60), Map.entry("seventy", 70), Map.entry("eighty", 80),
            Map.entry("ninety", 90), Map.entry("a", 1), Map.entry("an", 1), Map.entry("dozen", 12),
            Map.entry("half", 0));

    /** Regex (no groups) for a number word or compound: "twenty-five", "a dozen", "a few", "several". */
    public static final String WORD_REGEX = "(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
            + "(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?"
            + "|zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen"
            + "|sixteen|seventeen|eighteen|nineteen|a\\s+dozen|dozens\\s+of|a\\s+few|a\\s+couple\\s+of|several|few"
            + "|many|some|a|an)";

    /** Regex (no groups) for a number in digits: "7", "1,000", "3.25". */
    public static final String DIGIT_REGEX = "(?:\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?|\\d+(?:\\.\\d+)?|\\.\\d+)";

    private NumberWords() {
    }

    /**
     * The value of a number written in digits or words; {@link #VAGUE} for vague words; NaN when not a number.
     */
    public static double parse(String s) {
        String t = s.strip().toLowerCase(Locale.ROOT);
        if (t.isEmpty()) {
            return Double.NaN;
        }
        char c = t.charAt(0);
        if (Character.isDigit(c) || c == '.') {
            try {
                return Double.parseDouble(t.replace(",", ""));
            } catch (NumberFormatException e) {
                return Double.NaN;
            }
        }
        t = t.replaceAll("\\s+", " ");
        switch (t) {
            case "a few", "few", "several", "many", "some", "a couple of", "dozens of":
                return VAGUE;
            case "a dozen":
                return 12;
            default:
                break;
        }
        int dash = Math.max(t.indexOf('-'), t.indexOf(' '));
        if (dash > 0) {
            Integer tens = SMALL.get(t.substring(0, dash));
            Integer units = SMALL.get(t.substring(dash + 1));
            return tens == null || units == null ? Double.NaN : tens + units;
        }
        Integer v = SMALL.get(t);
        return v == null ? Double.NaN : v;
    }
}
