package dev.parallax.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.parallax.core.model.RawArticle;
import dev.parallax.ingest.FeedFollower.FeedPoll;
import dev.parallax.ingest.FeedFollower.FeedStatus;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A feed of the seed articles on a local web server, as a news site serves one: a robots.txt, ETags, full pages
 * behind the items' links, and the failures a poller meets (a disallowed page, a missing one, a server error).
 */
class FeedFollowerTest {
    private static final String AGENT = "parallax/test (news reader; obeys robots.txt)";

    private HttpServer server;
    private String base;
    /** Every request's path, in order. */
    private final List<String> requests = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, Integer> flakyStatus = new ConcurrentHashMap<>(Map.of("/news/flaky.html", 503));

    @BeforeEach
    void serve() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        requests.add(path);
        try (exchange) {
            switch (path) {
                case "/robots.txt" -> send(exchange, 200, "text/plain", "User-agent: *\nDisallow: /private/\n");
                case "/feed.xml" -> {
                    exchange.getResponseHeaders().add("ETag", "\"v1\"");
                    if ("\"v1\"".equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
                        exchange.sendResponseHeaders(304, -1);
                    } else {
                        send(exchange, 200, "application/rss+xml", feed());
                    }
                }
                case "/news/000.html" -> send(exchange, 200, "text/html; charset=utf-8",
                        HtmlSourceTest.newsPage("<meta charset=\"utf-8\">", Seeds.paragraphs(0)));
                case "/news/002.html" -> send(exchange, 200, "text/html; charset=utf-8",
                        HtmlSourceTest.newsPage("<meta charset=\"utf-8\">", Seeds.paragraphs(1)));
                case "/news/flaky.html" -> {
                    int status = flakyStatus.get(path);
                    if (status == 200) {
                        send(exchange, 200, "text/html", HtmlSourceTest.newsPage("", Seeds.paragraphs(0)
                                .subList(0, 3)));
                    } else {
                        send(exchange, status, "text/plain", "try later");
                    }
                }
                case "/page.html" -> send(exchange, 200, "text/html", "<html><body><p>Not a feed.</p></body></html>");
                case "/logo.png" -> {
                    byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 0x0D, 'I', 'H', 'D', 'R'};
                    exchange.sendResponseHeaders(200, png.length);
                    exchange.getResponseBody().write(png);
                }
                case "/huge.xml" -> send(exchange, 200, "application/rss+xml", "<rss>" + " ".repeat(6 << 20) + "</rss>");
                default -> send(exchange, 404, "text/plain", "not found");
            }
        }
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private String feed() {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <rss version="2.0"><channel><title>The Example Post</title><link>%1$s/</link>
                <item><title>China declines Austin meeting in Singapore</title><link>%1$s/news/000.html</link>
                  <guid>%1$s/news/000.html</guid><pubDate>Tue, 30 May 2023 10:15:00 GMT</pubDate>
                  <description>China rejected a US proposal for a meeting in Singapore.</description></item>
                <item><title>China refuses Pentagon talks</title><link>%1$s/news/002.html</link>
                  <pubDate>Tue, 30 May 2023 12:00:00 GMT</pubDate>
                  <description>Beijing turned down the invitation.</description></item>
                <item><title>Subscribers only</title><link>%1$s/private/analysis.html</link>
                  <description>An analysis of the military talks that never happened.</description></item>
                <item><title>Moved</title><link>%1$s/news/gone.html</link>
                  <description>A story that has since been taken down.</description></item>
                <item><title>Busy server</title><link>%1$s/news/flaky.html</link>
                  <description>A page the server cannot serve at the moment.</description></item>
                </channel></rss>
                """.formatted(base);
    }

    private FeedFollower follower(String... paths) {
        return new FeedFollower(java.util.Arrays.stream(paths).map(p -> URI.create(base + p)).toList(), true,
                Duration.ZERO, AGENT);
    }

    private static RawArticle titled(Recorder r, String title) {
        return r.articles.stream().filter(a -> title.equals(a.title())).findFirst().orElseThrow();
    }

    @Test
    void ingestsEachNewItemWithItsPagesTextAndTheFeedsMetadata() {
        Recorder r = new Recorder();
        List<FeedPoll> polls = follower("/feed.xml").poll(id -> false, r);

        assertThat(polls).containsExactly(new FeedPoll(URI.create(base + "/feed.xml"), FeedStatus.READ, 5, 5, 1));
        assertThat(r.rejections).isEmpty();
        RawArticle first = titled(r, "China declines Austin meeting in Singapore");
        // The page's whole text, not the feed's one-line description; the feed's outlet, time and link.
        assertThat(first.text()).contains("Overnight, the PRC (People’s Republic of China) informed the US")
                .contains("just the latest in a litany of excuses").doesNotContain("Share on Facebook");
        assertThat(first.outlet()).isEqualTo("The Example Post");
        assertThat(first.url()).isEqualTo(base + "/news/000.html");
        assertThat(first.published().date()).hasToString("2023-05-30");
        assertThat(titled(r, "China refuses Pentagon talks").text()).contains("Liu Pengyu");
        // robots.txt keeps the poller out of /private/; that page and the missing one fall back on the feed's text.
        assertThat(requests).doesNotContain("/private/analysis.html").contains("/news/gone.html");
        assertThat(titled(r, "Subscribers only").text()).isEqualTo("An analysis of the military talks that never "
                + "happened.");
        assertThat(titled(r, "Moved").text()).isEqualTo("A story that has since been taken down.");
        // The server error may pass: that item waits for the next poll instead of being stored half.
        assertThat(r.articles).extracting(RawArticle::title).doesNotContain("Busy server");
        assertThat(r.skipped).anySatisfy(s -> assertThat(s).contains("robots.txt").contains("stands in"))
                .anySatisfy(s -> assertThat(s).contains("HTTP 404").contains("stands in"))
                .anySatisfy(s -> assertThat(s).contains("HTTP 503").contains("left for the next poll"));
        assertThat(requests.stream().filter("/robots.txt"::equals)).hasSize(1);
    }

    @Test
    void readsAnItemAsTheSavedFeedDoesSoBothGiveOneId() throws IOException {
        Recorder polled = new Recorder();
        new FeedFollower(List.of(URI.create(base + "/feed.xml")), false, Duration.ZERO, AGENT)
                .poll(id -> false, polled);
        Recorder saved = new Recorder();
        FeedSource.read(feed().getBytes(StandardCharsets.UTF_8), base + "/feed.xml", saved);

        assertThat(polled.ids()).isEqualTo(saved.ids()).doesNotHaveDuplicates().hasSize(5);
        // --feed-text: no page is fetched, the feed's text is the article's.
        assertThat(requests).containsExactly("/robots.txt", "/feed.xml");
        assertThat(polled.articles.get(0).text()).isEqualTo("China rejected a US proposal for a meeting in Singapore.");
    }

    @Test
    void asksAgainConditionallyAndFetchesOnlyPagesNotStoredYet() {
        FeedFollower follower = follower("/feed.xml");
        Set<String> stored = new HashSet<>();
        Recorder first = new Recorder();
        follower.poll(stored::contains, first);
        first.articles.forEach(a -> stored.add(a.id()));
        requests.clear();

        // An item was left over, so the feed is fetched whole again; only the left-over page is asked for.
        flakyStatus.put("/news/flaky.html", 200);
        Recorder second = new Recorder();
        List<FeedPoll> polls = follower.poll(stored::contains, second);
        assertThat(polls.get(0)).isEqualTo(new FeedPoll(URI.create(base + "/feed.xml"), FeedStatus.READ, 5, 1, 0));
        assertThat(second.articles).extracting(RawArticle::title).containsExactly("Busy server");
        assertThat(second.articles.get(0).text()).contains("China rejected a US proposal");
        assertThat(requests).containsExactly("/feed.xml", "/news/flaky.html");
        second.articles.forEach(a -> stored.add(a.id()));
        requests.clear();

        // Nothing left over: the ETag is sent and the unchanged feed costs one 304.
        Recorder third = new Recorder();
        assertThat(follower.poll(stored::contains, third).get(0).status()).isEqualTo(FeedStatus.UNCHANGED);
        assertThat(third.articles).isEmpty();
        assertThat(requests).containsExactly("/feed.xml");
    }

    @Test
    void aFeedThatCannotBeHadIsOneRejectionOfItsUrlAndTheOthersStillRead() {
        Recorder r = new Recorder();
        List<FeedPoll> polls = follower("/missing.xml", "/page.html", "/logo.png", "/huge.xml", "/feed.xml")
                .poll(id -> false, r);

        assertThat(polls).extracting(FeedPoll::status).containsExactly(FeedStatus.FAILED, FeedStatus.FAILED,
                FeedStatus.FAILED, FeedStatus.FAILED, FeedStatus.READ);
        assertThat(r.rejections).containsExactly(base + "/missing.xml: HTTP 404",
                base + "/page.html: not an RSS or Atom feed (its root element is <html>)",
                base + "/logo.png: binary response (NUL byte at byte offset 8): a PNG image",
                base + "/huge.xml: response is larger than the 5 MiB limit (6,291,467 bytes)");
        assertThat(r.articles).hasSize(4);
    }

    @Test
    void anUnreachableServerIsOneLine() throws IOException {
        int closed;
        try (var socket = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        Recorder r = new Recorder();
        new FeedFollower(List.of(URI.create("http://127.0.0.1:" + closed + "/feed.xml")), true, Duration.ZERO, AGENT)
                .poll(id -> false, r);
        assertThat(r.rejections).containsExactly("http://127.0.0.1:" + closed + "/feed.xml: cannot connect to "
                + "127.0.0.1:" + closed + " (connection refused)");
    }

    @Test
    void aHostThatDoesNotResolveIsOneLine() {
        Recorder r = new Recorder();
        // .invalid is reserved never to resolve (RFC 2606).
        new FeedFollower(List.of(URI.create("http://news.invalid/feed.xml")), true, Duration.ZERO, AGENT)
                .poll(id -> false, r);
        assertThat(r.rejections).containsExactly("http://news.invalid/feed.xml: unknown host news.invalid");
    }

    @Test
    void feedUrlsMustBeHttpWithAHost() {
        assertThat(FeedFollower.feedUrl(" https://example.com/a/../feed.xml ")).hasToString(
                "https://example.com/feed.xml");
        assertThatThrownBy(() -> FeedFollower.feedUrl("feed.xml")).hasMessage(
                "not an http or https URL: feed.xml (for a saved feed, use parallax ingest FILE)");
        assertThatThrownBy(() -> FeedFollower.feedUrl("ftp://example.com/feed.xml"))
                .hasMessage("not an http or https URL: ftp://example.com/feed.xml");
        assertThatThrownBy(() -> FeedFollower.feedUrl("http:///feed.xml")).hasMessageStartingWith("no host");
        assertThatThrownBy(() -> FeedFollower.feedUrl("http://exa mple.com/")).hasMessageStartingWith("not a URL");
    }
}
