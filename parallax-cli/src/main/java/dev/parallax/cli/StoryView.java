package dev.parallax.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parallax.core.brief.Brief;
import dev.parallax.core.brief.Brief.Claim;
import dev.parallax.core.brief.Brief.Status;
import dev.parallax.core.dedup.DuplicateLink;
import dev.parallax.core.dedup.StoryLineage;
import dev.parallax.core.dedup.StoryLineage.Group;
import dev.parallax.core.model.Article;
import dev.parallax.core.model.Outlet;
import dev.parallax.core.model.Removal;
import dev.parallax.core.model.StorySummary;
import java.io.PrintWriter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** Renders one story with its brief: its articles, what cleaning removed, and what the outlets agree and differ on. */
final class StoryView {
    enum Format { TEXT, JSON, MD, HTML }

    private final StorySummary story;
    private final List<Article> articles;
    private final Brief brief;
    private final StoryLineage lineage;
    private final Map<String, Article> byId = new HashMap<>();

    StoryView(StorySummary story, List<Article> articles, List<DuplicateLink> links, Brief brief) {
        this.story = story;
        this.articles = articles;
        this.brief = brief;
        this.lineage = StoryLineage.of(articles, links);
        articles.forEach(a -> byId.put(a.id(), a));
    }

    void render(Format format, PrintWriter out) {
        switch (format) {
            case JSON -> out.println(Json.write(json()));
            case MD -> markdown(out);
            case TEXT -> text(out);
            case HTML -> new BriefHtml(story, articles, brief).write(out);
        }
        out.flush();
    }

    private String outletOf(String articleId) {
        return byId.get(articleId).outlet().name();
    }

    private List<Claim> claims(Status status) {
        return brief.claims().stream().filter(c -> c.status() == status).toList();
    }

    /** The claims only this voice carries. */
    private List<Claim> unique(Brief.Voice v) {
        return claims(Status.UNIQUE).stream().filter(c -> c.outlets().contains(v.name())).toList();
    }

