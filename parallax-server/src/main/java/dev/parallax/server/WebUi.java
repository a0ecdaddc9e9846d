package dev.parallax.server;

import dev.parallax.core.brief.SentenceOverlap;
import dev.parallax.core.model.Article;
import dev.parallax.core.model.LayerKey;
import dev.parallax.core.model.Outlet;
import dev.parallax.core.model.Paragraph;
import dev.parallax.core.model.Published;
import dev.parallax.core.model.Removal;
import dev.parallax.core.model.StorySummary;
import dev.parallax.core.store.SearchHit;
import dev.parallax.core.store.Store;
import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.javalin.http.Context;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The web UI's pages, rendered by the templates that the build precompiled. */
final class WebUi {
    /** Precompiled at build time by jte-maven-plugin: no template is compiled while the server runs. */
    private static final TemplateEngine TEMPLATES = TemplateEngine.createPrecompiled(ContentType.Html);
    private static final int SEARCH_LIMIT = 50;

    private final Store store;

    WebUi(Store store) {
        this.store = store;
    }

    void feed(Context ctx) {
        Api.params(ctx, "sort", "cursor");
        StoryListing.Sort sort = StoryListing.Sort.parse(ctx.queryParam("sort"));
        List<StorySummary> all = store.stories();
        StoryListing page = StoryListing.of(all, null, null, null, sort, ctx.queryParam("cursor"), Api.DEFAULT_LIMIT);
        List<Pages.StoryCard> cards = page.items().stream().map(s -> new Pages.StoryCard(storyHref(s.id()),
                s.title(), s.articleCount(), s.outlets().stream().map(WebUi::label).toList(), dates(s))).toList();
        String next = page.next() == null ? null : "/?sort=" + sort.param() + "&cursor=" + encode(page.next());
        render(ctx, "feed.jte", new Pages.Feed(sort.param(), cards, next, all.size(), store.articleCount()));
    }

    void story(Context ctx) {
        Api.params(ctx);
        String id = ctx.pathParam("id");
        StorySummary s = store.story(id).orElseThrow(() -> Problem.notFound("no story '" + id + "'"));
        StoryComparison comparison = StoryComparison.of(store.storyArticles(s.id()));
        // Articles of unknown outlet are compared with each other too: each is a voice of its own (SentenceOverlap).
        boolean compared = s.articleCount() > 1 && (s.outlets().size() > 1 || s.outlets().contains(Outlet.UNKNOWN));
        List<Pages.Column> columns = comparison.columns().stream().map(c -> new Pages.Column(
                label(c.article().outlet()), c.article().headline(), articleHref(c.article().id()),
                published(c.article().published()),
                original(c.article().url()), c.shared(), c.rows().size(), paragraphs(c.article(), c.rows()),
                notes(c.article()))).toList();
        render(ctx, "story.jte", new Pages.StoryPage(s.title(), dates(s), s.articleCount(),
                s.outlets().stream().map(WebUi::label).toList(), compared, columns));
    }

    void article(Context ctx) {
        Api.params(ctx);
        String id = ctx.pathParam("id");
        Article a = store.article(id).orElseThrow(() -> Problem.notFound("no article '" + id + "'"));
        Pages.Link story = store.storyOf(id).flatMap(store::story)
                .map(s -> new Pages.Link(storyHref(s.id()), s.title())).orElse(null);
        List<SentenceOverlap.Row> unshared = a.layer(LayerKey.SENTENCES).stream()
                .map(sn -> new SentenceOverlap.Row(a, sn, a.textOf(sn), List.of(), null, 0)).toList();
        render(ctx, "article.jte", new Pages.ArticlePage(a.id(), a.headline(), label(a.outlet()),
                published(a.published()), original(a.url()), a.origin(), story, paragraphs(a, unshared), notes(a),
                unshared.size()));
    }

    void search(Context ctx) {
        Api.params(ctx, "q");
        String q = ctx.queryParam("q") == null ? "" : ctx.queryParam("q").strip();
        if (q.isEmpty()) {
            render(ctx, "search.jte", new Pages.SearchPage("", List.of(), "Search the text and titles of every"
                    + " article. Every word must occur; case and accents do not matter."));
            return;
        }
        List<Pages.Hit> hits = new ArrayList<>();
        for (SearchHit hit : store.search(q, SEARCH_LIMIT)) {
            Article a = store.article(hit.articleId()).orElseThrow();
            Snippet snippet = Snippet.of(hit.snippet());
            Pages.Link story = store.storyOf(a.id()).flatMap(store::story)
                    .map(s -> new Pages.Link(storyHref(s.id()), s.title())).orElse(null);
            hits.add(new Pages.Hit(articleHref(a.id()), a.headline(), label(a.outlet()), published(a.published()),
                    fragments(snippet), story));
        }
        render(ctx, "search.jte", new Pages.SearchPage(q, hits, hits.isEmpty()
                ? "No article holds every word of “" + q + "”." : null));
    }

