package dev.parallax.server;

import dev.parallax.core.analysis.entity.Mention;
import dev.parallax.core.analysis.quantity.Quantity;
import dev.parallax.core.analysis.quote.Quote;
import dev.parallax.core.analysis.time.Timex;
import dev.parallax.core.brief.Brief;
import dev.parallax.core.brief.StoryBriefs;
import dev.parallax.core.dedup.DuplicateLink;
import dev.parallax.core.dedup.StoryLineage;
import dev.parallax.core.model.Article;
import dev.parallax.core.model.LayerKey;
import dev.parallax.core.model.Outlet;
import dev.parallax.core.model.Paragraph;
import dev.parallax.core.model.Published;
import dev.parallax.core.model.Removal;
import dev.parallax.core.model.Sentence;
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
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** The web UI's pages, rendered by the templates that the build precompiled. */
final class WebUi {
    /** Precompiled at build time by jte-maven-plugin: no template is compiled while the server runs. */
    private static final TemplateEngine TEMPLATES = TemplateEngine.createPrecompiled(ContentType.Html);
    private static final int SEARCH_LIMIT = 50;
    /** How many entities a feed card names: enough to say who the story is about, few enough to scan. */
    static final int CARD_ENTITIES = 5;

    private final Store store;
    private final EntityIndex.Cache entities;
    private final StoryBriefs briefs;

    WebUi(Store store, EntityIndex.Cache entities, StoryBriefs briefs) {
        this.store = store;
        this.entities = entities;
        this.briefs = briefs;
    }

    void feed(Context ctx) {
        Api.params(ctx, "sort", "cursor");
        StoryListing.Sort sort = StoryListing.Sort.parse(ctx.queryParam("sort"));
        List<StorySummary> all = store.stories();
        StoryListing page = StoryListing.of(all, null, null, null, null, sort, ctx.queryParam("cursor"), Api.DEFAULT_LIMIT);
        EntityIndex index = entities.get();
        List<Pages.StoryCard> cards = page.items().stream().map(s -> new Pages.StoryCard(storyHref(s.id()),
                s.title(), s.articleCount(), s.outlets().stream().map(WebUi::label).toList(), independentAccounts(s),
                dates(s),
                index.inStory(s.id()).stream().limit(CARD_ENTITIES).map(WebUi::ref).toList())).toList();
        String next = page.next() == null ? null : "/?sort=" + sort.param() + "&cursor=" + encode(page.next());
        render(ctx, "feed.jte", new Pages.Feed(sort.param(), cards, next, all.size(), store.articleCount()));
    }

    /**
     * {@link StoryLineage#independentAccounts()} from the stored links alone, without loading the story's articles:
     * each unlinked article is its own account and each family original one more, unless that original is itself an
     * unlinked article of the story (then it was counted already).
     */
    private int independentAccounts(StorySummary s) {
        List<DuplicateLink> links = store.duplicateLinks(s.id());
        Set<String> linked = new HashSet<>();
        links.forEach(l -> linked.add(l.articleId()));
        Set<String> originals = new HashSet<>();
        links.forEach(l -> originals.add(l.originalId()));
        long outside = originals.stream().filter(o -> linked.contains(o)
                || !store.storyOf(o).map(s.id()::equals).orElse(false)).count();
        return s.articleCount() - linked.size() + (int) outside;
    }