    private void text(PrintWriter out) {
        out.println("Story " + story.id() + ": " + story.title());
        out.println(story.articleCount() + " article(s) from " + story.outlets().size() + " outlet(s): "
                + outletNames(story.outlets()) + "; " + StoriesCommand.dates(story.first(), story.last()));
        out.println(independence());
        out.println();
        out.println("ARTICLES");
        for (Article a : articles) {
            out.println("  " + a.id() + "  [" + a.outlet() + ", " + (a.published() == null ? "undated"
                    : a.published()) + "]  " + a.headline());
            for (Removal r : a.removals()) {
                out.println("      cleaned: " + r.kind().label() + " \"" + shorten(r.text(), 70)
                        + "\" (" + r.reason() + ")");
            }
        }
        if (!lineage.shared().isEmpty()) {
            out.println();
            out.println("DUPLICATE FAMILIES (one account each)");
            for (Group g : lineage.shared()) {
                out.println("  original " + original(g));
                for (DuplicateLink c : g.copies()) {
                    out.println("    " + copy(c));
                }
            }
        }
        out.println();
        out.println("SUMMARY");
        for (Brief.SummarySentence s : brief.summary()) {
            out.println("  " + s.text() + " " + citations(s.citations()));
        }
        for (Status status : List.of(Status.CONSENSUS, Status.PARTIAL)) {
            out.println();
            out.println(status == Status.CONSENSUS ? "ALL OUTLETS SAY" : "SOME OUTLETS SAY");
            if (claims(status).isEmpty()) {
                out.println("  none found");
            }
            for (Claim c : claims(status)) {
                out.println("  #" + c.id() + " [" + String.join(", ", c.outlets()) + "]");
                c.spans().forEach(s -> out.println("      " + s.article() + ": " + oneLine(s.text())));
            }
        }
        for (Brief.Voice v : brief.voices()) {
            out.println();
            out.println("ONLY " + v.name().toUpperCase(Locale.ROOT));
            List<Claim> only = unique(v);
            if (only.isEmpty()) {
                out.println("  none found");
            }
            only.forEach(c -> c.spans().forEach(s -> out.println("  #" + c.id() + " " + oneLine(s.text()))));
        }
        if (!brief.quotes().isEmpty()) {
            out.println();
            out.println("WHO SAID WHAT WHERE");
            for (Brief.Speaker sp : brief.speakers()) {
                out.println("  " + sp.name() + " (" + String.join(", ", sp.outlets()) + ")"
                        + (sp.differentStatements() ? "  ! outlets carry different statements" : "")
                        + (sp.differentWording().isEmpty() ? "" : "  ! wording differs between outlets"));
                brief.quotes().stream().filter(q -> q.speaker().equals(sp.name())).forEach(q -> out.println(
                        "      " + q.outlet() + " (" + q.kind() + "): " + oneLine(q.text())));
            }
        }
        out.println();
        out.println("DISCREPANCIES");
        if (brief.discrepancies().isEmpty()) {
            out.println("  none found");
        }
        for (Brief.Discrepancy d : brief.discrepancies()) {
            out.println("  " + d.kind() + " in claim #" + d.claim() + ": " + d.outletA() + " says " + d.valueA()
                    + ", " + d.outletB() + " says " + d.valueB());
        }
        out.println();
        out.println("TIMELINE");
        if (brief.timeline().isEmpty()) {
            out.println("  none found");
        }
        for (Brief.TimePoint p : brief.timeline()) {
            out.println("  " + p.value() + "  \"" + p.text() + "\"" + (p.inferred() ? " (date inferred)" : "") + "  "
                    + shorten(p.sentence(), 90) + " [" + p.citations().stream().map(Brief.TimeCitation::article)
                    .distinct().collect(Collectors.joining(", ")) + "]");
        }
        out.println();
        out.println("WORDING");
        if (brief.framing().isEmpty()) {
            out.println("  none found");
        }
        for (Brief.Framing f : brief.framing()) {
            out.println("  #" + f.claim() + " " + f.outletA() + ": " + String.join(", ", f.onlyA()) + "  |  "
                    + f.outletB() + ": " + String.join(", ", f.onlyB()));
            if (!f.addsA().isEmpty() || !f.addsB().isEmpty()) {
                out.println("      details only " + f.outletA() + ": " + words(f.addsA()) + "  |  only "
                        + f.outletB() + ": " + words(f.addsB()));
            }
        }
        if (!brief.notes().isEmpty()) {
            out.println();
            out.println("NOTES");
            brief.notes().forEach(n -> out.println("  " + n));
        }
    }

    /** A list of words, or "none" (an empty list read as a blank: "details only A:   |  only B: US's"). */
    private static String words(List<String> words) {
        return words.isEmpty() ? "none" : String.join(", ", words);
    }

    private static String citations(List<Brief.Citation> cites) {
        return "[" + cites.stream().map(c -> c.article() + ":" + c.start() + "-" + c.end())
                .collect(Collectors.joining(", ")) + "]";
    }

