package dev.parallax.server;

import dev.parallax.core.analysis.entity.Mention;
import dev.parallax.core.analysis.quantity.Quantity;
import dev.parallax.core.analysis.quote.Quote;
import dev.parallax.core.analysis.quote.Span;
import dev.parallax.core.analysis.time.Timex;
import dev.parallax.core.model.Article;
import dev.parallax.core.model.LayerKey;
import dev.parallax.core.model.Removal;
import dev.parallax.core.model.Sentence;
import dev.parallax.core.model.Spanned;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * What the article page marks in the text: entity mentions (linked to their entity page), time expressions (with
 * their normalised value), quantities, and where the cleaner removed something (a caption, a credit). Spans may overlap ("three days" is both a duration and a count): the one
 * that starts first wins, at the same start the longer, then a mention before a time expression before a quantity;
 * a span is never cut in two. Quotes are a layer around those marks: their content, source and cue spans split the
 * plain runs, and a mark belongs to the quote part its first character lies in, so a quoted name keeps its link.
 */
final class Highlights {
    /** One marked span of the clean text, already described for the page. */
    record Mark(int start, int end, String kind, String href, String title, String chip) {}

    /**
     * Where the cleaner removed a piece, as a marker before the sentence text at {@code at}.
     *
     * @param label what is shown ("✂ caption")
     * @param title the removed text and why it was removed
     */
    record Cut(int at, String label, String title) {}

    /** The article's removals, each placed at its offset, or at the start of the next sentence when between two. */
    static List<Cut> cuts(Article a) {
        List<Sentence> sentences = a.layer(LayerKey.SENTENCES);
        List<Cut> out = new ArrayList<>();
        for (Removal r : a.removals()) {
            int at = r.cleanOffset();
            for (Sentence sn : sentences) {
                if (sn.end() > at) {
                    at = Math.max(at, sn.start());
                    break;
                }
            }
            String kind = r.kind().label();
            out.add(new Cut(at, "✂ " + kind, "Removed " + kind + ": “" + r.text().strip() + "” — " + r.reason()));
        }
        out.sort(Comparator.comparingInt(Cut::at));
        return out;
    }

    private Highlights() {}

    /** One part of a quote: content, source or cue, with what the page says about the quote. */
    record Part(int start, int end, Pages.QuotePart part) {}

    /** The article's quote parts in text order; where two overlap, the earlier one wins. */
    static List<Part> quotes(Article a) {
        List<Part> all = new ArrayList<>();
        for (Quote q : a.layer(Quote.LAYER)) {
            String title = (q.speaker() == null ? "unattributed" : q.speaker()) + " · "
                    + q.kind().name().toLowerCase(Locale.ROOT) + (q.unnamedSource() ? " · unnamed source" : "");
            for (Span c : q.content()) {
                all.add(new Part(c.start(), c.end(), new Pages.QuotePart("quoted", title)));
            }
            if (q.source() != null) {
                all.add(new Part(q.source().start(), q.source().end(), new Pages.QuotePart("q-source", title)));
            }
            all.add(new Part(q.cue().start(), q.cue().end(), new Pages.QuotePart("q-cue", title)));
        }
        all.sort(Comparator.comparingInt(Part::start));
        List<Part> kept = new ArrayList<>();
        for (Part p : all) {
            if (p.end() > p.start() && (kept.isEmpty() || p.start() >= kept.get(kept.size() - 1).end())) {
                kept.add(p);
            }
        }
        return kept;
    }

    /**
     * The article's marks, in text order, none overlapping another.
     *
     * @param storyId the article's story, or null: its entities give the mentions their links
     */
    static List<Mark> of(Article a, String storyId, EntityIndex index) {
        List<Mark> all = new ArrayList<>();
        for (Mention m : a.layer(Mention.LAYER)) {
            String entity = storyId == null ? null : index.entityOf(storyId, a.id(), m);
            String kind = m.type().name().toLowerCase(Locale.ROOT);
            String title = Pages.typeLabel(m.type()) + (m.role() == null ? "" : " · " + m.role());
            all.add(new Mark(m.start(), m.end(), kind, entity == null ? null : WebUi.entityHref(entity), title, null));
        }
        for (Timex t : a.layer(Timex.LAYER)) {
            String title = t.type().name().toLowerCase(Locale.ROOT) + " " + t.value()
                    + (t.anchoredOnInferredDate() ? " (resolved against a date inferred from the story)" : "");
            all.add(new Mark(t.start(), t.end(), "time", null, title, t.value()));
        }
        for (Quantity q : a.layer(Quantity.LAYER)) {
            all.add(new Mark(q.start(), q.end(), "quantity", null, describe(q), null));
        }
        all.sort(Comparator.comparingInt(Mark::start).thenComparing(m -> -(m.end() - m.start()))
                .thenComparingInt(m -> rank(m.kind())));
        List<Mark> kept = new ArrayList<>();
        for (Mark m : all) {
            if (kept.isEmpty() || m.start() >= kept.get(kept.size() - 1).end()) {
                kept.add(m);
            }
        }
        return kept;
    }