    static void error(Context ctx, Problem p) {
        render(ctx, "error.jte", new Pages.ErrorPage(p.status, p.title, p.detail));
    }

    private static void render(Context ctx, String template, Object page) {
        StringOutput out = new StringOutput();
        TEMPLATES.render(template, page, out);
        ctx.contentType("text/html; charset=utf-8").result(out.toString());
    }

    /** The article's paragraphs, each with its sentences and whether another outlet shares them. */
    private static List<Pages.ParagraphView> paragraphs(Article a, List<SentenceOverlap.Row> rows) {
        List<Paragraph> paragraphs = a.layer(LayerKey.PARAGRAPHS);
        List<Pages.ParagraphView> out = new ArrayList<>();
        int next = 0;
        for (Paragraph p : paragraphs) {
            List<Pages.SentenceView> sentences = new ArrayList<>();
            while (next < rows.size() && rows.get(next).sentence().start() < p.end()) {
                sentences.add(view(next, rows.get(next)));
                next++;
            }
            if (!sentences.isEmpty()) {
                out.add(new Pages.ParagraphView(sentences));
            }
        }
        if (next < rows.size() || paragraphs.isEmpty()) { // sentences past the last paragraph, or no paragraph layer
            List<Pages.SentenceView> rest = new ArrayList<>();
            for (; next < rows.size(); next++) {
                rest.add(view(next, rows.get(next)));
            }
            if (!rest.isEmpty()) {
                out.add(new Pages.ParagraphView(rest));
            }
        }
        if (out.isEmpty() && !a.text().isBlank()) { // no sentence layer: show the text as it is
            out.add(new Pages.ParagraphView(List.of(new Pages.SentenceView(1, a.text(), false, ""))));
        }
        return out;
    }

    private static Pages.SentenceView view(int index, SentenceOverlap.Row r) {
        return new Pages.SentenceView(index + 1, r.text(), r.shared(),
                String.join(", ", r.alsoIn()));
    }

    private static List<Pages.Note> notes(Article a) {
        return a.removals().stream().map((Removal r) -> new Pages.Note(r.kind().name().toLowerCase(Locale.ROOT),
                r.text().strip(), r.reason())).toList();
    }

    private static List<Pages.Fragment> fragments(Snippet snippet) {
        List<Pages.Fragment> out = new ArrayList<>();
        int at = 0;
        for (int[] m : snippet.matches()) {
            if (m[0] > at) {
                out.add(new Pages.Fragment(snippet.text().substring(at, m[0]), false));
            }
            out.add(new Pages.Fragment(snippet.text().substring(m[0], m[1]), true));
            at = m[1];
        }
        if (at < snippet.text().length()) {
            out.add(new Pages.Fragment(snippet.text().substring(at), false));
        }
        return out;
    }

    /** A link to the original article only when its URL is http(s): a {@code javascript:} URL stays plain text. */
    static Pages.Link original(String url) {
        if (url == null || url.isBlank()) {
            return null;
        }
        try {
            URI uri = new URI(url.strip());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                return new Pages.Link(uri.toASCIIString(), url.strip());
            }
        } catch (URISyntaxException e) {
            // not a URL: shown as text below
        }
        return new Pages.Link(null, url.strip());
    }

    /** How an outlet is named on a page: an unknown one says so rather than posing as an outlet called "unknown". */
    static String label(Outlet o) {
        return o.equals(Outlet.UNKNOWN) ? "outlet unknown" : o.name();
    }

    static String dates(StorySummary s) {
        if (s.first() == null) {
            return "undated";
        }
        String a = s.first().date().toString();
        String b = s.last().date().toString();
        return a.equals(b) ? a : a + " – " + b;
    }

    static String published(Published p) {
        return p == null ? "undated" : p.dateOnly() ? p.date().toString()
                : p.instant().toString().substring(0, 16).replace('T', ' ') + " UTC";
    }

    static String storyHref(String id) {
        return "/stories/" + encode(id);
    }

    static String articleHref(String id) {
        return "/articles/" + encode(id);
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