    void story(Context ctx) {
        Api.params(ctx);
        String id = ctx.pathParam("id");
        StorySummary s = store.story(id).orElseThrow(() -> Problem.notFound("no story '" + id + "'"));
        List<Article> articles = store.storyArticles(s.id());
        Brief brief = briefs.of(s.id());
        StoryLineage lineage = StoryLineage.of(articles, store.duplicateLinks(s.id()));
        List<String> voices = brief.voices().stream().map(Brief.Voice::name).toList();
        boolean compared = voices.size() > 1;
        Map<String, Article> byId = new LinkedHashMap<>();
        articles.forEach(a -> byId.put(a.id(), a));
        // One column per independent account: a copy is collapsed under its original when that is in the story.
        List<Pages.Column> columns = new ArrayList<>();
        for (StoryLineage.Group g : lineage.families()) {
            List<DuplicateLink> copies = g.copies();
            List<Article> shown = g.original().map(List::of)
                    .orElseGet(() -> copies.stream().map(l -> byId.get(l.articleId())).toList());
            for (Article a : shown) {
                List<Pages.Copy> collapsed = g.original().isEmpty() ? List.of() : copies.stream().map(l -> {
                    Article c = byId.get(l.articleId());
                    return new Pages.Copy(label(c.outlet()), new Pages.Link(articleHref(c.id()), c.headline()),
                            l.relation().name().toLowerCase(Locale.ROOT).replace('_', ' '));
                }).toList();
                List<Brief.Claim> own = brief.claims().stream()
                        .filter(c -> c.spans().stream().anyMatch(sp -> sp.article().equals(a.id()))).toList();
                columns.add(new Pages.Column(label(a.outlet()), a.headline(), articleHref(a.id()),
                        published(a.published()), original(a.url()),
                        (int) own.stream().filter(c -> c.status() != Brief.Status.UNIQUE).count(), own.size(),
                        paragraphs(a, compared ? own : List.of(), List.of(), List.of(), List.of()), notes(a), collapsed));
            }
        }
        // A link per article: a claim with two spans in one article links it once, not "hpo hpo". Each is labelled by
        // the outlet that printed it: a syndicated copy counts with its original's voice, but named by that voice it
        // read "TODAY.COM TODAY.COM" for today.com's article and eonline.com's copy of it. An article of no known
        // outlet keeps its voice's name (its id), which tells it apart.
        List<Pages.Cited> summary = brief.summary().stream().map(ss -> new Pages.Cited(ss.text(),
                ss.citations().stream().map(c -> {
                    Article cited = byId.get(c.article());
                    String printedBy = cited == null || cited.outlet().equals(Outlet.UNKNOWN) ? c.outlet()
                            : cited.outlet().name();
                    return new Pages.Link(articleHref(c.article()), printedBy);
                }).distinct().toList()))
                .toList();
        List<Pages.ClaimRow> claims = brief.claims().stream().map(c -> new Pages.ClaimRow(c.id(), c.status().json(),
                c.spans().getFirst().text(), voices.stream().map(v -> c.outlets().contains(v) ? c.status().json() : "")
                        .toList())).toList();
        List<Pages.SpeakerRow> speakers = brief.speakers().stream().map(sp -> new Pages.SpeakerRow(sp.name(),
                sp.differentStatements(), sp.differentWording().size(), voices.stream().map(v -> brief.quotes()
                        .stream().filter(q -> q.speaker().equals(sp.name()) && q.outlet().equals(v))
                        .map(Brief.QuoteRow::text).toList()).toList())).toList();
        List<Pages.DiscrepancyView> discrepancies = brief.discrepancies().stream().map(d -> new Pages.DiscrepancyView(
                d.claim(), d.kind(), d.outletA(), d.valueA(), d.a().text(), d.outletB(), d.valueB(), d.b().text()))
                .toList();
        List<Pages.EntityRow> rows = new ArrayList<>();
        for (EntityIndex.Entry e : entities.get().inStory(s.id())) {
            List<EntityIndex.Appearance> in = EntityIndex.appearances(e, s.id());
            List<Pages.EntityCell> cells = columns.stream().map(c -> in.stream()
                    .filter(ap -> articleHref(ap.article().id()).equals(c.href())).findFirst()
                    .map(ap -> new Pages.EntityCell(ap.names(), ap.roles(), ap.mentions()))
                    .orElse(new Pages.EntityCell(List.of(), List.of(), 0))).toList();
            rows.add(new Pages.EntityRow(ref(e), e.roles(), cells));
        }
        render(ctx, "story.jte", new Pages.StoryPage(s.title(), dates(s), s.articleCount(),
                s.outlets().stream().map(WebUi::label).toList(), compared, independence(lineage), summary, voices,
                claims, speakers, discrepancies, brief.notes(), columns, rows, TimelineChart.of(articles)));
    }

