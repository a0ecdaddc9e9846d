package dev.parallax.ingest;

import dev.parallax.core.model.InvalidArticleException;
import dev.parallax.core.model.RawArticle;
import dev.parallax.core.pipeline.SourceSink;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Polls RSS and Atom feeds on the web and hands on their new articles. A feed is asked for conditionally (ETag,
 * Last-Modified), so an unchanged feed costs one short answer; it is read as {@link FeedSource} reads a saved one,
 * so an item has the same id either way and what is stored is skipped. For each new item the page it links to is
 * fetched and its main text taken out as for a saved page ({@link HtmlExtractor}); the item's title, time and
 * outlet stand. When the page cannot be had for good (robots.txt disallows it, a client error, no article text in
 * it) the feed's own text of the item stands in; when it may come later (no connection, a server error) the item is
 * left for the next poll. Every request goes through one {@link WebFetcher}: robots.txt obeyed, one request per host
 * per delay. Not thread-safe.
 */
public final class FeedFollower {
    private final List<URI> feeds;
    private final boolean fetchPages;
    private final WebFetcher fetcher;
    private final Map<URI, Validators> validators = new HashMap<>();

    /** What the last answer of a feed said, to ask for it conditionally. */
    private record Validators(String etag, String lastModified) {
    }

    /** How one feed's poll went. */
    public enum FeedStatus {
        /** Read: its items were handed on (those not stored yet). */
        READ,
        /** The server said it has not changed since the last poll. */
        UNCHANGED,
        /** It could not be fetched or read; the reason went to the sink as the feed's rejection. */
        FAILED
    }

    /**
     * @param feed the feed's URL
     * @param items its items in this poll
     * @param fresh those not stored before, handed on or rejected
     * @param deferred those left for the next poll because their page could not be fetched for now
     */
    public record FeedPoll(URI feed, FeedStatus status, int items, int fresh, int deferred) {
    }

    /**
     * @param feeds the feeds' URLs ({@link #feedUrl} checks them)
     * @param fetchPages whether a new item's linked page is fetched for its full text, or the feed's text is taken
     * @param delay the least time between two requests to one host
     * @param userAgent the User-Agent header; its product token should be {@value WebFetcher#ROBOT_NAME}
     */
    public FeedFollower(List<URI> feeds, boolean fetchPages, Duration delay, String userAgent) {
        this.feeds = List.copyOf(feeds);
        this.fetchPages = fetchPages;
        this.fetcher = new WebFetcher(Objects.requireNonNull(userAgent, "userAgent"), delay);
    }

    /**
     * A feed URL as the user gave it, checked: absolute http or https with a host.
     *
     * @throws IllegalArgumentException with the one-line reason
     */
    public static URI feedUrl(String text) {
        URI uri;
        try {
            uri = new URI(text.strip());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a URL: " + text + " (" + e.getReason() + ")");
        }
        String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!"http".equals(scheme) && !"https".equals(scheme)) {
            throw new IllegalArgumentException("not an http or https URL: " + text
                    + (scheme == null ? " (for a saved feed, use parallax ingest FILE)" : ""));
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("no host in URL: " + text);
        }
        return uri.normalize();
    }

    /**
     * Polls every feed once, in order, and hands on the new articles and the rejections (a feed that failed is
     * rejected under its URL, an item under {@code URL#N}).
     *
     * @param stored whether an article id is stored already (its page is then not fetched again)
     * @param sink receives the new articles and the rejections, and, as skipped, what it could not use of an item
     */
    public List<FeedPoll> poll(Predicate<String> stored, SourceSink sink) {
        List<FeedPoll> polls = new ArrayList<>();
        for (URI feed : feeds) {
            polls.add(poll(feed, stored, sink));
        }
        return polls;
    }

    private FeedPoll poll(URI feed, Predicate<String> stored, SourceSink sink) {
        String name = feed.toString();
        Validators known = validators.get(feed);
        WebFetcher.Response response;
        byte[] body;
        try {
            response = fetcher.get(feed, known == null ? null : known.etag(), known == null ? null
                    : known.lastModified());
            if (response.notModified()) {
                return new FeedPoll(feed, FeedStatus.UNCHANGED, 0, 0, 0);
            }
            body = DocumentFile.checked(response.body(), "response", "response", null);
        } catch (WebFetcher.FetchException | InvalidArticleException e) {
            sink.rejected(name, e.getMessage());
            return new FeedPoll(feed, FeedStatus.FAILED, 0, 0, 0);
        }
        List<RawArticle> items = new ArrayList<>();
        boolean[] unreadable = {false};
        FeedSource.read(body, name, new SourceSink() {
            @Override
            public void article(RawArticle a) {
                items.add(a);
            }

            @Override
            public void rejected(String origin, String reason) {
                unreadable[0] |= origin.equals(name);
                sink.rejected(origin, reason);
            }

            @Override
            public void skipped(String origin, String what) {
                sink.skipped(origin, what);
            }
        });
        if (unreadable[0]) {
            return new FeedPoll(feed, FeedStatus.FAILED, 0, 0, 0);
        }
        int fresh = 0;
        int deferred = 0;
        for (RawArticle item : items) {
            if (stored.test(item.id())) {
                continue;
            }
            fresh++;
            RawArticle article = fetchPages && item.url() != null ? withPage(item, sink) : item;
            if (article == null) {
                deferred++;
            } else {
                sink.article(article);
            }
        }
        // Remembered only now, and only when nothing was left over: a deferred item must not hide behind a 304.
        if (deferred == 0) {
            validators.put(feed, new Validators(response.etag().orElse(null), response.lastModified().orElse(null)));
        } else {
            validators.remove(feed);
        }
        return new FeedPoll(feed, FeedStatus.READ, items.size(), fresh, deferred);
    }

    /** The item with its page's main text; the item as the feed has it when the page is out of reach for good. */
    private RawArticle withPage(RawArticle item, SourceSink sink) {
        URI page;
        try {
            page = feedUrl(item.url());
        } catch (IllegalArgumentException e) {
            sink.skipped(item.origin(), "link " + e.getMessage() + "; the feed's text of the item stands in");
            return item;
        }
        try {
            WebFetcher.Response response = fetcher.get(page, null, null);
            WebPage extracted = HtmlExtractor.extract(DocumentFile.checked(response.body(), "page", "page", null),
                    response.uri().toString(), response.charset());
            return new RawArticle(item.id(), item.url(), item.outlet(),
                    item.published() != null ? item.published() : extracted.published(), item.url(),
                    item.title() != null ? item.title() : extracted.title(), extracted.text());
        } catch (WebFetcher.FetchException e) {
            if (!e.permanent()) {
                sink.skipped(item.origin(), "page " + item.url() + ": " + e.getMessage() + "; left for the next poll");
                return null;
            }
            sink.skipped(item.origin(), "page " + item.url() + ": " + e.getMessage()
                    + "; the feed's text of the item stands in");
            return item;
        } catch (InvalidArticleException e) {
            sink.skipped(item.origin(), "page " + item.url() + ": " + e.getMessage()
                    + "; the feed's text of the item stands in");
            return item;
        }
    }
}
