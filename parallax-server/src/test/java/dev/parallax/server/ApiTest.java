package dev.parallax.server;

import static dev.parallax.server.Running.TOKEN;
import static dev.parallax.server.Running.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The REST API of a real server over a real store, with the seeds and a BASIL triplet ingested through it. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiTest {
    Running app;

    @BeforeAll
    void start(@TempDir Path dir) {
        app = Running.withToken(dir.resolve("data"));
        app.ingestSeedsAndTriplet();
    }

    @AfterAll
    void stop() {
        app.close();
    }

    private String storyOf(String articleId) {
        HttpResponse<String> r = app.get("/api/v1/articles/" + articleId);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return json(r).get("story").asText();
    }

    @Test
    void seedsFormOneStoryWhoseBriefSharesSentencesAcrossTheTwoArticles() {
        String story = storyOf("000_6ff38f1c0ac05301");
        assertThat(storyOf("002_ffa190864f8b1c5b")).isEqualTo(story);

        JsonNode s = json(app.get("/api/v1/stories/" + story));
        assertThat(s.get("articleCount").asInt()).isEqualTo(2);
        assertThat(s.get("articles")).extracting(a -> a.get("id").asText())
                .containsExactly("000_6ff38f1c0ac05301", "002_ffa190864f8b1c5b"); // dated first, then undated
        // The cleaner took the date from the scraper's metadata line of seed 000.
        assertThat(s.get("first").asText()).isEqualTo("2023-05-30");

        JsonNode brief = json(app.get("/api/v1/stories/" + story + "/brief"));
        assertThat(brief.get("story").get("id").asText()).isEqualTo(story);
        // A consensus claim is stated by both seed articles: its spans cite each of them.
        List<JsonNode> consensus = new ArrayList<>();
        brief.get("claims").forEach(c -> {
            if (c.get("status").asText().equals("consensus")) {
                consensus.add(c);
            }
        });
        assertThat(consensus).anySatisfy(c -> {
            List<String> cited = new ArrayList<>();
            c.get("spans").forEach(sp -> cited.add(sp.get("article").asText()));
            assertThat(cited).contains("000_6ff38f1c0ac05301", "002_ffa190864f8b1c5b");
        });
        List<JsonNode> ryder = new ArrayList<>();
        brief.get("speakers").forEach(sp -> {
            if (sp.get("name").asText().equals("Patrick Ryder")) {
                ryder.add(sp);
            }
        });
        assertThat(ryder).singleElement()
                .satisfies(sp -> assertThat(sp.get("differentStatements").asBoolean()).isTrue());
        assertThat(brief.get("summary")).isNotEmpty();
    }

    @Test
    void basilTripletIsOneStoryOfThreeOutletsWithItsCleanArticle() {
        String story = storyOf("basil-85475456-f38e-4c30-895d-ca2c819c6af1_1");
        assertThat(storyOf("basil-85475456-f38e-4c30-895d-ca2c819c6af1_2")).isEqualTo(story);
        assertThat(storyOf("basil-85475456-f38e-4c30-895d-ca2c819c6af1_3")).isEqualTo(story);

        JsonNode s = json(app.get("/api/v1/stories/" + story));
        assertThat(s.get("outlets")).extracting(JsonNode::asText).containsExactlyInAnyOrder("nyt", "fox", "hpo");
        assertThat(s.get("first").asText()).isEqualTo("2010-05-17");
        assertThat(s.get("last").asText()).isEqualTo("2010-05-18");

        JsonNode a = json(app.get("/api/v1/articles/basil-85475456-f38e-4c30-895d-ca2c819c6af1_1"));
        assertThat(a.get("outlet").asText()).isEqualTo("nyt");
        assertThat(a.get("title").asText()).isEqualTo("Richard Blumenthal's Words on Vietnam Service Differ From History");
        String text = a.get("text").asText();
        JsonNode first = a.get("sentences").get(0);
        assertThat(text.substring(first.get("start").asInt(), first.get("end").asInt())).isNotBlank();
        assertThat(a.get("paragraphs").size()).isGreaterThan(1);
        assertThat(a.get("layers")).extracting(JsonNode::asText).contains("paragraphs", "sentences");
    }

    @Test
    void storiesFilterByDateAndOutletAndSortByCoverage() {
        String seedStory = storyOf("000_6ff38f1c0ac05301");
        String basilStory = storyOf("basil-85475456-f38e-4c30-895d-ca2c819c6af1_1");

        assertThat(ids(app.get("/api/v1/stories?from=2010-05-18&to=2010-05-18"))).contains(basilStory)
                .doesNotContain(seedStory);
        assertThat(ids(app.get("/api/v1/stories?from=2023-05-30"))).contains(seedStory).doesNotContain(basilStory);
        assertThat(ids(app.get("/api/v1/stories?outlet=FOX"))).contains(basilStory).doesNotContain(seedStory);
        List<String> byCoverage = ids(app.get("/api/v1/stories?sort=coverage"));
        assertThat(byCoverage.indexOf(basilStory)).isLessThan(byCoverage.indexOf(seedStory));
        List<String> recent = ids(app.get("/api/v1/stories"));
        assertThat(recent.indexOf(seedStory)).isLessThan(recent.indexOf(basilStory));
    }

    @Test
    void entitiesCarryTheirAliasesRolesAndStoriesAndFilterTheStoryList() {
        String seedStory = storyOf("000_6ff38f1c0ac05301");
        String basilStory = storyOf("basil-85475456-f38e-4c30-895d-ca2c819c6af1_1");

        JsonNode blumenthal = json(app.get("/api/v1/entities?q=blumenthal")).get("items").get(0);
        assertThat(blumenthal.get("id").asText()).isEqualTo("person-richard-blumenthal");
        assertThat(blumenthal.get("name").asText()).isEqualTo("Richard Blumenthal");
        assertThat(blumenthal.get("type").asText()).isEqualTo("person");
        assertThat(blumenthal.get("articleCount").asInt()).isEqualTo(3);
        assertThat(blumenthal.get("stories")).extracting(st -> st.get("id").asText()).containsExactly(basilStory);

        JsonNode detail = json(app.get("/api/v1/entities/person-richard-blumenthal"));
        JsonNode articles = detail.get("stories").get(0).get("articles");
        assertThat(articles).extracting(a -> a.get("outlet").asText()).containsExactly("nyt", "fox", "hpo");
        assertThat(articles).allSatisfy(a -> {
            assertThat(a.get("names")).extracting(JsonNode::asText).anySatisfy(n -> assertThat(n).contains("Blumenthal"));
            assertThat(a.get("mentions").asInt()).isPositive();
        });

        // The Pentagon spokesman: named "Pat Ryder" with his rank in the seed, found by any alias.
        JsonNode ryder = json(app.get("/api/v1/entities?q=pat+ryder&type=person")).get("items").get(0);
        assertThat(ryder.get("aliases")).extracting(JsonNode::asText).contains("Pat Ryder");
        assertThat(ryder.get("roles")).extracting(JsonNode::asText).contains("Brigadier General");
        assertThat(ryder.get("stories")).extracting(st -> st.get("id").asText()).containsExactly(seedStory);
        assertThat(ids(app.get("/api/v1/stories?entity=" + ryder.get("id").asText()))).containsExactly(seedStory);
        assertThat(ids(app.get("/api/v1/stories?entity=person-richard-blumenthal&outlet=nyt")))
                .containsExactly(basilStory);
        assertThat(ids(app.get("/api/v1/stories?entity=person-richard-blumenthal&outlet=Reuters"))).isEmpty();

        JsonNode places = json(app.get("/api/v1/entities?type=place&limit=100")).get("items");
        assertThat(places).isNotEmpty().allSatisfy(p -> assertThat(p.get("type").asText()).isEqualTo("place"));
        assertThat(places).extracting(p -> p.get("name").asText()).contains("Singapore");
        // Ids are the same in every request.
        assertThat(ids(app.get("/api/v1/entities?limit=100"))).isEqualTo(ids(app.get("/api/v1/entities?limit=100")));
    }

    @Test
    void entitiesFollowWhatIsIngestedAfterTheFirstRequest(@TempDir Path other) {
        try (Running fresh = Running.withToken(other.resolve("data"))) {
            assertThat(ids(fresh.get("/api/v1/entities"))).isEmpty();
            HttpResponse<String> seeds = fresh.post("/api/v1/articles", "application/json", Running.seedsAsJson(),
                    TOKEN);
            assertThat(seeds.statusCode()).as(seeds.body()).isEqualTo(200);
            String ryder = json(fresh.get("/api/v1/entities?q=ryder")).get("items").get(0).get("id").asText();
            assertThat(ids(fresh.get("/api/v1/entities?q=blumenthal"))).isEmpty();
            fresh.post("/api/v1/articles", "application/x-ndjson", String.join("\n", Running.basilTriplet()), TOKEN);
            assertThat(ids(fresh.get("/api/v1/entities?q=blumenthal"))).startsWith("person-richard-blumenthal");
            // The seed story was not touched: its entity keeps its id.
            assertThat(ids(fresh.get("/api/v1/entities?q=ryder"))).containsExactly(ryder);
        }
    }

    /**
     * The story page's summary links each sentence to the articles that carry its claim. BASIL's Weiner triplet
     * (nyt, fox, hpo) has a summary claim two of whose spans are in one nyt article: the page showed "nyt nyt fox hpo",
     * two identical links, which reads as two nyt articles.
     */
    @Test
    void theSummaryLinksEachArticleOnce(@TempDir Path other) {
        try (Running fresh = Running.withToken(other.resolve("data"))) {
            HttpResponse<String> posted = fresh.post("/api/v1/articles", "application/x-ndjson",
                    String.join("\n", Running.basilTriplet("c21cb217-3e2c-49bd-884d-5c74a165ef10")), TOKEN);
            assertThat(posted.statusCode()).as(posted.body()).isEqualTo(200);
            String story = json(fresh.get("/api/v1/articles/basil-c21cb217-3e2c-49bd-884d-5c74a165ef10_1"))
                    .get("story").asText();
            JsonNode summary = json(fresh.get("/api/v1/stories/" + story + "/brief")).get("summary");
            assertThat(summary).as("a summary sentence citing one article twice").anyMatch(s -> {
                List<String> cited = s.get("citations").findValuesAsText("article");
                return cited.stream().distinct().count() < cited.size();
            });
            String page = fresh.get("/stories/" + story).body();
            String section = page.substring(page.indexOf("<section class=\"summary\""));
            section = section.substring(0, section.indexOf("</section>"));
            List<String> items = List.of(section.split("<li>"));
            assertThat(items).hasSizeGreaterThan(1);
            for (String li : items.subList(1, items.size())) {
                List<String> hrefs = java.util.regex.Pattern.compile("class=\"cite\" href=\"([^\"]+)\"")
                        .matcher(li).results().map(m -> m.group(1)).toList();
                assertThat(hrefs).as(li).isNotEmpty().doesNotHaveDuplicates();
            }
        }
    }

    /**
     * Claims and who said what, where: claim × outlet and speaker × outlet matrices for a few outlets (the BASIL
     * triplet); for many (the demo's Lindsay Lohan story, 21 outlets, where the matrices ran off the page and most of
     * their cells were empty), each claim and each speaker with the outlets that carry or quote it.
     */
    @Test
    void manyOutletsListWhoCarriesEachClaimAndQuotesEachSpeakerInsteadOfMatrices(@TempDir Path other) throws Exception {
        String triplet = json(app.get("/api/v1/articles/basil-" + Running.BASIL_STORY + "_1")).get("story").asText();
        String few = section(app.get("/stories/" + triplet).body(), "quotes");
        assertThat(few).contains("<table class=\"quote-grid\">").doesNotContain("speaker-list");
        assertThat(section(app.get("/stories/" + triplet).body(), "claims")).contains("<table class=\"claim-matrix\">")
                .doesNotContain("claim-list");

        List<String> lohan = Files.readAllLines(Path.of("..", "samples", "ecbplus-sample.articles.jsonl")).stream()
                .filter(l -> l.contains("\"story\":\"1_ecbplus\"")).toList();
        try (Running fresh = Running.withToken(other.resolve("data"))) {
            HttpResponse<String> posted = fresh.post("/api/v1/articles", "application/x-ndjson",
                    String.join("\n", lohan), TOKEN);
            assertThat(posted.statusCode()).as(posted.body()).isEqualTo(200);
            String story = json(fresh.get("/api/v1/articles/ecbplus-1_2ecbplus")).get("story").asText();
            JsonNode brief = json(fresh.get("/api/v1/stories/" + story + "/brief"));
            assertThat(brief.get("voices").size()).isGreaterThan(Pages.MATRIX_VOICES);
            // each summary citation is named by the outlet that printed the article it links to (a syndicated copy
            // by its own outlet, not its original's: the summary read "TODAY.COM TODAY.COM")
            String inBrief = section(fresh.get("/stories/" + story).body(), "summary");
            List<java.util.regex.MatchResult> cites = java.util.regex.Pattern.compile(
                    "class=\"cite\" href=\"/articles/([^\"]+)\">([^<]+)</a>").matcher(inBrief).results().toList();
            assertThat(cites).hasSizeGreaterThan(5);
            for (java.util.regex.MatchResult m : cites) {
                assertThat(m.group(2)).as(m.group(1))
                        .isEqualTo(json(fresh.get("/api/v1/articles/" + m.group(1))).get("outlet").asText());
            }
            String claims = section(fresh.get("/stories/" + story).body(), "claims");
            assertThat(claims).contains("<table class=\"claim-list\">").doesNotContain("claim-matrix")
                    .doesNotContain("not carried");
            // each claim lists exactly the outlets the brief has carrying it
            for (JsonNode c : brief.get("claims")) {
                int at = claims.indexOf("<td class=\"num\">" + c.get("id").asInt() + "</td>");
                assertThat(at).as("claim " + c.get("id")).isNotNegative();
                String row = claims.substring(at, claims.indexOf("</tr>", at));
                List<String> listed = java.util.regex.Pattern.compile("<span class=\"voice\">([^<]+)</span>")
                        .matcher(row).results().map(m -> m.group(1)).toList();
                assertThat(listed).as("claim " + c.get("id")).containsExactlyInAnyOrderElementsOf(texts(c.get("outlets")));
                assertThat(row).contains("<span class=\"status " + c.get("status").asText() + "\">");
            }
            String many = section(fresh.get("/stories/" + story).body(), "quotes");
            assertThat(many).contains("<ul class=\"speaker-list\">").doesNotContain("quote-grid")
                    .doesNotContain("not quoted");
            // each speaker lists exactly the outlets the brief has quoting them
            for (JsonNode sp : brief.get("speakers")) {
                String name = sp.get("name").asText();
                int at = many.indexOf("<p class=\"speaker\">" + escape(name));
                assertThat(at).as(name).isNotNegative();
                String item = many.substring(at, many.indexOf("</li>\n", many.indexOf("</dl>", at)));
                List<String> listed = java.util.regex.Pattern.compile("<dt class=\"outlet\">([^<]+)</dt>")
                        .matcher(item).results().map(m -> m.group(1)).toList();
                assertThat(listed).as(name).containsExactlyInAnyOrderElementsOf(texts(sp.get("outlets")));
            }
        }
    }

    private static String section(String page, String id) {
        String s = page.substring(page.indexOf("aria-labelledby=\"" + id + "\""));
        return s.substring(0, s.indexOf("</section>"));
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new java.util.ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    @Test
    void cursorsWalkEveryStoryAndArticleOnceWithoutRepeats() {
        for (String sort : List.of("recent", "coverage")) {
            List<String> all = ids(app.get("/api/v1/stories?limit=100&sort=" + sort));
            assertThat(walk("/api/v1/stories?limit=1&sort=" + sort)).isEqualTo(all);
        }
        List<String> articles = ids(app.get("/api/v1/articles?limit=100"));
        assertThat(articles).contains("000_6ff38f1c0ac05301", "basil-85475456-f38e-4c30-895d-ca2c819c6af1_3");
        assertThat(walk("/api/v1/articles?limit=2")).isEqualTo(articles);
        List<String> entities = ids(app.get("/api/v1/entities?limit=100"));
        assertThat(entities).hasSizeGreaterThan(10).doesNotHaveDuplicates();
        assertThat(walk("/api/v1/entities?limit=7")).isEqualTo(entities);
    }

    private List<String> walk(String first) {
        List<String> seen = new ArrayList<>();
        String path = first;
        for (int guard = 0; guard < 1000; guard++) {
            HttpResponse<String> r = app.get(path);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            seen.addAll(ids(r));
            JsonNode next = json(r).get("next");
            if (next.isNull()) {
                return seen;
            }
            path = first + "&cursor=" + next.asText();
        }
        throw new AssertionError("pagination never ends: " + seen);
    }

    private static List<String> ids(HttpResponse<String> r) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        json(r).get("items").forEach(i -> ids.add(i.get("id").asText()));
        return ids;
    }

    @Test
    void searchFindsArticlesByWordsAndMarksTheMatches() {
        HttpResponse<String> r = app.get("/api/v1/search?q=Shangri-La");
        assertThat(ids(r)).containsExactlyInAnyOrder("000_6ff38f1c0ac05301", "002_ffa190864f8b1c5b");
        for (JsonNode hit : json(r).get("items")) {
            String snippet = hit.get("snippet").asText();
            assertThat(hit.get("matches")).isNotEmpty().allSatisfy(m -> assertThat(
                    snippet.substring(m.get("start").asInt(), m.get("end").asInt())).isIn("Shangri", "La"));
        }
        assertThat(ids(app.get("/api/v1/search?q=outrightly+declined"))).containsExactly("002_ffa190864f8b1c5b");
        assertThat(ids(app.get("/api/v1/search?q=blumenthal+vietnam"))).contains(
                "basil-85475456-f38e-4c30-895d-ca2c819c6af1_1");
        assertThat(ids(app.get("/api/v1/search?q=zzyzx"))).isEmpty();
        problem(app.get("/api/v1/search"), 400, "missing 'q'");
    }

    @Test
    void batchWithOneBadArticleStoresTheGoodOnesAndReportsTheBadOne() {
        String body = """
                [{"id": "batch-good-1", "source": "ap", "published": "2024-01-02", "text": "The bridge reopened on Tuesday after repairs that took three months."},
                 {"id": "batch-bad", "source": "ap", "published": "yesterday", "text": "A date nobody can read."},
                 {"id": "batch-good-2", "source": "bbc", "text": "Wildlife officers counted forty seals on the sandbank at low tide."},
                 42]""";
        HttpResponse<String> r = app.post("/api/v1/articles", "application/json", body, TOKEN);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode n = json(r);
        assertThat(n.get("stored").asInt()).isEqualTo(2);
        assertThat(n.get("rejected").asInt()).isEqualTo(2);
        assertThat(n.get("storiesOpened").asInt()).isEqualTo(2); // a bridge and seals: nothing in common
        assertThat(n.get("storiesMerged").asInt()).isZero();
        JsonNode results = n.get("results");
        assertThat(results.get(0).get("status").asText()).isEqualTo("stored");
        assertThat(results.get(0).get("story").asText()).isNotBlank();
        assertThat(results.get(1).get("item").asText()).isEqualTo("item 2");
        assertThat(results.get(1).get("status").asText()).isEqualTo("rejected");
        assertThat(results.get(1).get("id").asText()).isEqualTo("batch-bad"); // the article refused, by its id
        assertThat(results.get(3).get("id").isNull()).isTrue(); // 42 gives none
        assertThat(results.get(1).get("detail").asText())
                .isEqualTo("invalid \"published\": not an ISO 8601 date or date-time: 'yesterday'");
        assertThat(results.get(3).get("detail").asText()).isEqualTo("not a JSON object but a number");
        assertThat(app.get("/api/v1/articles/batch-good-2").statusCode()).isEqualTo(200);
        problem(app.get("/api/v1/articles/batch-bad"), 404, "no article 'batch-bad'");

        // The same again: both good ones are duplicates now, and nothing new is stored.
        JsonNode again = json(app.post("/api/v1/articles", "application/json", body, TOKEN));
        assertThat(again.get("duplicates").asInt()).isEqualTo(2);
        assertThat(again.get("stored").asInt()).isZero();
        assertThat(again.get("storiesOpened").asInt()).isZero();
    }

    @Test
    void malformedBodyStoresNothingAndSaysWhere() {
        int before = app.store.articleCount();
        String body = "[{\"id\": \"mal-1\", \"text\": \"Fine text here.\"},\n {\"id\": \"mal-2\", \"text\": \"Cut\" ";
        problem(app.post("/api/v1/articles", "application/json", body, TOKEN), 400, "malformed JSON at line 2, column");
        String lines = "{\"id\": \"mal-3\", \"text\": \"Fine text here.\"}\n{\"id\": \"mal-4\", text: 1}\n";
        problem(app.post("/api/v1/articles", "application/x-ndjson", lines, TOKEN), 400,
                "malformed JSON at line 2, column 17: Unexpected character ('t'");
        problem(app.post("/api/v1/articles", "application/json", "", TOKEN), 400, "the body is empty");
        problem(app.post("/api/v1/articles", "application/json", "{\"a\":1}{\"b\":2}", TOKEN), 400,
                "more than one JSON value");
        problem(app.post("/api/v1/articles", "text/plain", "hello", TOKEN), 415, "Content-Type text/plain is not accepted");
        assertThat(app.store.articleCount()).isEqualTo(before);
        assertThat(app.get("/api/v1/articles/mal-1").statusCode()).isEqualTo(404);
        assertThat(app.get("/api/v1/articles/mal-3").statusCode()).isEqualTo(404);
    }

    @Test
    void writesNeedTheBearerToken() {
        String body = "{\"id\": \"auth-1\", \"text\": \"Nobody may write this without the token.\"}";
        HttpResponse<String> none = app.post("/api/v1/articles", "application/json", body, null);
        problem(none, 401, "writes need the header Authorization: Bearer TOKEN");
        assertThat(none.headers().firstValue("WWW-Authenticate")).contains("Bearer realm=\"parallax\"");
        HttpResponse<String> wrong = app.post("/api/v1/articles", "application/json", body, "guess");
        problem(wrong, 401, "the bearer token is not the one this server was started with");
        assertThat(wrong.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                v -> assertThat(v).contains("error=\"invalid_token\""));
        assertThat(app.get("/api/v1/articles/auth-1").statusCode()).isEqualTo(404);
    }

    @Test
    void serverWithoutTokenRefusesEveryWriteAndSaysHowToAllowThem(@TempDir Path other) {
        try (Running open = new Running(other, ServerConfig.of("127.0.0.1", 0, null))) {
            problem(open.post("/api/v1/articles", "application/json", "{\"id\":\"x\",\"text\":\"y\"}", "anything"),
                    403, "restart it with --token TOKEN (or PARALLAX_TOKEN set)");
            assertThat(open.store.articleCount()).isZero();
            assertThat(open.get("/api/v1/stories").statusCode()).isEqualTo(200); // reads stay open
        }
    }

    @Test
    void tooLargeBodyIsRefusedWith413(@TempDir Path other) {
        try (Running small = new Running(other, new ServerConfig("127.0.0.1", 0, TOKEN, 4096))) {
            String text = "word ".repeat(2000);
            problem(small.post("/api/v1/articles", "application/json",
                    "{\"id\":\"big\",\"text\":\"" + text + "\"}", TOKEN), 413, "at most 4096 are accepted");
            assertThat(small.store.articleCount()).isZero();
        }
    }

    @Test
    void badRequestsGetPreciseProblems() {
        problem(app.get("/api/v1/nope"), 404, "no route GET /api/v1/nope");
        problem(app.get("/api/v1/stories/no-such-story"), 404, "no story 'no-such-story'");
        problem(app.get("/api/v1/stories/no-such-story/brief"), 404, "no story 'no-such-story'");
        HttpResponse<String> delete = app.send(HttpRequest.newBuilder(app.uri("/api/v1/stories")).DELETE().build());
        problem(delete, 405, "DELETE is not allowed on /api/v1/stories: use GET");
        assertThat(delete.headers().firstValue("Allow")).contains("GET");
        problem(app.send(HttpRequest.newBuilder(app.uri("/api/v1/articles"))
                .PUT(HttpRequest.BodyPublishers.ofString("{}")).build()), 405, "use POST or GET");
        HttpResponse<String> deleteOne = app.send(HttpRequest.newBuilder(
                app.uri("/api/v1/articles/000_6ff38f1c0ac05301")).DELETE().build());
        problem(deleteOne, 405, "DELETE is not allowed on /api/v1/articles/000_6ff38f1c0ac05301: use GET");
        problem(app.get("/api/v1/stories?cursor=bm9wZQ"), 400, "cursor 'bm9wZQ' is not one this listing gave out");
        problem(app.get("/api/v1/stories?cursor=***"), 400, "is not one this listing gave out");
        problem(app.get("/api/v1/articles?cursor=" + cursorOfOtherSort()), 400, "is not one this listing gave out");
        problem(app.get("/api/v1/stories?from=2023-13-01"), 400, "invalid 'from': '2023-13-01' is not a date like");
        problem(app.get("/api/v1/stories?from=2024-01-02&to=2024-01-01"), 400, "'from' (2024-01-02) is after 'to'");
        problem(app.get("/api/v1/stories?entity=Pentagon"), 400, "no entity 'Pentagon': the entity filter takes an id");
        problem(app.get("/api/v1/entities/person-nobody"), 404, "no entity 'person-nobody'");
        problem(app.get("/api/v1/entities?type=people"), 400,
                "invalid 'type': 'people' (expected person, organization, place, other)");
        problem(app.get("/api/v1/entities?q=%2B%2B"), 400, "invalid 'q': it holds no letter or digit");
        problem(app.get("/api/v1/entities?cursor=" + cursorOfOtherSort()), 400, "is not one this listing gave out");
        problem(app.get("/api/v1/stories?sort=oldest"), 400, "invalid 'sort': 'oldest' (expected recent or coverage)");
        problem(app.get("/api/v1/stories?limit=0"), 400, "invalid 'limit': '0' (expected a whole number from 1 to 100)");
        problem(app.get("/api/v1/stories?outlets=fox"), 400, "unknown query parameter 'outlets' (expected cursor,");
    }

    private String cursorOfOtherSort() {
        return json(app.get("/api/v1/stories?limit=1")).get("next").asText();
    }

    @Test
    void openApiDocumentsExactlyTheRoutesTheServerAnswers() {
        JsonNode doc = json(app.get("/api/v1/openapi.json"));
        assertThat(doc.get("openapi").asText()).startsWith("3.");
        Set<ParallaxServer.Route> documented = new HashSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = doc.get("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> p = paths.next();
            p.getValue().fieldNames().forEachRemaining(m ->
                    documented.add(new ParallaxServer.Route(m.toUpperCase(java.util.Locale.ROOT), p.getKey())));
        }
        assertThat(documented).containsExactlyInAnyOrderElementsOf(app.server.apiRoutes());
        // And each documented route is really answered: neither "no route" nor "method not allowed".
        String story = storyOf("000_6ff38f1c0ac05301");
        for (ParallaxServer.Route r : documented) {
            String path = r.path().replace("{id}", r.path().contains("articles") ? "000_6ff38f1c0ac05301"
                    : r.path().contains("entities") ? "person-richard-blumenthal" : story);
            HttpRequest.Builder b = HttpRequest.newBuilder(app.uri(path));
            HttpResponse<String> res = app.send(r.method().equals("POST")
                    ? b.POST(HttpRequest.BodyPublishers.noBody()).build() : b.GET().build());
            assertThat(res.statusCode()).as(r + ": " + res.body()).isNotIn(404, 405);
        }
    }

    @Test
    void pagesAreHtmlAndTheirErrorsArePagesToo() {
        HttpResponse<String> feed = app.get("/?sort=coverage");
        assertThat(feed.statusCode()).isEqualTo(200);
        assertThat(feed.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html").contains("utf-8");
        assertThat(feed.body()).contains("<title>Stories · Parallax</title>", "Richard Blumenthal",
                "href=\"/static/parallax.css\"");
        HttpResponse<String> missing = app.get("/stories/nope");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        assertThat(missing.body()).contains("no story 'nope'");
        HttpResponse<String> bad = app.get("/?sort=oldest");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("invalid 'sort'");
        assertThat(app.get("/search?q=Blumenthal").body()).contains("<mark>Blumenthal</mark>");
        String ryders = app.get("/entities?q=ryder&type=person").body();
        assertThat(ryders).contains("href=\"/entities/person-patrick-ryder\"", "Pat Ryder");
        assertThat(app.get("/entities?q=zzyzx").body()).contains("No entity matches.");
        HttpResponse<String> badType = app.get("/entities?type=people");
        assertThat(badType.statusCode()).isEqualTo(400);
        assertThat(badType.body()).contains("invalid 'type': 'people'");
        assertThat(app.get("/entities/person-nobody").statusCode()).isEqualTo(404);
    }

    @Test
    void everyResponseCarriesTheSecurityHeaders() {
        for (String path : List.of("/api/v1/stories", "/api/v1/nope", "/", "/static/parallax.css", "/no-page")) {
            HttpResponse<String> r = app.get(path);
            ParallaxServer.SECURITY_HEADERS.forEach((name, value) ->
                    assertThat(r.headers().firstValue(name)).as(path + " " + name).contains(value));
        }
        assertThat(ParallaxServer.SECURITY_HEADERS.get("Content-Security-Policy"))
                .contains("script-src 'self'", "frame-ancestors 'none'").doesNotContain("unsafe-inline");
    }

    /** Asserts an RFC 9457 problem with all its members and a detail that says what is wrong. */
    static void problem(HttpResponse<String> r, int status, String detail) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(
                v -> assertThat(v).startsWith("application/problem+json"));
        JsonNode p = json(r);
        assertThat(p.get("status").asInt()).isEqualTo(status);
        assertThat(p.get("type").asText()).startsWith("urn:parallax:problem:");
        assertThat(p.get("title").asText()).isNotBlank();
        assertThat(p.get("instance").asText()).isEqualTo(r.uri().getPath());
        assertThat(p.get("detail").asText()).contains(detail);
    }
}