    /** "12 articles: 5 independent accounts, 7 copies of 2 shared texts (1 credited to a wire agency)". */
    static String independence(StoryLineage lineage) {
        String s = plural(lineage.articles(), "article", "articles") + ": "
                + plural(lineage.independentAccounts(), "independent account", "independent accounts");
        if (lineage.copies() > 0) {
            List<StoryLineage.Group> shared = lineage.shared();
            long wire = shared.stream().filter(g -> g.wire().isPresent()).count();
            s += ", " + plural(lineage.copies(), "copy", "copies") + " of "
                    + plural(shared.size(), "shared text", "shared texts") + " (" + wire
                    + " credited to a wire agency)";
        }
        return s;
    }

    private static String plural(long n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }

    void article(Context ctx) {
        Api.params(ctx);
        String id = ctx.pathParam("id");
        Article a = store.article(id).orElseThrow(() -> Problem.notFound("no article '" + id + "'"));
        String storyId = store.storyOf(id).orElse(null);
        Pages.Link story = storyId == null ? null : store.story(storyId)
                .map(s -> new Pages.Link(storyHref(s.id()), s.title())).orElse(null);
        EntityIndex index = entities.get();
        Map<String, Pages.EntityRef> named = new LinkedHashMap<>();
        for (Mention m : a.layer(Mention.LAYER)) {
            String entity = storyId == null ? null : index.entityOf(storyId, a.id(), m);
            if (entity != null) {
                index.entry(entity).ifPresent(e -> named.putIfAbsent(e.id(), ref(e)));
            }
        }
        render(ctx, "article.jte", new Pages.ArticlePage(a.id(), a.headline(), label(a.outlet()),
                published(a.published()), original(a.url()), a.origin(), story,
                paragraphs(a, List.of(), Highlights.of(a, storyId, index), Highlights.cuts(a),
                        Highlights.quotes(a)), notes(a),
                a.layer(LayerKey.SENTENCES).size(),
                List.copyOf(named.values()), a.layer(Timex.LAYER).size(), a.layer(Quantity.LAYER).size(),
                a.layer(Quote.LAYER).size()));
    }

    void entity(Context ctx) {
        Api.params(ctx);
        String id = ctx.pathParam("id");
        EntityIndex.Entry e = entities.get().entry(id).orElseThrow(() -> Problem.notFound("no entity '" + id + "'"));
        List<Pages.EntityStory> stories = e.stories().stream().map(in -> new Pages.EntityStory(
                new Pages.Link(storyHref(in.story().id()), in.story().title()), dates(in.story()),
                in.story().articleCount(), in.articles().stream().map(ap -> new Pages.EntityAppearance(
                        label(ap.article().outlet()), new Pages.Link(articleHref(ap.article().id()),
                                ap.article().headline()), published(ap.article().published()), ap.names(),
                        ap.roles(), ap.mentions())).toList())).toList();
        render(ctx, "entity.jte", new Pages.EntityPage(e.id(), e.name(), e.type().name().toLowerCase(Locale.ROOT),
                Pages.typeLabel(e.type()), e.aliases(), e.roles(), e.articleCount(), e.mentionCount(), stories));
    }

