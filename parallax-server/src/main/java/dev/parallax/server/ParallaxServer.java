package dev.parallax.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parallax.core.brief.StoryBriefs;
import dev.parallax.core.pipeline.Pipelines;
import dev.parallax.core.store.Store;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import io.javalin.http.staticfiles.Location;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Parallax HTTP server: the REST API under {@code /api/v1} (described by {@code /api/v1/openapi.json}) and the
 * server-rendered web UI, both over one {@link Store}. Reads are open; writes need the configured bearer token.
 */
public final class ParallaxServer implements AutoCloseable {
    /** A route the server answers: the API's are exactly those openapi.json documents. */
    public record Route(String method, String path) {
        /** Matches a request path, a {@code {param}} standing for one path segment. */
        Pattern pattern() {
            return Pattern.compile(Pattern.quote(path).replaceAll("\\{[^}/]+}", "\\\\E[^/]+\\\\Q"));
        }
    }

    /** Sent with every response: no script but our own files (there are none), no framing, no referrer leaks. */
    static final Map<String, String> SECURITY_HEADERS = Map.of(
            "Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self';"
                    + " object-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
            "X-Content-Type-Options", "nosniff",
            "Referrer-Policy", "no-referrer",
            "X-Frame-Options", "DENY",
            "Cross-Origin-Opener-Policy", "same-origin");

    private static final Logger LOG = LoggerFactory.getLogger(ParallaxServer.class);

    private final Javalin app;
    private final ServerConfig config;
    private final StoryBriefs briefs;
    private final List<Route> apiRoutes = new ArrayList<>();
    private final List<Route> routes = new ArrayList<>();

    private ParallaxServer(Store store, ServerConfig config) {
        this.config = config;
        this.briefs = StoryBriefs.minilm(store);
        EntityIndex.Cache entities = new EntityIndex.Cache(store);
        Api api = new Api(store, Pipelines.standard(store, briefs.unitEmbedding()), config, entities, briefs);
        WebUi ui = new WebUi(store, entities, briefs);
        app = Javalin.create(c -> {
            c.showJavalinBanner = false;
            c.staticFiles.add(s -> {
                s.hostedPath = "/static";
                s.directory = "/static";
                s.location = Location.CLASSPATH;
                s.headers = Map.of("Cache-Control", "max-age=3600");
            });
        });
        app.before(ctx -> SECURITY_HEADERS.forEach(ctx::header));

        api(HandlerType.GET, "/api/v1/openapi.json", api::openApi);
        api(HandlerType.POST, "/api/v1/articles", api::ingest);
        api(HandlerType.GET, "/api/v1/articles", api::articles);
        api(HandlerType.GET, "/api/v1/articles/{id}", api::article);
        api(HandlerType.GET, "/api/v1/stories", api::stories);
        api(HandlerType.GET, "/api/v1/stories/{id}", api::story);
        api(HandlerType.GET, "/api/v1/stories/{id}/brief", api::brief);
        api(HandlerType.GET, "/api/v1/entities", api::entities);
        api(HandlerType.GET, "/api/v1/entities/{id}", api::entity);
        api(HandlerType.GET, "/api/v1/search", api::search);

        route(HandlerType.GET, "/", ui::feed);
        route(HandlerType.GET, "/stories/{id}", ui::story);
        route(HandlerType.GET, "/articles/{id}", ui::article);
        route(HandlerType.GET, "/entities", ui::entities);
        route(HandlerType.GET, "/entities/{id}", ui::entity);
        route(HandlerType.GET, "/search", ui::search);

        app.exception(Problem.class, (e, ctx) -> respond(ctx, e));
        app.exception(HttpResponseException.class, (e, ctx) -> {
            if (e.getStatus() == 404 || e.getStatus() == 405) { // Javalin's own: no route matched
                unmatched(ctx);
            } else {
                respond(ctx, new Problem(e.getStatus(), "http-" + e.getStatus(), e.getMessage(), e.getMessage()));
            }
        });
        app.exception(Exception.class, (e, ctx) -> {
            LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
            respond(ctx, new Problem(500, "internal-error", "Internal server error", "the server failed on this"
                    + " request (" + oneLine(e) + "): a bug, please report it with the server log"));
        });
        app.start(config.host(), config.port());
        entities.warm();
    }

    /**
     * Starts a server over {@code store}, which stays the caller's to close.
     *
     * @throws io.javalin.util.JavalinBindException when the port is taken
     */
    public static ParallaxServer start(Store store, ServerConfig config) {
        return new ParallaxServer(Objects.requireNonNull(store, "store"), Objects.requireNonNull(config, "config"));
    }

    /** The port it listens on (the one picked when configured with 0). */
    public int port() {
        return app.port();
    }

    /** The base URI, e.g. {@code http://127.0.0.1:8080/}. */
    public URI uri() {
        return URI.create("http://" + config.host() + ":" + port() + "/");
    }

    /** The API routes, in the order registered. */
    public List<Route> apiRoutes() {
        return List.copyOf(apiRoutes);
    }

    @Override
    public void close() {
        app.stop();
        briefs.close();
    }

    private void api(HandlerType method, String path, Handler handler) {
        apiRoutes.add(new Route(method.name(), path));
        route(method, path, handler);
    }

    private void route(HandlerType method, String path, Handler handler) {
        routes.add(new Route(method.name(), path));
        app.addHttpHandler(method, path, handler);
    }

    /** No route matched: 405 when the path exists for other methods, else 404. */
    private void unmatched(Context ctx) {
        String path = ctx.path();
        List<String> allowed = routes.stream().filter(r -> r.pattern().matcher(path).matches())
                .map(Route::method).distinct().toList();
        if (!allowed.isEmpty()) {
            ctx.header("Allow", String.join(", ", allowed));
            respond(ctx, new Problem(405, "method-not-allowed", "Method not allowed", ctx.method() + " is not"
                    + " allowed on " + path + ": use " + String.join(" or ", allowed)));
        } else {
            respond(ctx, Problem.notFound("no route " + ctx.method() + " " + path + (path.startsWith("/api/")
                    ? ": the API's routes are listed in /api/v1/openapi.json" : "")));
        }
    }

    /** Writes a problem: as problem+json under /api/, as an HTML page elsewhere. */
    private static void respond(Context ctx, Problem p) {
        ctx.status(p.status);
        if (ctx.path().startsWith("/api/")) {
            ObjectNode n = ApiJson.object();
            n.put("type", Problem.TYPE_BASE + p.type);
            n.put("title", p.title);
            n.put("status", p.status);
            n.put("detail", p.detail);
            n.put("instance", ctx.path());
            ctx.contentType("application/problem+json").result(ApiJson.write(n));
        } else {
            WebUi.error(ctx, p);
        }
    }

    static String oneLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.lines().map(String::strip).collect(Collectors.joining(" "));
    }
}
