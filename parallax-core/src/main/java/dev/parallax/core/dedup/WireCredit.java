package dev.parallax.core.dedup;

import dev.parallax.core.model.Article;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the news agency an article credits as its source, which makes it the original of its duplicate family: an
 * "(AP) —", "(Reuters) -" or "(AFP) -" dateline, a "Copyright … Associated Press" line, a Reuters wire dateline
 * ("SALVADOR, Feb 26 -") with the "Reuter" sign-off, or an agency as the outlet itself.
 */
public final class WireCredit {
    private static final Pattern DATELINE_CREDIT = Pattern.compile(
            "\\((AP|Associated Press|Reuters|AFP|Agence France-Presse)\\)\\s*[-\u2013\u2014]");
    private static final Pattern COPYRIGHT = Pattern.compile(
            "(?i)(?:copyright|\u00a9|\\(c\\))[^\\n]{0,40}?\\b(Associated Press|Reuters|Agence France-Presse|AFP)\\b");
    private static final Pattern WIRE_DATELINE =
            Pattern.compile("^[A-Z][A-Za-z .'/-]{1,40}, [A-Z][a-z]{2,8}\\.? \\d{1,2} -");
    private static final Pattern REUTERS_SIGN_OFF = Pattern.compile("\\bReuters?\\s*$");
    private static final int DATELINE_WINDOW = 300;
    private static final int FOOTER_WINDOW = 600;

    private WireCredit() {}

    /** The credited agency ("AP", "Reuters" or "AFP"), or empty when the article credits none. */
    public static Optional<String> of(Article article) {
        String outlet = agency(article.outlet().name());
        if (outlet != null) {
            return Optional.of(outlet);
        }
        String text = article.text();
        Matcher m = DATELINE_CREDIT.matcher(text);
        m.region(0, Math.min(text.length(), DATELINE_WINDOW));
        if (m.find()) {
            return Optional.of(agency(m.group(1)));
        }
        // Copyright lines sit at the top or the foot; scanning only there keeps this cheap on long texts.
        m = COPYRIGHT.matcher(text);
        int top = Math.min(text.length(), DATELINE_WINDOW);
        int foot = Math.max(0, text.length() - FOOTER_WINDOW);
        if (mayOpenCopyright(text, 0, top) && m.region(0, top).find()
                || mayOpenCopyright(text, foot, text.length()) && m.region(foot, text.length()).find()) {
            return Optional.of(agency(m.group(1)));
        }
        if (WIRE_DATELINE.matcher(text).lookingAt() && REUTERS_SIGN_OFF.matcher(text).find()) {
            return Optional.of("Reuters");
        }
        return Optional.empty();
    }

    /**
     * Whether {@link #COPYRIGHT}'s opening word ("copyright", the copyright sign or "(c)", in any case) may start in
     * {@code [from, to)}. Trying the regex at every position of both windows was a quarter of the deduplicator's time
     * per article; this check passes every window the regex can match in (it may pass more), so results do not change.
     */
    private static boolean mayOpenCopyright(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c == '\u00a9'
                    || c == '(' && i + 2 < to && (text.charAt(i + 1) | 0x20) == 'c' && text.charAt(i + 2) == ')'
                    || (c | 0x20) == 'c' && text.regionMatches(true, i, "copyright", 0, 9)) {
                return true;
            }
        }
        return false;
    }

    private static String agency(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "ap", "associated press", "the associated press" -> "AP";
            case "reuters" -> "Reuters";
            case "afp", "agence france-presse" -> "AFP";
            default -> null;
        };
    }
}