    private void markdown(PrintWriter out) {
        out.println("# " + story.title());
        out.println();
        out.println("Story `" + story.id() + "`: " + story.articleCount() + " article(s) from "
                + outletNames(story.outlets()) + ", " + StoriesCommand.dates(story.first(), story.last()) + ".");
        out.println();
        out.println("## Summary");
        out.println();
        for (Brief.SummarySentence s : brief.summary()) {
            out.println("- " + md(s.text()) + " " + s.citations().stream()
                    .map(c -> "[`" + c.article() + "` " + c.start() + "–" + c.end() + "]")
                    .collect(Collectors.joining(" ")));
        }
        out.println();
        out.println("## Articles");
        out.println();
        out.println("| id | outlet | published | headline |");
        out.println("|---|---|---|---|");
        for (Article a : articles) {
            out.println("| `" + a.id() + "` | " + cell(a.outlet().name()) + " | "
                    + (a.published() == null ? "undated" : a.published()) + " | " + cell(a.headline()) + " |");
        }
        out.println();
        out.println(md(independence()) + ".");
        out.println();
        if (!lineage.shared().isEmpty()) {
            out.println("## Duplicate families");
            out.println();
            for (Group g : lineage.shared()) {
                out.println("- original " + md(original(g)));
                for (DuplicateLink c : g.copies()) {
                    out.println("  - " + md(copy(c)));
                }
            }
            out.println();
        }
        out.println("## Cleaning notes");
        out.println();
        boolean any = false;
        for (Article a : articles) {
            for (Removal r : a.removals()) {
                out.println("- `" + a.id() + "` " + r.kind().label() + ": \""
                        + md(r.text()) + "\" (" + r.reason() + ")");
                any = true;
            }
        }
        if (!any) {
            out.println("Nothing removed.");
        }
        for (Status status : List.of(Status.CONSENSUS, Status.PARTIAL)) {
            out.println();
            out.println(status == Status.CONSENSUS ? "## All outlets say" : "## Some outlets say");
            out.println();
            if (claims(status).isEmpty()) {
                out.println("None found.");
            }
            for (Claim c : claims(status)) {
                out.println("- **#" + c.id() + "** (" + String.join(", ", c.outlets()) + ")");
                c.spans().forEach(s -> out.println("  - `" + s.article() + "`: " + md(s.text())));
            }
        }
        for (Brief.Voice v : brief.voices()) {
            out.println();
            out.println("## Only " + v.name());
            out.println();
            List<Claim> only = unique(v);
            if (only.isEmpty()) {
                out.println("None found.");
            }
            only.forEach(c -> c.spans().forEach(s -> out.println("- " + md(s.text()))));
        }
        if (!brief.quotes().isEmpty()) {
            out.println();
            out.println("## Who said what where");
            out.println();
            out.println("| speaker | outlet | kind | quote |");
            out.println("|---|---|---|---|");
            brief.quotes().forEach(q -> out.println("| " + cell(q.speaker()) + " | " + cell(q.outlet()) + " | "
                    + q.kind() + " | " + cell(q.text()) + " |"));
            brief.speakers().stream().filter(s -> s.differentStatements() || !s.differentWording().isEmpty())
                    .forEach(s -> out.println("\n**" + md(s.name()) + "**: "
                            + (s.differentStatements() ? "outlets carry different statements. " : "")
                            + (s.differentWording().isEmpty() ? "" : "the wording of one statement differs.")));
        }
        out.println();
        out.println("## Discrepancies");
        out.println();
        if (brief.discrepancies().isEmpty()) {
            out.println("None found.");
        }
        brief.discrepancies().forEach(d -> out.println("- " + d.kind() + " (claim #" + d.claim() + "): **"
                + md(d.outletA()) + "** " + md(d.valueA()) + " vs **" + md(d.outletB()) + "** " + md(d.valueB())));
        out.println();
        out.println("## Timeline");
        out.println();
        if (brief.timeline().isEmpty()) {
            out.println("None found.");
        } else {
            out.println("| when | expression | what | cited in |");
            out.println("|---|---|---|---|");
        }
        brief.timeline().forEach(p -> out.println("| " + p.value() + (p.inferred() ? " (inferred)" : "") + " | "
                + cell(p.text()) + " | " + cell(p.sentence()) + " | " + p.citations().stream()
                .map(c -> "`" + c.article() + "`").distinct().collect(Collectors.joining(" ")) + " |"));
        out.println();
        out.println("## Wording");
        out.println();
        if (brief.framing().isEmpty()) {
            out.println("None found.");
        }
        brief.framing().forEach(f -> out.println("- #" + f.claim() + ": **" + md(f.outletA()) + "** "
                + md(String.join(", ", f.onlyA())) + " / **" + md(f.outletB()) + "** "
                + md(String.join(", ", f.onlyB())) + (f.addsA().isEmpty() && f.addsB().isEmpty() ? ""
                : "; details only in " + md(f.outletA()) + ": " + md(words(f.addsA())) + "; only in "
                + md(f.outletB()) + ": " + md(words(f.addsB())))));
        if (!brief.notes().isEmpty()) {
            out.println();
            out.println("## Notes");
            out.println();
            brief.notes().forEach(n -> out.println("- " + md(n)));
        }
    }

