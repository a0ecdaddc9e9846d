package dev.parallax.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parallax.core.dedup.DuplicateLink;
import dev.parallax.core.model.Article;
import dev.parallax.core.model.RawArticle;
import dev.parallax.core.model.StorySummary;
import dev.parallax.core.pipeline.IngestReport;
import dev.parallax.core.pipeline.IngestReport.Outcome;
import dev.parallax.core.pipeline.IngestReport.Status;
import dev.parallax.core.pipeline.Pipelines;
import dev.parallax.core.store.Store;
import dev.parallax.ingest.Sources;
import dev.parallax.store.ArticleJson;
import dev.parallax.store.SqliteStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Spark job against the single-machine ingest: the same input into two fresh SQLite stores must give the same
 * stories, the same article-to-story assignment and the same duplicate lineage.
 */
class SparkIngestTest {
    private static final Path SHARED = Path.of(System.getProperty("parallax.shared", "../../shared"));
    private static final ObjectMapper JSON = new ObjectMapper();
    private static SparkSession session;
    private static JavaSparkContext spark;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        session = SparkSession.builder().master("local[2]").appName("parallax-spark test")
                .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1").getOrCreate();
        spark = JavaSparkContext.fromSparkContext(session.sparkContext());
    }

    @AfterAll
    static void stop() {
        session.stop();
    }

    /**
     * Seeds (plain text, undated) and the first 300 Reuters-21578 articles, split over two files, with what makes
     * placing order matter: syndicated copies under other ids and outlets (exact, and cut to their first paragraphs),
     * and one id delivered twice with different texts, in two files (the first read is stored, the second a
     * duplicate).
     */
    @Test
    void sameStoriesAndLineageAsTheSingleMachineIngest() throws IOException {
        List<String> reuters;
        try (Stream<String> lines = Files.lines(SHARED.resolve("data/bulk/reuters21578.articles.jsonl"))) {
            reuters = lines.limit(300).toList();
        }
        Path inputs = Files.createDirectories(dir.resolve("inputs"));
        Files.write(inputs.resolve("a.jsonl"), reuters.subList(0, 150));
        List<String> second = new ArrayList<>(reuters.subList(150, 300));
        for (int i = 0; i < 300; i += 15) {
            ObjectNode copy = (ObjectNode) JSON.readTree(reuters.get(i));
            copy.put("id", "wire-" + copy.get("id").asText()).put("source", "wire");
            second.add(copy.toString());
            String text = copy.get("text").asText();
            String[] paragraphs = text.split("\n\n");
            if (paragraphs.length >= 4) {
                copy.put("id", "digest-" + copy.get("id").asText()).put("source", "digest")
                        .put("text", String.join("\n\n", List.of(paragraphs).subList(0, paragraphs.length / 2)));
                second.add(copy.toString());
            }
        }
        ObjectNode twice = (ObjectNode) JSON.readTree(reuters.get(7));
        twice.put("text", "A different text under an id already read. " + twice.get("text").asText());
        second.add(twice.toString());
        Files.write(inputs.resolve("b.jsonl"), second);
        List<Path> paths = List.of(SHARED.resolve("seeds"), inputs);

        Path single = dir.resolve("single");
        Path distributed = dir.resolve("spark");
        IngestReport one;
        try (Store store = SqliteStore.open(single)) {
            List<RawArticle> batch = new ArrayList<>();
            for (Path p : paths) {
                batch.addAll(Sources.readAll(p, (origin, reason) -> {}));
            }
            one = Pipelines.standard(store).ingest(batch, done -> {});
        }
        SparkIngest.Result result;
        try (Store store = SqliteStore.open(distributed)) {
            result = SparkIngest.run(spark, paths, store, new SparkIngest.Settings(null, false, 5, null), done -> {},
                    new PrintWriter(new StringWriter()));
        }
        IngestReport other = result.report();

        assertThat(result.files()).isEqualTo(4);
        assertThat(other.count(Status.STORED)).isEqualTo(one.count(Status.STORED)).isGreaterThan(300);
        assertThat(other.count(Status.DUPLICATE)).isEqualTo(one.count(Status.DUPLICATE));
        String id = twice.get("id").asText();
        for (IngestReport report : List.of(one, other)) {
            assertThat(report.outcomes()).filteredOn(o -> id.equals(o.articleId())).extracting(Outcome::status)
                    .containsExactlyInAnyOrder(Status.STORED, Status.DUPLICATE);
        }
        assertThat(other.count(Status.REJECTED)).isEqualTo(one.count(Status.REJECTED));
        assertThat(other.storiesOpened()).isEqualTo(one.storiesOpened());
        try (Store a = SqliteStore.open(single); Store b = SqliteStore.open(distributed)) {
            Map<String, String> storyOf = assignment(a);
            assertThat(assignment(b)).isEqualTo(storyOf);
            Map<String, List<DuplicateLink>> lineage = lineage(a);
            assertThat(lineage(b)).isEqualTo(lineage);
            // Not a vacuous comparison: stories of several articles, and copies of each kind linked.
            assertThat(a.stories()).anyMatch(s -> s.articleCount() >= 3);
            assertThat(lineage.values().stream().flatMap(List::stream).map(DuplicateLink::relation).distinct())
                    .hasSizeGreaterThanOrEqualTo(2);
            // The id read twice keeps the text read first, in both.
            assertThat(b.article(id).orElseThrow().text()).isEqualTo(a.article(id).orElseThrow().text())
                    .doesNotStartWith("A different text");
            // The analysed articles are stored alike, layers and all.
            ArticleJson codec = new ArticleJson();
            for (String articleId : List.of("reuters21578-1", "wire-reuters21578-16", id)) {
                assertThat(codec.write(b.article(articleId).orElseThrow()))
                        .isEqualTo(codec.write(a.article(articleId).orElseThrow()));
            }
        }
    }

    /**
     * Page template text is found over the whole input, as the single-machine ingest finds it in its batch, though the
     * job spreads the articles over partitions: the Advance Local sites' weather widget in their Helsinki pages.
     */
    @Test
    void templateTextIsFoundInTheWholeInputAsInOneBatch() throws IOException {
        Set<String> network = Set.of("nj.com", "nola.com", "syracuse.com", "oregonlive.com", "pennlive.com",
                "omaha.com");
        List<String> pages;
        try (Stream<String> lines = Files.lines(SHARED.resolve("data/helsinki/helsinki-2018.articles.jsonl"))) {
            pages = lines.filter(l -> network.contains(source(l))).toList();
        }
        assertThat(pages).hasSizeGreaterThan(12);
        Path inputs = Files.createDirectories(dir.resolve("inputs"));
        Files.write(inputs.resolve("a.jsonl"), pages.subList(0, pages.size() / 2));
        Files.write(inputs.resolve("b.jsonl"), pages.subList(pages.size() / 2, pages.size()));
        List<Path> paths = List.of(inputs);
        try (Store store = SqliteStore.open(dir.resolve("single"))) {
            Pipelines.standard(store).ingest(Sources.readAll(inputs, (origin, reason) -> {}), done -> {});
        }
        try (Store store = SqliteStore.open(dir.resolve("spark"))) {
            SparkIngest.run(spark, paths, store, new SparkIngest.Settings(null, false, 5, null), done -> {},
                    new PrintWriter(new StringWriter()));
        }
        try (Store a = SqliteStore.open(dir.resolve("single")); Store b = SqliteStore.open(dir.resolve("spark"))) {
            String widget = "Enter City and State or Zip Code";
            int templated = 0;
            for (String line : pages) {
                String id = JSON.readTree(line).get("id").asText();
                Article one = a.article(id).orElseThrow();
                assertThat(b.article(id).orElseThrow().text()).as(id).isEqualTo(one.text());
                if (line.contains(widget)) {
                    assertThat(one.text()).as(id).doesNotContain(widget);
                    templated++;
                }
            }
            assertThat(templated).isGreaterThanOrEqualTo(13);
        }
    }

    private static String source(String line) {
        try {
            return JSON.readTree(line).path("source").asText();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void analysedArticlesTravelAsJsonWithoutLoss() throws IOException {
        List<RawArticle> raw = Sources.readAll(SHARED.resolve("seeds"), (origin, reason) -> {});
        ArticleJson codec = new ArticleJson();
        for (RawArticle r : raw) {
            Article analysed = Pipelines.annotators().stream().reduce(Pipelines.cleaner().clean(r),
                    (a, annotator) -> annotator.annotateAll(List.of(a)).get(0), (x, y) -> y);
            String json = codec.write(analysed);
            Article back = codec.read(json);
            assertThat(codec.write(back)).isEqualTo(json);
            assertThat(back.layers().keys()).isEqualTo(analysed.layers().keys()).hasSizeGreaterThanOrEqualTo(5);
            assertThat(back.published()).isEqualTo(analysed.published());
            assertThat(back.removals()).isEqualTo(analysed.removals());
        }
    }

    @Test
    void placingRefusesArticlesOutOfPlacementOrder() throws IOException {
        List<Article> analysed = new ArrayList<>();
        for (RawArticle r : Sources.readAll(SHARED.resolve("seeds"), (origin, reason) -> {})) {
            analysed.add(Pipelines.cleaner().clean(r));
        }
        analysed.sort(dev.parallax.core.pipeline.Pipeline.PLACEMENT_ORDER.reversed());
        assertThat(analysed).hasSize(2);
        try (Store store = SqliteStore.open(dir.resolve("data"))) {
            assertThatThrownBy(() -> Pipelines.standard(store).placeAnalysed(analysed.iterator(), true, done -> {}))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("out of placement order");
        }
    }

    @Test
    void aMissingPathIsARejectedItemAndTheRestIsIngested() throws IOException {
        Path missing = dir.resolve("no-such.jsonl");
        SparkIngest.Result result;
        try (Store store = SqliteStore.open(dir.resolve("data"))) {
            result = SparkIngest.run(spark, List.of(missing, SHARED.resolve("seeds")), store,
                    new SparkIngest.Settings("seedwire", false, 2, null), done -> {}, new PrintWriter(new StringWriter()));
            assertThat(store.articleCount()).isEqualTo(2);
            assertThat(store.stories()).flatExtracting(StorySummary::outlets).extracting(Object::toString)
                    .containsOnly("seedwire");
        }
        List<Outcome> rejected = result.report().outcomes().stream().filter(o -> o.status() == Status.REJECTED)
                .toList();
        assertThat(rejected).singleElement().satisfies(o -> {
            assertThat(o.origin()).isEqualTo(missing.toString());
            assertThat(o.detail()).isEqualTo(missing + ": no such file or directory");
        });
    }

    @Test
    void badCommandLinesFailInOneLineWithTheirExitCode() {
        assertThat(run("--data", "postgresql://nobody@127.0.0.1:1/none?connectTimeout=2", "--master", "local[1]",
                SHARED.resolve("seeds").toString())).satisfies(r -> {
                    assertThat(r.code()).isEqualTo(SparkMain.IO);
                    assertThat(r.err().strip()).startsWith("parallax spark: ").doesNotContain("\n");
                });
        assertThat(run("--data", dir.resolve("d").toString(), "--partitions", "0", "x")).satisfies(r -> {
            assertThat(r.code()).isEqualTo(SparkMain.USAGE);
            assertThat(r.err()).contains("--partitions must be at least 1");
        });
        assertThat(run("--data", dir.resolve("d").toString())).satisfies(r -> {
            assertThat(r.code()).isEqualTo(SparkMain.USAGE);
            assertThat(r.err()).contains("Missing required parameter");
        });
    }

    @Test
    void theCommandPrintsItsSummaryAsJson() throws IOException {
        Path bad = Files.writeString(dir.resolve("notes.csv"), "not an article");
        Path articles = dir.resolve("analysed");
        Result r = run("--data", dir.resolve("d").toString(), "--no-briefs", "--json", "--articles",
                articles.toString(), SHARED.resolve("seeds").toString(), bad.toString());
        assertThat(r.code()).isEqualTo(SparkMain.REJECTED_INPUT);
        var root = JSON.readTree(r.out());
        assertThat(root.get("stored").asInt()).isEqualTo(2);
        assertThat(root.get("rejected").asInt()).isEqualTo(1);
        assertThat(root.get("files").asInt()).isEqualTo(2);
        assertThat(r.err()).contains("parallax spark: rejected " + bad);
        // The analysed articles, as they left analysis (placing may still revise an undated article's times).
        List<String> lines = new ArrayList<>();
        try (Stream<Path> parts = Files.list(articles)) {
            for (Path part : parts.filter(p -> p.getFileName().toString().startsWith("part-")).sorted().toList()) {
                lines.addAll(Files.readAllLines(part));
            }
        }
        ArticleJson codec = new ArticleJson();
        try (Store store = SqliteStore.open(dir.resolve("d"))) {
            assertThat(lines).hasSize(2).allSatisfy(line -> {
                Article analysed = codec.read(line);
                Article stored = store.article(analysed.id()).orElseThrow();
                assertThat(analysed.text()).isEqualTo(stored.text());
                assertThat(analysed.layers().keys()).isEqualTo(stored.layers().keys());
            });
        }
        assertThat(run("--data", dir.resolve("d").toString(), "--articles", articles.toString(), "x").err())
                .contains("--articles " + articles + " exists already");
    }

    private record Result(int code, String out, String err) {}

    /** The command in this JVM, reusing the test's Spark session (getOrCreate) rather than starting another. */
    private static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = new picocli.CommandLine(new SparkMain()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
                .setExecutionExceptionHandler(SparkMain::failure).execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    private static Map<String, String> assignment(Store store) {
        Map<String, String> storyOf = new TreeMap<>();
        store.forEachStored(a -> storyOf.put(a.id(), store.storyOf(a.id()).orElseThrow()));
        return storyOf;
    }

    private static Map<String, List<DuplicateLink>> lineage(Store store) {
        Map<String, List<DuplicateLink>> links = new TreeMap<>();
        for (StorySummary s : store.stories()) {
            links.put(s.id(), store.duplicateLinks(s.id()).stream()
                    .sorted(java.util.Comparator.comparing(DuplicateLink::articleId)).toList());
        }
        return links;
    }
}
