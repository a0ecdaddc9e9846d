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
    // (?=[A-Za-z]) lets a number fail the hedge at once instead of trying each alternative
    private static final String HEDGE = "(?=[A-Za-z])(?<cmp>(?i:more\\s+than|less\\s+than|fewer\\s+than|at\\s+least|at\\s+most"
            + "|no\\s+more\\s+than|no\\s+fewer\\s+than|no\\s+less\\s+than|up\\s+to|just\\s+over|just\\s+under|over"
            + "|under|above|below|upwards\\s+of|in\\s+excess\\s+of|about|around|approximately|roughly|nearly|almost"
            + "|some|close\\s+to|an\\s+estimated|estimated))\\s+";
    private static final String WORD_NUMBER = "(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
            + "(?:-(?:one|two|three|four|five|six|seven|eight|nine))?|one|two|three|four|five|six|seven|eight|nine|ten"
            + "|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|a\\s+dozen|a\\s+hundred"
            + "|a\\s+thousand)";
    private static final String NUMBER = "(?<n>" + NumberWords.DIGIT_REGEX + "|(?=[A-Za-z])(?i:" + WORD_NUMBER + "))";
    private static final String SCALE = "(?:\\s+(?<scale>(?i:hundred|thousand|million|billion|trillion|mln|bln)))?";

    private static final Pattern MONEY_SYMBOL = Pattern.compile("(?<![\\w.])(?:" + HEDGE + ")?(?<cur>US\\$|\\$|£|€|¥)"
            + "\\s?(?<n>" + NumberWords.DIGIT_REGEX + ")(?:\\s*(?<scale>(?i:hundred|thousand|million|billion"
            + "|trillion|mln|bln|bn|m))(?!\\w))?");
    private static final Pattern MONEY_WORD = Pattern.compile("(?<![\\w.$-])(?:" + HEDGE + ")?" + NUMBER + SCALE
            + "\\s+(?<cur>(?i:dollars?|dlrs?|euros?|pounds|yen|yuan|francs|marks|cents?|cts|rupees))(?!\\w)");
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
    private static final Pattern SPACES = Pattern.compile("\\s+");
    private static final Pattern YEAR = Pattern.compile("1[89]\\d\\d|20\\d\\d");
    private static final Pattern MODIFIER = Pattern.compile("[a-z]+-[a-z-]+|[a-z]+(?:al|ic|ive|ous|ary|ese|ian)"
            + "|new|more|other|additional|senior|foreign|key|major|armed|small|large|young|old|former|top");
    private static final Pattern TIME_UNIT = Pattern.compile("(?:second|minute|hour|day|week|weekend|month|quarter"
            + "|year|decade|century|centuries)s?|\\w+-(?:year|month|week|day|hour)s?(?:-old)?");
    private static final Pattern MONTH_BEFORE = Pattern.compile("(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov"
            + "|Dec)[a-z]*\\.?\\s+$");

    /** Words a quantity can start with; numbers and currency symbols are recognised without a list. */
    private static final Set<String> TRIGGERS = Set.of("more", "less", "fewer", "at", "no", "up", "just", "over",
            "under", "above", "below", "upwards", "in", "about", "around", "approximately", "roughly", "nearly",
            "almost", "some", "close", "an", "estimated", "one", "two", "three", "four", "five", "six", "seven",
            "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
            "eighteen", "nineteen", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
            "dozens", "hundreds", "thousands", "millions");
    private static final Set<String> ROUND = Set.of("dozen", "hundred", "thousand");

    @Override
    public Article annotate(Article article) {
        return article.with(Quantity.LAYER, find(article.text()));
    }

    /** The quantities of {@code text}, in text order. */
    public List<Quantity> find(String text) {
        Objects.requireNonNull(text, "text");
        List<Quantity> cands = new ArrayList<>();
        Matcher symbol = null;
        Matcher moneyWord = null;
        Matcher percent = null;
        Matcher count = null;
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char ch = text.charAt(i);
            if (i > 0 && isLetterOrDigit(text.charAt(i - 1))) {
                continue;
            }
            boolean currency = ch == '$' || ch == '£' || ch == '€' || ch == '¥';
            boolean numeric = ch >= '0' && ch <= '9' || ch == '.' && i + 1 < n && Character.isDigit(text.charAt(i + 1));
            boolean word = false;
            if (isLetter(ch)) {
                int j = i + 1;
                while (j < n && isLetter(text.charAt(j))) {
                    j++;
                }
                String w = text.substring(i, j).toLowerCase(Locale.ROOT);
                currency = w.equals("us") && j < n && text.charAt(j) == '$';
                word = TRIGGERS.contains(w) || w.equals("a") && ROUND.contains(nextWord(text, j));
                numeric = word;
            }
            if (!currency && !numeric) {
                continue;
            }
            if (currency || word) {
                symbol = symbol == null ? matcher(MONEY_SYMBOL, text) : symbol;
                if (symbol.region(i, n).lookingAt()) {
                    String cur = switch (symbol.group("cur")) {
                        case "£" -> "GBP";
                        case "€" -> "EUR";
                        case "¥" -> "JPY";
                        default -> "USD";
                    };
                    add(cands, symbol, symbol.start(), symbol.end(), Quantity.Kind.MONEY, cur, symbol.group("scale"));
                }
            }
            if (!numeric) {
                continue;
            }
            moneyWord = moneyWord == null ? matcher(MONEY_WORD, text) : moneyWord;
            if (moneyWord.region(i, n).lookingAt()) {
                String cur = switch (moneyWord.group("cur").toLowerCase(Locale.ROOT)) {
                    case "euros", "euro" -> "EUR";
                    case "pounds" -> "GBP";
                    case "yen" -> "JPY";
                    case "yuan" -> "CNY";
                    case "francs" -> "FRF";
                    case "marks" -> "DEM";
                    case "rupees" -> "INR";
                    case "cents", "cent", "cts" -> "USD_CENT";
                    default -> "USD";
                };
                add(cands, moneyWord, moneyWord.start(), moneyWord.end(), Quantity.Kind.MONEY, cur,
                        moneyWord.group("scale"));
            }
            percent = percent == null ? matcher(PERCENT, text) : percent;
            if (percent.region(i, n).lookingAt()) {
                add(cands, percent, percent.start(), percent.end(), Quantity.Kind.PERCENT, "%", null);
            }
            count = count == null ? matcher(COUNT, text) : count;
            if (count.region(i, n).lookingAt()) {
                count(cands, count, text);
            }
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

    private static boolean isLetter(char ch) {
        return ch < 128 ? (ch | 0x20) >= 'a' && (ch | 0x20) <= 'z' : Character.isLetter(ch);
    }

    private static boolean isLetterOrDigit(char ch) {
        return ch < 128 ? isLetter(ch) || ch >= '0' && ch <= '9' : Character.isLetterOrDigit(ch);
    }

    private static Matcher matcher(Pattern p, String text) {
        return p.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
    }

    /** The lower-cased word after position {@code from} (skipping spaces), or "". */
    private static String nextWord(String text, int from) {
        int i = from;
        while (i < text.length() && text.charAt(i) == ' ') {
            i++;
        }
        int j = i;
        while (j < text.length() && Character.isLetter(text.charAt(j))) {
            j++;
        }
        return text.substring(i, j).toLowerCase(Locale.ROOT);
    }

    private static void count(List<Quantity> out, Matcher m, String text) {
        String n = m.group("n");
        String vague = m.group("vague");
        String cmp = m.group("cmp");
        String unitWords = m.group("unit");
        int end = m.end();
        String unit = "";
        if (unitWords != null) {
            String[] words = SPACES.split(unitWords.strip());
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
            if (digits && cmp == null && m.group("scale") == null && YEAR.matcher(n).matches()) {
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
            String n = SPACES.matcher(m.group("n").toLowerCase(Locale.ROOT)).replaceAll(" ");
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
        return switch (SPACES.matcher(hedge.toLowerCase(Locale.ROOT)).replaceAll(" ")) {
            case "more than", "over", "above", "upwards of", "in excess of", "just over", "at least",
                    "no fewer than", "no less than" -> Quantity.Comparator.GREATER;
            case "less than", "fewer than", "under", "below", "up to", "at most", "no more than", "just under" ->
                    Quantity.Comparator.LESS;
            default -> Quantity.Comparator.APPROX;
        };
    }
}
