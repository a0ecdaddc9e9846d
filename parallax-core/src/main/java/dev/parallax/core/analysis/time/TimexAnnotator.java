package dev.parallax.core.analysis.time;

import dev.parallax.core.analysis.SentenceSplitter;
import dev.parallax.core.analysis.StoryAwareAnnotator;
import dev.parallax.core.analysis.quantity.NumberWords;
import dev.parallax.core.model.Article;
import dev.parallax.core.model.Sentence;
import dev.parallax.core.model.StorySummary;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds time expressions with hand-written rules and normalises them TimeML-style against an anchor date: the
 * article's publication date, or a date the pipeline inferred from the story.
 *
 * <p>Extent conventions (those of TempEval-3): a leading preposition ("in 2018", "since 2021", "on Friday") is
 * outside the extent; determiners and modifiers that belong to the expression are inside ("the third quarter",
 * "early May", "earlier this month", "the past five years", "more than four decades ago", "June last year").
 *
 * <p>Relative expressions follow news conventions: a bare month or weekday is the most recent one (this one counts)
 * unless the clause is in the future tense ("will", "is scheduled to", ...; for a weekday, the tense of the verb that
 * governs it), a bare quarter is the latest quarter
 * with that number, and "a year ago" in a text that has been talking about a quarter means that quarter a year
 * earlier. Without an anchor, only expressions that need none (explicit dates, years, durations, sets) are kept.
 */
public final class TimexAnnotator implements StoryAwareAnnotator {
    private static final String MONTHS_FULL =
            "January|February|March|April|May|June|July|August|September|October|November|December";
    private static final String MONTH = "(?:" + MONTHS_FULL
            + "|Jan\\.?|Feb\\.?|Mar\\.?|Apr\\.?|Jun\\.?|Jul\\.?|Aug\\.?|Sept\\.?|Sep\\.?|Oct\\.?|Nov\\.?|Dec\\.?)";
    private static final String WEEKDAY = "(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)";
    private static final String DAY = "(?:[12]\\d|3[01]|0?[1-9])";
    private static final String YEAR = "(?:1[6-9]\\d\\d|20\\d\\d)";
    private static final String MOD = "(?=[A-Za-z])(?i:early|late|mid|the\\s+end\\s+of|the\\s+beginning\\s+of|the\\s+start\\s+of"
            + "|the\\s+middle\\s+of)";
    // digits first, and a letter check before the word list, so a number does not try every word
    private static final String NUM = "(?:" + NumberWords.DIGIT_REGEX + "|(?=[A-Za-z])(?i:" + NumberWords.WORD_REGEX
            + "))";
    // a count word: "the past" before one is the start of a longer expression ("the past three summers")
    private static final String NUM_COUNT = "(?i:two|three|four|five|six|seven|eight|nine|ten|few|several|many|couple)";
    // words between a count and its unit that keep it a count of that unit: "two more weeks", "eight trading days"
    private static final String UNIT_ADJ = "(?i:more|additional|extra|trading|business|working|full|straight"
            + "|consecutive|calendar)";
    private static final String UNIT = "(?i:seconds?|minutes?|hours?|days?|weeks?|months?|quarters?|years?|decades?"
            + "|centuries|century)";
    private static final String APPROX = "(?=[A-Za-z])(?i:no\\s+more\\s+than|more\\s+than|less\\s+than|fewer\\s+than|nearly|almost|about|roughly"
            + "|over|at\\s+least|up\\s+to|approximately|around|just|only|under)";

    private static final Pattern FUTURE = Pattern.compile(
            "(?i)\\b(?:will|won't|'ll|shall|scheduled|set\\s+to|slated|expected\\s+to|plan(?:s|ned)?\\s+to|planning\\s+to|due\\s+to|is\\s+to"
                    + "|as\\s+(?:soon|early)\\s+as"
                    + "|are\\s+to|going\\s+to)\\b");
    private static final Pattern FUTURE_PARTICIPLE = Pattern.compile("scheduled|expected|planned|slated|due|needed");
    /**
     * Past-tense cues for a weekday's tense (see {@code Ctx.tense}): the auxiliaries "was", "were", "had", "did" and
     * irregular past forms that are rarely anything else in news copy ("put", "set", "cut", "read", "let", "hit" are
     * left out: they are present tense as often). Regular "-ed" verbs are recognised by shape.
     */
    private static final Set<String> PAST_FORMS = Set.of("was", "were", "had", "did", "wasn't", "weren't", "hadn't",
            "didn't", "said", "told", "met", "left",
            "made", "took", "gave", "came", "went", "began", "held", "won", "lost", "saw", "got", "sent", "fell",
            "rose", "paid", "sold", "bought", "shot", "found", "spoke", "wrote", "ran", "struck", "became", "brought",
            "thought", "kept", "led", "fled", "fought", "stood", "felt", "heard", "knew", "chose", "drove", "flew",
            "grew", "threw", "broke", "spent", "built", "caught", "sought", "died");
    /** Lower-case words that end in "-ed" and are not past-tense verbs. */
    private static final Set<String> NOT_PAST_ED = Set.of("need", "needs", "indeed", "hundred", "speed", "proceed",
            "exceed", "succeed", "feed", "seed", "bed", "shed", "breed", "bleed", "greed", "deed", "weed", "embed",
            "sacred", "naked", "wicked", "beloved", "kindred", "rugged", "ragged", "crooked", "wretched", "red", "wed");
    /** Past-tense auxiliaries: cues of their own, never participles. */
    private static final Set<String> AUXILIARIES = Set.of("was", "were", "had", "did", "wasn't", "weren't", "hadn't",
            "didn't");
    /**
     * Before a participle, these make it a passive or a perfect whose tense is the auxiliary's: "will be held", "has
     * completed". A present perfect takes no definite past time in English, so its participle is no past cue.
     */
    private static final Set<String> PARTICIPLE_AUX = Set.of("be", "been", "being", "is", "are", "am", "get", "gets",
            "getting", "has", "have", "having", "'s", "'ve");
    /**
     * Present-tense auxiliaries, modals and conditionals: nearer to a weekday than any past or future cue, they say the
     * clause gives no direction ("could be reached by Friday", "if we don't have agreements by Thursday").
     */
    private static final Set<String> PRESENT_OR_MODAL = Set.of("is", "are", "am", "isn't", "aren't", "has", "have",
            "hasn't", "haven't", "does", "do", "doesn't", "don't", "can", "can't", "cannot", "could", "couldn't",
            "would", "wouldn't", "if", "unless");
    /**
     * Modals that speak of what is still to come ("may pressure the market Friday"). "could" and "would" are not
     * among them: they are as often past ("could not be reached for comment Friday", "said he would ...").
     */
    private static final Set<String> FUTURE_MODALS = Set.of("may", "might", "should", "must", "mustn't",
            "shouldn't");
    /** Modals whose perfect speaks of the past ("may have died"); "will have" is a future perfect. */
    private static final Set<String> MODALS = Set.of("may", "might", "should", "must", "could", "would", "can");
    /** Before an "-ed" word, these make it an adjective: "a televised speech", "the proposed merger". */
    private static final Set<String> DETERMINERS = Set.of("a", "an", "the", "its", "his", "her", "their", "our", "my",
            "your", "this", "these", "those", "some", "any", "no", "every", "each");
    /** Adverbs that stand between an auxiliary and its participle ("will be further tightened"), besides "-ly" ones. */
    private static final Set<String> ADVERBS = Set.of("also", "not", "further", "still", "already", "again", "then",
            "now", "never", "just", "even", "only", "since", "once", "later", "first", "recently", "almost");
    private static final Pattern YEAR_MONTH_VALUE = Pattern.compile("(\\d{4})(?:-(0[1-9]|1[0-2]))?(?![\\dX])");
    private static final Pattern PLUPERFECT = Pattern.compile("(?i)\\bhad\\s+(?:been\\s+)?\\s*$");
    private static final Pattern QUARTER_VALUE = Pattern.compile("(\\d{4})-Q([1-4])");

    private static final String MONTHS_FULL_W = MONTHS_FULL.toLowerCase(Locale.ROOT).replace('|', ' ') + " ";
    private static final String MONTH_W = MONTHS_FULL_W + "jan feb mar apr jun jul aug sep sept oct nov dec ";
    private static final String WEEKDAY_W = "monday tuesday wednesday thursday friday saturday sunday ";
    private static final String MOD_W = "early late mid the ";
    private static final String APPROX_W = "no more less fewer nearly almost about roughly over at up approximately around"
            + " just only under ";
    private static final String NUM_W = "# zero one two three four five six seven eight nine ten eleven twelve thirteen"
            + " fourteen fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty"
            + " ninety a an dozens several few many some ";
    private static final String UNIT_W = "second seconds minute minutes hour hours day days week weeks month months"
            + " quarter quarters year years decade decades century centuries ";
    private static final Pattern AMOUNT_WORD = Pattern.compile(
            "percent|cents?|dollars?|dlrs|million|billion|mln|times|once|twice|pounds|yen|flights|seats|barrels|tons"
                    + "|shares|hours|days|weeks|months");
    private static final Pattern SPACES = Pattern.compile("\\s+");

    private static final RuntimeException NO_ANCHOR = new RuntimeException("no anchor", null, false, false) {};

