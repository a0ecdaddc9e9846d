package dev.parallax.cli;

import static java.nio.file.StandardOpenOption.CREATE_NEW;
import static java.nio.file.StandardOpenOption.WRITE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parallax.core.brief.StoryBriefs;
import dev.parallax.core.testing.Seeds;
import dev.parallax.store.SqliteStore;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netpreserve.jwarc.HttpRequest;
import org.netpreserve.jwarc.HttpResponse;
import org.netpreserve.jwarc.MediaType;
import org.netpreserve.jwarc.WarcCompression;
import org.netpreserve.jwarc.WarcRequest;
import org.netpreserve.jwarc.WarcResponse;
import org.netpreserve.jwarc.WarcWriter;

/** The CLI as a user runs it: exit codes, what it prints, what it stores. */
class CliTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    record Run(int exit, String out, String err) {}

    static Run run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int exit = Main.run(args);
            return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    private String data() {
        return tmp.resolve("data").toString();
    }

    @Test
    void theSeedsMakeOneStoryOfTwoArticles() throws Exception {
        Run ingest = run("ingest", "--data", data(), Seeds.dir().toString());
        assertThat(ingest.exit()).as(ingest.err()).isZero();
        assertThat(ingest.out()).contains("Ingested 2 articles (1 new story)");

        Run stories = run("stories", "--data", data(), "--json");
        assertThat(stories.exit()).isZero();
        JsonNode list = JSON.readTree(stories.out());
        assertThat(list).hasSize(1);
        assertThat(list.get(0).get("articleCount").asInt()).isEqualTo(2);
        assertThat(list.get(0).get("first").asText()).isEqualTo("2023-05-30");

        Run story = run("story", list.get(0).get("id").asText(), "--data", data(), "--format", "json");
        assertThat(story.exit()).isZero();
        JsonNode view = JSON.readTree(story.out());
        assertThat(view.get("articles")).extracting(a -> a.get("id").asText())
                .containsExactly("000_6ff38f1c0ac05301", "002_ffa190864f8b1c5b");
        assertThat(view.get("articles").get(0).get("removals")).extracting(r -> r.get("kind").asText())
                .containsExactly("metadata", "caption", "credit");
        // The removals read as in the REST API: kind, text, reason, then raw offsets and where they stood in the text.
        assertThat(view.get("articles").get(0).get("removals").get(1).fieldNames()).toIterable()
                .containsExactly("kind", "text", "reason", "rawStart", "rawEnd", "cleanOffset");
        // The opening sentences of both accounts state the same fact; the Pelosi visit is only in seed 002.
        assertThat(claim(view, "China rejected a US proposal").get("outlets")).hasSize(2);
        assertThat(claim(view, "China rejected a US proposal").get("status").asText()).isEqualTo("consensus");
        assertThat(claim(view, "China's opposition to the meeting").get("outlets")).hasSize(1);
        assertThat(claim(view, "China's opposition to the meeting").get("status").asText()).isEqualTo("unique");
        assertThat(view.get("summary")).isNotEmpty().allSatisfy(s -> assertThat(s.get("citations")).isNotEmpty());
        assertThat(view.get("timeline")).extracting(p -> p.get("value").asText()).contains("2018", "2023-05");

        String id = list.get(0).get("id").asText();
        Run html = run("story", id, "--data", data(), "--format", "html");
        assertThat(html.exit()).as(html.err()).isZero();
        assertThat(html.out()).startsWith("<!DOCTYPE html>").contains("<style>").doesNotContain("<script")
                .contains("China&#39;s opposition to the meeting").doesNotContain("China's opposition");
        Run md = run("story", id, "--data", data(), "--format", "md");
        assertThat(md.out()).contains("## Summary").contains("## All outlets say").contains("## Timeline");
        // claim 5's wording: only seed 002 adds details ("US's", "February"); the other side says so, not a blank
        assertThat(run("story", id, "--data", data()).out()).contains("details only 000_6ff38f1c0ac05301: none  |")
                .doesNotContainPattern(":\\s+\\|");
        assertThat(md.out()).contains("details only in 000\\_6ff38f1c0ac05301: none;").doesNotContainPattern(": [,;]");
    }

    /**
     * The demo's largest story (ECB+ topic 1, 21 outlets) has no claim every outlet carries, and five outlets without a
     * claim of their own: their headings stood empty ("ONLY CBSNEWS.COM" followed by the next heading), which reads as
     * a rendering fault. Every section of the text and Markdown views says what it found, or that it found none.
     */
    @Test
    void theDemoStorysEmptySectionsSaySo() throws Exception {
        Run demo = run("demo", "--data", data());
        assertThat(demo.exit()).as(demo.err()).isZero();
        String id = demo.out().lines().filter(l -> l.startsWith("Story s-")).findFirst().orElseThrow()
                .split("[ :]")[1];
        assertThat(demo.out()).contains("ALL OUTLETS SAY", "ONLY CBSNEWS.COM");
        assertSectionsSaySomething(id, data());
        // a story of one article (the first of the Helsinki corpus) has no wording to compare
        Path one = tmp.resolve("one.jsonl");
        Files.writeString(one, Files.readAllLines(Seeds.shared().resolve("data/helsinki/helsinki-2018.articles.jsonl"))
                .get(0) + "\n");
        String single = tmp.resolve("single").toString();
        assertThat(run("ingest", "--data", single, one.toString()).exit()).isZero();
        String singleId = JSON.readTree(run("stories", "--data", single, "--json").out()).get(0).get("id").asText();
        assertThat(run("story", singleId, "--data", single).out()).contains("WORDING\n  none found");
        assertSectionsSaySomething(singleId, single);
    }

    private static void assertSectionsSaySomething(String id, String data) {
        List<String> text = run("story", id, "--data", data).out().lines().toList();
        for (int i = 0; i < text.size() - 1; i++) {
            String line = text.get(i);
            if (!line.isEmpty() && !line.startsWith(" ") && line.equals(line.toUpperCase(java.util.Locale.ROOT))) {
                assertThat(text.get(i + 1)).as("the line after %s in %s", line, id).isNotBlank().startsWith("  ");
            }
        }
        List<String> md = run("story", id, "--data", data, "--format", "md").out().lines().toList();
        for (int i = 0; i < md.size(); i++) {
            if (md.get(i).startsWith("## ")) {
                assertThat(md.get(i + 1)).as("the line after %s", md.get(i)).isEmpty();
                assertThat(md.get(i + 2)).as("the section %s of %s", md.get(i), id).isNotBlank()
                        .doesNotStartWith("#");
            }
        }
    }

    @Test
    void ingestStoresTheBriefsOfItsStoriesAndStoryStoresOneMissing() throws Exception {
        Run ingest = run("ingest", "--data", data(), Seeds.dir().toString());
        assertThat(ingest.exit()).as(ingest.err()).isZero();
        try (SqliteStore store = SqliteStore.open(Path.of(data()))) {
            String id = store.stories().get(0).id();
            assertThat(store.briefFingerprint(id))
                    .contains(StoryBriefs.fingerprint(StoryBriefs.EMBEDDER.label(), store.storyArticleIds(id)));
        }

        Path other = tmp.resolve("other");
        Run unbriefed = run("ingest", "--data", other.toString(), "--no-briefs", Seeds.dir().toString());
        assertThat(unbriefed.exit()).as(unbriefed.err()).isZero();
        String id;
        try (SqliteStore store = SqliteStore.open(other)) {
            id = store.stories().get(0).id();
            assertThat(store.briefFingerprint(id)).isEmpty();
        }
        assertThat(run("story", id, "--data", other.toString(), "--format", "json").exit()).isZero();
        try (SqliteStore store = SqliteStore.open(other)) {
            assertThat(store.briefFingerprint(id))
                    .contains(StoryBriefs.fingerprint(StoryBriefs.EMBEDDER.label(), store.storyArticleIds(id)));
        }
    }

    private static JsonNode claim(JsonNode view, String prefix) {
        for (JsonNode c : view.get("claims")) {
            for (JsonNode s : c.get("spans")) {
                if (s.get("text").asText().startsWith(prefix)) {
                    return c;
                }
            }
        }
        throw new AssertionError("no claim has a span starting with " + prefix);
    }

    @Test
    void reingestingStoresNothingTwice() throws Exception {
        run("ingest", "--data", data(), Seeds.dir().toString());
        // The same text under another name is the same article.
        Path copy = tmp.resolve("copy");
        Files.createDirectories(copy);
        Files.copy(Seeds.dir().resolve("002_ffa190864f8b1c5b.txt"), copy.resolve("renamed.txt"));
        Run again = run("ingest", "--data", data(), Seeds.dir().toString(), copy.toString(), "--json");
        assertThat(again.exit()).isZero();
        JsonNode r = JSON.readTree(again.out());
        assertThat(r.get("stored").asInt()).isZero();
        assertThat(r.get("duplicates").asInt()).isEqualTo(3);
        assertThat(JSON.readTree(run("stories", "--data", data(), "--json").out()).get(0).get("articleCount").asInt())
                .isEqualTo(2);
    }

    @Test
    void syndicatedCopiesAreStoredAndLinkedToTheirWireOriginalAcrossRestarts() throws Exception {
        JsonNode wire = reutersArticle("reuters21578-18"); // Dean Foods: "CHICAGO, Feb 26 - ..." ending "Reuter"
        String text = wire.get("text").asText();
        // An uncredited reprint: dateline and sign-off gone, a new headline.
        String reprint = text.substring(text.indexOf(" - ") + 3, text.lastIndexOf("Reuter")).strip();
        // A lightly edited copy: another headline, two words changed, a "Read more" line at the foot.
        String edited = reprint.replace("told analysts", "said").replace("experience", "see")
                + "\n\nRead more: Dean Foods expects a strong fourth quarter.";
        Path first = tmp.resolve("first.jsonl");
        Files.writeString(first, line("herald-1", "Herald", "1987-02-26T18:00:00Z", "Dean upbeat on earnings", reprint)
                + line("gazette-1", "Gazette", "1987-02-26T19:00:00Z", "Dean Foods sees a strong quarter", edited));
        Run one = run("ingest", "--data", data(), first.toString(), "--json");
        assertThat(one.exit()).as(one.err()).isZero();
        assertThat(JSON.readTree(one.out()).get("stored").asInt()).isEqualTo(2);

        // A later run (a new pipeline, so the deduplicator starts empty and must replay the store): the wire original
        // arrives, published earlier and credited, and an exact copy from a third outlet with its own headline.
        Path second = tmp.resolve("second.jsonl");
        Files.writeString(second, line(wire.get("id").asText(), "reuters", wire.get("published").asText() + "Z",
                wire.get("title").asText(), text)
                + line("courier-1", "Courier", "1987-02-26T20:00:00Z", "Food group bullish", text));
        Run two = run("ingest", "--data", data(), second.toString(), "--json");
        assertThat(two.exit()).as(two.err()).isZero();
        assertThat(JSON.readTree(two.out()).get("stored").asInt()).isEqualTo(2);

        // Re-ingesting the first file stores nothing: same ids.
        assertThat(JSON.readTree(run("ingest", "--data", data(), first.toString(), "--json").out()).get("stored")
                .asInt()).isZero();

        String storyId = JSON.readTree(run("stories", "--data", data(), "--json").out()).get(0).get("id").asText();
        JsonNode lineage = JSON.readTree(run("story", storyId, "--data", data(), "--format", "json").out())
                .get("lineage");
        assertThat(lineage.get("articleCount").asInt()).isEqualTo(4);
        assertThat(lineage.get("independentAccounts").asInt()).isEqualTo(1);
        assertThat(lineage.get("copies").asInt()).isEqualTo(3);
        JsonNode family = lineage.get("families").get(0);
        assertThat(family.get("original").asText()).isEqualTo("reuters21578-18");
        assertThat(family.get("wire").asText()).isEqualTo("Reuters");
        assertThat(family.get("copies")).extracting(c -> c.get("id").asText() + " " + c.get("relation").asText())
                .containsExactly("herald-1 NEAR", "gazette-1 NEAR", "courier-1 EXACT");

        Run text1 = run("story", storyId, "--data", data());
        assertThat(text1.out()).contains("4 article(s): 1 independent account(s), 3 copies of 1 shared text(s)"
                + " (1 credited to a wire agency)")
                .contains("original reuters21578-18  [reuters, ").contains("credits Reuters")
                .containsPattern("exact +courier-1  \\[courier\\]  \\(Jaccard 1\\.00, containment 1\\.00\\)");
        assertThat(run("story", storyId, "--data", data(), "--format", "md").out())
                .contains("## Duplicate families").contains("- original reuters21578-18");
    }

    private static String line(String id, String source, String published, String title, String text)
            throws Exception {
        return JSON.writeValueAsString(java.util.Map.of("id", id, "source", source, "published", published, "title",
                title, "text", text)) + "\n";
    }

    private static JsonNode reutersArticle(String id) throws Exception {
        Path file = Path.of(System.getProperty("parallax.shared"), "data", "bulk", "reuters21578.articles.jsonl");
        assertThat(file).as("Reuters-21578 (see ../shared/data/README.md)").isRegularFile();
        try (var lines = Files.lines(file)) {
            return JSON.readTree(lines.filter(l -> l.contains("\"" + id + "\"")).findFirst()
                    .orElseThrow(() -> new AssertionError(id + " is not in " + file)));
        }
    }

    @Test
    void evalDedupPrintsPairScoresPerRelationAsJson() throws Exception {
        Path bbc = Path.of(System.getProperty("parallax.shared"), "data", "bulk", "bbc.articles.jsonl");
        Run r = run("eval", "dedup", "--corpus", bbc.toString(), "--seed", "3", "--json");
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode json = JSON.readTree(r.out());
        assertThat(json.get("pairs").asInt()).isPositive();
        for (String relation : List.of("near", "contains", "exact")) {
            assertThat(json.get(relation).properties()).extracting(java.util.Map.Entry::getKey)
                    .containsExactly("p", "r", "f1");
            assertThat(json.get(relation).get("f1").asDouble()).isBetween(0.9, 1.0);
        }
        assertThat(json.get("realExactGroups").get("found").asInt()).isEqualTo(133);

        Run missing = run("eval", "dedup", "--corpus", tmp.resolve("none.jsonl").toString());
        assertThat(missing.exit()).isEqualTo(3);
        assertThat(missing.err().strip()).startsWith("parallax: ").doesNotContain("\n").doesNotContain("Exception");
    }

    @Test
    void badItemsAreReportedOneLineEachAndTheRestIsIngested() throws Exception {
        Path in = tmp.resolve("in");
        Files.createDirectories(in);
        Files.copy(Seeds.dir().resolve("000_6ff38f1c0ac05301.txt"), in.resolve("good.txt"));
        Files.writeString(in.resolve("empty.txt"), "  \n\n ");
        Files.write(in.resolve("latin1.txt"), new byte[] {'c', 'a', 'f', (byte) 0xE9, '\n'});
        Files.writeString(in.resolve("notes.pdf"), "%PDF-1.4");
        Files.writeString(in.resolve("bad.jsonl"), "{\"id\":\"a\",\"text\":\"Fine body.\"}\n{not json\n");
        Files.writeString(in.resolve("blank.jsonl"), "\n\n");
        Run r = run("ingest", "--data", data(), in.toString(), tmp.resolve("missing").toString());

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).contains("Ingested 2 articles").contains("6 rejected");
        List<String> errors = r.err().lines().toList();
        assertThat(errors).hasSize(6).allSatisfy(line -> assertThat(line).startsWith("parallax: rejected "));
        assertThat(r.err()).contains("empty.txt").contains("latin1.txt").contains("notes.pdf")
                .contains("bad.jsonl:2").contains("blank.jsonl: no articles").contains("missing").doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void aWebAddressGivenToIngestPointsToFollow() throws Exception {
        Run r = run("ingest", "--data", data(), "https://example.com/feed.rss",
                Seeds.dir().resolve("000_6ff38f1c0ac05301.txt").toString());

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).contains("Ingested 1 article");
        assertThat(r.err().strip()).startsWith("parallax: rejected https:/example.com/feed.rss: a web address")
                .contains("parallax follow URL").doesNotContain("\n").doesNotContain("no such file");
    }

    @Test
    void theIngestReportNamesEachArticlesStoryAtTheEndOfTheRun() throws Exception {
        // The first ten BASIL events, real articles: the first article of the 2010-12-08 event joins the story of the
        // 2010-12-01 one, and the event's next article splits the two off again (the story re-check), moving it.
        Path basil = Path.of(System.getProperty("parallax.shared"), "data", "basil", "basil.articles.jsonl");
        Path in = tmp.resolve("basil30.jsonl");
        Files.write(in, Files.readAllLines(basil).subList(0, 30));

        Run r = run("ingest", "--data", data(), "--json", in.toString());

        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode report = JSON.readTree(r.out());
        JsonNode stories = JSON.readTree(run("stories", "--data", data(), "--json").out());
        assertThat(report.get("storiesOpened").asInt()).isEqualTo(stories.size());
        java.util.Map<String, String> storyOf = new java.util.HashMap<>();
        for (JsonNode s : stories) {
            JsonNode story = JSON.readTree(run("story", "--data", data(), s.get("id").asText(), "--format", "json")
                    .out());
            story.get("articles").forEach(a -> storyOf.put(a.get("id").asText(), s.get("id").asText()));
        }
        assertThat(storyOf).hasSize(30);
        report.get("items").forEach(item ->
                assertThat(item.get("story").asText()).as(item.get("id").asText())
                        .isEqualTo(storyOf.get(item.get("id").asText())));
    }

    @Test
    void webPagesFeedsAndArchivesAreIngestedWithoutFlags() throws Exception {
        Path in = Files.createDirectories(tmp.resolve("web"));
        Files.writeString(in.resolve("page.html"), "<html><head>"
                + "<meta property=\"og:site_name\" content=\"Example Post\"></head><body><article>"
                + paragraphs(Seeds.load("000_6ff38f1c0ac05301").text()) + "</article>"
                + "</body></html>");
        String seed2 = paragraphs(Seeds.load("002_ffa190864f8b1c5b").text());
        Files.writeString(in.resolve("feed.rss"), "<rss version=\"2.0\"><channel><title>Example Wire</title>"
                + "<link>https://wire.example.net/</link><description>d</description>"
                + "<item><title>China refuses talks</title><link>https://wire.example.net/1</link><description>"
                + seed2.replace("&", "&amp;").replace("<", "&lt;") + "</description></item>"
                + "<item><title>Video: the dialogue opens</title><link>https://wire.example.net/2</link></item>"
                + "</channel></rss>");
        try (WarcWriter w = new WarcWriter(FileChannel.open(in.resolve("crawl.warc"), CREATE_NEW, WRITE),
                WarcCompression.NONE)) {
            String url = "https://www.example.org/china-refuses";
            w.write(new WarcRequest.Builder(url).body(new HttpRequest.Builder("GET", "/china-refuses").build())
                    .build());
            w.write(new WarcResponse.Builder(url).body(new HttpResponse.Builder(200, "OK")
                    .body(MediaType.HTML_UTF8, ("<html><body><article>" + seed2 + "</article></body></html>")
                            .getBytes(StandardCharsets.UTF_8)).build()).build());
        }

        Run r = run("ingest", "--data", data(), in.toString());

        assertThat(r.exit()).as(r.err()).isEqualTo(1);
        assertThat(r.out()).contains("Ingested 3 articles (1 new story)").contains("1 rejected");
        assertThat(r.err().lines()).containsExactly(
                "parallax: skipped in " + in.resolve("crawl.warc") + ": 1 record that holds no HTML page: 1 request",
                "parallax: rejected " + in.resolve("feed.rss") + "#2: item \"Video: the dialogue opens\" has no text "
                        + "(neither content nor a description)");
        JsonNode stories = JSON.readTree(run("stories", "--data", data(), "--json").out());
        assertThat(stories).hasSize(1);
        assertThat(stories.get(0).get("articleCount").asInt()).isEqualTo(3);
    }

    /** A news site on a local port: a feed of the two seeds, each item linking to its page. */
    private static com.sun.net.httpserver.HttpServer newsSite(List<String> requests) throws Exception {
        var server = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        java.util.Map<String, String> pages = java.util.Map.of(
                "/feed.xml", "<rss version=\"2.0\"><channel><title>Example Post</title><link>" + base + "/</link>"
                        + "<item><title>China declines meeting</title><link>" + base + "/000.html</link>"
                        + "<pubDate>Tue, 30 May 2023 10:00:00 GMT</pubDate><description>China declined.</description>"
                        + "</item><item><title>China refuses talks</title><link>" + base + "/002.html</link>"
                        + "<pubDate>Tue, 30 May 2023 14:00:00 GMT</pubDate><description>Beijing refused."
                        + "</description></item></channel></rss>",
                "/000.html", "<html><body><article>" + paragraphs(Seeds.load("000_6ff38f1c0ac05301").text())
                        + "</article></body></html>",
                "/002.html", "<html><body><article>" + paragraphs(Seeds.load("002_ffa190864f8b1c5b").text())
                        + "</article></body></html>");
        server.createContext("/", exchange -> {
            try (exchange) {
                requests.add(exchange.getRequestURI().getPath());
                String page = pages.get(exchange.getRequestURI().getPath());
                byte[] body = (page == null ? "not found" : page).getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(page == null ? 404 : 200, body.length);
                exchange.getResponseBody().write(body);
            }
        });
        server.start();
        return server;
    }

    @Test
    void followPollsAFeedOnTheWebAndStoresItsPagesAsOneStory() throws Exception {
        List<String> requests = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        var server = newsSite(requests);
        try {
            String feed = "http://127.0.0.1:" + server.getAddress().getPort() + "/feed.xml";
            Run first = run("follow", "--once", "--json", "--delay", "0s", "--data", data(), feed);

            assertThat(first.exit()).as(first.err()).isZero();
            assertThat(first.out().lines()).hasSize(1);
            JsonNode poll = JSON.readTree(first.out());
            assertThat(poll.get("feeds").get(0).get("status").asText()).isEqualTo("read");
            assertThat(poll.get("feeds").get(0).get("new").asInt()).isEqualTo(2);
            assertThat(poll.get("stored").asInt()).isEqualTo(2);
            assertThat(poll.get("storiesOpened").asInt()).isEqualTo(1);
            assertThat(requests).containsExactly("/robots.txt", "/feed.xml", "/000.html", "/002.html");
            JsonNode stories = JSON.readTree(run("stories", "--data", data(), "--json").out());
            assertThat(stories).hasSize(1);
            JsonNode story = JSON.readTree(run("story", stories.get(0).get("id").asText(), "--data", data(),
                    "--format", "json").out());
            // The pages' whole text went in: the brief finds Ryder's quotes, which the feed's descriptions lack.
            assertThat(story.get("articles")).extracting(a -> a.get("outlet").asText())
                    .containsOnly("example post");
            assertThat(story.toString()).contains("litany of excuses");

            // A second run (a cron job's next call) fetches the feed again but no page it has stored.
            requests.clear();
            Run second = run("follow", "--once", "--delay", "0s", "--data", data(), feed);
            assertThat(second.exit()).as(second.err()).isZero();
            assertThat(second.out()).contains("Polled 1 feed (1 read, 0 unchanged, 0 failed): 0 new items.")
                    .contains("Ingested 0 articles");
            assertThat(requests).containsExactly("/robots.txt", "/feed.xml");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void followRefusesBadUrlsAndTooFrequentPollsAndReportsAnUnreachableFeedInOneLine() throws Exception {
        Run notUrl = run("follow", "--once", "--data", data(), "feed.xml");
        assertThat(notUrl.exit()).isEqualTo(2);
        assertThat(notUrl.err()).isEqualTo("parallax: not an http or https URL: feed.xml (for a saved feed, use "
                + "parallax ingest FILE)\n");
        Run often = run("follow", "--every", "10s", "--data", data(), "https://example.com/feed.xml");
        assertThat(often.exit()).isEqualTo(2);
        assertThat(often.err()).contains("--every 10s is too often");
        assertThat(run("follow", "--every", "soon", "https://example.com/feed.xml").err())
                .contains("'soon' is not a duration");

        int closed;
        try (var socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        String feed = "http://127.0.0.1:" + closed + "/feed.xml";
        Run down = run("follow", "--once", "--data", data(), feed);
        assertThat(down.exit()).isEqualTo(3);
        assertThat(down.err().lines()).containsExactly("parallax: rejected " + feed + ": cannot connect to 127.0.0.1:"
                + closed + " (connection refused)");
        assertThat(down.out()).contains("Polled 1 feed (0 read, 0 unchanged, 1 failed)");
    }

    /** A seed's paragraphs as HTML, its leading scraper metadata line left in for the cleaner. */
    private static String paragraphs(String text) {
        StringBuilder html = new StringBuilder();
        for (String p : text.split("\n\\s*\n")) {
            html.append("<p>").append(p.strip().replace("&", "&amp;").replace("<", "&lt;")).append("</p>");
        }
        return html.toString();
    }

    @Test
    void aPostgresUrlThatCannotBeUsedFailsInOneLineWithoutItsPassword() {
        // Port 1 on the loopback interface: nothing listens there.
        Run unreachable = run("stories", "--data", "postgresql://alice:hunter2@127.0.0.1:1/news");
        assertThat(unreachable.exit()).isEqualTo(3);
        assertThat(unreachable.err().strip())
                .startsWith("parallax: cannot open the PostgreSQL store postgresql://alice@127.0.0.1:1/news: ")
                .doesNotContain("hunter2").doesNotContain("\n");
        Run malformed = run("ingest", "--data", "postgresql:/news", Seeds.dir().toString());
        assertThat(malformed.exit()).isEqualTo(3);
        assertThat(malformed.err().strip()).startsWith("parallax: not a PostgreSQL URL: expected postgresql://")
                .doesNotContain("\n");
        assertThat(tmp.resolve("postgresql:")).as("a mistyped URL is no directory name").doesNotExist();
        assertThat(Path.of("postgresql:")).doesNotExist();
    }

    @Test
    void readCommandsFailClearlyWithoutData() {
        Run r = run("stories", "--data", tmp.resolve("nowhere").toString());
        assertThat(r.exit()).isEqualTo(3);
        assertThat(r.err().strip()).startsWith("parallax: no data directory at").doesNotContain("\n");

        run("ingest", "--data", data(), Seeds.dir().toString());
        Run missing = run("story", "s-000000000000", "--data", data());
        assertThat(missing.exit()).isEqualTo(4);
        assertThat(missing.err()).contains("no story 's-000000000000'");
    }

    @Test
    void aCorruptStoreIsAOneLineError() throws Exception {
        Path dir = tmp.resolve("junk");
        Files.createDirectories(dir);
        Files.write(dir.resolve("parallax.db"), "this is not a database at all, just text".repeat(40).getBytes());
        Run r = run("stories", "--data", dir.toString());
        assertThat(r.exit()).isEqualTo(3);
        assertThat(r.err().lines().count()).isEqualTo(1);
    }

    @Test
    void evalClusteringPrintsTheDocumentedJson() throws Exception {
        // Three BASIL events, three outlets each: real articles, real gold labels.
        Path basil = Path.of(System.getProperty("parallax.shared"), "data", "basil", "basil.articles.jsonl");
        List<String> lines = Files.readAllLines(basil);
        List<String> stories = lines.stream().map(l -> readStory(l)).distinct().limit(3).toList();
        Path gold = tmp.resolve("gold.jsonl");
        Files.write(gold, lines.stream().filter(l -> stories.contains(readStory(l))).toList());

        Run r = run("eval", "clustering", "--gold", gold.toString(), "--json");
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode j = JSON.readTree(r.out());
        assertThat(j.get("articles").asInt()).isEqualTo(9);
        assertThat(j.get("stories").get("gold").asInt()).isEqualTo(3);
        assertThat(j.get("stories").get("predicted").asInt()).isPositive();
        for (String k : List.of("b3", "pairwise")) {
            for (String m : List.of("p", "r", "f1")) {
                assertThat(j.get(k).get(m).asDouble()).isBetween(0.0, 1.0);
            }
        }
        assertThat(j.get("b3").get("f1").asDouble()).isGreaterThan(0.5);
    }

    @Test
    void evalClusteringFitWritesAModelTheClustererReads() throws Exception {
        Path ecb = Path.of(System.getProperty("parallax.shared"), "data", "ecbplus", "ecbplus-train.articles.jsonl");
        Path train = tmp.resolve("train.jsonl");
        Files.write(train, Files.readAllLines(ecb).subList(0, 60));
        Path out = tmp.resolve("model.json");

        Run r = run("eval", "clustering", "--fit", out.toString(), "--gold", train.toString());

        assertThat(r.exit()).as(r.err()).isZero();
        dev.parallax.core.story.StoryModel m = dev.parallax.core.story.StoryModel.read(out);
        assertThat(m.articles().features()).hasSize(dev.parallax.core.story.StoryFeature.values().length);
        assertThat(m.headlines().features()).hasSize(dev.parallax.core.story.StoryFeature.values().length);
        assertThat(m.trainedOn()).contains("train.jsonl");
        // the first 60 ECB+ train articles: full articles, and headlines for the headline scorer
        assertThat(r.out()).containsPattern("cross-validated B³ F1 .* train\\.jsonl: articles [01]\\.\\d{4} headlines "
                + "[01]\\.\\d{4};");
        assertThat(run("eval", "clustering", "--gold", train.toString(), train.toString()).err())
                .contains("one --gold file at a time");
    }

    @Test
    void evalClusteringSplitCutsByStoryIntoDisjointHalves() throws Exception {
        Path basil = Path.of(System.getProperty("parallax.shared"), "data", "basil", "basil.articles.jsonl");
        Path gold = tmp.resolve("basil.articles.jsonl");
        Files.write(gold, Files.readAllLines(basil).subList(0, 60));
        Path dir = tmp.resolve("halves");

        Run r = run("eval", "clustering", "--split", dir.toString(), "--gold", gold.toString());

        assertThat(r.exit()).as(r.err()).isZero();
        List<String> train = Files.readAllLines(dir.resolve("basil.train-half.jsonl"));
        List<String> test = Files.readAllLines(dir.resolve("basil.test-half.jsonl"));
        assertThat(train.size() + test.size()).isEqualTo(60);
        assertThat(train).isNotEmpty();
        assertThat(test).isNotEmpty();
        java.util.Set<String> trainStories = new java.util.HashSet<>(train.stream().map(l -> readStory(l)).toList());
        assertThat(test.stream().map(l -> readStory(l))).noneMatch(trainStories::contains);
        assertThat(run("eval", "clustering", "--fit", tmp.resolve("m.json").toString(), "--gold", gold.toString(),
                "--test", gold.toString()).err()).contains("is a --gold training file");
    }

    @Test
    void benchClusteringReportsThroughputLatencyAndTheEmbeddingShare() throws Exception {
        Path basil = Path.of(System.getProperty("parallax.shared"), "data", "basil", "basil.articles.jsonl");
        Path corpus = tmp.resolve("corpus.jsonl");
        Files.write(corpus, Files.readAllLines(basil).subList(0, 12));

        Run r = run("bench", "clustering", "--corpus", corpus.toString(), "--batch", "5", "--json");

        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode j = JSON.readTree(r.out());
        assertThat(j.get("articles").asInt()).isEqualTo(12);
        assertThat(j.get("stored").asInt()).isEqualTo(12);
        assertThat(j.get("embeddingCpuShare").asDouble()).isBetween(0.0, 1.0);
        assertThat(j.get("placementCpuShare").asDouble()).isGreaterThan(0.0).isLessThan(1.0);
        assertThat(j.get("placementP99Ms").asDouble()).isGreaterThanOrEqualTo(j.get("placementP50Ms").asDouble());
        assertThat(j.get("peakHeapMB").asLong()).isPositive();
        assertThat(j.has("loadAverageBefore")).isTrue();
        assertThat(j.get("stories").asInt()).isBetween(1, 12);
        assertThat(j.get("decisionsSha256").asText()).matches("[0-9a-f]{64}");
        // the same input decides the same way: the digest is what before/after speed runs compare
        JsonNode again = JSON.readTree(run("bench", "clustering", "--corpus", corpus.toString(), "--batch", "5",
                "--json").out());
        assertThat(again.get("decisionsSha256").asText()).isEqualTo(j.get("decisionsSha256").asText());
    }

    private static String readStory(String line) {
        try {
            return JSON.readTree(line).get("story").asText();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void evalBriefCountsBasilSpansByClaimStatus() throws Exception {
        Path basil = Path.of(System.getProperty("parallax.shared"), "data", "basil");
        Run r = run("eval", "brief", "--basil", basil.toString(), "--stories", "2", "--lexical", "--json");
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode j = JSON.readTree(r.out());
        assertThat(j.get("stories").asInt()).isEqualTo(2);
        assertThat(j.get("articles").asInt()).isEqualTo(6);
        for (String k : List.of("informational", "random", "lexical")) {
            JsonNode c = j.get(k);
            assertThat(c.get("consensus").asInt() + c.get("partial").asInt() + c.get("unique").asInt()).as(k)
                    .isPositive();
        }
        assertThat(j.get("informational").get("consensus").asInt() + j.get("informational").get("partial").asInt()
                + j.get("informational").get("unique").asInt() + j.get("informational").get("outside").asInt())
                .as("each informational span has a random twin")
                .isEqualTo(j.get("random").get("consensus").asInt() + j.get("random").get("partial").asInt()
                        + j.get("random").get("unique").asInt() + j.get("random").get("outside").asInt());

        Run missing = run("eval", "brief", "--basil", tmp.toString());
        assertThat(missing.exit()).isNotZero();
        assertThat(missing.err()).contains("basil.articles.jsonl").doesNotContain("\tat ");
    }

    @Test
    void quotesScoreAGivenModelFileOnTheHeldOutEighthOfTrain() throws Exception {
        Path polnear = Path.of(System.getProperty("parallax.shared"), "data", "polnear");
        Path model = tmp.resolve("quote-tagger.bin.gz");
        try (var in = dev.parallax.core.analysis.quote.QuoteTagger.class.getResourceAsStream("quote-tagger.bin.gz")) {
            Files.copy(in, model);
        }
        Run shipped = run("eval", "quotes", "--polnear", polnear.toString(), "--split", "heldout", "--json");
        assertThat(shipped.exit()).as(shipped.err()).isZero();
        Run file = run("eval", "quotes", "--polnear", polnear.toString(), "--split", "heldout", "--model",
                model.toString(), "--json");
        assertThat(file.exit()).as(file.err()).isZero();
        assertThat(JSON.readTree(file.out())).isEqualTo(JSON.readTree(shipped.out()));
        assertThat(JSON.readTree(file.out()).get("content").get("f1").asDouble()).isBetween(0.3, 1.0);

        Files.writeString(tmp.resolve("not-a-model"), "hello");
        Run bad = run("eval", "quotes", "--polnear", polnear.toString(), "--model", tmp.resolve("not-a-model").toString());
        assertThat(bad.exit()).isEqualTo(3);
        assertThat(bad.err()).startsWith("parallax: ").doesNotContain("\tat ");
        Run usage = run("eval", "quotes", "--polnear", polnear.toString(), "--holdout");
        assertThat(usage.exit()).isEqualTo(2);
        assertThat(usage.err()).contains("--holdout, --epochs and --silver go with --train FILE");
        byte[] before = Files.readAllBytes(model);
        Path silver = tmp.resolve("silver.jsonl");
        Files.writeString(silver, "{\"text\":\"He said so.\",\"spans\":[[\"CUE\",3,70]]}\n");
        Run silverAlone = run("eval", "quotes", "--polnear", polnear.toString(), "--silver", silver.toString());
        assertThat(silverAlone.exit()).isEqualTo(2);
        Run extentAlone = run("eval", "quotes", "--polnear", polnear.toString(), "--train", model.toString(),
                "--silver-extent");
        assertThat(extentAlone.exit()).isEqualTo(2);
        assertThat(extentAlone.err()).contains("--silver-extent go with --silver FILE");
        Run badSilver = run("eval", "quotes", "--polnear", polnear.toString(), "--train", model.toString(),
                "--silver", silver.toString());
        assertThat(badSilver.exit()).isEqualTo(3);
        assertThat(badSilver.err()).startsWith("parallax: ").contains("line 1").doesNotContain("\tat ");
        assertThat(badSilver.err().strip().lines().count()).isEqualTo(1);
        Run badWeight = run("eval", "quotes", "--polnear", polnear.toString(), "--train", model.toString(),
                "--silver", silver.toString(), "--silver-weight", "2");
        assertThat(badWeight.exit()).isEqualTo(2);
        assertThat(badWeight.err()).contains("--silver-weight must be in (0, 1]");
        assertThat(Files.readAllBytes(model)).as("bad silver is rejected before training").isEqualTo(before);
        Run trainOnDev = run("eval", "quotes", "--polnear", polnear.toString(), "--train", model.toString(),
                "--split", "dev");
        assertThat(trainOnDev.exit()).isEqualTo(2);
        assertThat(Files.readAllBytes(model)).as("the check runs before training").isEqualTo(before);
    }

    @Test
    void fittingToolsAreOptionsOfTheirEvalCommands() {
        assertThat(run("eval", "pairs", "--help").out()).contains("--fit");
        assertThat(run("eval", "brief", "--help").out()).contains("--fit-claim-model", "--same-claim");
        Run one = run("eval", "pairs", "--fit", "out.json", "--gold", "mrpc.pairs.jsonl");
        assertThat(one.exit()).isEqualTo(2);
        assertThat(one.err()).contains("--fit needs --gold twice").doesNotContain("\tat ");
        Run two = run("eval", "pairs", "--gold", "a.pairs.jsonl", "--gold", "b.pairs.jsonl");
        assertThat(two.exit()).isEqualTo(2);
        assertThat(two.err()).contains("give --gold once");
        Run brief = run("eval", "pairs", "--scorer", "brief", "--fit", "out.json", "--gold", "m.pairs.jsonl",
                "--gold", "s.pairs.jsonl");
        assertThat(brief.exit()).isEqualTo(2);
        assertThat(brief.err()).contains("--fit-claim-model");
        Run embedder = run("eval", "pairs", "--embedder", "minilm-q", "--gold", "m.pairs.jsonl");
        assertThat(embedder.exit()).isEqualTo(2);
        assertThat(embedder.err()).contains("--embedder goes with --scorer brief");
        Run neither = run("eval", "brief");
        assertThat(neither.exit()).isEqualTo(2);
        assertThat(neither.err()).contains("either --basil DIR or --fit-claim-model PAIRS");
    }

    @Test
    void everyCommandHasHelp() {
        for (String cmd : List.of("ingest", "follow", "stories", "story", "eval", "demo", "serve")) {
            Run r = run(cmd, "--help");
            assertThat(r.exit()).as(cmd).isZero();
            assertThat(r.out()).as(cmd).contains("Usage: parallax " + cmd);
        }
        assertThat(run("eval", "clustering", "--help").out()).contains("--gold");
        assertThat(run("eval", "pairs", "--help").out()).contains("--gold");
        assertThat(run("eval", "brief", "--help").out()).contains("--basil");
        assertThat(run("bench", "brief", "--help").out()).contains("--corpus", "--claim-band");
        Run band = run("bench", "brief", "--corpus", "none.jsonl", "--claim-band", "1");
        assertThat(band.exit()).isEqualTo(2);
        assertThat(band.err()).contains("--claim-band takes LOW,HIGH");
        assertThat(run("frobnicate").exit()).isEqualTo(2);
    }

    @Test
    void serveRefusesABadPortOrAnEmptyTokenBeforeOpeningAnything() {
        Run port = run("serve", "--data", data(), "--port", "70000");
        assertThat(port.exit()).isEqualTo(2);
        assertThat(port.err()).isEqualTo("parallax: --port 70000 is not between 0 and 65535" + System.lineSeparator());
        Run token = run("serve", "--data", data(), "--token", " ");
        assertThat(token.exit()).isEqualTo(2);
        assertThat(token.err()).startsWith("parallax: the token is empty");
        assertThat(tmp.resolve("data")).doesNotExist();
    }

    @Test
    void benchServeDrivesEachEndpointWithTheRequestsAskedFor() throws Exception {
        Run r = run("bench", "serve", "--corpus", Seeds.dir().toString(), "--requests", "12", "--warmup", "2",
                "--concurrency", "2", "--json");
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode n = JSON.readTree(r.out());
        assertThat(n.get("articles").asInt()).isEqualTo(2);
        assertThat(n.get("endpoints")).hasSize(3).allSatisfy(e -> {
            assertThat(e.get("requests").asInt()).isEqualTo(12);
            assertThat(e.get("failed").asInt()).isZero();
            assertThat(e.get("p99Ms").asDouble()).isGreaterThanOrEqualTo(e.get("p50Ms").asDouble()).isPositive();
        });
        Run bad = run("bench", "serve", "--corpus", Seeds.dir().toString(), "--concurrency", "64");
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).contains("--concurrency must be from 2 to 8, not 64");
    }
}
