package dev.parallax.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.parallax.core.model.RawArticle;
import dev.parallax.core.pipeline.SourceSink;
import dev.parallax.ingest.PlainTextSource;
import dev.parallax.store.SqliteStore;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A real server over a real SQLite store in a temporary directory, with an HTTP client to talk to it. */
final class Running implements AutoCloseable {
    static final String TOKEN = "s3cret-token-for-tests";
    /** A BASIL triplet: three outlets' accounts of one event (Blumenthal's Vietnam-service claims). */
    static final String BASIL_STORY = "85475456-f38e-4c30-895d-ca2c819c6af1";

    static final ObjectMapper JSON = new ObjectMapper();

    final SqliteStore store;
    final ParallaxServer server;
    final HttpClient http = HttpClient.newHttpClient();

    Running(Path dataDir, ServerConfig config) {
        store = SqliteStore.open(dataDir);
        server = ParallaxServer.start(store, config);
    }

    static Running withToken(Path dataDir) {
        return new Running(dataDir, ServerConfig.of("127.0.0.1", 0, TOKEN));
    }

    URI uri(String path) {
        return server.uri().resolve(path);
    }

    HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET().build());
    }

    HttpResponse<String> post(String path, String contentType, String body, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return send(b.build());
    }

    HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return fail(request.method() + " " + request.uri() + " failed: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail("interrupted");
        }
    }

    static JsonNode json(HttpResponse<String> r) {
        try {
            return JSON.readTree(r.body());
        } catch (IOException e) {
            return fail("not JSON (" + r.statusCode() + "): " + r.body());
        }
    }

    /** Ingests the two seeds (as a JSON array) and the BASIL triplet (as JSON Lines) through the API. */
    void ingestSeedsAndTriplet() {
        HttpResponse<String> seeds = post("/api/v1/articles", "application/json", seedsAsJson(), TOKEN);
        assertThat(seeds.statusCode()).as(seeds.body()).isEqualTo(200);
        assertThat(json(seeds).get("stored").asInt()).as(seeds.body()).isEqualTo(2);
        HttpResponse<String> triplet = post("/api/v1/articles", "application/x-ndjson",
                String.join("\n", basilTriplet()) + "\n", TOKEN);
        assertThat(triplet.statusCode()).as(triplet.body()).isEqualTo(200);
        assertThat(json(triplet).get("stored").asInt()).as(triplet.body()).isEqualTo(3);
    }

    static Path shared() {
        String dir = System.getProperty("parallax.shared");
        if (dir == null) {
            return fail("system property parallax.shared is not set: run the tests through Maven");
        }
        return Path.of(dir);
    }

    /** The seeds, read by the ingest module as plain-text articles, as a JSON array of article records. */
    static String seedsAsJson() {
        Path seeds = shared().resolve("seeds");
        List<RawArticle> articles = new ArrayList<>();
        try {
            new PlainTextSource(seeds).read(new SourceSink() {
                @Override
                public void article(RawArticle article) {
                    articles.add(article);
                }

                @Override
                public void rejected(String origin, String reason) {
                    fail("seed " + origin + " rejected: " + reason);
                }
            });
        } catch (IOException e) {
            return fail("seed folder " + seeds + " cannot be read: " + e.getMessage());
        }
        assertThat(articles).as("seeds in " + seeds).hasSize(2);
        ArrayNode array = JSON.createArrayNode();
        for (RawArticle a : articles) {
            array.addObject().put("id", a.id()).put("text", a.text());
        }
        return array.toString();
    }

    /** The three lines of {@link #BASIL_STORY} in the shared BASIL file, as they are. */
    static List<String> basilTriplet() {
        return basilTriplet(BASIL_STORY);
    }

    /** The three articles of a BASIL story, as JSON Lines. */
    static List<String> basilTriplet(String story) {
        Path file = shared().resolve("data/basil/basil.articles.jsonl");
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                    .filter(l -> l.contains("\"story\":\"" + story + "\"")).toList();
            assertThat(lines).as("BASIL story " + story + " in " + file).hasSize(3);
            return lines;
        } catch (IOException e) {
            return fail("BASIL articles missing at " + file + ": " + e.getMessage());
        }
    }

    @Override
    public void close() {
        server.close();
        store.close();
    }
}