    private static final List<Rule> RULES = List.of(
            rule("#",
                    "(?<!\\w)(?<y>" + YEAR + ")-(?<m>0[1-9]|1[0-2])-(?<d>0[1-9]|[12]\\d|3[01])(?!\\w)",
                    (m, c) -> c.date(m, ymd(num(m, "y"), num(m, "m"), num(m, "d")), false)),
            rule("#",
                    "(?<!\\w)(?<m>1[0-2]|0?[1-9])/(?<d>[12]\\d|3[01]|0?[1-9])/(?<y>\\d{4}|\\d\\d)(?![\\w/])",
                    (m, c) -> {
                        int y = num(m, "y");
                        return c.date(m, ymd(y < 100 ? (y < 50 ? 2000 + y : 1900 + y) : y, num(m, "m"),
                                num(m, "d")), false);
                    }),
            rule(WEEKDAY_W + MONTH_W,
                    "(?<!\\w)(?:(?<wd>" + WEEKDAY + "),?\\s+)?(?<mon>" + MONTH + ")\\s+(?<d>" + DAY
                    + ")(?!\\d)(?:st|nd|rd|th)?(?:,?\\s+(?<y>" + YEAR + "))?(?!\\w)", TimexAnnotator::monthDay),
            rule(WEEKDAY_W + "#",
                    "(?<!\\w)(?:(?<wd>" + WEEKDAY + "),?\\s+)?(?<d>" + DAY + ")(?:st|nd|rd|th)?\\s+(?:of\\s+)?(?<mon>"
                    + MONTH + ")(?:,?\\s+(?<y>" + YEAR + "))?(?!\\w)", TimexAnnotator::monthDay).needs(MONTH_W, 4),
            rule(MOD_W + MONTH_W,
                    "(?<!\\w)(?:(?<mod>" + MOD + ")[\\s-]+)?(?<mon>" + MONTH + ")(?:\\s+of)?,?\\s+(?<y>" + YEAR
                    + ")(?!\\w)", (m, c) -> c.cand(m, Timex.Type.DATE,
                            num(m, "y") + "-" + pad2(month(m.group("mon"))), false)).needs("#", 6),
            rule(MOD_W + "last next this past " + MONTHS_FULL_W,
                    "(?<!\\w)(?:(?<mod>" + MOD + "|(?i:last|next|this|past))[\\s-]+)?(?<mon>" + MONTHS_FULL
                    + ")(?:,?\\s+(?:of\\s+)?(?<rel>(?i:last|next|this))\\s+year)?(?!\\w)", TimexAnnotator::month).needs(MONTHS_FULL_W, 5),
            rule(MOD_W + "fiscal calendar the #",
                    "(?<![\\w$.,/'-])(?:(?<mod>(?i:the\\s+)?" + MOD + "|(?i:fiscal|calendar|the\\s+fiscal\\s+year|fiscal\\s+year"
                    + "|the\\s+year|the\\s+first\\s+half\\s+of|the\\s+second\\s+half\\s+of|the\\s+last\\s+half\\s+of|the)"
                    + ")[\\s-]+)?(?<y>" + YEAR
                    + ")(?<dec>'?s)?(?![\\w%]|[.,]\\d|\\s+(?i:shares|tons|tonnes|barrels|people|employees|workers|jobs"
                    + "|cars|units|acres|feet|metres|meters|miles|dlrs|dollars|points|troops|members|mln|billion"
                    + "|million|votes|pounds|ounces)\\b)", TimexAnnotator::year).needs("#", 6),
            rule("the early late mid '",
                    "(?<!\\w)(?:(?i:the)\\s+)?(?:(?i:early|late|mid)[\\s-]+)?'(?<d>\\d)0s(?!\\w)", (m, c) -> {
                int d = num(m, "d");
                int century = c.anchor != null && 2000 + d * 10 <= c.anchor.getYear() ? 20 : 19;
                return c.cand(m, Timex.Type.DATE, century + "" + d, false);
            }).needs("'", 3),
            rule("the #",
                    "(?<!\\w)(?:(?i:the)\\s+)?(?<n>\\d{1,2})(?:st|nd|rd|th)[\\s-]+(?i:century)(?!\\w)",
                    (m, c) -> c.cand(m, Timex.Type.DATE, pad2(num(m, "n") - 1), false)).needs("century", 4),
            rule("the this last next fiscal calendar first second third fourth final latest current past previous recent same coming #",
                    "(?<!\\w)(?:(?<det>(?i:the|this\\s+year's|last\\s+year's|next\\s+year's))\\s+)?(?:(?i:fiscal|calendar)"
                    + "\\s+)?(?<ord>(?i:first|second|third|fourth|1st|2nd|3rd|4th|final|last|latest|current|past"
                    + "|previous|recent|same|next|coming))[\\s-]+(?:(?i:fiscal|calendar)\\s+)?(?i:quarter)(?:(?:\\s+of|,)?"
                    + "\\s+(?:(?i:fiscal)\\s+)?(?<y>" + YEAR + ")(?!\\w)|\\s+(?:of\\s+)?(?<rel>(?i:this|last|next))"
                    + "\\s+year)?(?![\\w-])", TimexAnnotator::quarter).needs("quarter", 6),
            rule("the",
                    "(?<!\\w)(?i:the)\\s+(?<y>" + YEAR + ")\\s+(?:(?<ord>(?i:first|second|third|fourth))[\\s-]+)?"
                    + "(?i:quarter|period)(?![\\w-])", (m, c) -> m.group("ord") != null
                            ? c.cand(m, Timex.Type.DATE, m.group("y") + "-Q" + ordinal(m.group("ord")), false)
                            : c.yearBeforeQuarter(m, m.group("y"))).needs("#", 2),
            rule("nineteen",
                    "(?<!\\w)(?i:nineteen)[\\s-]+(?<t>(?i:ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen"
                    + "|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[\\s-](?:one|two|three"
                    + "|four|five|six|seven|eight|nine))?)(?!\\w)", (m, c) -> c.cand(m, Timex.Type.DATE,
                            String.valueOf(1900 + (int) NumberWords.parse(m.group("t"))), false)),
            rule("the",
                    "(?<!\\w)(?i:the\\s+year\\s+two\\s+thousand)(?!\\w)",
                    (m, c) -> c.cand(m, Timex.Type.DATE, "2000", false)).needs("thousand", 4),
            rule("over the",
                    "(?<!\\w)(?:(?i:over)\\s+)?(?<w>(?i:the\\s+weekend))(?!\\w)", (m, c) -> {
                LocalDate a = c.a();
                boolean thisWeek = a.getDayOfWeek().getValue() >= 6 || c.future(m.start(), m.end());
                return new Cand(m.start("w"), m.end(), Timex.Type.DATE,
                        isoWeek(thisWeek ? a : a.minusWeeks(1)) + "-WE", true);
            }).needs("weekend", 3),
            rule("more recent the coming next past last previous following",
                    "(?<!\\w)(?i:(?:more\\s+)?recent|(?:the\\s+)?(?:coming|next|past|last|previous|following))\\s+"
                    + "(?<u>(?i:years|months|weeks|days|quarters|decades))(?!\\w)",
                    (m, c) -> c.cand(m, Timex.Type.DURATION, durationValue(-1, singular(m.group("u"))), false))
                    .needs(UNIT_W, 4),
            rule("the", "(?<!\\w)(?i:the\\s+(?:(?:early|mid|late)[\\s-]+)?(?<d>twenties|thirties|forties|fifties|sixties"
                    + "|seventies|eighties|nineties))(?!\\w)", (m, c) -> c.cand(m, Timex.Type.DATE,
                            "19" + (int) NumberWords.parse(m.group("d").replace("ies", "y")) / 10, false))
                    .needs("twenties thirties forties fifties sixties seventies eighties nineties", 4),
            rule("earlier later", "(?<!\\w)(?i:(?:earlier|later)\\s+in\\s+the\\s+(?<u>year|month|week))(?!\\w)",
                    (m, c) -> {
                        LocalDate a = c.a();
                        String u = m.group("u").toLowerCase(Locale.ROOT);
                        return c.cand(m, Timex.Type.DATE, u.equals("year") ? String.valueOf(a.getYear())
                                : u.equals("month") ? yearMonth(a) : isoWeek(a), true);
                    }),
            rule("the",
                    "(?<!\\w)(?i:the\\s+(?:near|distant|immediate)\\s+future|the\\s+(?:near|short)\\s+term)"
                    + "(?!\\w)", (m, c) -> c.cand(m, Timex.Type.DATE, "FUTURE_REF", true)).needs("future term", 4),
            rule("the end beginning start middle",
                    "(?<!\\w)(?i:(?:the\\s+)?(?:end|beginning|start|middle)\\s+of\\s+the\\s+(?<u>year|month|week))(?!\\w)",
                    (m, c) -> {
                        LocalDate a = c.a();
                        String u = m.group("u").toLowerCase(Locale.ROOT);
                        return c.cand(m, Timex.Type.DATE, u.equals("year") ? String.valueOf(a.getYear())
                                : u.equals("month") ? yearMonth(a) : isoWeek(a), true);
                    }).needs("year month week", 5),
            rule("the",
                    "(?<!\\w)(?i:the\\s+(?:(?:latest|current|same|recent)\\s+)?quarter|the\\s+latest\\s+period)(?![\\w-])",
                    (m, c) -> c.sameQuarter(m)).needs("quarter period", 3),
            rule("q",
                    "(?<!\\w)Q(?<q>[1-4])(?:\\s+(?<y>" + YEAR + "))?(?!\\w)", (m, c) -> m.group("y") != null
                    ? c.cand(m, Timex.Type.DATE, m.group("y") + "-Q" + m.group("q"), false)
                    : c.cand(m, Timex.Type.DATE, latestYearOf(c, num(m, "q"), 4) + "-Q" + m.group("q"), true)),
            rule("the first second",
                    "(?<!\\w)(?:(?i:the)\\s+)?(?<ord>(?i:first|second))[\\s-]+(?i:half)(?:\\s+of\\s+(?<y>" + YEAR
                    + ")(?!\\w)|\\s+(?:of\\s+)?(?<rel>(?i:this|last|next))\\s+year)?(?![\\w-])", TimexAnnotator::half).needs("half", 3),
            // "the following year", "the previous month": the unit after or before the one last mentioned
            rule("the",
                    "(?<!\\w)(?i:the\\s+(?<rel>following|previous|preceding))\\s+(?<u>(?i:year|month))(?![\\w'-])",
                    (m, c) -> {
                        boolean next = m.group("rel").equalsIgnoreCase("following");
                        LocalDate a = c.a();
                        if (m.group("u").equalsIgnoreCase("year")) {
                            return new Cand(m.start(), m.end(), Timex.Type.DATE,
                                    String.valueOf(a.getYear() + (next ? 1 : -1)), true,
                                    next ? QuarterContext.YEAR_AFTER_MENTIONED : QuarterContext.YEAR_BEFORE_MENTIONED);
                        }
                        return new Cand(m.start(), m.end(), Timex.Type.DATE, yearMonth(a.plusMonths(next ? 1 : -1)),
                                true, next ? QuarterContext.MONTH_AFTER_MENTIONED : QuarterContext.MONTH_BEFORE_MENTIONED);
                    }).needs("year month", 4),
            rule("earlier later early late mid sometime the this last next past previous coming current",
                    "(?<!\\w)(?:(?<mod>(?i:earlier|later|early|late|mid|sometime|the\\s+end\\s+of|the\\s+beginning\\s+of"
                    + "|the\\s+start\\s+of|the\\s+middle\\s+of|the\\s+rest\\s+of|the\\s+remainder\\s+of))[\\s-]+)?"
                    + "(?<rel>(?i:this\\s+past|this|last|next|the\\s+past|the\\s+coming|the\\s+previous|past|previous|coming"
                    + "|the\\s+current|current|the\\s+last|the\\s+next|the\\s+following))\\s+(?:(?i:fiscal)\\s+)?(?<u>(?i:week|weekend|month"
                    + "|year|quarter|decade|century|spring|summer|fall|autumn|winter))(?![\\w-])",
                    TimexAnnotator::relativeUnit).needs(UNIT_W + "weekend spring summer fall autumn winter", 6),
            rule(APPROX_W + NUM_W + UNIT_W,
                    "(?<!\\w)(?:" + APPROX + "\\s+)?(?:(?<n>" + NUM + ")[\\s-]+)?(?<u>" + UNIT + ")\\s+(?<dir>(?i:ago"
                    + "|earlier|later|from\\s+now|hence))(?![\\w-])", TimexAnnotator::ago).needs("ago earlier later from hence", 8),
            rule("the year",
                    "(?<!\\w)(?i:the\\s+(?:comparable\\s+)?year-(?:ago|earlier)\\s+(?:(?:first|second|third|fourth)[\\s-]+)?"
                    + "(?:quarter|period)|year-(?:ago|earlier))(?![\\w-])",
                    (m, c) -> c.yearBeforeQuarter(m, c.a().getYear() - 1 + "")).needs("ago earlier", 4),
            rule("the past last next previous coming first final initial recent remaining following latest " + APPROX_W + NUM_W,
                    "(?<!\\w)(?:(?i:the)\\s+)?(?:(?<pre>(?i:past|last|next|previous|coming|first|final|initial|recent"
                    + "|remaining|following|latest))\\s+)?(?:" + APPROX + "\\s+)?(?<n>" + NUM + ")(?<frac>\\s+1/2|\\s+and\\s+a\\s+half)?"
                    + "(?<sep>[\\s-]+)(?:" + UNIT_ADJ + "\\s+)?(?<u>" + UNIT + ")(?<half>\\s+and\\s+a\\s+half)?(?:\\s+or\\s+so)?(?![\\w-]|\\s+old\\b)",
                    TimexAnnotator::duration).needs(UNIT_W, 10),
            // "the year ended March 31": an accounting period, whose length TimeML annotates (DURATION P1Y)
            rule("the",
                    "(?<!\\w)(?i:the\\s+(?:fiscal\\s+)?year)(?=\\s+(?i:ended|ending)\\b)",
                    (m, c) -> c.cand(m, Timex.Type.DURATION, "P1Y", false)).needs("year", 3),
            // "that year", "later that year", "the same year": anaphoric, the year last mentioned
            rule("that the later earlier early late",
                    "(?<!\\w)(?:(?i:later|earlier|early|late)\\s+)?(?i:that|the\\s+same)\\s+year(?![\\w'-])",
                    (m, c) -> new Cand(m.start(), m.end(), Timex.Type.DATE, String.valueOf(c.a().getYear()), true,
                            QuarterContext.YEAR_MENTIONED)).needs("year", 4),
            // "the summer", "the early spring": a season named without a year is the anchor year's
            rule("the",
                    "(?<!\\w)(?i:the\\s+(?:(?:early|late|mid)[\\s-]+)?(?<u>spring|summer|fall|autumn|winter))(?![\\w-]|\\s+of\\b)",
                    (m, c) -> c.cand(m, Timex.Type.DATE, season(c.a(), m.group("u").toLowerCase(Locale.ROOT), 0), true))
                    .needs("spring summer fall autumn winter", 3),
            // "year-end", "year's end": the end of the year being talked about, by default the anchor's
            rule("year",
                    "(?<!\\w)(?i:year[\\s-]end|year's\\s+end)(?![\\w-])",
                    (m, c) -> c.cand(m, Timex.Type.DATE, String.valueOf(c.a().getYear()), true)),
            // "for years", "within weeks or months": a bare plural unit after a preposition is a vague duration
            rule("for in within over after",
                    "(?<!\\w)(?i:for|in|within|over|after)\\s+(?<u>(?i:years|months|weeks|days|hours|decades|centuries))"
                    + "(?:\\s+or\\s+(?i:years|months|weeks|days|hours|decades))?(?![\\w-])",
                    (m, c) -> new Cand(m.start("u"), m.end(), Timex.Type.DURATION,
                            durationValue(-1, singular(m.group("u"))), false))
                    .needs("years months weeks days hours decades centuries", 2),
            rule("every each daily weekly monthly annually yearly nightly hourly once twice three four five # per",
                    "(?<!\\w)(?i:(?:every|each)\\s+(?:other\\s+)?(?<u>day|week|month|year|quarter|morning|evening|night"
                    + "|hour|minute)|(?<adv>daily|weekly|monthly|annually|yearly|nightly|hourly)"
                    + "|(?:once|twice|(?:three|four|five|\\d+)\\s+times)\\s+(?:a|an|per)\\s+(?<u2>day|week|month|year"
                    + "|quarter|hour)|per\\s+(?<u3>day|week|month|year|quarter|hour))(?!\\w)", TimexAnnotator::set),
            rule("every each",
                    "(?<!\\w)(?i:every|each)\\s+(?<wd>" + WEEKDAY + ")(?!\\w)", (m, c) -> c.cand(m, Timex.Type.SET,
                    "XXXX-WXX-" + weekday(m.group("wd")).getValue(), false)),
            rule("late early earlier later mid today yesterday tomorrow tonight",
                    "(?<!\\w)(?:(?<mod>(?i:late|early|earlier|later|mid-afternoon))\\s+)?(?<day>(?i:today|yesterday|tomorrow|tonight))(?:\\s+"
                    + "(?<part>(?i:morning|afternoon|evening|night)))?(?!\\w)", TimexAnnotator::dayWord),
            rule("last this",
                    "(?<!\\w)(?i:(?<last>last)\\s+night|this\\s+(?<part>morning|afternoon|evening))(?!\\w)",
                    (m, c) -> m.group("last") != null
                            ? c.cand(m, Timex.Type.TIME, c.a().minusDays(1) + "TNI", true)
                            : c.cand(m, Timex.Type.TIME, c.a() + partOfDay(m.group("part")), true)),
            rule("last next this early late earlier later on past previous the coming following " + WEEKDAY_W,
                    "(?<!\\w)(?:(?<rel>(?i:last|next|this|early|late|earlier|later|on|past|previous|the\\s+previous|coming|this\\s+coming"
                    + "|the\\s+following))\\s+)?(?<wd>" + WEEKDAY
                    + ")(?:\\s+(?<part>(?i:morning|afternoon|evening|night)))?(?!\\w)", TimexAnnotator::weekdayRule).needs(WEEKDAY_W, 3),
            rule("#",
                    "(?<!\\w)(?<h>1[0-2]|0?[1-9])(?::(?<min>[0-5]\\d))?\\s*(?<ap>(?i:a\\.m\\.|p\\.m\\.|a\\.m|p\\.m|am|pm))"
                    + "(?!\\w)(?:\\s+(?:[ECMP][SD]T|GMT|UTC))?(?:\\s+(?<day>(?i:today|yesterday|tomorrow)|"
                    + WEEKDAY + ")|,?\\s+(?<mon>" + MONTH + ")\\s+(?<d>" + DAY + ")(?!\\d))?(?!\\w)", TimexAnnotator::clock).needs("a p am pm", 4),
            rule("#",
                    "(?<!\\w)(?<h>[01]\\d|2[0-3]):?(?<min>[0-5]\\d)\\s+(?:GMT|UTC|EDT|EST|CDT|CST|PDT|PST|BST|(?i:local"
                    + "\\s+time))(?!\\w)", TimexAnnotator::clock).needs("gmt utc edt est cdt cst pdt pst bst local", 3),
            rule("noon midday midnight",
                    "(?<!\\w)(?<w>(?i:noon|midday|midnight))(?:\\s+(?<day>(?i:today|yesterday|tomorrow)|" + WEEKDAY
                    + "))?(?!\\w)", (m, c) -> c.cand(m, Timex.Type.TIME, dayOf(m, c) + (m.group("w")
                            .equalsIgnoreCase("midnight") ? "T24:00" : "T12:00"), true)),
            // "4 in the morning", "9 in the evening": an hour and the part of the day that says a.m. or p.m.
            rule("#",
                    "(?<!\\w)(?<h>1[0-2]|0?[1-9])(?:\\s+o'clock)?\\s+in\\s+the\\s+(?<part>(?i:morning|afternoon|evening))(?!\\w)",
                    (m, c) -> {
                        int h = num(m, "h") % 12 + (m.group("part").equalsIgnoreCase("morning") ? 0 : 12);
                        return c.cand(m, Timex.Type.TIME, c.a() + "T" + pad2(h) + ":00", true);
                    }).needs("morning afternoon evening", 5),
            rule("right more now currently recently nowadays presently at these the lately current",
                    "(?<!\\w)(?:(?i:right|more)\\s+)?(?<w>(?i:now|currently|recently|nowadays|presently|at\\s+present|these\\s+days|the\\s+future"
                    + "|lately|the\\s+past|current))(?![\\w-]|\\s+(?:\\d|" + NUM_COUNT + ")\\b)", TimexAnnotator::reference)
                    .needs("now currently recently nowadays presently present days future lately past current", 3),
            // "Mondays", "Tuesday nights": a plural weekday recurs every week (a SET)
            rule(WEEKDAY_W + "mondays tuesdays wednesdays thursdays fridays saturdays sundays",
                    "(?<!\\w)(?<wd>" + WEEKDAY + ")(?:s|\\s+(?<part>(?i:morning|afternoon|evening|night))s)(?!\\w)",
                    (m, c) -> c.cand(m, Timex.Type.SET, "XXXX-WXX-" + weekday(m.group("wd")).getValue()
                            + (m.group("part") == null ? "" : partOfDay(m.group("part"))), false)),
            rule("christmas new independence thanksgiving",
                    "(?<!\\w)(?<h>Christmas(?:\\s+(?:Eve|Day))?|New\\s+Year's(?:\\s+(?:Day|Eve))?|Independence\\s+Day"
                    + "|Thanksgiving(?:\\s+Day)?)(?!\\w)", TimexAnnotator::holiday));

