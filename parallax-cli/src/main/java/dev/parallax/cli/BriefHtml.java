package dev.parallax.cli;

import dev.parallax.core.brief.Brief;
import dev.parallax.core.brief.Brief.Claim;
import dev.parallax.core.brief.Brief.Span;
import dev.parallax.core.brief.Brief.Status;
import dev.parallax.core.model.Article;
import dev.parallax.core.model.StorySummary;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The brief as one self-contained HTML page (inline CSS, no scripts, nothing fetched): summary, claims, quotes,
 * discrepancies, timeline and wording, then the articles side by side with every claim span highlighted by status
 * and linked to its claim. All article text is escaped.
 */
final class BriefHtml {
    private static final String CSS = """
            body{font:16px/1.5 Georgia,serif;margin:0;color:#222;background:#fafaf7}
            header,section{max-width:1200px;margin:0 auto;padding:0 1.2em}
            h1{font-size:1.7em;margin:.8em 0 .2em}h2{font-size:1.2em;border-bottom:1px solid #ccc;margin-top:1.6em}
            .meta,.note{color:#666;font-size:.9em}
            mark{border-radius:3px;padding:0 1px;text-decoration:none;color:inherit}
            mark.consensus{background:#cdeccd}mark.partial{background:#fbe7b0}mark.unique{background:#e6e6f3}
            a mark:hover,a:target mark{outline:2px solid #555}
            .cols{display:flex;gap:1.2em;align-items:flex-start;overflow-x:auto}
            .col{flex:1 1 0;min-width:300px;background:#fff;border:1px solid #ddd;padding:.6em 1em;border-radius:6px}
            .col h3{font-size:1em;margin:.2em 0}.col p{margin:.5em 0}
            table{border-collapse:collapse;width:100%;font-size:.92em}td,th{border-top:1px solid #ddd;padding:.3em .5em;
            text-align:left;vertical-align:top}
            .claim{margin:.4em 0}.claim .spans{margin-left:1.2em;font-size:.92em}
            .tag{font:bold .75em sans-serif;padding:1px 5px;border-radius:3px;text-transform:uppercase}
            .tag.consensus{background:#cdeccd}.tag.partial{background:#fbe7b0}.tag.unique{background:#e6e6f3}
            .flag{color:#a33;font-weight:bold}sup a{color:#557;text-decoration:none;font-size:.8em}
            a{color:inherit}
            """;

    private final StorySummary story;
    private final List<Article> articles;
    private final Brief brief;

    BriefHtml(StorySummary story, List<Article> articles, Brief brief) {
        this.story = story;
        this.articles = articles;
        this.brief = brief;
    }

