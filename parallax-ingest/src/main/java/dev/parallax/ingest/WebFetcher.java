package dev.parallax.ingest;

import crawlercommons.robots.BaseRobotRules;
import crawlercommons.robots.SimpleRobotRulesParser;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.zip.GZIPInputStream;

/**
 * HTTP GET as a polite crawler does it: robots.txt obeyed (per origin, kept for a day), one request at a time per
 * host with at least {@code delay} between them (longer when robots.txt asks for a crawl delay, up to a minute),
 * bodies read only up to {@link Sources#MAX_DOCUMENT_BYTES}, and failures as one-line {@link FetchException}s.
 * Not thread-safe: a follower fetches one URL at a time.
 */
final class WebFetcher {
    /** The product token robots.txt rules are matched against. */
    static final String ROBOT_NAME = "parallax";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Duration ROBOTS_LIFETIME = Duration.ofDays(1);
    private static final Duration MAX_CRAWL_DELAY = Duration.ofMinutes(1);

    private final HttpClient http;
    private final String userAgent;
    private final Duration delay;
    private final SimpleRobotRulesParser robotsParser = new SimpleRobotRulesParser();
    private final Map<String, Robots> robots = new HashMap<>();
    private final Map<String, Instant> nextRequest = new HashMap<>();

    private record Robots(BaseRobotRules rules, Instant fetched) {
    }

    /** A response with a body (200) or without one (304 Not Modified: {@code body} is null). */
    record Response(URI uri, int status, byte[] body, String contentType, Optional<String> etag,
            Optional<String> lastModified) {
        boolean notModified() {
            return status == 304;
        }

        /** The charset the Content-Type header names, or null. */
        String charset() {
            if (contentType == null) {
                return null;
            }
            for (String part : contentType.split(";")) {
                String p = part.strip();
                if (p.toLowerCase(Locale.ROOT).startsWith("charset=")) {
                    return p.substring("charset=".length()).replace("\"", "").strip();
                }
            }
            return null;
        }
    }

    /** Why a URL could not be fetched, in one line; {@code permanent} when asking again later will not help. */
    static final class FetchException extends Exception {
        private final boolean permanent;

        FetchException(String message, boolean permanent) {
            super(message, null, false, false);
            this.permanent = permanent;
        }

        boolean permanent() {
            return permanent;
        }
    }

    WebFetcher(String userAgent, Duration delay) {
        this.http = HttpClient.newBuilder().connectTimeout(TIMEOUT).followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        this.userAgent = userAgent;
        this.delay = delay;
    }

    /**
     * GETs {@code uri}, conditionally when {@code etag} or {@code lastModified} is given (a 304 then comes back as
     * such).
     *
     * @throws FetchException when robots.txt disallows it, the server cannot be reached, answers with another status
     *     than 200 or 304, or sends more than the document limit
     */
    Response get(URI uri, String etag, String lastModified) throws FetchException {
        BaseRobotRules rules = robots(uri);
        if (!rules.isAllowed(uri.toString())) {
            throw new FetchException("robots.txt of " + uri.getHost() + " disallows it", true);
        }
        HttpRequest.Builder request = request(uri);
        if (etag != null) {
            request.header("If-None-Match", etag);
        }
        if (lastModified != null) {
            request.header("If-Modified-Since", lastModified);
        }
        long crawlDelay = rules.getCrawlDelay() == BaseRobotRules.UNSET_CRAWL_DELAY ? 0 : rules.getCrawlDelay();
        HttpResponse<InputStream> response = send(uri, request.build(),
                Duration.ofMillis(Math.min(crawlDelay, MAX_CRAWL_DELAY.toMillis())));
        int status = response.statusCode();
        if (status == 304) {
            close(response);
            return new Response(response.uri(), status, null, null, Optional.empty(), Optional.empty());
        }
        if (status != 200) {
            close(response);
            // Client errors stay errors; a server error or rate limit may be gone at the next poll.
            throw new FetchException("HTTP " + status, status >= 400 && status < 500 && status != 408 && status != 429);
        }
        String type = response.headers().firstValue("Content-Type").orElse(null);
        return new Response(response.uri(), status, body(response), type, response.headers().firstValue("ETag"),
                response.headers().firstValue("Last-Modified"));
    }