    /** For each trigger word, the rules (indexes into {@link #RULES}, in priority order) that may start there. */
    private static final Map<String, int[]> TRIGGERS = triggers();
    private static final Map<String, Long> NEEDED_BY = neededBy();

    @Override
    public Article annotate(Article article) {
        LocalDate anchor = article.published() == null ? null : article.published().date();
        return article.with(Timex.LAYER, find(article.text(), anchor, false));
    }

    /**
     * Annotates an article against an explicit anchor, for articles without a publication date whose date the
     * pipeline inferred from the story.
     *
     * @param anchor the date relative expressions refer to, or null to keep only absolute ones
     * @param inferred whether the anchor was inferred; relative values are then marked
     *     {@link Timex#anchoredOnInferredDate()}
     */
    public Article annotate(Article article, LocalDate anchor, boolean inferred) {
        return article.with(Timex.LAYER, find(article.text(), anchor, inferred));
    }

    /**
     * An undated article is anchored on the latest publication date of its story as stored when it joined: the
     * nearest evidence of when it was written. Its values are marked inferred.
     */
    @Override
    public Article annotateInStory(Article article, Supplier<Optional<StorySummary>> story) {
        if (article.published() != null) {
            return article;
        }
        return story.get().map(StorySummary::last).map(last -> annotate(article, last.date(), true)).orElse(article);
    }

