package dev.parallax.server;

import dev.parallax.core.analysis.time.Timex;
import dev.parallax.core.model.Article;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The event-time timeline of a story: every DATE time expression of its articles that names a calendar day, week,
 * month or year, merged by value across articles, laid out on a proportional axis as inline SVG geometry (computed
 * here, so that the page needs neither script nor inline style). Each point cites the articles and words it comes
 * from. Relative expressions count as their resolved value; vague ones (PAST_REF, a decade) are left out.
 */
final class TimelineChart {
    /** The chart's coordinate system: the SVG viewBox is WIDTH wide; the axis runs between the margins. */
    static final int WIDTH = 1000;
    private static final int MARGIN = 24;
    private static final int LANE = 26;
    private static final int MAX_LANES = 8;
    /** Room a point's number label needs before the next point in the same lane. */
    private static final double LABEL_ROOM = 26;

    private static final Pattern DAY = Pattern.compile("(\\d{4})-(\\d{2})-(\\d{2})");
    private static final Pattern WEEK = Pattern.compile("(\\d{4})-W(\\d{2})");
    private static final Pattern MONTH = Pattern.compile("(\\d{4})-(\\d{2})");
    private static final Pattern YEAR = Pattern.compile("\\d{4}");
    private static final DateTimeFormatter DAY_LABEL = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH);
    private static final DateTimeFormatter MONTH_LABEL = DateTimeFormatter.ofPattern("MMMM yyyy", Locale.ENGLISH);

    /** A calendar period: [start, end). */
    record Period(LocalDate start, LocalDate end, String label) {}

    private TimelineChart() {}

    /** The period a TimeML DATE value names, or null when it is not a calendar day, week, month or year. */
    static Period period(String value) {
        try {
            Matcher m;
            if ((m = DAY.matcher(value)).matches()) {
                LocalDate d = LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                        Integer.parseInt(m.group(3)));
                return new Period(d, d.plusDays(1), d.format(DAY_LABEL));
            }
            if ((m = WEEK.matcher(value)).matches()) {
                int week = Integer.parseInt(m.group(2));
                LocalDate d = LocalDate.of(Integer.parseInt(m.group(1)), 1, 4)
                        .with(IsoFields.WEEK_OF_WEEK_BASED_YEAR, week).with(java.time.DayOfWeek.MONDAY);
                return week < 1 || week > 53 ? null
                        : new Period(d, d.plusWeeks(1), "week " + week + " of " + m.group(1));
            }
            if ((m = MONTH.matcher(value)).matches()) {
                LocalDate d = LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), 1);
                return new Period(d, d.plusMonths(1), d.format(MONTH_LABEL));
            }
            if (YEAR.matcher(value).matches()) {
                LocalDate d = LocalDate.of(Integer.parseInt(value), 1, 1);
                return new Period(d, d.plusYears(1), value);
            }
        } catch (java.time.DateTimeException e) { // "2023-13" or "2023-02-30": not a calendar period
            return null;
        }
        return null;
    }

    /** The chart of the articles' dates, or null when they name none. */
    static Pages.Timeline of(List<Article> articles) {
        Map<String, Set<Pages.Citation>> byValue = new LinkedHashMap<>();
        Map<String, Period> periods = new LinkedHashMap<>();
        for (Article a : articles) {
            for (Timex t : a.layer(Timex.LAYER)) {
                if (t.type() != Timex.Type.DATE) {
                    continue;
                }
                Period p = period(t.value());
                if (p == null) {
                    continue;
                }
                periods.put(t.value(), p);
                byValue.computeIfAbsent(t.value(), k -> new LinkedHashSet<>()).add(new Pages.Citation(
                        WebUi.label(a.outlet()), WebUi.articleHref(a.id()), a.headline(), a.textOf(t),
                        t.anchoredOnInferredDate()));
            }
        }
        if (periods.isEmpty()) {
            return null;
        }
        List<String> values = new ArrayList<>(periods.keySet());
        values.sort(Comparator.comparing((String v) -> periods.get(v).start())
                .thenComparing(v -> periods.get(v).end(), Comparator.reverseOrder()));
        LocalDate min = periods.get(values.get(0)).start();
        LocalDate max = values.stream().map(v -> periods.get(v).end()).max(Comparator.naturalOrder()).orElseThrow();
        double days = Math.max(1, ChronoUnit.DAYS.between(min, max));
        double plot = WIDTH - 2.0 * MARGIN;
        List<double[]> laneEnds = new ArrayList<>();
        List<Pages.TimePoint> points = new ArrayList<>();
        for (String v : values) {
            Period p = periods.get(v);
            double x = MARGIN + plot * ChronoUnit.DAYS.between(min, p.start()) / days;
            double w = Math.max(8, plot * ChronoUnit.DAYS.between(p.start(), p.end()) / days);
            int lane = lane(laneEnds, x, x + Math.max(w, LABEL_ROOM));
            points.add(new Pages.TimePoint(points.size() + 1, p.label(), v, round(x), round(w), 10 + lane * LANE,
                    p.end().equals(p.start().plusDays(1)), List.copyOf(byValue.get(v))));
        }
        int axis = 10 + laneEnds.size() * LANE + 6;
        return new Pages.Timeline(periods.get(values.get(0)).label(),
                periods.get(values.get(values.size() - 1)).label(), ticks(min, max, days, plot), points, axis,
                axis + 34);
    }

    /** The first lane free at {@code from}, or, when all are taken, the one that frees up first. */
    private static int lane(List<double[]> ends, double from, double to) {
        for (int i = 0; i < ends.size(); i++) {
            if (ends.get(i)[0] <= from) {
                ends.get(i)[0] = to;
                return i;
            }
        }
        if (ends.size() < MAX_LANES) {
            ends.add(new double[] {to});
            return ends.size() - 1;
        }
        int best = 0;
        for (int i = 1; i < ends.size(); i++) {
            if (ends.get(i)[0] < ends.get(best)[0]) {
                best = i;
            }
        }
        ends.get(best)[0] = Math.max(ends.get(best)[0], to);
        return best;
    }

    /** Year ticks (every 1, 2, 5, 10... years) for long spans; month ticks for spans under two years. */
    private static List<Pages.Tick> ticks(LocalDate min, LocalDate max, double days, double plot) {
        List<Pages.Tick> ticks = new ArrayList<>();
        if (days < 730) {
            int step = days <= 370 ? 1 : 3;
            if (days <= 45) { // a few weeks: one tick per week
                for (LocalDate d = min; !d.isAfter(max); d = d.plusWeeks(1)) {
                    ticks.add(new Pages.Tick(round(MARGIN + plot * ChronoUnit.DAYS.between(min, d) / days),
                            d.format(DateTimeFormatter.ofPattern("d MMM", Locale.ENGLISH))));
                }
                return ticks;
            }
            for (LocalDate d = min.withDayOfMonth(1); !d.isAfter(max); d = d.plusMonths(step)) {
                if (!d.isBefore(min)) {
                    ticks.add(new Pages.Tick(round(MARGIN + plot * ChronoUnit.DAYS.between(min, d) / days),
                            d.format(DateTimeFormatter.ofPattern("MMM yyyy", Locale.ENGLISH))));
                }
            }
            return ticks;
        }
        double years = days / 365.25;
        int step = 1;
        for (int s : new int[] {1, 2, 5, 10, 20, 25, 50, 100}) {
            step = s;
            if (years / s <= 10) {
                break;
            }
        }
        int first = (min.getYear() + step - 1) / step * step;
        for (int y = first; !LocalDate.of(y, 1, 1).isAfter(max); y += step) {
            LocalDate d = LocalDate.of(y, 1, 1);
            if (!d.isBefore(min)) {
                ticks.add(new Pages.Tick(round(MARGIN + plot * ChronoUnit.DAYS.between(min, d) / days),
                        String.valueOf(y)));
            }
        }
        return ticks;
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
