package dev.parallax.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parallax.core.model.Article;
import dev.parallax.core.model.RawArticle;
import dev.parallax.core.model.StorySummary;
import dev.parallax.core.brief.StoryBriefs;
import dev.parallax.core.pipeline.IngestReport;
import dev.parallax.core.pipeline.Pipeline;
import dev.parallax.core.store.SearchHit;
import dev.parallax.core.store.Store;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** The handlers of {@code /api/v1}. */
final class Api {
    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 100;

    private final Store store;
    private final StoryBriefs briefs;
    /** Not thread-safe (the clusterer holds state): every write goes through it under its own lock. */
    private final Pipeline pipeline;
    private final ServerConfig config;
    private final byte[] openApi;

    private final EntityIndex.Cache entities;

    Api(Store store, Pipeline pipeline, ServerConfig config, EntityIndex.Cache entities, StoryBriefs briefs) {
        this.store = store;
        this.briefs = briefs;
        this.entities = entities;
        this.pipeline = pipeline;
        this.config = config;
        try (InputStream in = Api.class.getResourceAsStream("/openapi.json")) {
            if (in == null) {
                throw new IllegalStateException("resource openapi.json is missing from the server jar");
            }
            this.openApi = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void openApi(Context ctx) {
        params(ctx);
        ctx.contentType("application/json").result(openApi);
    }

    void ingest(Context ctx) {
        authorise(ctx);
        params(ctx);
        List<ArticleBodies.Item> items = ArticleBodies.read(body(ctx), ctx.header("Content-Type"));
        List<RawArticle> batch = items.stream().map(ArticleBodies.Item::article).filter(a -> a != null).toList();
        IngestReport report;
        synchronized (pipeline) {
            report = batch.isEmpty() ? new IngestReport(List.of()) : pipeline.ingest(batch, done -> {});
            briefs.refresh(report.storiesChanged());
        }
        entities.warm();
        json(ctx, ApiJson.ingest(items, report));
    }

    void articles(Context ctx) {
        params(ctx, "cursor", "limit");
        int limit = limit(ctx);
        String cursor = ctx.queryParam("cursor");
        String after = cursor == null ? null : Cursor.decode(cursor, "articles", 1).get(0);
        List<Article> page;
        try {
            page = store.articles(after, limit + 1);
        } catch (IllegalArgumentException e) { // the cursor's article is not stored: not a cursor we gave out
            throw Cursor.invalid(cursor);
        }
        ObjectNode n = ApiJson.object();
        ArrayNode items = n.putArray("items");
        page.stream().limit(limit)
                .forEach(a -> items.add(ApiJson.articleSummary(a, store.storyOf(a.id()).orElse(null))));
        n.put("next", page.size() > limit ? Cursor.encode("articles", List.of(page.get(limit - 1).id())) : null);
        json(ctx, n);
    }

    void article(Context ctx) {
        params(ctx);
        String id = ctx.pathParam("id");
        Article a = store.article(id).orElseThrow(() -> Problem.notFound("no article '" + id + "'"));
        json(ctx, ApiJson.article(a, store.storyOf(id).orElse(null)));
    }

    void stories(Context ctx) {
        params(ctx, "from", "to", "outlet", "entity", "sort", "cursor", "limit");
        StoryListing page = listing(store, entities, ctx);
        ObjectNode n = ApiJson.object();
        ArrayNode items = n.putArray("items");
        page.items().forEach(s -> items.add(s.toJson()));
        n.put("next", page.next());
        json(ctx, n);
    }

    /** The story page the query asks for: shared by the API and the feed page. */
    static StoryListing listing(Store store, EntityIndex.Cache entities, Context ctx) {
        LocalDate from = StoryListing.date("from", ctx.queryParam("from"));
        LocalDate to = StoryListing.date("to", ctx.queryParam("to"));
        if (from != null && to != null && from.isAfter(to)) {
            throw new Problem(400, "invalid-date", "Invalid date", "'from' (" + from + ") is after 'to' (" + to + ")");
        }
        String outlet = ctx.queryParam("outlet");
        if (outlet != null && outlet.isBlank()) {
            throw Problem.badRequest("invalid 'outlet': it is empty");
        }
        String entity = ctx.queryParam("entity");
        Set<String> within = null;
        if (entity != null) {
            EntityIndex.Entry e = entities.get().entry(entity).orElseThrow(() -> Problem.badRequest("no entity '"
                    + Cursor.abbreviate(entity) + "': the entity filter takes an id from /api/v1/entities, e.g."
                    + " person-patrick-ryder"));
            within = e.stories().stream().map(s -> s.story().id()).collect(Collectors.toSet());
        }
        return StoryListing.of(store.stories(), from, to, outlet, within,
                StoryListing.Sort.parse(ctx.queryParam("sort")), ctx.queryParam("cursor"), limit(ctx));
    }

    void story(Context ctx) {
        params(ctx);
        StorySummary s = story(ctx.pathParam("id"));
        ObjectNode n = s.toJson();
        ArrayNode articles = n.putArray("articles");
        store.storyArticles(s.id()).forEach(a -> articles.add(ApiJson.articleSummary(a, s.id())));
        json(ctx, n);
    }

    void brief(Context ctx) {
        params(ctx);
        StorySummary s = story(ctx.pathParam("id"));
        json(ctx, ApiJson.brief(s, briefs.of(s.id())));
    }

    void entities(Context ctx) {
        params(ctx, "q", "type", "cursor", "limit");
        EntityListing page = EntityListing.of(entities.get().entries(), ctx.queryParam("q"),
                EntityListing.type(ctx.queryParam("type")), ctx.queryParam("cursor"), limit(ctx));
        ObjectNode n = ApiJson.object();
        ArrayNode items = n.putArray("items");
        page.items().forEach(e -> items.add(ApiJson.entity(e, false)));
        n.put("next", page.next());
        json(ctx, n);
    }

    void entity(Context ctx) {
        params(ctx);
        String id = ctx.pathParam("id");
        EntityIndex.Entry e = entities.get().entry(id).orElseThrow(() -> Problem.notFound("no entity '" + id + "'"));
        json(ctx, ApiJson.entity(e, true));
    }

    void search(Context ctx) {
        params(ctx, "q", "limit");
        String q = ctx.queryParam("q");
        if (q == null || q.isBlank()) {
            throw Problem.badRequest("missing 'q': give the words to search for, e.g. ?q=Shangri-La+Dialogue");
        }
        ObjectNode n = ApiJson.object();
        n.put("query", q);
        ArrayNode items = n.putArray("items");
        for (SearchHit hit : store.search(q, limit(ctx))) {
            Article a = store.article(hit.articleId()).orElseThrow();
            ObjectNode item = ApiJson.articleSummary(a, store.storyOf(a.id()).orElse(null));
            Snippet snippet = Snippet.of(hit.snippet());
            item.put("snippet", snippet.text());
            ArrayNode matches = item.putArray("matches");
            snippet.matches().forEach(m -> matches.addObject().put("start", m[0]).put("end", m[1]));
            items.add(item);
        }
        json(ctx, n);
    }

    private StorySummary story(String id) {
        return store.story(id).orElseThrow(() -> Problem.notFound("no story '" + id + "'"));
    }

    /** Refuses a write without the configured token; the token is compared in constant time. */
    private void authorise(Context ctx) {
        if (config.token() == null) {
            throw new Problem(403, "writes-disabled", "Writes are disabled", "this server was started without a"
                    + " token, so it accepts no writes: restart it with --token TOKEN (or PARALLAX_TOKEN set) and send"
                    + " the header Authorization: Bearer TOKEN");
        }
        String header = ctx.header("Authorization");
        if (header == null || header.isBlank()) {
            ctx.header("WWW-Authenticate", "Bearer realm=\"parallax\"");
            throw new Problem(401, "unauthorized", "Unauthorized",
                    "writes need the header Authorization: Bearer TOKEN, with the token the server was started with");
        }
        String given = header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).strip() : null;
        if (given == null || !MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8),
                config.token().getBytes(StandardCharsets.UTF_8))) {
            ctx.header("WWW-Authenticate", "Bearer realm=\"parallax\", error=\"invalid_token\"");
            throw new Problem(401, "unauthorized", "Unauthorized", given == null
                    ? "the Authorization header must read 'Bearer TOKEN'"
                    : "the bearer token is not the one this server was started with");
        }
    }

    /** Reads the body up to the configured limit; a larger one is refused before it is all read. */
    private byte[] body(Context ctx) {
        long max = config.maxBodyBytes();
        long declared = ctx.req().getContentLengthLong();
        if (declared > max) {
            throw tooLarge(declared + " bytes");
        }
        try (InputStream in = ctx.req().getInputStream()) {
            byte[] b = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
            if (b.length > max) {
                throw tooLarge("more than " + max + " bytes");
            }
            return b;
        } catch (IOException e) {
            throw Problem.badRequest("the request body could not be read: " + ParallaxServer.oneLine(e));
        }
    }

    private Problem tooLarge(String size) {
        return new Problem(413, "body-too-large", "Request body too large", "the body has " + size + " but at most "
                + config.maxBodyBytes() + " are accepted: send the articles in smaller batches");
    }

    /** Refuses query parameters a route does not know, so a misspelt filter is not silently ignored. */
    static void params(Context ctx, String... known) {
        Set<String> allowed = Set.of(known);
        for (String p : ctx.queryParamMap().keySet()) {
            if (!allowed.contains(p)) {
                throw Problem.badRequest("unknown query parameter '" + Cursor.abbreviate(p) + "'" + (known.length == 0
                        ? ": this route takes none" : " (expected " + String.join(", ", new TreeSet<>(allowed)) + ")"));
            }
            if (ctx.queryParams(p).size() > 1) {
                throw Problem.badRequest("query parameter '" + p + "' is given more than once");
            }
        }
    }

    static int limit(Context ctx) {
        String v = ctx.queryParam("limit");
        if (v == null) {
            return DEFAULT_LIMIT;
        }
        try {
            int n = Integer.parseInt(v.strip());
            if (n >= 1 && n <= MAX_LIMIT) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw Problem.badRequest("invalid 'limit': '" + Cursor.abbreviate(v) + "' (expected a whole number from 1 to "
                + MAX_LIMIT + ")");
    }

    private static void json(Context ctx, ObjectNode n) {
        ctx.contentType("application/json").result(ApiJson.write(n));
    }
}