    private ObjectNode json() {
        ObjectNode root = Json.object();
        root.set("story", story.toJson());
        ObjectNode lin = root.putObject("lineage");
        lin.put("articleCount", lineage.articles());
        lin.put("independentAccounts", lineage.independentAccounts());
        lin.put("copies", lineage.copies());
        ArrayNode families = lin.putArray("families");
        for (Group g : lineage.shared()) {
            ObjectNode f = families.addObject();
            f.put("original", g.originalId());
            f.put("originalInStory", g.original().isPresent());
            f.put("wire", g.wire().orElse(null));
            ArrayNode copies = f.putArray("copies");
            for (DuplicateLink c : g.copies()) {
                copies.addObject().put("id", c.articleId()).put("relation", c.relation().name())
                        .put("jaccard", Math.round(c.jaccard() * 1000) / 1000.0)
                        .put("containment", Math.round(c.containment() * 1000) / 1000.0);
            }
        }
        ArrayNode arts = root.putArray("articles");
        for (Article a : articles) {
            ObjectNode n = arts.addObject();
            n.put("id", a.id());
            n.put("outlet", a.outlet().name());
            n.put("published", Json.published(a.published()));
            n.put("title", a.title());
            n.put("url", a.url());
            n.set("removals", Json.tree(a.removals().stream().map(Removal::shown).toList()));
        }
        root.setAll((ObjectNode) Json.tree(brief));
        return root;
    }

    /** "12 articles: 5 independent accounts, 7 copies of 2 shared texts (1 credited to a wire agency)". */
    private String independence() {
        List<Group> shared = lineage.shared();
        long wire = shared.stream().filter(g -> g.wire().isPresent()).count();
        String s = lineage.articles() + " article(s): " + lineage.independentAccounts() + " independent account(s)";
        if (lineage.copies() > 0) {
            s += ", " + lineage.copies() + " cop" + (lineage.copies() == 1 ? "y" : "ies") + " of " + shared.size()
                    + " shared text(s) (" + wire + " credited to a wire agency)";
        }
        return s;
    }

    private static String original(Group g) {
        if (g.original().isEmpty()) {
            return g.originalId() + " (in another story)";
        }
        Article a = g.original().get();
        return a.id() + "  [" + a.outlet() + ", " + (a.published() == null ? "undated" : a.published()) + "]"
                + g.wire().map(w -> "  credits " + w).orElse("");
    }

    private String copy(DuplicateLink c) {
        String outlet = articles.stream().filter(a -> a.id().equals(c.articleId())).findFirst()
                .map(a -> "  [" + a.outlet() + "]").orElse("");
        return String.format(Locale.ROOT, "%-9s %s%s  (Jaccard %.2f, containment %.2f)",
                c.relation().name().toLowerCase(Locale.ROOT), c.articleId(), outlet, c.jaccard(), c.containment());
    }

    private static String outletNames(List<Outlet> outlets) {
        return outlets.stream().map(Outlet::name).collect(Collectors.joining(", "));
    }

    private static String oneLine(String s) {
        return s.replaceAll("\\s+", " ").strip();
    }

    private static String shorten(String s, int max) {
        String one = oneLine(s);
        return one.length() <= max ? one : one.substring(0, max - 3) + "...";
    }

    private static String md(String s) {
        return s.replaceAll("\\s+", " ").replace("*", "\\*").replace("_", "\\_").strip();
    }

    private static String cell(String s) {
        return md(s).replace("|", "\\|");
    }
}
