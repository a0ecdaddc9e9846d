package dev.parallax.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parallax.core.brief.SentenceOverlap;
import dev.parallax.core.brief.SentenceOverlap.Row;
import dev.parallax.core.dedup.DuplicateLink;
import dev.parallax.core.dedup.StoryLineage;
import dev.parallax.core.dedup.StoryLineage.Group;
import dev.parallax.core.model.Article;
import dev.parallax.core.model.Outlet;
import dev.parallax.core.model.Removal;
import dev.parallax.core.model.StorySummary;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** Renders one story: its articles, what cleaning removed, and which sentences other outlets share. */
final class StoryView {
    enum Format { TEXT, JSON, MD }

    private final StorySummary story;
    private final List<Article> articles;
    private final List<Row> sentences;
    private final StoryLineage lineage;

    StoryView(StorySummary story, List<Article> articles, List<DuplicateLink> links) {
        this.story = story;
        this.articles = articles;
        this.sentences = SentenceOverlap.compare(articles);
        this.lineage = StoryLineage.of(articles, links);
    }

    void render(Format format, PrintWriter out) {
        switch (format) {
            case JSON -> out.println(Json.write(json()));
            case MD -> markdown(out);
            case TEXT -> text(out);
        }
        out.flush();
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
                out.println("      cleaned: " + r.kind().name().toLowerCase(Locale.ROOT) + " \"" + shorten(r.text(), 70)
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
        out.println("SHARED BY OTHER OUTLETS");
        sentences.stream().filter(Row::shared).forEach(r -> out.println("  [" + SentenceOverlap.voice(r.article())
                + " + " + String.join(", ", r.alsoIn()) + "] " + r.text()));
        for (Article a : articles) {
            out.println();
            out.println("ONLY " + SentenceOverlap.voice(a).toUpperCase(Locale.ROOT)
                    + (a.outlet().equals(Outlet.UNKNOWN) ? "" : " (" + a.id() + ")"));
            sentences.stream().filter(r -> r.article() == a && !r.shared()).forEach(r -> out.println("  " + r.text()));
        }
    }

    private void markdown(PrintWriter out) {
        out.println("# " + story.title());
        out.println();
        out.println("Story `" + story.id() + "`: " + story.articleCount() + " article(s) from "
                + outletNames(story.outlets()) + ", " + StoriesCommand.dates(story.first(), story.last()) + ".");
        out.println();
        out.println(independence() + ".");
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
                out.println("- `" + a.id() + "` " + r.kind().name().toLowerCase(Locale.ROOT) + ": \""
                        + md(r.text()) + "\" (" + r.reason() + ")");
                any = true;
            }
        }
        if (!any) {
            out.println("Nothing removed.");
        }
        out.println();
        out.println("## Shared by other outlets");
        out.println();
        sentences.stream().filter(Row::shared).forEach(r -> out.println("- **" + SentenceOverlap.voice(r.article())
                + "** (also " + String.join(", ", r.alsoIn()) + "): " + md(r.text())));
        for (Article a : articles) {
            out.println();
            out.println("## Only " + SentenceOverlap.voice(a)
                    + (a.outlet().equals(Outlet.UNKNOWN) ? "" : " (`" + a.id() + "`)"));
            out.println();
            sentences.stream().filter(r -> r.article() == a && !r.shared()).forEach(r -> out.println("- " + md(r.text())));
        }
    }

    private ObjectNode json() {
        ObjectNode root = Json.object();
        root.set("story", Json.story(story));
        ArrayNode arts = root.putArray("articles");
        for (Article a : articles) {
            ObjectNode n = arts.addObject();
            n.put("id", a.id());
            n.put("outlet", a.outlet().name());
            n.put("published", Json.published(a.published()));
            n.put("title", a.title());
            n.put("url", a.url());
            ArrayNode removals = n.putArray("removals");
            for (Removal r : a.removals()) {
                ObjectNode rn = removals.addObject();
                rn.put("kind", r.kind().name().toLowerCase(Locale.ROOT));
                rn.put("text", r.text());
                rn.put("reason", r.reason());
                rn.put("rawStart", r.rawStart());
                rn.put("rawEnd", r.rawEnd());
            }
        }
        ObjectNode lin = root.putObject("lineage");
        lin.put("articles", lineage.articles());
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
        ArrayNode rows = root.putArray("sentences");
        for (Row r : sentences) {
            ObjectNode n = rows.addObject();
            n.put("article", r.article().id());
            n.put("outlet", r.article().outlet().name());
            n.put("start", r.sentence().start());
            n.put("end", r.sentence().end());
            n.put("text", r.text());
            ArrayNode also = n.putArray("alsoIn");
            r.alsoIn().forEach(also::add);
            n.put("similarity", Math.round(r.similarity() * 1000) / 1000.0);
        }
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

    private static String shorten(String s, int max) {
        String one = s.replaceAll("\\s+", " ").strip();
        return one.length() <= max ? one : one.substring(0, max - 3) + "...";
    }

    private static String md(String s) {
        return s.replaceAll("\\s+", " ").replace("*", "\\*").replace("_", "\\_").strip();
    }

    private static String cell(String s) {
        return md(s).replace("|", "\\|");
    }
}