    /** The time expressions of {@code text}, in text order, resolved against {@code anchor} (may be null). */
    public List<Timex> find(String text, LocalDate anchor, boolean inferred) {
        Objects.requireNonNull(text, "text");
        Ctx c = new Ctx(text, anchor);
        List<Cand> cands = new ArrayList<>();
        Matcher[] matchers = new Matcher[RULES.size()];
        int n = text.length();
        List<String> words = new ArrayList<>();
        List<Integer> starts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            char ch = text.charAt(i);
            if (i > 0 && isLetterOrDigit(text.charAt(i - 1))) {
                continue;
            }
            if (ch >= '0' && ch <= '9') {
                words.add("#");
            } else if (ch == '\'' && i + 1 < n && Character.isDigit(text.charAt(i + 1))) {
                words.add("'");
            } else if (isLetter(ch)) {
                int j = i + 1;
                while (j < n && isLetter(text.charAt(j))) {
                    j++;
                }
                words.add(text.substring(i, j).toLowerCase(Locale.ROOT));
            } else {
                continue;
            }
            starts.add(i);
        }
        // which rules' "needs" each word satisfies, one bit per rule
        long[] needed = new long[words.size()];
        for (int k = 0; k < needed.length; k++) {
            needed[k] = NEEDED_BY.getOrDefault(words.get(k), 0L);
        }
        for (int k = 0; k < words.size(); k++) {
            int[] rules = TRIGGERS.get(words.get(k));
            if (rules == null) {
                continue;
            }
            int i = starts.get(k);
            for (int ri : rules) {
                Rule rule = RULES.get(ri);
                if (!rule.needs().isEmpty() && !anyOf(needed, k, rule.within(), 1L << ri)) {
                    continue;
                }
                Matcher m = matchers[ri];
                if (m == null) {
                    m = rule.pattern().matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
                    matchers[ri] = m;
                }
                m.region(i, n);
                if (!m.lookingAt()) {
                    continue;
                }
                try {
                    Cand cand = rule.resolver().resolve(m, c);
                    if (cand != null) {
                        cands.add(cand);
                    }
                } catch (RuntimeException e) {
                    if (e != NO_ANCHOR) {
                        throw e;
                    }
                }
            }
        }
        // Longest expression wins; among equals, the earlier rule (rules are listed most specific first).
        cands.sort(Comparator.comparingInt((Cand k) -> k.start - k.end).thenComparingInt(k -> k.start));
        List<Cand> kept = new ArrayList<>();
        for (Cand k : cands) {
            boolean free = true;
            for (Cand o : kept) {
                if (k.start < o.end && o.start < k.end) {
                    free = false;
                    break;
                }
            }
            if (free) {
                kept.add(k);
            }
        }
        kept.sort(Comparator.comparingInt(k -> k.start));
        List<Timex> out = new ArrayList<>(kept.size());
        String lastQuarter = null;
        int lastQuarterEnd = -1;
        String lastYear = null;
        LocalDate lastMonth = null;
        for (Cand k : kept) {
            String value = k.value;
            if (k.quarterContext.year() && lastYear != null) {
                value = String.valueOf(Integer.parseInt(lastYear) + k.quarterContext.shift);
            } else if ((k.quarterContext == QuarterContext.MONTH_AFTER_MENTIONED
                    || k.quarterContext == QuarterContext.MONTH_BEFORE_MENTIONED) && lastMonth != null) {
                value = yearMonth(lastMonth.plusMonths(k.quarterContext.shift));
            }
            Matcher ym = YEAR_MONTH_VALUE.matcher(value);
            if (ym.lookingAt()) {
                lastYear = ym.group(1);
                if (ym.group(2) != null) {
                    lastMonth = LocalDate.of(Integer.parseInt(ym.group(1)), Integer.parseInt(ym.group(2)), 1);
                }
            }
            if (k.quarterContext.quarter() && lastQuarter != null && k.start - lastQuarterEnd < 800) {
                Matcher q = QUARTER_VALUE.matcher(lastQuarter);
                if (q.matches()) {
                    value = k.quarterContext == QuarterContext.SAME ? lastQuarter
                            : (Integer.parseInt(q.group(1)) - 1) + "-Q" + q.group(2);
                }
            }
            if (QUARTER_VALUE.matcher(value).matches() && k.quarterContext != QuarterContext.YEAR_BEFORE) {
                lastQuarter = value;
                lastQuarterEnd = k.end;
            }
            out.add(new Timex(k.start, k.end, k.type, value, inferred && k.relative));
        }
        return out;
    }

    // ---- resolvers -------------------------------------------------------------------------------------------

    private static Cand monthDay(Matcher m, Ctx c) {
        String y = m.group("y");
        return c.date(m, dayOfMonth(c, month(m.group("mon")), num(m, "d"), y, m), y == null);
    }

    /**
     * The date of a month and day, in {@code year}, or else the last such date on or before the anchor: news reports
     * what happened. The next one is taken when it is within three months and nearer, or when the clause around
     * {@code m} speaks of the future and it is within half a year.
     */
    private static LocalDate dayOfMonth(Ctx c, int mon, int day, String year, Matcher m) {
        if (year != null) {
            return ymd(Integer.parseInt(year), mon, day);
        }
        LocalDate a = c.a();
        LocalDate past = null;
        LocalDate next = null;
        for (int y = a.getYear() - 1; y <= a.getYear() + 1; y++) {
            LocalDate d = ymd(y, mon, day);
            if (d == null) {
                continue;
            }
            if (!d.isAfter(a)) {
                past = d;
            } else if (next == null) {
                next = d;
            }
        }
        if (next == null || past == null) {
            return next == null ? past : next;
        }
        long back = a.toEpochDay() - past.toEpochDay();
        long ahead = next.toEpochDay() - a.toEpochDay();
        boolean forward = ahead < back && ahead <= 90 || ahead <= 183 && c.future(m.start(), m.end());
        return forward ? next : past;
    }

    private static Cand month(Matcher m, Ctx c) {
        String mod = lower(m.group("mod"));
        String rel = lower(m.group("rel"));
        String name = m.group("mon");
        if (mod == null && rel == null && name.equals("May") && !c.precededBy(m.start(),
                "in", "since", "until", "by", "of", "from", "through", "to", "during", "before", "after", "and",
                "or", "between", "till")) {
            return null; // the modal verb "May" opening a sentence
        }
        int mon = month(name);
        LocalDate a = c.a();
        int y;
        if (rel != null) {
            y = a.getYear() + ("last".equals(rel) ? -1 : "next".equals(rel) ? 1 : 0);
        } else if ("last".equals(mod) || "past".equals(mod)) {
            y = mon < a.getMonthValue() ? a.getYear() : a.getYear() - 1;
        } else if ("next".equals(mod)) {
            y = mon > a.getMonthValue() ? a.getYear() : a.getYear() + 1;
        } else if ("this".equals(mod)) {
            y = a.getYear();
        } else {
            // the nearer of the last and the next such month; the tense breaks a tie
            int back = Math.floorMod(a.getMonthValue() - mon, 12);
            int ahead = Math.floorMod(mon - a.getMonthValue(), 12);
            boolean forward = ahead < back && ahead <= 3 || ahead <= back && c.future(m.start(), m.end());
            y = forward ? (mon >= a.getMonthValue() ? a.getYear() : a.getYear() + 1)
                    : (mon <= a.getMonthValue() ? a.getYear() : a.getYear() - 1);
        }
        return c.cand(m, Timex.Type.DATE, y + "-" + pad2(mon), true);
    }

    private static Cand year(Matcher m, Ctx c) {
        String y = m.group("y");
        String mod = lower(m.group("mod"));
        if (m.group("dec") != null) {
            return c.cand(m, Timex.Type.DATE, y.substring(0, 3), false);
        }
        if ("the".equals(mod)) {
            return new Cand(m.start("y"), m.end(), Timex.Type.DATE, y, false); // "the" belongs to decades only
        }
        if (mod != null && mod.endsWith("half of")) {
            return c.cand(m, Timex.Type.DATE, y + (mod.contains("first ") ? "-H1" : "-H2"), false);
        }
        return c.cand(m, Timex.Type.DATE, y, false);
    }

    private static Cand quarter(Matcher m, Ctx c) {
        String ord = m.group("ord").toLowerCase(Locale.ROOT);
        int q = switch (ord) {
            case "first", "1st" -> 1;
            case "second", "2nd" -> 2;
            case "third", "3rd" -> 3;
            case "fourth", "4th", "final" -> 4;
            default -> 0;
        };
        if (q == 0) {
            LocalDate a = c.a();
            int aq = a.get(IsoFields.QUARTER_OF_YEAR);
            return switch (ord) {
                case "current" -> c.cand(m, Timex.Type.DATE, a.getYear() + "-Q" + aq, true);
                case "next", "coming" -> c.cand(m, Timex.Type.DATE, quarterValue(a.plusMonths(3)), true);
                case "last", "past", "previous" -> c.cand(m, Timex.Type.DATE, quarterValue(a.minusMonths(3)), true);
                default -> c.sameQuarter(m); // latest, recent, same
            };
        }
        if (m.group("y") != null) {
            return c.cand(m, Timex.Type.DATE, m.group("y") + "-Q" + q, false);
        }
        String det = lower(m.group("det"));
        String rel = det != null && det.endsWith("year's") ? det.substring(0, det.indexOf(' ')) : lower(m.group("rel"));
        int y = rel != null ? c.a().getYear() + ("last".equals(rel) ? -1 : "next".equals(rel) ? 1 : 0)
                : latestYearOf(c, q, 4);
        return c.cand(m, Timex.Type.DATE, y + "-Q" + q, true);
    }

    private static Cand half(Matcher m, Ctx c) {
        int h = m.group("ord").equalsIgnoreCase("first") ? 1 : 2;
        if (m.group("y") != null) {
            return c.cand(m, Timex.Type.DATE, m.group("y") + "-H" + h, false);
        }
        String rel = lower(m.group("rel"));
        int y = rel != null ? c.a().getYear() + ("last".equals(rel) ? -1 : "next".equals(rel) ? 1 : 0)
                : latestYearOf(c, h, 2);
        return c.cand(m, Timex.Type.DATE, y + "-H" + h, true);
    }

    private static Cand relativeUnit(Matcher m, Ctx c) {
        if (c.quotedTitle(m)) {
            return null;
        }
        String rel = lower(m.group("rel"));
        String unit = m.group("u").toLowerCase(Locale.ROOT);
        int shift;
        switch (rel) {
            case "this", "current", "the current" -> shift = 0;
            case "last", "previous", "the previous", "this past" -> shift = -1; // "this past spring" = last spring
            case "next", "coming" -> shift = 1;
            default -> {
                // "the past year", "the next month": a stretch of time, not a calendar unit
                return switch (unit) {
                    case "week", "month", "year", "quarter", "decade", "century" ->
                            c.cand(m, Timex.Type.DURATION, durationValue(1, unit), false);
                    default -> null;
                };
            }
        }
        LocalDate a = c.a();
        String v = switch (unit) {
            case "week" -> isoWeek(a.plusWeeks(shift));
            case "weekend" -> isoWeek(a.plusWeeks(shift)) + "-WE";
            case "month" -> yearMonth(a.plusMonths(shift));
            case "year" -> String.valueOf(a.getYear() + shift);
            case "quarter" -> quarterValue(a.plusMonths(3L * shift));
            case "decade" -> String.valueOf(a.getYear() / 10 + shift);
            case "century" -> pad2(a.getYear() / 100 + shift);
            default -> season(a, unit, shift);
        };
        return c.cand(m, Timex.Type.DATE, v, true);
    }

    private static Cand ago(Matcher m, Ctx c) {
        String unit = singular(m.group("u"));
        String dir = lower(m.group("dir"));
        boolean back = !(dir.equals("later") || dir.equals("from now") || dir.equals("hence"));
        double n = m.group("n") == null ? NumberWords.VAGUE : NumberWords.parse(m.group("n"));
        if (Double.isNaN(n)) {
            return null;
        }
        if (m.group("n") == null && !m.group("u").toLowerCase(Locale.ROOT).endsWith("s")) {
            return null; // "year ago" without a count is not an expression
        }
        if (n == NumberWords.VAGUE) {
            return c.cand(m, Timex.Type.DATE, back ? "PAST_REF" : "FUTURE_REF", true);
        }
        int k = (int) Math.round(back ? -n : n);
        LocalDate a = c.a();
        String v = switch (unit) {
            case "second", "minute", "hour", "day" -> a.plusDays("day".equals(unit) ? k : 0).toString();
            case "week" -> isoWeek(a.plusWeeks(k));
            case "month" -> yearMonth(a.plusMonths(k));
            case "quarter" -> quarterValue(a.plusMonths(3L * k));
            case "decade" -> String.valueOf(a.plusYears(10L * k).getYear() / 10);
            case "century" -> pad2(a.plusYears(100L * k).getYear() / 100);
            default -> String.valueOf(a.getYear() + k);
        };
        if ("year".equals(unit) && k == -1) {
            return c.yearBeforeQuarter(m, v);
        }
        return c.cand(m, Timex.Type.DATE, v, true);
    }

    private static Cand duration(Matcher m, Ctx c) {
        double n = NumberWords.parse(m.group("n"));
        if (Double.isNaN(n) || n > 1000 || (n != NumberWords.VAGUE && n != Math.floor(n)) || c.quotedTitle(m)) {
            return null;
        }
        String unit = singular(m.group("u"));
        String article = m.group("n").toLowerCase(Locale.ROOT);
        boolean adjective = m.group("sep").equals("-"); // "a five-year plan"
        if (unit.equals("quarter") && (article.equals("a") || adjective || c.text.startsWith(" of", m.end()))) {
            return null; // a fraction: "a quarter of", "three-quarters"
        }
        int start = m.start();
        if (adjective && m.group("pre") == null && m.start("n") > m.start()) {
            start = m.start("n"); // TimeBank leaves the determiner out of adjectival durations ("the two-week")
        }
        if ((article.equals("a") || article.equals("an")) && m.group("pre") == null && m.start("n") == m.start()
                && c.afterAmount(m.start())) {
            // "$5 a year", "3% a month", "24 hours a day": the unit of a rate, part of the quantity; TimeBank
            // leaves such rates untagged
            return null;
        }
        boolean half = m.group("frac") != null || m.group("half") != null;
        if (half && n != NumberWords.VAGUE) {
            return new Cand(start, m.end(), Timex.Type.DURATION, halfDurationValue((int) n, unit), false);
        }
        return new Cand(start, m.end(), Timex.Type.DURATION, durationValue(n == NumberWords.VAGUE ? -1 : (int) n, unit),
                false);
    }

    /**
     * "2 1/2 years", "a minute and a half": ISO 8601 writes the half in the next smaller unit when it is whole there
     * (P2Y6M, PT1M30S), else as a decimal fraction of the unit (P1.5W).
     */
    private static String halfDurationValue(int n, String unit) {
        return switch (unit) {
            case "year" -> "P" + n + "Y6M";
            case "decade" -> "P" + (10 * n + 5) + "Y";
            case "day" -> "P" + n + "DT12H";
            case "hour" -> "PT" + n + "H30M";
            case "minute" -> "PT" + n + "M30S";
            default -> durationValue(n, unit).replaceFirst("(\\d+)([A-Z])$", "$1.5$2");
        };
    }

    private static Cand set(Matcher m, Ctx c) {
        String u = m.group("u") != null ? m.group("u") : m.group("u2") != null ? m.group("u2") : m.group("u3");
        if (u == null) {
            u = switch (m.group("adv").toLowerCase(Locale.ROOT)) {
                case "daily", "nightly" -> "day";
                case "weekly" -> "week";
                case "monthly" -> "month";
                case "quarterly" -> "quarter";
                case "hourly" -> "hour";
                default -> "year";
            };
        }
        u = u.toLowerCase(Locale.ROOT);
        String v = switch (u) {
            case "morning" -> "XXXX-XX-XXTMO";
            case "evening" -> "XXXX-XX-XXTEV";
            case "night" -> "XXXX-XX-XXTNI";
            default -> durationValue(1, u);
        };
        return c.cand(m, Timex.Type.SET, v, false);
    }

    private static Cand dayWord(Matcher m, Ctx c) {
        LocalDate a = c.a();
        String day = m.group("day").toLowerCase(Locale.ROOT);
        LocalDate d = switch (day) {
            case "yesterday" -> a.minusDays(1);
            case "tomorrow" -> a.plusDays(1);
            default -> a;
        };
        if (m.group("part") != null) {
            return c.cand(m, Timex.Type.TIME, d + partOfDay(m.group("part")), true);
        }
        if (day.equals("tonight")) {
            return c.cand(m, Timex.Type.TIME, d + "TNI", true);
        }
        return c.cand(m, Timex.Type.DATE, d.toString(), true);
    }

    private static Cand weekdayRule(Matcher m, Ctx c) {
        String rel = lower(m.group("rel"));
        if (rel != null && rel.startsWith("the ")) {
            rel = rel.substring(4);
        }
        if ("this coming".equals(rel)) {
            rel = "coming";
        }
        DayOfWeek wd = weekday(m.group("wd"));
        LocalDate a = c.a();
        LocalDate d = switch (rel == null ? "" : rel) {
            case "last", "past", "previous" -> a.with(TemporalAdjusters.previous(wd));
            case "next", "coming", "following" -> a.with(TemporalAdjusters.next(wd));
            case "this" -> a.with(wd);
            default -> c.tense(m.start(), m.end()) == Tense.FUTURE
                    ? a.with(TemporalAdjusters.nextOrSame(wd)) : a.with(TemporalAdjusters.previousOrSame(wd));
        };
        int start = "on".equals(rel) ? m.start("wd") : m.start();
        if (m.group("part") != null) {
            return new Cand(start, m.end(), Timex.Type.TIME, d + partOfDay(m.group("part")), true);
        }
        return new Cand(start, m.end(), Timex.Type.DATE, d.toString(), true);
    }

    private static Cand clock(Matcher m, Ctx c) {
        int h = num(m, "h");
        int min = m.group("min") == null ? 0 : num(m, "min");
        String ap = group(m, "ap");
        if (ap != null) {
            boolean pm = Character.toLowerCase(ap.charAt(0)) == 'p';
            h = h % 12 + (pm ? 12 : 0);
        }
        return c.cand(m, Timex.Type.TIME, dayOf(m, c) + "T" + pad2(h) + ":" + pad2(min), true);
    }

    /** The day a clock time names in its optional "day" group ("3 p.m. Tuesday"), else the anchor. */
    private static LocalDate dayOf(Matcher m, Ctx c) {
        String mon = group(m, "mon");
        if (mon != null) {
            LocalDate d = dayOfMonth(c, month(mon), num(m, "d"), null, m);
            if (d != null) {
                return d;
            }
        }
        LocalDate a = c.a();
        String day = group(m, "day");
        if (day == null) {
            return a;
        }
        return switch (day.toLowerCase(Locale.ROOT)) {
            case "today" -> a;
            case "yesterday" -> a.minusDays(1);
            case "tomorrow" -> a.plusDays(1);
            default -> c.tense(m.start(), m.end()) == Tense.FUTURE ? a.with(TemporalAdjusters.nextOrSame(weekday(day)))
                    : a.with(TemporalAdjusters.previousOrSame(weekday(day)));
        };
    }

    private static Cand reference(Matcher m, Ctx c) {
        String w = m.group("w").toLowerCase(Locale.ROOT);
        String v = switch (SPACES.matcher(w).replaceAll(" ")) {
            // TimeML: "the past" (without a unit: "in the past") and the adjective "current" point at no date
            case "recently", "lately", "the past" -> "PAST_REF";
            default -> w.endsWith("future") ? "FUTURE_REF" : "PRESENT_REF";
        };
        return c.cand(m, Timex.Type.DATE, v, true);
    }

    /**
     * A holiday without a year is the last one on or before the anchor, or the next one when the clause speaks of the
     * future or it is less than a month away ("Christmas" in a December article).
     */
    private static Cand holiday(Matcher m, Ctx c) {
        String h = m.group("h");
        LocalDate a = c.a();
        LocalDate d = holidayIn(h, a.getYear());
        if (d.isAfter(a) && !c.future(m.start(), m.end()) && d.minusMonths(1).isAfter(a)) {
            d = holidayIn(h, a.getYear() - 1);
        } else if (!d.isAfter(a) && c.future(m.start(), m.end()) && !d.equals(a)) {
            d = holidayIn(h, a.getYear() + 1);
        }
        return c.cand(m, Timex.Type.DATE, d.toString(), true);
    }

    private static LocalDate holidayIn(String h, int y) {
        if (h.startsWith("Christmas")) {
            return LocalDate.of(y, 12, h.endsWith("Eve") ? 24 : 25);
        } else if (h.startsWith("New")) {
            return h.endsWith("Eve") ? LocalDate.of(y, 12, 31) : LocalDate.of(y, 1, 1);
        } else if (h.startsWith("Independence")) {
            return LocalDate.of(y, 7, 4);
        }
        return LocalDate.of(y, 11, 1).with(TemporalAdjusters.dayOfWeekInMonth(4, DayOfWeek.THURSDAY));
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    private static int ordinal(String word) {
        return switch (word.toLowerCase(Locale.ROOT)) {
            case "first", "1st" -> 1;
            case "second", "2nd" -> 2;
            case "third", "3rd" -> 3;
            default -> 4;
        };
    }

    private static int latestYearOf(Ctx c, int part, int partsPerYear) {
        LocalDate a = c.a();
        int current = (a.getMonthValue() - 1) / (12 / partsPerYear) + 1;
        return part <= current ? a.getYear() : a.getYear() - 1;
    }

    private static String durationValue(int n, String unit) {
        String count = n < 0 ? "X" : String.valueOf(n);
        return switch (unit) {
            case "second" -> "PT" + count + "S";
            case "minute" -> "PT" + count + "M";
            case "hour" -> "PT" + count + "H";
            case "day" -> "P" + count + "D";
            case "week" -> "P" + count + "W";
            case "month" -> "P" + count + "M";
            case "quarter" -> n < 0 ? "PXQ" : "P" + (3 * n) + "M";
            case "decade" -> n < 0 ? "PXDE" : "P" + (10 * n) + "Y";
            case "century", "centurie" -> n < 0 ? "PXCE" : "P" + (100 * n) + "Y";
            default -> "P" + count + "Y";
        };
    }

    private static String singular(String unit) {
        String u = unit.toLowerCase(Locale.ROOT);
        if (u.equals("centuries")) {
            return "century";
        }
        return u.endsWith("s") ? u.substring(0, u.length() - 1) : u;
    }

    private static String season(LocalDate a, String unit, int shift) {
        int m = a.getMonthValue();
        String code;
        int start; // month the season starts
        switch (unit) {
            case "spring" -> { code = "SP"; start = 3; }
            case "summer" -> { code = "SU"; start = 6; }
            case "winter" -> { code = "WI"; start = 12; }
            default -> { code = "FA"; start = 9; }
        }
        int y = a.getYear();
        if (code.equals("WI") && m <= 2) {
            y--; // January belongs to the winter that began the previous December
        }
        if (shift < 0) {
            y = (code.equals("WI") ? m == 12 : m >= start + 3) ? y : y - 1;
            if (code.equals("WI") && m <= 2) {
                y--;
            }
        } else if (shift > 0) {
            y = m < start || (code.equals("WI") && m <= 2) ? y : y + 1;
        }
        return y + "-" + code;
    }

    private static String isoWeek(LocalDate d) {
        return d.get(IsoFields.WEEK_BASED_YEAR) + "-W" + pad2(d.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
    }

    private static String yearMonth(LocalDate d) {
        return d.getYear() + "-" + pad2(d.getMonthValue());
    }

    private static String quarterValue(LocalDate d) {
        return d.getYear() + "-Q" + d.get(IsoFields.QUARTER_OF_YEAR);
    }

    private static String partOfDay(String part) {
        return switch (part.toLowerCase(Locale.ROOT)) {
            case "morning" -> "TMO";
            case "afternoon" -> "TAF";
            case "evening" -> "TEV";
            default -> "TNI";
        };
    }

    private static int month(String name) {
        return switch (name.substring(0, 3)) {
            case "Jan" -> 1;
            case "Feb" -> 2;
            case "Mar" -> 3;
            case "Apr" -> 4;
            case "May" -> 5;
            case "Jun" -> 6;
            case "Jul" -> 7;
            case "Aug" -> 8;
            case "Sep" -> 9;
            case "Oct" -> 10;
            case "Nov" -> 11;
            default -> 12;
        };
    }

    private static DayOfWeek weekday(String name) {
        return DayOfWeek.valueOf(name.toUpperCase(Locale.ROOT));
    }

    private static LocalDate ymd(int y, int m, int d) {
        return d <= LocalDate.of(y, m, 1).lengthOfMonth() ? LocalDate.of(y, m, d) : null;
    }

    private static int num(Matcher m, String group) {
        return Integer.parseInt(m.group(group));
    }

    private static String group(Matcher m, String name) {
        try {
            return m.group(name);
        } catch (IllegalArgumentException e) {
            return null; // the rule's pattern has no such group
        }
    }

    private static String lower(String s) {
        return s == null ? null : SPACES.matcher(s.toLowerCase(Locale.ROOT)).replaceAll(" ");
    }

    private static String pad2(int n) {
        return n < 10 ? "0" + n : String.valueOf(n);
    }

    /**
     * A rule is tried only where a word it can start with begins: {@code triggers} lists those words in lower case,
     * with {@code #} for a number and {@code '} for an apostrophe before a digit ('90s). Trying each pattern at a few
     * word starts instead of scanning the text with every pattern is what makes the annotator fast.
     */
    private static boolean anyOf(long[] needed, int from, int within, long ruleBit) {
        for (int k = from, to = Math.min(needed.length, from + within); k < to; k++) {
            if ((needed[k] & ruleBit) != 0) {
                return true;
            }
        }
        return false;
    }

    private static boolean isLetter(char ch) {
        return ch < 128 ? (ch | 0x20) >= 'a' && (ch | 0x20) <= 'z' : Character.isLetter(ch);
    }

    private static boolean isLetterOrDigit(char ch) {
        return ch < 128 ? isLetter(ch) || ch >= '0' && ch <= '9' : Character.isLetterOrDigit(ch);
    }

    /** For each word some rule needs, a bit set of those rules (RULES has fewer than 64 entries). */
    private static Map<String, Long> neededBy() {
        if (RULES.size() >= Long.SIZE) {
            throw new IllegalStateException("more rules than bits in a long: widen the needs bit set");
        }
        Map<String, Long> out = new HashMap<>();
        for (int i = 0; i < RULES.size(); i++) {
            for (String w : RULES.get(i).needs()) {
                out.merge(w, 1L << i, (a, b) -> a | b);
            }
        }
        return Map.copyOf(out);
    }

    private static Map<String, int[]> triggers() {
        Map<String, List<Integer>> byWord = new HashMap<>();
        for (int i = 0; i < RULES.size(); i++) {
            for (String w : RULES.get(i).triggers()) {
                byWord.computeIfAbsent(w, k -> new ArrayList<>()).add(i);
            }
        }
        Map<String, int[]> out = new HashMap<>();
        byWord.forEach((w, rules) -> out.put(w, rules.stream().mapToInt(Integer::intValue).toArray()));
        return Map.copyOf(out);
    }

    private static Rule rule(String triggers, String regex, Resolver resolver) {
        return new Rule(Set.copyOf(Arrays.asList(triggers.strip().split("\\s+"))), Pattern.compile(regex), resolver, Set.of(), 0);
    }

    /**
     * @param needs when not empty, one of these words must occur among the {@code within} words from the trigger
     *     on, or the pattern is not tried (most "the" and most numbers start no time expression)
     */
    private record Rule(Set<String> triggers, Pattern pattern, Resolver resolver, Set<String> needs, int within) {
        Rule needs(String words, int within) {
            return new Rule(triggers, pattern, resolver, Set.copyOf(Arrays.asList(words.strip().split("\\s+"))),
                    within);
        }
    }

    @FunctionalInterface
    private interface Resolver {
        /** A candidate for the match, or null to reject it. */
        Cand resolve(Matcher m, Ctx c);
    }

    /** How a value depends on what the text mentioned before: a quarter, or a year ("that year"). */
    private enum QuarterContext {
        NONE(0), SAME(0), YEAR_BEFORE(0), YEAR_MENTIONED(0), YEAR_AFTER_MENTIONED(1), YEAR_BEFORE_MENTIONED(-1),
        MONTH_AFTER_MENTIONED(1), MONTH_BEFORE_MENTIONED(-1);

        /** For the anaphoric contexts, how many years or months from the one mentioned. */
        final int shift;

        QuarterContext(int shift) {
            this.shift = shift;
        }

        boolean quarter() {
            return this == SAME || this == YEAR_BEFORE;
        }

        boolean year() {
            return this == YEAR_MENTIONED || this == YEAR_AFTER_MENTIONED || this == YEAR_BEFORE_MENTIONED;
        }
    }

    /** The tense of the clause a weekday stands in, by {@code Ctx.tense}. */
    private enum Tense { PAST, FUTURE, NONE }

    private record Cand(int start, int end, Timex.Type type, String value, boolean relative,
            QuarterContext quarterContext) {
        Cand(int start, int end, Timex.Type type, String value, boolean relative) {
            this(start, end, type, value, relative, QuarterContext.NONE);
        }
    }

    /** One text and its anchor while rules run. */
    private static final class Ctx {
        final String text;
        final LocalDate anchor;
        // the sentences of the line that clauseAround last looked at
        private int lineStart;
        private int lineEnd;
        private List<Sentence> lineSentences;

        Ctx(String text, LocalDate anchor) {
            this.text = text;
            this.anchor = anchor;
        }

        /** The anchor; rules that need one are skipped when there is none. */
        LocalDate a() {
            if (anchor == null) {
                throw NO_ANCHOR;
            }
            return anchor;
        }

        Cand cand(Matcher m, Timex.Type type, String value, boolean relative) {
            return new Cand(m.start(), m.end(), type, value, relative);
        }

        Cand date(Matcher m, LocalDate d, boolean relative) {
            return d == null ? null : cand(m, Timex.Type.DATE, d.toString(), relative);
        }

        /** "the quarter", "the latest quarter": the quarter last mentioned, else the one before the anchor's. */
        Cand sameQuarter(Matcher m) {
            return new Cand(m.start(), m.end(), Timex.Type.DATE, quarterValue(a().minusMonths(3)), true,
                    QuarterContext.SAME);
        }

        /** "a year ago", "year-earlier": the last-mentioned quarter a year back, else {@code fallback}. */
        Cand yearBeforeQuarter(Matcher m, String fallback) {
            a();
            return new Cand(m.start(), m.end(), Timex.Type.DATE, fallback, true, QuarterContext.YEAR_BEFORE);
        }

        /** Whether the clause around {@code [start, end)} speaks of the future. */
        boolean future(int start, int end) {
            int from = Math.max(0, start - 100);
            int to = Math.min(text.length(), end + 60);
            for (int i = start - 1; i >= from; i--) {
                char ch = text.charAt(i);
                if (ch == '.' || ch == '\n' || ch == '!' || ch == '?' || ch == ';') {
                    from = i + 1;
                    break;
                }
            }
            for (int i = end; i < to; i++) {
                char ch = text.charAt(i);
                if (ch == '.' || ch == '\n' || ch == '!' || ch == '?' || ch == ';') {
                    to = i;
                    break;
                }
            }
            Matcher f = FUTURE.matcher(text).region(from, to);
            while (f.find()) {
                // "had been scheduled to", "had been due to": a plan reported as past, not a future
                if (!PLUPERFECT.matcher(text).region(from, f.start()).find()) {
                    return true;
                }
            }
            return false;
        }

        /**
         * The tense of the verb that governs a bare weekday at {@code [start, end)}, as news copy uses it: a past
         * tense names the last such day ("was spotted Thursday night", "said Friday"), a future the next one ("will
         * meet Thursday", "is to be voted on Thursday"). HeidelTime resolves underspecified weekdays the same way.
         *
         * <p>Within the weekday's clause (its sentence, cut at semicolons), the nearest cue before the weekday
         * decides: a future cue ({@link #FUTURE}, not a plan reported in the pluperfect; "may", "should" ...), a
         * past-tense verb (see {@link #cue}), or a present-tense auxiliary, "could", "would" or "if", which say
         * nothing about the weekday's direction. So a verb before the weekday governs it even when a later clause
         * changes tense ("checked in on Thursday night, for what is to be a three-month stay"; "officials said Monday
         * they will order ..."). When nothing before it decides (no cue, or a present tense or modal: "could be
         * reached by Friday, when the session is due to end"), the first future or past cue after it does ("On
         * Tuesday, the league plans to hold ..."). Otherwise {@link Tense#NONE}.
         */
        Tense tense(int start, int end) {
            // "Sunday's elections", "Monday's turmoil": a possessive weekday names an event of its own, mostly one
            // already known; a modal of the clause ("may force", "should not suffer") is not its tense
            boolean modalsCount = !(text.startsWith("'s", end) || text.startsWith("\u2019s", end));
            int[] clause = clauseAround(start);
            int from = clause[0];
            int to = Math.max(clause[1], end);
            int future = -1; // start of the last future cue before the weekday
            Matcher f = FUTURE.matcher(text).region(from, start);
            while (f.find()) {
                // "had been scheduled to", "had been due to": a plan reported as past, not a future
                if (!PLUPERFECT.matcher(text).region(from, f.start()).find()) {
                    future = f.start();
                }
            }
            List<int[]> before = words(from, start);
            int other = -1; // start of the last past (or present, modal) cue before the weekday
            Tense otherTense = Tense.NONE;
            for (int k = before.size() - 1; k >= 0 && before.get(k)[0] > future; k--) {
                Tense t = cue(before, k, modalsCount);
                if (t != null) {
                    other = before.get(k)[0];
                    otherTense = t;
                    break;
                }
            }
            if (future >= 0 && future >= other) {
                return Tense.FUTURE;
            }
            if (otherTense != Tense.NONE) {
                return otherTense;
            }
            f = FUTURE.matcher(text).region(end, to);
            future = Integer.MAX_VALUE;
            while (f.find()) {
                if (!PLUPERFECT.matcher(text).region(end, f.start()).find()) {
                    future = f.start();
                    break;
                }
            }
            List<int[]> after = words(end, to);
            for (int k = 0; k < after.size() && after.get(k)[0] < future; k++) {
                // "were planning to", "was expected to": the auxiliary belongs to the future cue after it
                boolean auxOfFuture = k + 1 < after.size() && after.get(k + 1)[0] == future;
                Tense t = auxOfFuture ? null : cue(after, k, modalsCount);
                if (t == Tense.PAST || t == Tense.FUTURE) {
                    return t;
                }
            }
            return future < Integer.MAX_VALUE ? Tense.FUTURE : Tense.NONE;
        }

        /**
         * What word {@code k} of {@code ws} says of the tense, or null for nothing. {@link Tense#PAST}: an auxiliary
         * or irregular form of {@link #PAST_FORMS}, or a lower-case "-ed" word that is not one of
         * {@link #NOT_PAST_ED}. Not a participle after "be", "been", "is" ... ("will be held Thursday", "is to be
         * voted on Thursday": the auxiliary before it carries the tense) or after "has", "have" (a present perfect
         * takes no definite past time: "has almost completed ... the period ending on Wednesday"), possibly with
         * adverbs between; not an adjective after a determiner ("a nationally televised speech"); not a participle
         * that announces a plan ("scheduled", "expected"). PAST also for the "have" of a modal perfect ("may have
         * died"). {@link Tense#FUTURE} for a modal of {@link #FUTURE_MODALS} (past before "have"), unless
         * {@code modalsCount} is false. {@link Tense#NONE} for a present-tense
         * auxiliary, "could", "would" or a conditional ({@link #PRESENT_OR_MODAL}).
         */
        private Tense cue(List<int[]> ws, int k, boolean modalsCount) {
            int[] w = ws.get(k);
            String word = text.substring(w[0], w[1]);
            String lower = word.toLowerCase(Locale.ROOT);
            if (FUTURE_MODALS.contains(lower) && modalsCount) {
                // "may pressure the market Friday"; but a modal perfect is past: "may have died Friday"
                boolean perfect = k + 1 < ws.size() && List.of("have", "'ve").contains(
                        text.substring(ws.get(k + 1)[0], ws.get(k + 1)[1]).toLowerCase(Locale.ROOT));
                return perfect ? Tense.PAST : Tense.FUTURE;
            }
            if ((lower.equals("have") || lower.equals("'ve")) && k > 0 && MODALS.contains(
                    text.substring(ws.get(k - 1)[0], ws.get(k - 1)[1]).toLowerCase(Locale.ROOT))) {
                return Tense.PAST; // a modal perfect: "may have died Friday", "could have been reached Friday"
            }
            if (PRESENT_OR_MODAL.contains(lower) || FUTURE_MODALS.contains(lower)) {
                return Tense.NONE;
            }
            boolean form = PAST_FORMS.contains(lower)
                    || word.equals(lower) && lower.length() >= 4 && lower.endsWith("ed") && onlyLetters(lower)
                    && !NOT_PAST_ED.contains(lower);
            if (!form || FUTURE_PARTICIPLE.matcher(lower).matches()) {
                return null;
            }
            if (AUXILIARIES.contains(lower)) {
                return Tense.PAST;
            }
            int p = k - 1; // the word before the participle, past adverbs ("will be further tightened")
            while (p >= 0 && adverb(ws.get(p))) {
                p--;
            }
            if (p < 0) {
                return Tense.PAST;
            }
            String prev = text.substring(ws.get(p)[0], ws.get(p)[1]).toLowerCase(Locale.ROOT);
            if (PARTICIPLE_AUX.contains(prev)) {
                return null; // the auxiliary before it is the cue
            }
            if (DETERMINERS.contains(prev)) {
                return null; // an adjective: "a televised speech", "the proposed merger"
            }
            return Tense.PAST;
        }

        private boolean adverb(int[] w) {
            String x = text.substring(w[0], w[1]).toLowerCase(Locale.ROOT);
            return x.length() > 4 && x.endsWith("ly") && onlyLetters(x) || ADVERBS.contains(x);
        }

        private static boolean onlyLetters(String w) {
            for (int i = 0; i < w.length(); i++) {
                if (w.charAt(i) < 'a' || w.charAt(i) > 'z') {
                    return false;
                }
            }
            return true;
        }

        /**
         * The words of {@code text[from, to)} as {start, end} pairs: runs of non-space characters without the
         * punctuation around them (so "U.S.-led" stays one word, and "Calif.," is "Calif").
         */
        private List<int[]> words(int from, int to) {
            List<int[]> out = new ArrayList<>();
            int i = from;
            while (i < to) {
                while (i < to && Character.isWhitespace(text.charAt(i))) {
                    i++;
                }
                int s = i;
                while (i < to && !Character.isWhitespace(text.charAt(i))) {
                    i++;
                }
                int a = s;
                int b = i;
                while (a < b && !isLetterOrDigit(text.charAt(a))) {
                    a++;
                }
                while (b > a && !isLetterOrDigit(text.charAt(b - 1))) {
                    b--;
                }
                if (a < b) {
                    out.add(new int[] {a, b});
                }
            }
            return out;
        }

        /**
         * The clause around {@code pos}: its sentence, as {@link SentenceSplitter} splits the line (paragraph) it is
         * on, cut at the semicolons around {@code pos}. The sentences of the last line asked about are kept.
         */
        private int[] clauseAround(int pos) {
            if (lineSentences == null || pos < lineStart || pos >= lineEnd) {
                int s = text.lastIndexOf('\n', pos - 1) + 1;
                int e = text.indexOf('\n', pos);
                lineStart = s;
                lineEnd = e < 0 ? text.length() : e;
                lineSentences = SentenceSplitter.split(text, lineStart, lineEnd);
            }
            int from = lineStart;
            int to = lineEnd;
            for (Sentence x : lineSentences) {
                if (x.start() <= pos && pos < x.end()) {
                    from = x.start();
                    to = x.end();
                    break;
                }
            }
            int semi = text.lastIndexOf(';', pos - 1);
            if (semi >= from) {
                from = semi + 1;
            }
            semi = text.indexOf(';', pos);
            if (semi >= 0 && semi < to) {
                to = semi;
            }
            return new int[] {from, to};
        }

        /**
         * Whether the match opens a quotation and capitalises its unit: a programme or book title ("60 Minutes",
         * ABC's "This Week"), not a time expression.
         */
        boolean quotedTitle(Matcher m) {
            int s = m.start();
            return s > 0 && "\"'\u201c\u2018`".indexOf(text.charAt(s - 1)) >= 0
                    && Character.isUpperCase(text.charAt(m.start("u")));
        }

        /** Whether the word before {@code pos} is one of {@code words} (case-insensitive). */
        boolean precededBy(int pos, String... words) {
            String w = previousWord(pos);
            for (String x : words) {
                if (x.equalsIgnoreCase(w)) {
                    return true;
                }
            }
            return false;
        }

        /** Whether an amount ends just before {@code pos}: "$5 a year", "3 percent a month", "twice a day". */
        boolean afterAmount(int pos) {
            String w = previousWord(pos).toLowerCase(Locale.ROOT);
            return !w.isEmpty() && (Character.isDigit(w.charAt(w.length() - 1)) || w.endsWith("%")
                    || AMOUNT_WORD.matcher(w).matches());
        }

        private String previousWord(int pos) {
            int i = pos - 1;
            while (i >= 0 && Character.isWhitespace(text.charAt(i))) {
                i--;
            }
            int end = i + 1;
            while (i >= 0 && !Character.isWhitespace(text.charAt(i))) {
                i--;
            }
            if (end > i + 1 && ",;:".indexOf(text.charAt(end - 1)) >= 0) {
                end--;
            }
            return text.substring(i + 1, end);
        }
    }
}