    /** The rules of the URL's origin: fetched once a day; a missing robots.txt allows all, an erring one nothing. */
    private BaseRobotRules robots(URI uri) throws FetchException {
        String origin = uri.getScheme() + "://" + uri.getRawAuthority();
        Robots known = robots.get(origin);
        if (known != null && known.fetched().plus(ROBOTS_LIFETIME).isAfter(Instant.now())) {
            return known.rules();
        }
        URI location = URI.create(origin + "/robots.txt");
        HttpResponse<InputStream> response = send(location, request(location).build(), Duration.ZERO);
        BaseRobotRules rules;
        if (response.statusCode() == 200) {
            byte[] body = body(response);
            rules = robotsParser.parseContent(location.toString(), body,
                    response.headers().firstValue("Content-Type").orElse("text/plain"), List.of(ROBOT_NAME));
        } else {
            close(response);
            rules = robotsParser.failedFetch(response.statusCode());
        }
        robots.put(origin, new Robots(rules, Instant.now()));
        return rules;
    }

    private HttpRequest.Builder request(URI uri) {
        return HttpRequest.newBuilder(uri).timeout(TIMEOUT).header("User-Agent", userAgent).GET();
    }

    /** Sends once the host's turn has come, and books its next turn. */
    private HttpResponse<InputStream> send(URI uri, HttpRequest request, Duration crawlDelay) throws FetchException {
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        Instant due = nextRequest.get(host);
        try {
            if (due != null && due.isAfter(Instant.now())) {
                Thread.sleep(Duration.between(Instant.now(), due));
            }
            return http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FetchException("interrupted", false);
        } catch (HttpConnectTimeoutException e) {
            throw new FetchException("connection to " + host + " timed out", false);
        } catch (HttpTimeoutException e) {
            throw new FetchException("no answer from " + host + " within " + TIMEOUT.toSeconds() + " s", false);
        } catch (ConnectException e) {
            throw new FetchException(unknownHost(e) ? "unknown host " + host : "cannot connect to " + host
                    + (uri.getPort() > 0 ? ":" + uri.getPort() : "") + " (connection refused)", unknownHost(e));
        } catch (IOException e) {
            throw new FetchException("cannot fetch: " + IoErrors.oneLine(String.valueOf(e.getMessage())), false);
        } finally {
            Duration gap = crawlDelay.compareTo(delay) > 0 ? crawlDelay : delay;
            nextRequest.put(host, Instant.now().plus(gap));
        }
    }

    /** The JDK reports a name that does not resolve as a ConnectException with an UnresolvedAddressException inside. */
    private static boolean unknownHost(ConnectException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UnresolvedAddressException) {
                return true;
            }
        }
        return false;
    }

    /** The body, un-gzipped if the server sent it so, bounded by the document limit. */
    private static byte[] body(HttpResponse<InputStream> response) throws FetchException {
        boolean gzip = response.headers().firstValue("Content-Encoding").map(v -> v.equalsIgnoreCase("gzip"))
                .orElse(false);
        byte[] body;
        try (InputStream raw = response.body(); InputStream in = gzip ? new GZIPInputStream(raw) : raw) {
            body = in.readNBytes((int) Sources.MAX_DOCUMENT_BYTES + 1);
        } catch (IOException e) {
            throw new FetchException("cannot read the response: " + IoErrors.oneLine(String.valueOf(e.getMessage())),
                    false);
        }
        if (body.length > Sources.MAX_DOCUMENT_BYTES) { // the rest is not read: its size is what the server declared
            OptionalLong declared = gzip ? OptionalLong.empty() : response.headers().firstValueAsLong("Content-Length");
            throw new FetchException(declared.isPresent() ? Bytes.tooLarge("response", declared.getAsLong())
                    .getMessage() : "response is larger than the " + (Sources.MAX_DOCUMENT_BYTES >> 20) + " MiB limit",
                    true);
        }
        return body;
    }

    private static void close(HttpResponse<InputStream> response) {
        try {
            response.body().close();
        } catch (IOException e) { // nothing was to be read from it
        }
    }
}
