package dev.parallax.core.analysis.quantity;

import dev.parallax.core.analysis.Annotator;
import dev.parallax.core.model.Article;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds money amounts, percentages and counts with their hedges ("more than 1,000", "about 200 people",
 * "$1.5 billion", "3.2%", "nearly ten working-level engagements"). Rules only; numbers in words are read by
 * {@link NumberWords}.
 *
 * <p>Left to the time layer: years ("in 2018"), days of a month ("May 30"), and counts of time units ("three
 * years"). A bare number with neither a hedge nor a counted noun is not reported: on its own it says too little to
 * compare.
 */
public final class QuantityAnnotator implements Annotator {
    private static final String HEDGE = "(?<cmp>(?i:more\\s+than|less\\s+than|fewer\\s+than|at\\s+least|at\\s+most"
            + "|no\\s+more\\s+than|no\\s+fewer\\s+than|no\\s+less\\s+than|up\\s+to|just\\s+over|just\\s+under|over"
            + "|under|above|below|upwards\\s+of|in\\s+excess\\s+of|about|around|approximately|roughly|nearly|almost"
            + "|some|close\\s+to|an\\s+estimated|estimated))\\s+";
    private static final String WORD_NUMBER = "(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
            + "(?:-(?:one|two|three|four|five|six|seven|eight|nine))?|one|two|three|four|five|six|seven|eight|nine|ten"
            + "|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|a\\s+dozen|a\\s+hundred"
            + "|a\\s+thousand)";
    private static final String NUMBER = "(?<n>" + NumberWords.DIGIT_REGEX + "|(?i:" + WORD_NUMBER + "))";
    private static final String SCALE = "(?:\\s+(?<scale>(?i:hundred|thousand|million|billion|trillion|mln|bln)))?";

    private static final Pattern MONEY_SYMBOL = Pattern.compile("(?<![\\w.])(?:" + HEDGE + ")?(?<cur>US\\$|\\$|£|€|¥)"
            + "\\s?(?<n>" + NumberWords.DIGIT_REGEX + ")(?:\\s*(?<scale>(?i:hundred|thousand|million|billion"
            + "|trillion|mln|bln|bn|m))(?!\\w))?");
    private static final Pattern MONEY_WORD = Pattern.compile("(?<![\\w.$-])(?:" + HEDGE + ")?" + NUMBER + SCALE
            + "\\s+(?<cur>(?i:dollars|dlrs|euros|pounds|yen|yuan|francs|marks|cents|rupees))(?!\\w)");
    private static final Pattern PERCENT = Pattern.compile("(?<![\\w.$-])(?:" + HEDGE + ")?" + NUMBER
            + "\\s*(?:%|(?i:percent|per\\s+cent|pct)(?!\\w))");
    private static final Pattern COUNT = Pattern.compile("(?<![\\w.$/:-])(?:" + HEDGE + ")?(?:" + NUMBER
            + "|(?<vague>(?i:dozens|hundreds|thousands|millions))\\s+of)" + SCALE
            + "(?![\\w%.,:/-]\\d|[\\w%])(?<unit>(?:\\s+[a-z][a-z-]*){1,2})?");

    private static final Set<String> STOP = Set.of("of", "to", "in", "and", "or", "the", "a", "an", "from", "for", "on",
            "at", "with", "by", "were", "was", "are", "is", "be", "been", "have", "has", "had", "who", "that", "which",
            "per", "as", "than", "but", "not", "will", "would", "could", "may", "said", "says", "after", "before",
            "into", "over", "under", "about", "up", "out", "this", "these", "those", "its", "their", "his", "her");
    /** Words after a number that are verbs, not what is counted: "1,000 signed", "200 left". */
    private static final Pattern VERB = Pattern.compile("[a-z]+ed|left|fled|say|says|took|went|came|remain|remains"
            + "|can|did|do|does|must|should|might|said");
    private static final Pattern MODIFIER = Pattern.compile("[a-z]+-[a-z-]+|[a-z]+(?:al|ic|ive|ous|ary|ese|ian)"
            + "|new|more|other|additional|senior|foreign|key|major|armed|small|large|young|old|former|top");
    private static final Pattern TIME_UNIT = Pattern.compile("(?:second|minute|hour|day|week|weekend|month|quarter"
            + "|year|decade|century|centuries)s?|\\w+-(?:year|month|week|day|hour)s?(?:-old)?");
    private static final Pattern MONTH_BEFORE = Pattern.compile("(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov"
            + "|Dec)[a-z]*\\.?\\s+$");

    @Override
    public Article annotate(Article article) {
        return article.with(Quantity.LAYER, find(article.text()));
    }

    /** The quantities of {@code text}, in text order. */
    public List<Quantity> find(String text) {
        Objects.requireNonNull(text, "text");
        List<Quantity> cands = new ArrayList<>();
        Matcher m = MONEY_SYMBOL.matcher(text);
        while (m.find()) {
            String cur = switch (m.group("cur")) {
                case "£" -> "GBP";
                case "€" -> "EUR";
                case "¥" -> "JPY";
                default -> "USD";
            };
            add(cands, m, m.start(), m.end(), Quantity.Kind.MONEY, cur, m.group("scale"));
        }
        m = MONEY_WORD.matcher(text);
        while (m.find()) {
            String cur = switch (m.group("cur").toLowerCase(Locale.ROOT)) {
                case "euros" -> "EUR";
                case "pounds" -> "GBP";
                case "yen" -> "JPY";
                case "yuan" -> "CNY";
                case "francs" -> "FRF";
                case "marks" -> "DEM";
                case "rupees" -> "INR";
                case "cents" -> "USD_CENT";
                default -> "USD";
            };
            add(cands, m, m.start(), m.end(), Quantity.Kind.MONEY, cur, m.group("scale"));
        }
        m = PERCENT.matcher(text);
        while (m.find()) {
            add(cands, m, m.start(), m.end(), Quantity.Kind.PERCENT, "%", null);
        }
        m = COUNT.matcher(text);
        while (m.find()) {
            count(cands, m, text);
        }
        cands.sort(Comparator.comparingInt((Quantity q) -> q.start() - q.end()).thenComparingInt(Quantity::start));
        List<Quantity> kept = new ArrayList<>();
        for (Quantity q : cands) {
            if (kept.stream().noneMatch(o -> q.start() < o.end() && o.start() < q.end())) {
                kept.add(q);
            }
        }
        kept.sort(Comparator.comparingInt(Quantity::start));
        return kept;
    }

    private static void count(List<Quantity> out, Matcher m, String text) {
        String n = m.group("n");
        String vague = m.group("vague");
        String cmp = m.group("cmp");
        String unitWords = m.group("unit");
        int end = m.end();
        String unit = "";
        if (unitWords != null) {
            String[] words = unitWords.strip().split("\\s+");
            int keep = 0;
            while (keep < words.length && !STOP.contains(words[keep]) && !VERB.matcher(words[keep]).matches()
                    && (keep == 0 || MODIFIER.matcher(words[keep - 1]).matches())) {
                keep++; // a second word only after a modifier: "ten working-level engagements", "200 people"
            }
            if (keep > 0 && TIME_UNIT.matcher(words[0]).matches()) {
                return; // "three years": a duration, which the time layer covers
            }
            unit = String.join(" ", java.util.Arrays.copyOf(words, keep));
            end = keep == 0 ? m.start("unit") : m.start("unit") + unitWords.indexOf(words[keep - 1])
                    + words[keep - 1].length();
        }
        if (vague == null) {
            boolean digits = Character.isDigit(n.charAt(0)) || n.charAt(0) == '.';
            if (cmp == null && unit.isEmpty()) {
                return;
            }
            if (digits && cmp == null && m.group("scale") == null && n.matches("1[89]\\d\\d|20\\d\\d")) {
                return; // a year
            }
            if (MONTH_BEFORE.matcher(text.substring(Math.max(0, m.start() - 12), m.start())).find()) {
                return; // the day of a date
            }
        }
        int numberEnd = m.group("scale") != null ? m.end("scale") : vague != null ? m.end("vague") : m.end("n");
        add(out, m, m.start(), Math.max(end, numberEnd), Quantity.Kind.COUNT, unit, m.group("scale"));
    }

    private static void add(List<Quantity> out, Matcher m, int start, int end, Quantity.Kind kind, String unit,
            String scale) {
        double value;
        String vague = kind == Quantity.Kind.COUNT ? m.group("vague") : null;
        Quantity.Comparator cmp = comparator(m.group("cmp"));
        if (vague != null) {
            value = switch (vague.toLowerCase(Locale.ROOT)) {
                case "dozens" -> 24;
                case "hundreds" -> 200;
                case "thousands" -> 2000;
                default -> 2_000_000;
            };
            cmp = cmp == Quantity.Comparator.EXACT ? Quantity.Comparator.GREATER : cmp;
        } else {
            String n = m.group("n").toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
            value = switch (n) {
                case "a hundred" -> 100;
                case "a thousand" -> 1000;
                default -> NumberWords.parse(n);
            };
            if (Double.isNaN(value) || value < 0) {
                return;
            }
        }
        if (scale != null) {
            value *= switch (scale.toLowerCase(Locale.ROOT)) {
                case "hundred" -> 1e2;
                case "thousand", "k" -> 1e3;
                case "million", "mln", "m" -> 1e6;
                case "billion", "bln", "bn" -> 1e9;
                default -> 1e12;
            };
        }
        if ("USD_CENT".equals(unit)) {
            value /= 100;
            unit = "USD";
        }
        out.add(new Quantity(start, end, kind, cmp, value, unit));
    }

    private static Quantity.Comparator comparator(String hedge) {
        if (hedge == null) {
            return Quantity.Comparator.EXACT;
        }
        return switch (hedge.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ")) {
            case "more than", "over", "above", "upwards of", "in excess of", "just over", "at least",
                    "no fewer than", "no less than" -> Quantity.Comparator.GREATER;
            case "less than", "fewer than", "under", "below", "up to", "at most", "no more than", "just under" ->
                    Quantity.Comparator.LESS;
            default -> Quantity.Comparator.APPROX;
        };
    }
}