    void entities(Context ctx) {
        Api.params(ctx, "q", "type", "cursor");
        String q = ctx.queryParam("q") == null || ctx.queryParam("q").isBlank() ? null : ctx.queryParam("q").strip();
        String type = ctx.queryParam("type") == null || ctx.queryParam("type").isEmpty() ? null
                : ctx.queryParam("type");
        EntityListing page = EntityListing.of(entities.get().entries(), q, EntityListing.type(type),
                ctx.queryParam("cursor"), SEARCH_LIMIT);
        List<Pages.EntityCard> cards = page.items().stream().map(e -> new Pages.EntityCard(ref(e), e.aliases(),
                e.roles(), e.stories().size(), e.articleCount())).toList();
        String next = page.next() == null ? null : "/entities?" + (q == null ? "" : "q=" + encode(q) + "&")
                + (type == null ? "" : "type=" + encode(type) + "&") + "cursor=" + encode(page.next());
        render(ctx, "entities.jte", new Pages.EntitiesPage(q == null ? "" : q, type == null ? "" : type, cards, next,
                cards.isEmpty() ? (q == null && type == null ? "No entities yet: ingest articles first."
                        : "No entity matches.") : null));
    }

    private static Pages.EntityRef ref(EntityIndex.Entry e) {
        return new Pages.EntityRef(entityHref(e.id()), e.name(), e.type().name().toLowerCase(Locale.ROOT),
                Pages.typeLabel(e.type()));
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

    /** The article's paragraphs, each with its sentences and the status of the claims of {@code claims} they state. */
    private static List<Pages.ParagraphView> paragraphs(Article a, List<Brief.Claim> claims,
            List<Highlights.Mark> marks, List<Highlights.Cut> cuts, List<Highlights.Part> quotes) {
        List<Paragraph> paragraphs = a.layer(LayerKey.PARAGRAPHS);
        List<Sentence> rows = a.layer(LayerKey.SENTENCES);
        List<Pages.ParagraphView> out = new ArrayList<>();
        int next = 0;
        for (Paragraph p : paragraphs) {
            List<Pages.SentenceView> sentences = new ArrayList<>();
            while (next < rows.size() && rows.get(next).start() < p.end()) {
                sentences.add(view(a, next, rows.get(next), claims, marks, cuts, quotes));
                next++;
            }
            if (!sentences.isEmpty()) {
                out.add(new Pages.ParagraphView(sentences));
            }
        }
        if (next < rows.size() || paragraphs.isEmpty()) { // sentences past the last paragraph, or no paragraph layer
            List<Pages.SentenceView> rest = new ArrayList<>();
            for (; next < rows.size(); next++) {
                rest.add(view(a, next, rows.get(next), claims, marks, cuts, quotes));
            }
            if (!rest.isEmpty()) {
                out.add(new Pages.ParagraphView(rest));
            }
        }
        if (out.isEmpty() && !a.text().isBlank()) { // no sentence layer: show the text as it is
            out.add(new Pages.ParagraphView(List.of(new Pages.SentenceView(1,
                    List.of(Pages.Segment.plain(a.text())), "", null))));
        }
        return out;
    }

    /** A sentence marked by the widest-carried claim (claims come most widely carried first) it states, if any. */
    private static Pages.SentenceView view(Article a, int index, Sentence sn, List<Brief.Claim> claims,
            List<Highlights.Mark> marks, List<Highlights.Cut> cuts, List<Highlights.Part> quotes) {
        List<Pages.Segment> segments = Highlights.segments(a, sn, marks, cuts, quotes);
        return claims.stream().filter(c -> c.spans().stream().anyMatch(sp -> sp.article().equals(a.id())
                        && sp.start() < sn.end() && sp.end() > sn.start()))
                .min(java.util.Comparator.comparing(Brief.Claim::status))
                .map(c -> new Pages.SentenceView(index + 1, segments, c.status().json(), "Claim " + c.id() + ", "
                        + c.status().json() + ": " + String.join(", ", c.outlets())))
                .orElseGet(() -> new Pages.SentenceView(index + 1, segments, "", null));
    }

    private static List<Pages.Note> notes(Article a) {
        return a.removals().stream().map((Removal r) -> new Pages.Note(r.kind().label(),
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

    static String entityHref(String id) {
        return "/entities/" + encode(id);
    }

    static String articleHref(String id) {
        return "/articles/" + encode(id);
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