    private static int rank(String kind) {
        return switch (kind) {
            case "time" -> 1;
            case "quantity" -> 2;
            default -> 0;
        };
    }

    /** "count > 12 requests", "money ≈ 1,500,000,000 USD", "percent = 40 %". */
    static String describe(Quantity q) {
        String op = switch (q.comparator()) {
            case EXACT -> "=";
            case GREATER -> ">";
            case LESS -> "<";
            case APPROX -> "≈";
        };
        DecimalFormat number = new DecimalFormat("#,##0.###", DecimalFormatSymbols.getInstance(Locale.ROOT));
        return (q.kind().name().toLowerCase(Locale.ROOT) + " " + op + " " + number.format(q.value()) + " "
                + q.unit()).strip();
    }

    /**
     * The segments of {@code span}'s text: plain runs (split where a quote part begins or ends), marks (clipped to the
     * span if they cross it) and the cuts that stand within it (a cut inside a mark goes after it, never splitting a
     * name); each segment but a cut carries the quote part it lies in.
     */
    static List<Pages.Segment> segments(Article a, Spanned span, List<Mark> marks, List<Cut> cuts, List<Part> quotes) {
        Runs out = new Runs(a.text(), quotes);
        int at = span.start();
        int nextCut = 0;
        while (nextCut < cuts.size() && cuts.get(nextCut).at() < span.start()) {
            nextCut++;
        }
        for (Mark m : marks) {
            if (m.end() <= span.start() || m.start() >= span.end()) {
                continue;
            }
            int s = Math.max(m.start(), span.start());
            int e = Math.min(m.end(), span.end());
            for (; nextCut < cuts.size() && cuts.get(nextCut).at() <= s; nextCut++) {
                int c = Math.max(at, cuts.get(nextCut).at());
                at = out.plain(at, c);
                out.cut(cuts.get(nextCut));
            }
            out.plain(at, s);
            out.mark(s, e, m);
            at = e;
        }
        for (; nextCut < cuts.size() && cuts.get(nextCut).at() < span.end(); nextCut++) {
            int c = Math.max(at, cuts.get(nextCut).at());
            at = out.plain(at, c);
            out.cut(cuts.get(nextCut));
        }
        out.plain(at, span.end());
        return out.segments;
    }

    /** Builds a sentence's segments, tagging each with the quote part at its first character. */
    private static final class Runs {
        final List<Pages.Segment> segments = new ArrayList<>();
        private final String text;
        private final List<Part> quotes;

        Runs(String text, List<Part> quotes) {
            this.text = text;
            this.quotes = quotes;
        }

        /** Adds {@code [from, to)} as plain runs, one per quote part it crosses; returns {@code max(from, to)}. */
        int plain(int from, int to) {
            int at = from;
            while (at < to) {
                int stop = to;
                for (Part p : quotes) {
                    if (p.start() > at && p.start() < stop) {
                        stop = p.start();
                    }
                    if (p.end() > at && p.end() < stop) {
                        stop = p.end();
                    }
                }
                segments.add(new Pages.Segment(text.substring(at, stop), null, null, null, null, partAt(at)));
                at = stop;
            }
            return Math.max(from, to);
        }

        void mark(int start, int end, Mark m) {
            segments.add(new Pages.Segment(text.substring(start, end), m.kind(), m.href(), m.title(), m.chip(),
                    partAt(start)));
        }

        /** A cut stands apart from any quote: it marks what is no longer in the text. */
        void cut(Cut c) {
            segments.add(new Pages.Segment(c.label(), "cut", null, c.title(), null, null));
        }

        private Pages.QuotePart partAt(int offset) {
            for (Part p : quotes) {
                if (p.start() <= offset && offset < p.end()) {
                    return p.part();
                }
            }
            return null;
        }
    }
}