    void write(PrintWriter out) {
        this.out = out;
        out.println("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">");
        out.println("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
        out.println("<title>" + esc(story.title()) + " — Parallax brief</title><style>" + CSS + "</style></head><body>");
        out.println("<header><h1>" + esc(story.title()) + "</h1><p class=\"meta\">Story " + esc(story.id()) + " · "
                + story.articleCount() + " article(s) from " + brief.voices().size() + " voice(s): "
                + esc(brief.voices().stream().map(Brief.Voice::name).collect(Collectors.joining(", "))) + " · "
                + "<span class=\"tag consensus\">all say</span> <span class=\"tag partial\">some say</span> "
                + "<span class=\"tag unique\">one says</span></p></header>");

        section("Summary");
        out.println("<ul>");
        for (Brief.SummarySentence s : brief.summary()) {
            out.println("<li>" + esc(s.text()) + " " + s.citations().stream()
                    .map(c -> "<sup><a href=\"#c" + s.claim() + "\">[" + esc(c.outlet()) + "]</a></sup>")
                    .distinct().collect(Collectors.joining(" ")) + "</li>");
        }
        out.println("</ul></section>");

        section("Claims");
        for (Claim c : brief.claims()) {
            if (c.status() == Status.UNIQUE) {
                continue;
            }
            claim(out, c);
        }
        out.println("<details><summary>Claims only one voice carries (" + brief.claims().stream()
                .filter(c -> c.status() == Status.UNIQUE).count() + ")</summary>");
        brief.claims().stream().filter(c -> c.status() == Status.UNIQUE).forEach(c -> claim(out, c));
        out.println("</details></section>");

        if (!brief.quotes().isEmpty()) {
            section("Who said what where");
            out.println("<table><tr><th>speaker</th><th>outlet</th><th>kind</th><th>quote</th></tr>");
            for (Brief.Speaker sp : brief.speakers()) {
                String flags = (sp.differentStatements() ? " <span class=\"flag\">different statements</span>" : "")
                        + (sp.differentWording().isEmpty() ? "" : " <span class=\"flag\">wording differs</span>");
                brief.quotes().stream().filter(q -> q.speaker().equals(sp.name())).forEach(q -> out.println(
                        "<tr><td>" + esc(q.speaker()) + flags + "</td><td>" + esc(q.outlet()) + "</td><td>" + esc(q.kind())
                                + "</td><td>" + esc(q.text()) + "</td></tr>"));
            }
            out.println("</table></section>");
        }

        section("Discrepancies");
        if (brief.discrepancies().isEmpty()) {
            out.println("<p class=\"note\">None found.</p>");
        }
        out.println("<ul>");
        for (Brief.Discrepancy d : brief.discrepancies()) {
            out.println("<li><b>" + esc(d.kind()) + "</b> in <a href=\"#c" + d.claim() + "\">claim " + d.claim()
                    + "</a>: " + esc(d.outletA()) + " says <mark class=\"partial\">" + esc(d.valueA()) + "</mark>, "
                    + esc(d.outletB()) + " says <mark class=\"partial\">" + esc(d.valueB()) + "</mark></li>");
        }
        out.println("</ul></section>");

        section("Timeline");
        out.println("<table><tr><th>when</th><th>what</th><th>cited in</th></tr>");
        for (Brief.TimePoint p : brief.timeline()) {
            out.println("<tr><td>" + esc(p.value()) + "<br><span class=\"note\">" + esc(p.text())
                    + (p.inferred() ? ", date inferred" : "") + "</span></td><td>" + esc(p.sentence()) + "</td><td>"
                    + esc(p.citations().stream().map(Brief.TimeCitation::outlet).distinct()
                    .collect(Collectors.joining(", "))) + "</td></tr>");
        }
        out.println("</table></section>");

        section("Wording");
        out.println("<ul>");
        for (Brief.Framing f : brief.framing()) {
            out.println("<li><a href=\"#c" + f.claim() + "\">claim " + f.claim() + "</a>: <b>" + esc(f.outletA())
                    + "</b> " + esc(String.join(", ", f.onlyA())) + " · <b>" + esc(f.outletB()) + "</b> "
                    + esc(String.join(", ", f.onlyB())) + (f.addsA().isEmpty() && f.addsB().isEmpty() ? ""
                    : "<br><span class=\"note\">details only " + esc(f.outletA()) + " gives: "
                    + esc(String.join(", ", f.addsA())) + " · only " + esc(f.outletB()) + " gives: "
                    + esc(String.join(", ", f.addsB())) + "</span>") + "</li>");
        }
        out.println("</ul></section>");

        section("Side by side");
        out.println("<div class=\"cols\">");
        for (Article a : articles) {
            out.println("<div class=\"col\"><h3>" + esc(a.headline()) + "</h3><p class=\"meta\">" + esc(a.outlet().name())
                    + " · " + esc(a.published() == null ? "undated" : a.published().toString()) + " · "
                    + esc(a.id()) + "</p>");
            out.println(highlighted(a));
            out.println("</div>");
        }
        out.println("</div></section>");
        if (!brief.notes().isEmpty()) {
            section("Notes");
            out.println("<ul class=\"note\">");
            brief.notes().forEach(n -> out.println("<li>" + esc(n) + "</li>"));
            out.println("</ul></section>");
        }
        out.println("</body></html>");
    }

    /** Where {@link #write} is writing; set once per call. */
    private PrintWriter out;

    private void section(String title) {
        out.println("<section><h2>" + esc(title) + "</h2>");
    }

    private void claim(PrintWriter out, Claim c) {
        String css = c.status().json();
        out.println("<div class=\"claim\" id=\"c" + c.id() + "\"><span class=\"tag " + css + "\">" + css + "</span> "
                + "<b>" + c.id() + "</b> · " + esc(String.join(", ", c.outlets())) + "<div class=\"spans\">");
        for (Span s : c.spans()) {
            out.println("<div><a href=\"#s-" + esc(s.article()) + "-" + s.start() + "\">" + esc(s.article())
                    + "</a>: " + esc(s.text()) + "</div>");
        }
        out.println("</div></div>");
    }

    /** The article's text in paragraphs, each claim span marked with its status and linked to its claim. */
    private String highlighted(Article a) {
        record Mark(Span span, Claim claim) {}
        List<Mark> marks = new ArrayList<>();
        for (Claim c : brief.claims()) {
            for (Span s : c.spans()) {
                if (s.article().equals(a.id())) {
                    marks.add(new Mark(s, c));
                }
            }
        }
        marks.sort(Comparator.comparingInt(m -> m.span().start()));
        StringBuilder html = new StringBuilder("<p>");
        String text = a.text();
        int at = 0;
        for (Mark m : marks) {
            if (m.span().start() < at) {
                continue;
            }
            html.append(paragraphs(text.substring(at, m.span().start())));
            html.append("<a id=\"s-").append(esc(a.id())).append('-').append(m.span().start()).append("\" href=\"#c")
                    .append(m.claim().id()).append("\" title=\"claim ").append(m.claim().id()).append(": ")
                    .append(esc(String.join(", ", m.claim().outlets()))).append("\"><mark class=\"")
                    .append(m.claim().status().json()).append("\">")
                    .append(esc(text.substring(m.span().start(), m.span().end()))).append("</mark></a>");
            at = m.span().end();
        }
        html.append(paragraphs(text.substring(at))).append("</p>");
        return html.toString();
    }

    private static String paragraphs(String s) {
        return esc(s).replace("\n\n", "</p><p>");
    }

    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
